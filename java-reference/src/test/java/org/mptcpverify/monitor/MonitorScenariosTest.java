package org.mptcpverify.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mptcpverify.endpoint.ConnPhase;
import org.mptcpverify.endpoint.Connection;
import org.mptcpverify.endpoint.EndpointState;
import org.mptcpverify.endpoint.HalfOpenJoin;
import org.mptcpverify.endpoint.JoinLimits;
import org.mptcpverify.endpoint.Subflow;
import org.mptcpverify.endpoint.Tuple;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.scheme.ConnKeys;
import org.mptcpverify.scheme.HostKeys;
import org.mptcpverify.scheme.Role;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.wire.Bytes;

/**
 * The monitors and World's look-ups on hand-built worlds of two hosts, for the scenarios the matrix
 * cells reach rarely or never (the one-sided-key fallback outcomes, two applications on one server,
 * joins half-established), and the facts each explanation must name (found by mutation testing,
 * docs/reliability.md).
 */
class MonitorScenariosTest {
    static final InetAddress S1 = Addresses.of("s.a1");
    static final InetAddress C1A1 = Addresses.of("c1.a1");
    static final InetAddress C1A2 = Addresses.of("c1.a2");
    static final InetAddress C2A1 = Addresses.of("c2.a1");
    static final InetAddress X = Addresses.of("x.a");

    /** A small world builder: hosts' connections and subflows, the ground truth, the clients judged. */
    static final class Build {
        final Map<String, Map<Integer, Connection>> conns = new HashMap<>();
        final Map<String, Map<Tuple, Subflow>> subs = new HashMap<>();
        final Map<Tuple, HalfOpenJoin> half = new HashMap<>();
        final GroundTruth truth = new GroundTruth();
        final Map<String, List<InetAddress>> clients = new HashMap<>(Map.of("c1", Addresses.of("c1", "a1", "a2")));

        Build conn(String host, int id, Role role, ConnPhase phase, boolean mptcp) {
            InetAddress remote = host.equals("s") ? C1A1 : S1;
            InetAddress local = host.equals("s") ? S1 : C1A1;
            conns.computeIfAbsent(host, h -> new HashMap<>()).put(id, new Connection(id, role,
                    new Tuple(local, 80, remote, 40000 + id), phase, ConnKeys.start(role, null).withMptcp(mptcp), 1, 1, 0,
                    Map.of()));
            return this;
        }

        Build serverConn(int id, String owner, ConnPhase phase, boolean mptcp) {
            truth.serverConnection(id, owner);
            return conn("s", id, Role.B, phase, mptcp);
        }

        Build subflow(String host, Tuple t, int connId, Subflow.Phase phase) {
            subs.computeIfAbsent(host, h -> new HashMap<>()).put(t, new Subflow(t, connId, phase, 1, 2, 3, 4, 5, 0, false));
            return this;
        }

        World world() {
            Map<String, EndpointState> hosts = new HashMap<>();
            for (String h : List.of("s", "c1", "c2")) {
                if (conns.containsKey(h) || subs.containsKey(h) || h.equals("s")) {
                    hosts.put(h, new EndpointState(h, Addresses.of(h, "a1", "a2"), HostKeys.initial(), Map.of(),
                            conns.getOrDefault(h, Map.of()), subs.getOrDefault(h, Map.of()),
                            h.equals("s") ? half : Map.of(), 9, 40000, JoinLimits.contract(2)));
                }
            }
            return new World(hosts, truth, clients, Set.of(Bytes.fromHex("01020304")), Set.of(), 2);
        }
    }

    // ---- World --------------------------------------------------------------------------------------

