package org.mptcpverify.scheme;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.collect.Ordered;

/**
 * One side's authentication state for one connection, owned by the scheme: what was negotiated
 * in MP_CAPABLE and what the join, ADD_ADDR and MP_FASTCLOSE authenticators are computed from.
 * Not every scheme uses every field; unused ones keep their defaults.
 *
 * @param role          A (client) or B (server)
 * @param mptcp         this side considers the connection MPTCP (false: plain TCP)
 * @param extMode       the external-key mode is in use on this connection (negotiated by the
 *                      scheme's signal, or unsignalled: this side's application enabled it)
 * @param keyActive     draft-baerts: the peer's NEW_KEY matched, the external key authenticates
 * @param hasLocalKey   a 64-bit MPTCP key of this side exists ({@code localKey})
 * @param hasRemoteKey  the peer's 64-bit MPTCP key was received ({@code remoteKey})
 * @param localToken    the token identifying the connection at this side
 * @param remoteToken   the peer's token (the join SYN token field of plain MPTCP)
 * @param extKey        this socket's external key, or null
 * @param connKey       bound-key: Kc, or null
 * @param usedTickets   bound-key server: join ticket indices already used
 * @param slots         a scheme run from its definition (org.mptcpverify.definition): its state slots by name
 */
public record ConnKeys(Role role, boolean mptcp, boolean extMode, boolean keyActive,
                       boolean hasLocalKey, long localKey, boolean hasRemoteKey, long remoteKey,
                       int localToken, int remoteToken, Bytes extKey, Bytes connKey,
                       Set<Integer> usedTickets, Map<String, Bytes> slots) {

    public ConnKeys {
        usedTickets = Ordered.copy(usedTickets);
        slots = Ordered.copy(slots);
    }

    public static ConnKeys start(Role role, Bytes extKey) {
        return new ConnKeys(role, false, false, false, false, 0, false, 0, 0, 0, extKey, null, Set.of(), Map.of());
    }

    public boolean hasExtKey() {
        return extKey != null;
    }

    public ConnKeys withMptcp(boolean v) {
        return new ConnKeys(role, v, extMode, keyActive, hasLocalKey, localKey, hasRemoteKey, remoteKey,
                localToken, remoteToken, extKey, connKey, usedTickets, slots);
    }

    public ConnKeys withExtMode(boolean v) {
        return new ConnKeys(role, mptcp, v, keyActive, hasLocalKey, localKey, hasRemoteKey, remoteKey,
                localToken, remoteToken, extKey, connKey, usedTickets, slots);
    }

    public ConnKeys withKeyActive(boolean v) {
        return new ConnKeys(role, mptcp, extMode, v, hasLocalKey, localKey, hasRemoteKey, remoteKey,
                localToken, remoteToken, extKey, connKey, usedTickets, slots);
    }

    public ConnKeys withLocalKey(long k) {
        return new ConnKeys(role, mptcp, extMode, keyActive, true, k, hasRemoteKey, remoteKey,
                localToken, remoteToken, extKey, connKey, usedTickets, slots);
    }

    public ConnKeys withRemoteKey(long k) {
        return new ConnKeys(role, mptcp, extMode, keyActive, hasLocalKey, localKey, true, k,
                localToken, remoteToken, extKey, connKey, usedTickets, slots);
    }

    public ConnKeys withTokens(int local, int remote) {
        return new ConnKeys(role, mptcp, extMode, keyActive, hasLocalKey, localKey, hasRemoteKey, remoteKey,
                local, remote, extKey, connKey, usedTickets, slots);
    }

    public ConnKeys withExtKey(Bytes k) {
        return new ConnKeys(role, mptcp, extMode, keyActive, hasLocalKey, localKey, hasRemoteKey, remoteKey,
                localToken, remoteToken, k, connKey, usedTickets, slots);
    }

    public ConnKeys withConnKey(Bytes kc) {
        return new ConnKeys(role, mptcp, extMode, keyActive, hasLocalKey, localKey, hasRemoteKey, remoteKey,
                localToken, remoteToken, extKey, kc, usedTickets, slots);
    }

    public ConnKeys withTicketUsed(int index) {
        Set<Integer> used = new TreeSet<>(usedTickets);
        used.add(index);
        return new ConnKeys(role, mptcp, extMode, keyActive, hasLocalKey, localKey, hasRemoteKey, remoteKey,
                localToken, remoteToken, extKey, connKey, used, slots);
    }

    public ConnKeys withSlots(Map<String, Bytes> s) {
        return new ConnKeys(role, mptcp, extMode, keyActive, hasLocalKey, localKey, hasRemoteKey, remoteKey,
                localToken, remoteToken, extKey, connKey, usedTickets, s);
    }

    /** The client's key (Key-A) and the server's key (Key-B), whichever side this is. */
    public long keyA() {
        return role == Role.A ? localKey : remoteKey;
    }

    public long keyB() {
        return role == Role.B ? localKey : remoteKey;
    }

    public int tokenA() {
        return role == Role.A ? localToken : remoteToken;
    }

    public int tokenB() {
        return role == Role.B ? localToken : remoteToken;
    }

    @Override
    public String toString() {
        // Keys are secrets: never in logs.
        return "ConnKeys[" + role + (mptcp ? " mptcp" : " tcp") + (extMode ? " ext" : "")
                + (keyActive ? " active" : "") + "]";
    }
}
