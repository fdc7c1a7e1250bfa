package org.mptcpverify.monitor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mptcpverify.endpoint.ConnPhase;
import org.mptcpverify.endpoint.Connection;
import org.mptcpverify.endpoint.EndpointState;
import org.mptcpverify.endpoint.HalfOpenJoin;
import org.mptcpverify.endpoint.JoinLimits;
import org.mptcpverify.endpoint.Subflow;
import org.mptcpverify.endpoint.Tuple;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.net.Envelope;
import org.mptcpverify.net.Packets;
import org.mptcpverify.scheme.ConnKeys;
import org.mptcpverify.scheme.HostKeys;
import org.mptcpverify.scheme.Role;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/**
 * The definition "authentic means requested" (docs/properties.md) on hand-built event sequences fed
 * to the ground truth as the runners feed it (sends, then deliveries with every host's state), one
 * per case the definition decides: a copy of the client's own request that overtakes it (not a
 * violation), completing a join the client had not yet completed or had abandoned, a SYN copied
 * onto a fresh port, and a fast close on a connection the client never asked to close (violations).
 * What each case must give follows from the definition's text, not from running an engine.
 */
class AuthenticMeansRequestedTest {
    static final InetAddress S1 = Addresses.of("s.a1");
    static final InetAddress C1A1 = Addresses.of("c1.a1");
    static final InetAddress C1A2 = Addresses.of("c1.a2");
    static final InetAddress X = Addresses.of("x.a");

    /** c1's connection 1 on p1 (client view), its join on p2, and the server's views of both. */
    static final Tuple C_INITIAL = new Tuple(C1A1, 40001, S1, 80);
    static final Tuple S_INITIAL = new Tuple(S1, 80, C1A1, 40001);
    static final Tuple C_JOIN = new Tuple(C1A2, 41000, S1, 80);
    static final Tuple S_JOIN = new Tuple(S1, 80, C1A2, 41000);

    long ids = 1;

    static Connection conn(int id, Role role, Tuple initial, ConnPhase phase) {
        return new Connection(id, role, initial, phase, ConnKeys.start(role, null).withMptcp(true), 1, 1, 0, Map.of());
    }

    static EndpointState host(String name, Map<Integer, Connection> conns, Map<Tuple, Subflow> subs,
                              Map<Tuple, HalfOpenJoin> half) {
        return new EndpointState(name, Addresses.of(name, "a1", "a2"), HostKeys.initial(), Map.of(), conns, subs, half, 9,
                40000, JoinLimits.contract(2));
    }

    static Subflow sub(Tuple t, Subflow.Phase p) {
        return new Subflow(t, 1, p, 1, 2, 3, 4, 5, 0, false);
    }

    static HalfOpenJoin half(Tuple t) {
        return new HalfOpenJoin(t, 1, 9, 1, 2, 3, 0, 4, 5, 0, false);
    }

    static TcpSegment segment(InetAddress src, int sport, InetAddress dst, int dport, int flags, MptcpOption o) {
        return new TcpSegment(src, dst, sport, dport, 1, 0, flags, 65535, List.of(new TcpSegment.TcpOption.Mptcp(o)),
                Bytes.empty());
    }

    /** An envelope as the network makes it: a fresh id, origin and origin source (send), or kept (relay). */
    Envelope send(TcpSegment s, String origin) {
        return new Envelope(ids++, s, Packets.encode(s), "p", origin, s.src(), s.srcPort());
    }

    static Envelope relay(Envelope of, TcpSegment s) {
        return new Envelope(of.id(), s, Packets.encode(s), "px", of.origin(), of.originSrc(), of.originSrcPort());
    }

    static World world(GroundTruth t, EndpointState server, EndpointState client) {
        Map<String, EndpointState> hosts = new TreeMap<>(Map.of("s", server, "c1", client));
        return new World(hosts, t, Map.of("c1", Addresses.of("c1", "a1", "a2")), Set.of(), Set.of(), 2);
    }

    static Map<String, EndpointState> hosts(EndpointState server, EndpointState client) {
        return new TreeMap<>(Map.of("s", server, "c1", client));
    }

    // ---- JoinAuthenticity -------------------------------------------------------------------------

    /** A join scenario: c1's SYN on its own subflow reached the server, which holds it half-open. */
    final class Join {
        final GroundTruth t = new GroundTruth();
        final Map<Integer, Connection> sconns = Map.of(1, conn(1, Role.B, S_INITIAL, ConnPhase.ESTABLISHED));
        final Map<Integer, Connection> cconns = Map.of(1, conn(1, Role.A, C_INITIAL, ConnPhase.ESTABLISHED));
        final EndpointState server0 = host("s", sconns, Map.of(), Map.of());
        final Envelope syn;

