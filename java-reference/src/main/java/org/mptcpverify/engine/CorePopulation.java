package org.mptcpverify.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mptcpverify.vocab.AttackId;

/**
 * Who exists in today's model core, the same in every engine: one connection per client, one
 * client per application except under two-keys-one-host (two applications' clients on one host).
 * A bound asking for another population is refused, never ignored: this core cannot build it.
 */
public final class CorePopulation {
    private CorePopulation() {}

    public static int connections() {
        return 1;
    }

    public static int clients(AttackId attack) {
        return attack == AttackId.TWO_KEYS_ONE_HOST || attack.insiderClient().isPresent() ? 2 : 1; // insider: victim + its own
    }

    /**
     * The start of every engine's {@link Engine#resolve}: {@code requested} checked against the
     * engine's keys and this population, and the resolved bounds begun with the population.
     *
     * @throws BoundsException naming the first key that cannot be honoured
     */
    public static Map<String, Integer> resolveStart(String engine, List<BoundKey> keys, AttackId attack,
                                                    Bounds requested) {
        BoundKey.requireKnown(engine, keys, requested);
        require(attack, requested);
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("connections", connections());
        m.put("clients", clients(attack));
        return m;
    }

    /**
     * Checks {@code connections} and {@code clients} of {@code requested} against the population.
     *
     * @throws BoundsException when either asks for another one
     */
    public static void require(AttackId attack, Bounds requested) {
        requested.get("connections").ifPresent(n -> {
            if (n != connections()) {
                throw new BoundsException("connections=" + n + ": the current model core has exactly "
                        + connections() + " connection per client");
            }
        });
        requested.get("clients").ifPresent(n -> {
            if (n != clients(attack)) {
                throw new BoundsException("clients=" + n + ": the current model core has exactly " + clients(attack)
                        + " client(s) under " + attack.wireName() + " (2 only under two-keys-one-host, else 1)");
            }
        });
    }
}
