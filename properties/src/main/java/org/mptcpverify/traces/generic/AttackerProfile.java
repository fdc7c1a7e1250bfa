package org.mptcpverify.traces.generic;

import java.util.List;
import org.mptcpverify.segment.ObservationRights;
import org.mptcpverify.vocab.AttackId;

/**
 * An attack column as data for the generic segment-level attacker: where it reads, whether and
 * where it acts (the reference replayer's {@link ObservationRights}, shared with the generic
 * core), which clients the population has and which sides hold the external key. Within a
 * profile the attacker is free: any message it can build, any segment it read, any move its
 * position allows. A new profile is one entry in {@link ObservationRights#of} and one here.
 *
 * @param clients     the population's clients (one connection each, the replayer's plan)
 * @param keyedSides  the key placements to try, one per try in turn ("both", "client", "server")
 */
public record AttackerProfile(AttackId attack, ObservationRights rights, List<String> clients,
                              List<String> keyedSides) {
    /** The messages an active attacker may build and inject (those the reference replayer builds). */
    public static final List<String> INJECTABLE = List.of("JOIN_SYN", "JOIN_SYNACK", "JOIN_ACK", "FASTCLOSE", "ADD_ADDR", "REMOVE_ADDR",
            "MP_PRIO", "ADD_ADDR_A", "FASTCLOSE_B");
    /** Spoofed sources: three, enough to exceed the contract's half-open limit of 2. */
    public static final List<String> SPOOFED = List.of("spoof1", "spoof2", "spoof3");

    public static AttackerProfile of(AttackId attack) {
        // two-keys-one-host and the insider columns have a second client (the insider's own connection: c2)
        List<String> clients = attack == AttackId.TWO_KEYS_ONE_HOST || attack.insiderClient().isPresent()
                ? List.of("c1", "c2") : List.of("c1");
        // syn-flood-amplification: c1 is the attacker's own host, which does not hold the application's key
        List<String> sides = attack == AttackId.ONE_SIDED_KEY ? List.of("client", "server")
                : attack == AttackId.SYN_FLOOD_AMPLIFICATION ? List.of("server") : List.of("both");
        return new AttackerProfile(attack, ObservationRights.of(attack), clients, sides);
    }

    /**
     * The path manager's requests the population's clients send themselves and the attacker may
     * forge (MptcpCore.tla P.pm): only in the profiles that name them.
     */
    public List<String> pathManager() {
        return switch (attack) {
            case REMOVE_ADDR_FORGE -> List.of("REMOVE_ADDR");
            case MP_PRIO_FORGE -> List.of("MP_PRIO");
            default -> List.of();
        };
    }

    /**
     * Whether the server withdraws the address it advertised (REMOVE_ADDR, once its ADD_ADDR has
     * arrived), so that a copy of that ADD_ADDR sent later is stale (MptcpCore.tla P.withdraw).
     */
    public boolean serverWithdraws() {
        return attack == AttackId.ADD_ADDR_REPLAY;
    }

    /**
     * Whether it replays an ADD_ADDR it read once that segment has been delivered: on its own
     * subflow again, or on another connection it read (MptcpCore.tla ReplayAddr).
     */
    public boolean replaysDeliveredAddAddr() {
        return attack == AttackId.ADD_ADDR_REPLAY;
    }

    /** Whether it has any capability at all (the functional columns have none). */
    public boolean hasAttacker() {
        return rights.inject() || !rights.onPath().isEmpty() || !rights.paths().isEmpty();
    }

    public boolean onPath(String path) {
        return rights.onPath().contains(path);
    }
}
