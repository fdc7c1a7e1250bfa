package org.mptcpverify.segment;

import java.util.Set;
import org.mptcpverify.vocab.AttackId;

/**
 * What an attack's attacker may do in a segment-level trace: the generic core's attacker profiles
 * (MptcpCore.tla {@code Profiles}, docs/threat-model.md "Attacker profiles"), so a replayed trace
 * cannot give the attacker a segment its position does not show it.
 *
 * @param paths      paths whose segments it reads (besides anything to or from x.a)
 * @param phases     phases of the messages it reads there
 * @param untilActive it reads only until its first injection or replay
 * @param inject     it originates segments
 * @param onPath     paths where it drops and rewrites segments in flight
 * @param onPathPhases phases of the messages it drops, rewrites or tampers with there (every phase
 *                   unless the profile is on path only during the handshake)
 */
public record ObservationRights(Set<String> paths, Set<String> phases, boolean untilActive, boolean inject,
                                Set<String> onPath, Set<String> onPathPhases) {
    static final Set<String> ALL = Set.of("handshake", "keys", "join", "addr", "close");

    /** A profile that is on its paths in every phase. */
    public ObservationRights(Set<String> paths, Set<String> phases, boolean untilActive, boolean inject, Set<String> onPath) {
        this(paths, phases, untilActive, inject, onPath, ALL);
    }

    public static ObservationRights of(AttackId attack) {
        return switch (attack) {
            case EAVESDROP_HANDSHAKE, ADD_ADDR_MITM ->
                    new ObservationRights(Set.of("p1"), Set.of("handshake", "keys"), false, true, Set.of());
            case EAVESDROP_ALL, JOIN_DOS, FASTCLOSE_FORGE, REMOVE_ADDR_FORGE, MP_PRIO_FORGE ->
                    new ObservationRights(Set.of("p1", "p2"), ALL, true, true, Set.of());
            case SYN_JOIN_REWRITE -> new ObservationRights(Set.of("p2"), ALL, false, true, Set.of("p2"));
            // issue 13: on p1 during the MP_CAPABLE handshake only; the downgrader strips or edits
            // options and flags (no injection), the man in the middle also drops, answers and
            // injects there (the key agreement's messages too) and injects from off path afterwards
            case HANDSHAKE_DOWNGRADE -> new ObservationRights(Set.of("p1"), Set.of("handshake"), false, false, Set.of("p1"),
                    Set.of("handshake"));
            case HANDSHAKE_MITM -> new ObservationRights(Set.of("p1"), Set.of("handshake", "keys"), false, true, Set.of("p1"),
                    Set.of("handshake", "keys"));
            // reads the path-manager options on the first path (never the handshake: it cannot build
            // an ADD_ADDR HMAC itself) and sends copies of them later
            case ADD_ADDR_REPLAY -> new ObservationRights(Set.of("p1"), Set.of("addr"), false, true, Set.of());
            // the population's client is the attacker's own host (its connection, without the
            // application's external key): it reads all of that connection and injects
            case SYN_FLOOD_AMPLIFICATION -> new ObservationRights(Set.of("p1", "p2"), ALL, false, true, Set.of());
            // issue 13: a legitimate client; besides its own connection (read whole: SegmentReplayer
            // counts the insider's host as its own, as x.a) it reads the victim's MP_CAPABLE
            // handshake on p1 as eavesdrop-handshake does, and injects from off path
            case INSIDER, INSIDER_OTHER_APP -> new ObservationRights(Set.of("p1"), Set.of("handshake", "keys"), false, true, Set.of());
            // the blind insider: its own connection only (to or from its host), nothing of the victim's
            case INSIDER_BLIND -> new ObservationRights(Set.of(), Set.of(), false, true, Set.of());
            default -> new ObservationRights(Set.of(), Set.of(), false, false, Set.of());
        };
    }

    /** The phase of a core message. */
    public static String phaseOf(String msg) {
        if (msg.startsWith("MPC_") || msg.equals("HS_ACK")) return "handshake";
        if (msg.startsWith("KEY_")) return "keys";
        if (msg.startsWith("JOIN_")) return "join";
        return msg.startsWith("ADD_ADDR") || msg.equals("REMOVE_ADDR") || msg.equals("MP_PRIO") ? "addr" : "close";
    }

    /** Whether it may drop, rewrite or tamper with a segment of {@code msg} in flight on {@code path}. */
    public boolean actsOn(String msg, String path) {
        return onPath.contains(path) && onPathPhases.contains(phaseOf(msg));
    }

    /** Whether it reads a segment of {@code msg} on {@code path}, to or from x.a or not, active or not. */
    public boolean reads(String msg, String path, boolean touchesX, boolean active) {
        return touchesX || paths.contains(path) && phases.contains(phaseOf(msg)) && !(untilActive && active);
    }
}
