package org.mptcpverify.monitor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.mptcpverify.wire.Bytes;

/** The monitors on hand-built worlds: each fires on exactly the ground truth it is about. */
class MonitorTest {
    static final InetAddress S1 = Addresses.of("s.a1");
    static final InetAddress C1A1 = Addresses.of("c1.a1");
    static final InetAddress C1A2 = Addresses.of("c1.a2");
    static final InetAddress X = Addresses.of("x.a");

    static Connection conn() {
        return new Connection(1, Role.B, new Tuple(S1, 80, C1A1, 40000), ConnPhase.ESTABLISHED,
                ConnKeys.start(Role.B, null).withMptcp(true), 1, 1, 0, Map.of());
    }

    static World world(Map<Tuple, Subflow> subs, Map<Tuple, HalfOpenJoin> half, GroundTruth t, Set<Bytes> attacker) {
        EndpointState s = new EndpointState("s", Addresses.of("s", "a1", "a2"), HostKeys.initial(), Map.of(),
                Map.of(1, conn()), subs, half, 2, 40000, JoinLimits.contract(2));
        t.serverConnection(1, "c1");
        return new World(Map.of("s", s), t, Map.of("c1", Addresses.of("c1", "a1", "a2")),
                Set.of(Bytes.fromHex("01020304")), attacker, 2);
    }

    static Tuple from(InetAddress a, int port) {
        return new Tuple(S1, 80, a, port);
    }

    @Test
    void joinAuthenticityFollowsTheOriginNotTheAddress() {
        GroundTruth t = new GroundTruth();
        Tuple relayed = from(X, 5000);
        t.serverJoinSyn(relayed, new GroundTruth.SynTruth(7, "c1", C1A2, 41000));
        Map<Tuple, Subflow> subs = Map.of(relayed, new Subflow(relayed, 1, Subflow.Phase.ESTABLISHED, 1, 2, 3, 4, 5, 0, false));
        t.joinCompleted(new GroundTruth.JoinCompletion(2, relayed, "c1", true));
        assertTrue(new JoinAuthenticityMonitor().check(world(subs, Map.of(), t, Set.of())).isEmpty(),
                "relayed by the attacker but opened by c1: authentic");
        assertTrue(new SubflowEndpointAuthenticityMonitor().check(world(subs, Map.of(), t, Set.of())).isPresent(),
                "but its remote address is x.a");
        GroundTruth forged = new GroundTruth();
        forged.serverJoinSyn(relayed, new GroundTruth.SynTruth(8, "x", X, 5000));
        assertTrue(new JoinAuthenticityMonitor().check(world(subs, Map.of(), forged, Set.of())).isPresent());
    }

    @Test
    void joinStateUnforgeableChecksOriginSourceAndTheLimit() {
        Map<Tuple, HalfOpenJoin> half = new HashMap<>();
        GroundTruth t = new GroundTruth();
        for (int i = 0; i < 3; i++) {
            Tuple tu = from(C1A2, 41000 + i);
            half.put(tu, new HalfOpenJoin(tu, 1, 9, 1, 2, 3, 0, 4, 5, 0, false));
            t.serverJoinSyn(tu, new GroundTruth.SynTruth(i, "c1", C1A2, 41000 + i));
        }
        assertTrue(new JoinStateUnforgeableMonitor().check(world(Map.of(), half, t, Set.of())).orElseThrow()
                .contains("above the limit"));
        half.remove(from(C1A2, 41002));
        assertTrue(new JoinStateUnforgeableMonitor().check(world(Map.of(), half, t, Set.of())).isEmpty());
        Tuple rewritten = from(X, 41005);
        half.put(rewritten, new HalfOpenJoin(rewritten, 1, 9, 1, 2, 3, 0, 4, 5, 0, false));
        t.serverJoinSyn(rewritten, new GroundTruth.SynTruth(9, "c1", C1A2, 41005));
        assertTrue(new JoinStateUnforgeableMonitor().check(world(Map.of(), half, t, Set.of())).orElseThrow()
                .contains("rewritten"));
    }

    @Test
    void addrCloseAndSecrecyMonitors() {
        GroundTruth t = new GroundTruth();
        t.accepted(new GroundTruth.AddrAccept(1, "c1", Addresses.of("s.a2"), "s"));
        t.fastClosed(new GroundTruth.FastCloseTruth(2, 1, "c1", true));
        World ok = world(Map.of(), Map.of(), t, Set.of(Bytes.fromHex("0a0b0c0d")));
        assertTrue(new AddrAuthenticityMonitor().check(ok).isEmpty());
        assertTrue(new CloseAuthenticityMonitor().check(ok).isEmpty());
        assertTrue(new ExternalKeySecrecyMonitor().check(ok).isEmpty(), "knowing some other key is no leak");
        t.accepted(new GroundTruth.AddrAccept(3, "c1", X, "x"));
        t.fastClosed(new GroundTruth.FastCloseTruth(3, 1, "x", false));
        World bad = world(Map.of(), Map.of(), t, Set.of(Bytes.fromHex("01020304")));
        assertTrue(new AddrAuthenticityMonitor().check(bad).isPresent());
        assertTrue(new CloseAuthenticityMonitor().check(bad).isPresent());
        assertTrue(new ExternalKeySecrecyMonitor().check(bad).isPresent());
    }

    @Test
    void legitJoinSucceedsCountsJoinsThatWereEverEstablished() {
        GroundTruth t = new GroundTruth();
        GroundTruth.LegitJoin j = new GroundTruth.LegitJoin(1, "c1", new Tuple(C1A2, 41000, S1, 80), false);
        t.legitJoin(j);
        World w = world(Map.of(), Map.of(), t, Set.of());
        assertTrue(new LegitJoinSucceedsMonitor().check(w).isPresent());
        t.joinEstablished(0);
        assertTrue(new LegitJoinSucceedsMonitor().check(w).isEmpty(), "a later close does not undo it");
        t.legitJoin(new GroundTruth.LegitJoin(2, "c1", null, true));
        assertTrue(new LegitJoinSucceedsMonitor().check(w).isEmpty(), "joins the attacker touched are not judged");
        assertTrue(List.of(new LegitJoinSucceedsMonitor(), new CleanFallbackMonitor(), new KeyIsolationMonitor())
                .stream().allMatch(PropertyMonitor::atEndOnly));
    }
}
