package org.mptcpverify.endpoint;

import java.net.InetAddress;
import java.util.Map;
import java.util.TreeMap;
import org.mptcpverify.scheme.ConnKeys;
import org.mptcpverify.scheme.Role;

/**
 * One MPTCP (or fallen-back) connection at one end.
 *
 * @param initial      the initial subflow's tuple
 * @param isn / peerIsn initial sequence numbers of the initial subflow
 * @param joinsOpened  client: joins opened so far (the next join is number joinsOpened + 1)
 * @param remoteAddrs  addresses the peer announced and this side accepted (ADD_ADDR), by id
 * @param initialOpen  the initial subflow is still open (as in Linux, a connection outlives a reset
 *                     of its initial subflow while it has other subflows)
 * @param initialPeerBackup the peer asked (MP_PRIO) that the initial subflow be used as backup only
 */
public record Connection(int id, Role role, Tuple initial, ConnPhase phase, ConnKeys keys, long isn, long peerIsn,
                         int joinsOpened, Map<Integer, InetAddress> remoteAddrs, boolean initialOpen,
                         boolean initialPeerBackup) {
    public Connection {
        remoteAddrs = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(remoteAddrs));
    }

    /** A new connection: no accepted addresses, initial subflow open and regular. */
    public Connection(int id, Role role, Tuple initial, ConnPhase phase, ConnKeys keys, long isn, long peerIsn,
                      int joinsOpened, Map<Integer, InetAddress> remoteAddrs) {
        this(id, role, initial, phase, keys, isn, peerIsn, joinsOpened, remoteAddrs, true, false);
    }

    public boolean isMptcp() {
        return keys.mptcp();
    }

    public boolean established() {
        return phase == ConnPhase.ESTABLISHED;
    }

    public Connection withPhase(ConnPhase p) {
        return new Connection(id, role, initial, p, keys, isn, peerIsn, joinsOpened, remoteAddrs, initialOpen, initialPeerBackup);
    }

    public Connection withKeys(ConnKeys k) {
        return new Connection(id, role, initial, phase, k, isn, peerIsn, joinsOpened, remoteAddrs, initialOpen, initialPeerBackup);
    }

    public Connection withPeerIsn(long p) {
        return new Connection(id, role, initial, phase, keys, isn, p, joinsOpened, remoteAddrs, initialOpen, initialPeerBackup);
    }

    public Connection withJoinsOpened(int n) {
        return new Connection(id, role, initial, phase, keys, isn, peerIsn, n, remoteAddrs, initialOpen, initialPeerBackup);
    }

    public Connection withoutRemoteAddr(int addrId) {
        Map<Integer, InetAddress> m = new TreeMap<>(remoteAddrs);
        m.remove(addrId);
        return new Connection(id, role, initial, phase, keys, isn, peerIsn, joinsOpened, m, initialOpen, initialPeerBackup);
    }

    public Connection withRemoteAddr(int addrId, InetAddress a) {
        Map<Integer, InetAddress> m = new TreeMap<>(remoteAddrs);
        m.put(addrId, a);
        return new Connection(id, role, initial, phase, keys, isn, peerIsn, joinsOpened, m, initialOpen, initialPeerBackup);
    }

    public Connection withInitialClosed() {
        return new Connection(id, role, initial, phase, keys, isn, peerIsn, joinsOpened, remoteAddrs, false, initialPeerBackup);
    }

    public Connection withInitialPeerBackup(boolean backup) {
        return new Connection(id, role, initial, phase, keys, isn, peerIsn, joinsOpened, remoteAddrs, initialOpen, backup);
    }
}
