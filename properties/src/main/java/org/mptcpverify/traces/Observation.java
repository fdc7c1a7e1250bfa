package org.mptcpverify.traces;

/**
 * What the attacker of an attack sees on the wire, as far as the generator needs to know it: only
 * to decide whether a {@code SpoofJoinSyn} in mode {@code replay} has a SYN+MP_JOIN to replay.
 * The reference decides what is really observed; this is the generator's abstraction of it.
 */
public enum Observation {
    /** No attacker, or one that sees nothing. */
    NOTHING,
    /** Every segment on p1 during Connect: never a join SYN (joins run on p2). */
    HANDSHAKE,
    /** Every segment of every legitimate action until the attacker's first active action. */
    ALL_UNTIL_ACTIVE,
    /** Every segment on p2, all the time: every join SYN. */
    PATH_P2;

    /** Whether a legitimate join of this kind, at this point of the trace, is seen. */
    boolean seesJoin(boolean attackerActedBefore) {
        return switch (this) {
            case NOTHING, HANDSHAKE -> false;
            case ALL_UNTIL_ACTIVE -> !attackerActedBefore;
            case PATH_P2 -> true;
        };
    }
}