    @Test
    void serverAndClientConnectionsAreTheOwnersMostRecentOnes() {
        Build b = new Build().serverConn(1, "c1", ConnPhase.ESTABLISHED, true).serverConn(2, "c2", ConnPhase.ESTABLISHED, true)
                .serverConn(3, "c1", ConnPhase.ESTABLISHED, true)
                .conn("s", 4, Role.A, ConnPhase.ESTABLISHED, true) // the server as a client: not c1's
                .conn("c1", 1, Role.A, ConnPhase.ESTABLISHED, true).conn("c1", 2, Role.A, ConnPhase.CLOSED, true)
                .conn("c1", 3, Role.B, ConnPhase.ESTABLISHED, true);
        b.truth.serverConnection(4, "c1");
        World w = b.world();
        assertEquals(3, w.serverConnOf("c1").orElseThrow().id());
        assertEquals(2, w.serverConnOf("c2").orElseThrow().id());
        assertTrue(w.serverConnOf("c3").isEmpty());
        assertEquals(2, w.clientConnOf("c1").orElseThrow().id(), "c1's own (role A) connections only, the last one");
        assertTrue(w.clientConnOf("c2").isEmpty(), "no host c2 in this world");
        assertEquals("c2", w.ownerOf(2));
        assertEquals("?", w.ownerOf(99));
    }

    @Test
    void aJoinIsEstablishedOnlyWhenBothEndsHoldTheSameSyn() {
        Tuple client = new Tuple(C1A2, 41000, S1, 80);
        Tuple server = new Tuple(S1, 80, C1A2, 41000);
        Build b = new Build().serverConn(1, "c1", ConnPhase.ESTABLISHED, true)
                .subflow("c1", client, 1, Subflow.Phase.ESTABLISHED).subflow("s", server, 1, Subflow.Phase.ESTABLISHED);
        assertFalse(b.world().joinEstablished("c1", client), "no SYN recorded at the client");
        b.truth.clientJoinSyn(client, 7);
        assertFalse(b.world().joinEstablished("c1", client), "no SYN recorded at the server");
        b.truth.serverJoinSyn(server, new GroundTruth.SynTruth(8, "c1", C1A2, 41000));
        assertFalse(b.world().joinEstablished("c1", client), "the server's subflow came from another SYN");
        b.truth.serverJoinSyn(server, new GroundTruth.SynTruth(7, "c1", C1A2, 41000));
        assertTrue(b.world().joinEstablished("c1", client));
        assertFalse(b.world().joinEstablished("c1", null), "a Join action that opened no subflow");
        assertFalse(b.world().joinEstablished("c1", new Tuple(C1A2, 41001, S1, 80)), "no such subflow at the client");
        b.subflow("s", server, 1, Subflow.Phase.ACK_SENT);
        assertFalse(b.world().joinEstablished("c1", client), "half-established at the server");
        b.subflow("s", server, 1, Subflow.Phase.ESTABLISHED).subflow("c1", client, 1, Subflow.Phase.SYN_SENT);
        assertFalse(b.world().joinEstablished("c1", client), "half-established at the client");
    }

    // ---- clean-fallback --------------------------------------------------------------------------------

    static Optional<String> cleanFallback(Build b) {
        return new CleanFallbackMonitor().check(b.world());
    }

    @Test
    void cleanFallbackAcceptsBothEndsPlainOrBothMptcpWithTheJoin() {
        assertTrue(cleanFallback(new Build().conn("c1", 1, Role.A, ConnPhase.ESTABLISHED, false)
                .serverConn(1, "c1", ConnPhase.ESTABLISHED, false)).isEmpty(), "plain TCP at both ends");
        Build both = new Build().conn("c1", 1, Role.A, ConnPhase.ESTABLISHED, true)
                .serverConn(1, "c1", ConnPhase.ESTABLISHED, true);
        both.truth.legitJoin(new GroundTruth.LegitJoin(1, "c1", null, false));
        both.truth.joinEstablished(0);
        assertTrue(cleanFallback(both).isEmpty(), "MPTCP with the join established");
    }

    @Test
    void cleanFallbackFlagsEndsThatDisagree() {
        String why = cleanFallback(new Build().conn("c1", 1, Role.A, ConnPhase.ESTABLISHED, true)
                .serverConn(1, "c1", ConnPhase.ESTABLISHED, false)).orElseThrow();
        assertTrue(why.contains("c1 is MPTCP") && why.contains("server plain TCP"), why);
        why = cleanFallback(new Build().conn("c1", 1, Role.A, ConnPhase.ESTABLISHED, false)
                .serverConn(1, "c1", ConnPhase.ESTABLISHED, true)).orElseThrow();
        assertTrue(why.contains("c1 is plain TCP") && why.contains("server MPTCP"), why);
    }