        Join() {
            t.serverConnection(1, "c1");
            TcpSegment s = segment(C1A2, 41000, S1, 80, TcpSegment.SYN, new MptcpOption.MpJoinSyn(0, 1, 9, 1));
            syn = send(s, "c1");
            t.clientJoinSyn(C_JOIN, syn.id());
            EndpointState client = host("c1", cconns, Map.of(C_JOIN, sub(C_JOIN, Subflow.Phase.SYN_SENT)), Map.of());
            t.recordDelivery(0, "s", server0, halfOpenAt(S_JOIN), syn, hosts(server0, client));
        }

        EndpointState halfOpenAt(Tuple st) {
            return host("s", sconns, Map.of(), Map.of(st, half(st)));
        }

        EndpointState client(Optional<Subflow.Phase> join) {
            return host("c1", cconns, join.map(p -> Map.of(C_JOIN, sub(C_JOIN, p))).orElse(Map.of()), Map.of());
        }

        /** The server accepts a third ACK on {@code st} built by {@code origin}, the client's join being in {@code join}. */
        Optional<String> accept(Tuple st, String origin, Optional<Subflow.Phase> join) {
            TcpSegment ack = segment(st.remoteAddr(), st.remotePort(), S1, 80, TcpSegment.ACK,
                    new MptcpOption.MpJoinAck(Bytes.fromHex("0102030405060708090a0b0c0d0e0f1011121314")));
            EndpointState before = halfOpenAt(st);
            EndpointState after = host("s", sconns, Map.of(st, sub(st, Subflow.Phase.ESTABLISHED)), Map.of());
            t.recordDelivery(1, "s", before, after, send(ack, origin), hosts(before, client(join)));
            return new JoinAuthenticityMonitor().check(world(t, after, client(join)));
        }
    }

    @Test
    void theClientsOwnThirdAckIsAuthentic() {
        assertTrue(new Join().accept(S_JOIN, "c1", Optional.of(Subflow.Phase.ACK_SENT)).isEmpty());
    }

    @Test
    void aCopyOfTheClientsThirdAckThatOvertakesItIsNotAForgery() {
        // c1 accepted the SYN/ACK and sent its third ACK (ACK_SENT); the attacker's copy arrives first
        assertTrue(new Join().accept(S_JOIN, "x", Optional.of(Subflow.Phase.ACK_SENT)).isEmpty());
    }

    @Test
    void completingTheClientsJoinBeforeItDidIsAForgery() {
        // TLC's rfc8684 / eavesdrop-all trace at injections=1: the SYN/ACK has not reached c1 yet
        String why = new Join().accept(S_JOIN, "x", Optional.of(Subflow.Phase.SYN_SENT)).orElseThrow();
        assertTrue(why.contains("third ACK that originated at x") && why.contains("before c1 had sent its own"), why);
    }

    @Test
    void completingAJoinTheClientAbandonedIsAForgery() {
        // c1 rejected a SYN/ACK (its HMAC failed) and dropped the subflow; the attacker completes it
        assertTrue(new Join().accept(S_JOIN, "x", Optional.empty()).isPresent());
    }

    @Test
    void aCopyOfTheSynOnAFreshPortIsAnotherJoinNotTheClients() {
        Join j = new Join();
        // the attacker replays c1's SYN (origin kept, as a relay keeps it) from x.a on port 5000
        Tuple fresh = new Tuple(S1, 80, X, 5000);
        Envelope copy = relay(j.syn, segment(X, 5000, S1, 80, TcpSegment.SYN, new MptcpOption.MpJoinSyn(0, 1, 9, 1)));
        EndpointState client = j.client(Optional.of(Subflow.Phase.ESTABLISHED));
        j.t.recordDelivery(1, "s", j.server0, j.halfOpenAt(fresh), copy, hosts(j.server0, client));
        // c1 completed its own join; the join on the fresh port is completed by the attacker
        assertTrue(j.accept(fresh, "x", Optional.of(Subflow.Phase.ESTABLISHED)).isPresent(),
                "c1 asked for one join on its own subflow, not for this one");
    }

