package org.mptcpverify.endpoint;

import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mptcpverify.scheme.HostKeys;
import org.mptcpverify.scheme.KeySetting;

/**
 * Everything one host's MPTCP stack holds. Immutable; {@link MptcpEndpoint#step} returns a new one.
 *
 * @param addresses      the host's own addresses (the last one is where its path manager joins from)
 * @param listeners      listening ports and their sockets' key settings
 * @param connections    by connection id (ids grow, so iteration order is creation order)
 * @param subflows       joined subflows by local tuple
 * @param halfOpen       server: half-open joins by local tuple
 * @param joinLimits     the server's limits on joins per connection (Linux's by default)
 */
public record EndpointState(String host, List<InetAddress> addresses, HostKeys hostKeys,
                            Map<Integer, KeySetting> listeners, Map<Integer, Connection> connections,
                            Map<Tuple, Subflow> subflows, Map<Tuple, HalfOpenJoin> halfOpen,
                            int nextConnId, int nextPort, JoinLimits joinLimits) {

    public EndpointState {
        // sorted, so that every iteration (segments sent, monitors' first finding) is the same in every run
        addresses = List.copyOf(addresses);
        listeners = sorted(listeners);
        connections = sorted(connections);
        subflows = sorted(subflows);
        halfOpen = sorted(halfOpen);
    }

    private static <K extends Comparable<K>, V> Map<K, V> sorted(Map<K, V> m) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }

    /** A host with Linux's join limits ({@link JoinLimits#linuxDefault()}). */
    public static EndpointState initial(String host, List<InetAddress> addresses) {
        return initial(host, addresses, JoinLimits.linuxDefault());
    }

    public static EndpointState initial(String host, List<InetAddress> addresses, JoinLimits limits) {
        return new EndpointState(host, addresses, HostKeys.initial(), Map.of(), Map.of(), Map.of(), Map.of(),
                1, 40000, limits);
    }

    public Optional<Connection> connection(int id) {
        return Optional.ofNullable(connections.get(id));
    }

    /** Established joined subflows of connection {@code connId}. */
    public List<Subflow> establishedJoins(int connId) {
        return subflows.values().stream()
                .filter(s -> s.connId() == connId && s.phase() == Subflow.Phase.ESTABLISHED).toList();
    }

    public List<HalfOpenJoin> halfOpenOf(int connId) {
        return halfOpen.values().stream().filter(h -> h.connId() == connId).toList();
    }
}