    @Test
    void cleanFallbackFlagsMptcpWithAFailingJoin() {
        Build b = new Build().conn("c1", 1, Role.A, ConnPhase.ESTABLISHED, true).serverConn(1, "c1", ConnPhase.ESTABLISHED, true);
        b.truth.legitJoin(new GroundTruth.LegitJoin(0, "c2", null, false)); // another client's join: not c1's outcome
        b.truth.legitJoin(new GroundTruth.LegitJoin(3, "c1", null, false));
        String why = cleanFallback(b).orElseThrow();
        assertTrue(why.contains("c1's join (action 4) failed"), "actions are counted from 1: " + why);
        Build other = new Build().conn("c1", 1, Role.A, ConnPhase.ESTABLISHED, true)
                .serverConn(1, "c1", ConnPhase.ESTABLISHED, true);
        other.truth.legitJoin(new GroundTruth.LegitJoin(0, "c2", null, false));
        assertTrue(cleanFallback(other).isEmpty(), "c2 is not a client of this scenario");
    }

    @Test
    void cleanFallbackDoesNotJudgeAHandshakeThatNeverCompleted() {
        for (ConnPhase p : List.of(ConnPhase.REFUSED, ConnPhase.SYN_SENT, ConnPhase.CLOSED)) {
            assertTrue(cleanFallback(new Build().conn("c1", 1, Role.A, p, true)
                    .serverConn(1, "c1", ConnPhase.ESTABLISHED, false)).isEmpty(), p.toString());
        }
        assertTrue(cleanFallback(new Build().conn("c1", 1, Role.A, ConnPhase.ESTABLISHED, true)).isEmpty(),
                "no server connection");
        assertTrue(cleanFallback(new Build().serverConn(1, "c1", ConnPhase.ESTABLISHED, true)).isEmpty(),
                "no client connection");
    }

    // ---- key-isolation -----------------------------------------------------------------------------------

    @Test
    void keyIsolationFlagsASubflowOnTheOtherApplicationsConnection() {
        Tuple fromC1 = new Tuple(S1, 80, C1A2, 41000);
        Build b = new Build().serverConn(1, "c1", ConnPhase.ESTABLISHED, true).serverConn(2, "c2", ConnPhase.ESTABLISHED, true)
                .subflow("s", fromC1, 2, Subflow.Phase.ESTABLISHED);
        b.clients.put("c2", Addresses.of("c2", "a1", "a2"));
        b.truth.serverJoinSyn(fromC1, new GroundTruth.SynTruth(1, "c1", C1A2, 41000));
        String why = new KeyIsolationMonitor().check(b.world()).orElseThrow();
        assertTrue(why.contains("of c1") && why.contains("c2's connection"), why);

        b.subflow("s", fromC1, 1, Subflow.Phase.ESTABLISHED);
        assertTrue(new KeyIsolationMonitor().check(b.world()).isEmpty(), "on its own connection");
        Tuple fromX = new Tuple(S1, 80, X, 5000);
        b.subflow("s", fromX, 2, Subflow.Phase.ESTABLISHED);
        b.truth.serverJoinSyn(fromX, new GroundTruth.SynTruth(2, "x", X, 5000));
        assertTrue(new KeyIsolationMonitor().check(b.world()).isEmpty(), "the attacker's subflow is another property's");

        b.truth.legitJoin(new GroundTruth.LegitJoin(0, "c1", null, false));
        b.truth.legitJoin(new GroundTruth.LegitJoin(2, "c2", null, false));
        b.truth.joinEstablished(0);
        why = new KeyIsolationMonitor().check(b.world()).orElseThrow();
        assertTrue(why.contains("c2's join (action 3)"), why);
        b.truth.joinEstablished(1);
        assertTrue(new KeyIsolationMonitor().check(b.world()).isEmpty());
    }

    // ---- what every explanation names ----------------------------------------------------------------

