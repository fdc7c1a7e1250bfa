package org.mptcpverify.engine;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A bound an engine honours: its name (one vocabulary across engines, CLI, JSON and docs), its
 * least value, and what it limits.
 */
public record BoundKey(String name, int min, String meaning) {
    public static final BoundKey CONNECTIONS = new BoundKey("connections", 1, "connections per client");
    public static final BoundKey CLIENTS = new BoundKey("clients", 1, "clients per application (sharing its key)");
    public static final BoundKey JOINS = new BoundKey("joins", 1, "join exchanges per client");
    public static final BoundKey INJECTIONS = new BoundKey("injections", 0, "attacker-originated actions per behaviour");
    public static final BoundKey STEPS = new BoundKey("steps", 1, "actions per trace");

    /**
     * Checks that every key of {@code requested} is one of {@code keys} and at least its minimum.
     *
     * @throws BoundsException naming the first key that is not
     */
    public static void requireKnown(String engine, List<BoundKey> keys, Bounds requested) {
        requested.values().forEach((k, v) -> {
            BoundKey key = keys.stream().filter(b -> b.name().equals(k)).findFirst()
                    .orElseThrow(() -> new BoundsException("the " + engine + " engine has no bound '" + k
                            + "' (its bounds: " + keys.stream().map(BoundKey::name).collect(Collectors.joining(", "))
                            + "; qualify a key as ENGINE.KEY to give it to one engine only)"));
            if (v < key.min()) {
                throw new BoundsException(k + "=" + v + ": " + key.meaning() + " must be at least " + key.min());
            }
        });
    }
}