    @Test
    void aForgedSynIsAForgeryWhoeverCompletesIt() {
        GroundTruth t = new GroundTruth();
        t.serverConnection(1, "c1");
        Map<Integer, Connection> sconns = Map.of(1, conn(1, Role.B, S_INITIAL, ConnPhase.ESTABLISHED));
        EndpointState s0 = host("s", sconns, Map.of(), Map.of());
        Tuple fromX = new Tuple(S1, 80, X, 5000);
        EndpointState s1 = host("s", sconns, Map.of(), Map.of(fromX, half(fromX)));
        EndpointState client = host("c1", Map.of(1, conn(1, Role.A, C_INITIAL, ConnPhase.ESTABLISHED)), Map.of(), Map.of());
        t.recordDelivery(0, "s", s0, s1, send(segment(X, 5000, S1, 80, TcpSegment.SYN,
                new MptcpOption.MpJoinSyn(0, 1, 9, 1)), "x"), hosts(s0, client));
        EndpointState s2 = host("s", sconns, Map.of(fromX, sub(fromX, Subflow.Phase.ESTABLISHED)), Map.of());
        t.recordDelivery(1, "s", s1, s2, send(segment(X, 5000, S1, 80, TcpSegment.ACK,
                new MptcpOption.MpJoinAck(Bytes.fromHex("00".repeat(20)))), "x"), hosts(s1, client));
        String why = new JoinAuthenticityMonitor().check(world(t, s2, client)).orElseThrow();
        assertTrue(why.endsWith("originated at x"), why);
    }

    // ---- CloseAuthenticity ------------------------------------------------------------------------

    /** The server's connection 1 (c1's) is fast-closed by a segment built by {@code origin}. */
    Optional<String> fastClose(GroundTruth t, Tuple serverInitial, String origin) {
        Map<Integer, Connection> open = Map.of(1, conn(1, Role.B, serverInitial, ConnPhase.ESTABLISHED));
        Map<Integer, Connection> closed = Map.of(1, conn(1, Role.B, serverInitial, ConnPhase.CLOSED));
        t.serverConnection(1, "c1");
        TcpSegment fc = segment(serverInitial.remoteAddr(), serverInitial.remotePort(), S1, 80, TcpSegment.ACK,
                new MptcpOption.MpFastClose(0, 0x1122334455667788L));
        EndpointState before = host("s", open, Map.of(), Map.of());
        EndpointState after = host("s", closed, Map.of(), Map.of());
        EndpointState client = host("c1", Map.of(1, conn(1, Role.A, C_INITIAL, ConnPhase.CLOSED)), Map.of(), Map.of());
        t.recordDelivery(2, "s", before, after, send(fc, origin), hosts(before, client));
        return new CloseAuthenticityMonitor().check(world(t, after, client));
    }

    /** c1 sends its MP_FASTCLOSE on connection 1 (its end is closed once it is sent). */
    void clientRequestsClose(GroundTruth t) {
        EndpointState client = host("c1", Map.of(1, conn(1, Role.A, C_INITIAL, ConnPhase.CLOSED)), Map.of(), Map.of());
        t.sent("c1", client, send(segment(C1A1, 40001, S1, 80, TcpSegment.ACK,
                new MptcpOption.MpFastClose(0, 0x1122334455667788L)), "c1"));
    }

    @Test
    void aCopyOfTheClientsFastCloseThatOvertakesItIsNotAForgery() {
        GroundTruth t = new GroundTruth();
        clientRequestsClose(t);
        assertTrue(fastClose(t, S_INITIAL, "x").isEmpty(), "c1 had asked to close this connection");
        assertTrue(t.closes().get(0).requested());
    }

    @Test
    void aFastCloseTheClientNeverSentIsAForgery() {
        String why = fastClose(new GroundTruth(), S_INITIAL, "x").orElseThrow();
        assertTrue(why.contains("c1's connection") && why.contains("originated at x"), why);
    }

    @Test
    void theClientsRequestOnOneConnectionDoesNotCoverAnother() {
        GroundTruth t = new GroundTruth();
        clientRequestsClose(t);
        // a copy of c1's request replayed onto another connection of c1 (initial subflow from port 40002)
        assertTrue(fastClose(t, new Tuple(S1, 80, C1A1, 40002), "c1").isPresent());
    }

    @Test
    void aServersSegmentIsNoRequestOfTheClient() {
        GroundTruth t = new GroundTruth();
        EndpointState server = host("s", Map.of(1, conn(1, Role.B, S_INITIAL, ConnPhase.ESTABLISHED)), Map.of(), Map.of());
        t.sent("s", server, send(segment(S1, 80, C1A1, 40001, TcpSegment.ACK,
                new MptcpOption.MpFastClose(0, 1L)), "s"));
        assertFalse(t.fastCloseRequestedOn(S_INITIAL));
        assertTrue(fastClose(t, S_INITIAL, "x").isPresent());
    }
}
