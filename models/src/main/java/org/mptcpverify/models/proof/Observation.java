package org.mptcpverify.models.proof;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mptcpverify.models.core.CoreMessage;

/**
 * What an attacker profile observes (docs/threat-model.md, "Attacker profiles"), read as message
 * kinds: {@code always} it sees whenever they are sent, {@code untilActive} only before its first
 * injection. Besides these it sees every answer to a segment it injected (an answer to a segment
 * from its own address reaches it; counting answers to spoofed segments too only strengthens it).
 * Both observation sets are taken over the whole connection (both paths), a superset of the
 * profile's one path.
 */
public record Observation(Set<CoreMessage> always, Set<CoreMessage> untilActive) {
    private static final Set<CoreMessage> HANDSHAKE_AND_KEYS = EnumSet.of(CoreMessage.MPC_SYN, CoreMessage.MPC_SYNACK,
            CoreMessage.MPC_ACK, CoreMessage.KEY_A, CoreMessage.KEY_B);
    private static final Observation HANDSHAKE_ALWAYS = new Observation(HANDSHAKE_AND_KEYS, Set.of());
    // add-addr-mitm: a client may join the address the attacker advertised (docs/threat-model.md,
    // "the relay step"), so the client's join SYN and third ACK can reach the attacker's own host;
    // the abstraction fixes addresses, so it lets the attacker see every client join segment, always
    private static final Observation HANDSHAKE_AND_CLIENT_JOINS = new Observation(union(HANDSHAKE_AND_KEYS,
            EnumSet.of(CoreMessage.JOIN_SYN, CoreMessage.JOIN_ACK)), Set.of());
    // every message the proofs' profiles exchange: the path-manager options exist only in the
    // profiles that name them (remove-addr-forge, mp-prio-forge), none of which has a proof
    private static final Observation ALL_UNTIL_ACTIVE = new Observation(Set.of(),
            EnumSet.complementOf(EnumSet.of(CoreMessage.REMOVE_ADDR, CoreMessage.MP_PRIO)));

    /** The profiles with a proof, by their shared attack name (MptcpCore.tla `Profiles`). */
    private static final Map<String, Observation> PROFILES = Map.of(
            "eavesdrop-handshake", HANDSHAKE_ALWAYS,
            "add-addr-mitm", HANDSHAKE_AND_CLIENT_JOINS,
            "eavesdrop-all", ALL_UNTIL_ACTIVE,
            "fastclose-forge", ALL_UNTIL_ACTIVE);

    public static Optional<Observation> ofProfile(String attack) {
        return Optional.ofNullable(PROFILES.get(attack));
    }

    private static Set<CoreMessage> union(Set<CoreMessage> a, Set<CoreMessage> b) {
        Set<CoreMessage> u = EnumSet.copyOf(a);
        u.addAll(b);
        return u;
    }

    boolean passive(CoreMessage g) {
        return always.contains(g) || untilActive.contains(g);
    }
}