    @Test
    void explanationsNameWhoWhatAndWhichAction() {
        Build b = new Build().serverConn(1, "c1", ConnPhase.ESTABLISHED, true);
        b.truth.accepted(new GroundTruth.AddrAccept(1, "c1", X, "x"));
        b.truth.fastClosed(new GroundTruth.FastCloseTruth(2, 1, "x", false));
        b.truth.legitJoin(new GroundTruth.LegitJoin(4, "c1", null, false));
        Tuple fromX = new Tuple(S1, 80, X, 5000);
        b.subflow("s", fromX, 1, Subflow.Phase.ESTABLISHED);
        b.truth.serverJoinSyn(fromX, new GroundTruth.SynTruth(3, "x", X, 5000));
        World w = b.world();
        World leaked = new World(w.hosts(), w.truth(), w.clients(), w.realKeys(), Set.of(Bytes.fromHex("01020304")), 2);

        String addr = new AddrAuthenticityMonitor().check(w).orElseThrow();
        assertTrue(addr.contains("c1") && addr.contains("x.a") && addr.endsWith("originated at x"), addr);
        String close = new CloseAuthenticityMonitor().check(w).orElseThrow();
        assertTrue(close.contains("c1's connection") && close.contains("originated at x") && close.contains("not asked"), close);
        String legit = new LegitJoinSucceedsMonitor().check(w).orElseThrow();
        assertTrue(legit.contains("c1's join (action 5)"), legit);
        String secrecy = new ExternalKeySecrecyMonitor().check(leaked).orElseThrow();
        assertTrue(secrecy.contains("32 effective bits"), "a 4-byte key: " + secrecy);
        String join = new JoinAuthenticityMonitor().check(w).orElseThrow();
        assertTrue(join.contains("from x.a") && join.contains("c1's connection") && join.endsWith("originated at x"), join);
        String endpoint = new SubflowEndpointAuthenticityMonitor().check(w).orElseThrow();
        assertTrue(endpoint.contains("remote address x.a") && endpoint.contains("not an address of c1"), endpoint);
    }

    @Test
    void subflowEndpointAuthenticityJudgesOnlyEstablishedServerConnections() {
        Build b = new Build().serverConn(1, "c2", ConnPhase.SYN_RCVD, true); // remote c1.a1, owner c2: not judged yet
        assertTrue(new SubflowEndpointAuthenticityMonitor().check(b.world()).isEmpty());
        b.serverConn(1, "c2", ConnPhase.ESTABLISHED, true);
        String why = new SubflowEndpointAuthenticityMonitor().check(b.world()).orElseThrow();
        assertTrue(why.contains("c2's connection") && why.contains("c1.a1"), why);
        Build client = new Build().conn("s", 1, Role.A, ConnPhase.ESTABLISHED, true);
        client.truth.serverConnection(1, "c2");
        assertTrue(new SubflowEndpointAuthenticityMonitor().check(client.world()).isEmpty(), "the server's own client side");
        Tuple half = new Tuple(S1, 80, X, 5000);
        Build halfOpen = new Build().serverConn(1, "c1", ConnPhase.ESTABLISHED, true).subflow("s", half, 1, Subflow.Phase.ACK_SENT);
        assertTrue(new SubflowEndpointAuthenticityMonitor().check(halfOpen.world()).isEmpty(), "not yet established");
    }

    @Test
    void joinStateExplanationNamesTheOriginOfAForeignSyn() {
        Build b = new Build().serverConn(1, "c1", ConnPhase.ESTABLISHED, true);
        Tuple t = new Tuple(S1, 80, X, 5000);
        b.half.put(t, new HalfOpenJoin(t, 1, 9, 1, 2, 3, 0, 4, 5, 0, false));
        b.truth.serverJoinSyn(t, new GroundTruth.SynTruth(1, "x", X, 5000));
        String why = new JoinStateUnforgeableMonitor().check(b.world()).orElseThrow();
        assertTrue(why.contains("c1's connection") && why.contains("from x.a") && why.endsWith("originated at x"), why);
    }

    @Test
    void eachPropertyHasItsMonitor() {
        for (PropertyId p : PropertyId.values()) {
            PropertyMonitor m = Monitors.of(p);
            assertEquals(p, m.property());
            boolean outcome = p == PropertyId.LEGIT_JOIN_SUCCEEDS || p == PropertyId.CLEAN_FALLBACK
                    || p == PropertyId.KEY_ISOLATION;
            assertEquals(outcome, m.atEndOnly(), p + ": outcomes are judged at the end, safety after every action");
        }
    }
}
