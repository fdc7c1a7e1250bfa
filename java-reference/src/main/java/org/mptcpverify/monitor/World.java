package org.mptcpverify.monitor;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mptcpverify.endpoint.Connection;
import org.mptcpverify.endpoint.EndpointState;
import org.mptcpverify.endpoint.Subflow;
import org.mptcpverify.endpoint.Tuple;
import org.mptcpverify.scheme.Role;
import org.mptcpverify.wire.Bytes;

/**
 * A snapshot the monitors judge: every host's state, the ground truth, and what the attacker knows.
 *
 * @param clients        the legitimate clients of the scenario and their addresses
 * @param realKeys       the scenario's external keys, as the effective key bytes
 * @param attackerKeys   external keys in the attacker's knowledge
 * @param halfOpenLimit  the configured bound on half-open joins per connection
 * @param insider        the client that is the attacker's own (insider columns; "" for none): its
 *                       connection is the attacker's, so what the attacker attaches to it is no violation
 */
public record World(Map<String, EndpointState> hosts, GroundTruth truth, Map<String, List<InetAddress>> clients,
                    Set<Bytes> realKeys, Set<Bytes> attackerKeys, int halfOpenLimit, String insider) {
    public World(Map<String, EndpointState> hosts, GroundTruth truth, Map<String, List<InetAddress>> clients,
                 Set<Bytes> realKeys, Set<Bytes> attackerKeys, int halfOpenLimit) {
        this(hosts, truth, clients, realKeys, attackerKeys, halfOpenLimit, "");
    }

    /** Whether the server connection is the insider's own (never a victim of the join properties). */
    public boolean insidersOwn(int serverConnId) {
        return !insider.isEmpty() && ownerOf(serverConnId).equals(insider);
    }

    public EndpointState server() {
        return hosts.get("s");
    }

    /** The server connection opened by {@code client} (the most recent one). */
    public Optional<Connection> serverConnOf(String client) {
        return server().connections().values().stream()
                .filter(c -> c.role() == Role.B && truth.ownerOf(c.id()).filter(client::equals).isPresent())
                .reduce((a, b) -> b);
    }

    /** The client's own connection (the most recent one). */
    public Optional<Connection> clientConnOf(String client) {
        EndpointState h = hosts.get(client);
        return h == null ? Optional.empty()
                : h.connections().values().stream().filter(c -> c.role() == Role.A).reduce((a, b) -> b);
    }

    public String ownerOf(int serverConnId) {
        return truth.ownerOf(serverConnId).orElse("?");
    }

    /** Whether the join a client opened on {@code clientTuple} is established at both ends. */
    public boolean joinEstablished(String client, Tuple clientTuple) {
        if (clientTuple == null) {
            return false;
        }
        Subflow mine = hosts.get(client).subflows().get(clientTuple);
        if (mine == null || mine.phase() != Subflow.Phase.ESTABLISHED) {
            return false;
        }
        Optional<Long> synId = truth.clientJoinSynId(clientTuple);
        return synId.isPresent() && server().subflows().values().stream()
                .anyMatch(s -> s.phase() == Subflow.Phase.ESTABLISHED
                        && truth.joinSynAt(s.tuple()).map(t -> t.envelopeId() == synId.get()).orElse(false));
    }

    /** Marks, in the ground truth, every legitimate join that is established at both ends now (success is kept). */
    public void recordEstablishedJoins() {
        List<GroundTruth.LegitJoin> joins = truth.joins();
        for (int i = 0; i < joins.size(); i++) {
            if (joinEstablished(joins.get(i).client(), joins.get(i).clientTuple())) {
                truth.joinEstablished(i);
            }
        }
    }
}
