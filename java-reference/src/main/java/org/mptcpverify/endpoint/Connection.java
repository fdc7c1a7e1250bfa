package org.mptcpverify.endpoint;

import java.net.InetAddress;
import java.util.Map;
import java.util.OptionalInt;
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
 * @param announced    this side's own addresses it announced on the connection (ADD_ADDR), by the
 *                     address id it announced them with; a join to one of them is answered with
 *                     that id, as Linux answers with the endpoint id it announced
 */
public record Connection(int id, Role role, Tuple initial, ConnPhase phase, ConnKeys keys, long isn, long peerIsn,
                         int joinsOpened, Map<Integer, InetAddress> remoteAddrs, boolean initialOpen,
                         boolean initialPeerBackup, Map<Integer, Announced> announced) {
    /** An address this side announced, with the port the announcement named (empty: the connection's port). */
    public record Announced(InetAddress address, OptionalInt port) {}

    public Connection {
        remoteAddrs = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(remoteAddrs));
        announced = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(announced));
    }

    /** A new connection: no accepted or announced addresses, initial subflow open and regular. */
    public Connection(int id, Role role, Tuple initial, ConnPhase phase, ConnKeys keys, long isn, long peerIsn,
                      int joinsOpened, Map<Integer, InetAddress> remoteAddrs) {
        this(id, role, initial, phase, keys, isn, peerIsn, joinsOpened, remoteAddrs, true, false, Map.of());
    }

    public boolean isMptcp() {
        return keys.mptcp();
    }

    public boolean established() {
        return phase == ConnPhase.ESTABLISHED;
    }

    public Connection withPhase(ConnPhase p) {
        return new Connection(id, role, initial, p, keys, isn, peerIsn, joinsOpened, remoteAddrs, initialOpen, initialPeerBackup, announced);
    }

    public Connection withKeys(ConnKeys k) {
        return new Connection(id, role, initial, phase, k, isn, peerIsn, joinsOpened, remoteAddrs, initialOpen, initialPeerBackup, announced);
    }

    public Connection withPeerIsn(long p) {
        return new Connection(id, role, initial, phase, keys, isn, p, joinsOpened, remoteAddrs, initialOpen, initialPeerBackup, announced);
    }

    public Connection withJoinsOpened(int n) {
        return new Connection(id, role, initial, phase, keys, isn, peerIsn, n, remoteAddrs, initialOpen, initialPeerBackup, announced);
    }

    public Connection withoutRemoteAddr(int addrId) {
        Map<Integer, InetAddress> m = new TreeMap<>(remoteAddrs);
        m.remove(addrId);
        return new Connection(id, role, initial, phase, keys, isn, peerIsn, joinsOpened, m, initialOpen, initialPeerBackup, announced);
    }

    public Connection withRemoteAddr(int addrId, InetAddress a) {
        Map<Integer, InetAddress> m = new TreeMap<>(remoteAddrs);
        m.put(addrId, a);
        return new Connection(id, role, initial, phase, keys, isn, peerIsn, joinsOpened, m, initialOpen, initialPeerBackup, announced);
    }

    public Connection withInitialClosed() {
        return new Connection(id, role, initial, phase, keys, isn, peerIsn, joinsOpened, remoteAddrs, false, initialPeerBackup, announced);
    }

    public Connection withInitialPeerBackup(boolean backup) {
        return new Connection(id, role, initial, phase, keys, isn, peerIsn, joinsOpened, remoteAddrs, initialOpen, backup, announced);
    }

    public Connection withAnnounced(int addrId, Announced a) {
        Map<Integer, Announced> m = new TreeMap<>(announced);
        m.put(addrId, a);
        return new Connection(id, role, initial, phase, keys, isn, peerIsn, joinsOpened, remoteAddrs, initialOpen,
                initialPeerBackup, m);
    }

    public Connection withoutAnnounced(int addrId) {
        Map<Integer, Announced> m = new TreeMap<>(announced);
        m.remove(addrId);
        return new Connection(id, role, initial, phase, keys, isn, peerIsn, joinsOpened, remoteAddrs, initialOpen,
                initialPeerBackup, m);
    }

    /**
     * The address id this side gives a subflow whose local end is {@code local}: the id it announced
     * that address and port with on this connection, 0 for the initial subflow's address and port
     * (RFC 8684 3.2), else empty (the caller picks an id of its own, as Linux gives an address no
     * endpoint has an implicit one).
     */
    public OptionalInt localAddressId(Tuple local) {
        for (Map.Entry<Integer, Announced> e : announced.entrySet()) {
            Announced a = e.getValue();
            int port = a.port().orElse(initial.localPort());
            if (a.address().equals(local.localAddr()) && port == local.localPort()) {
                return OptionalInt.of(e.getKey());
            }
        }
        return local.localAddr().equals(initial.localAddr()) && local.localPort() == initial.localPort()
                ? OptionalInt.of(0) : OptionalInt.empty();
    }
}
