package org.mptcpverify.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.trace.TraceAction.Advertise;
import org.mptcpverify.trace.TraceAction.Close;
import org.mptcpverify.trace.TraceAction.Connect;
import org.mptcpverify.trace.TraceAction.ForgeJoin;
import org.mptcpverify.trace.TraceAction.Join;
import org.mptcpverify.trace.TraceJson.CounterexampleFile;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.ParseResult;
import org.mptcpverify.wire.SegmentCodec;

class ReferenceRunnerTest {
    static final long SEED = Long.getLong("mptcp.seed", 20261127L);
    static final List<TraceAction> LONG = List.of(new Connect("c1"), new Join("c1"), new ForgeJoin("c1"),
            new Advertise("c1"), new Close("c1"));

    @Test
    void sameScenarioSameBytes() {
        for (SchemeId s : SchemeId.values()) {
            RunOutcome a = new ReferenceRunner().run(Scenario.of(s, AttackId.EAVESDROP_ALL, SEED), LONG);
            RunOutcome b = new ReferenceRunner().run(Scenario.of(s, AttackId.EAVESDROP_ALL, SEED), LONG);
            assertEquals(a, b, s.toString());
            RunOutcome c = new ReferenceRunner().run(Scenario.of(s, AttackId.EAVESDROP_ALL, SEED + 1), LONG);
            assertNotEquals(a.segments(), c.segments(), "the seed draws the keys and nonces");
        }
    }

    @Test
    void everySegmentIsAValidIpPacketWithItsOriginAndPath() {
        RunOutcome o = new ReferenceRunner().run(Scenario.of(SchemeId.RFC8684, AttackId.EAVESDROP_ALL, SEED), LONG);
        assertFalse(o.segments().isEmpty());
        for (RunOutcome.WireRecord w : o.segments()) {
            assertTrue(SegmentCodec.decode(w.ipPacket().toArray()) instanceof ParseResult.Ok<?>, w.toString());
            assertTrue(List.of("c1", "s", "x").contains(w.origin()), w.origin());
            assertTrue(List.of("p1", "p2", "px").contains(w.path()), w.path());
        }
        assertTrue(o.segments().stream().anyMatch(w -> w.origin().equals("x") && w.step() == 2));
    }

    @Test
    void oneStepLineEnabledFlagAndObservationPerAction() {
        RunOutcome o = new ReferenceRunner().run(Scenario.of(SchemeId.BOUND_KEY, AttackId.EAVESDROP_ALL, SEED), LONG);
        assertEquals(LONG.size(), o.steps().size());
        assertEquals(List.of(true, true, false, true, true), o.enabled());
        assertEquals(Map.of("conn.c1", "mptcp", "subflows.c1", 0, "foreignSubflows.c1", 0, "halfOpen.c1", 0,
                "attackerKnowsKey", false), o.observations().get(0));
        assertEquals(1, o.observations().get(1).get("subflows.c1"));
        assertEquals(2, o.observations().get(3).get("subflows.c1"), "the client joined the advertised s.a2");
        assertEquals("closed", o.observations().get(4).get("conn.c1"));
        assertTrue(o.violations().isEmpty(), o.violations().toString());
        assertTrue(o.steps().get(2).startsWith("ForgeJoin(c1): not enabled"), o.steps().get(2));
    }

    @Test
    void everySchemeJoinsWithKeysOnBothSides() {
        for (SchemeId s : SchemeId.values()) {
            RunOutcome o = new ReferenceRunner().run(Scenario.of(s, AttackId.LEGIT_JOIN, SEED),
                    List.of(new Connect("c1"), new Join("c1")));
            assertEquals("mptcp", o.observations().get(1).get("conn.c1"), s.toString());
            assertEquals(1, o.observations().get(1).get("subflows.c1"), s + ": " + o.steps());
            assertTrue(o.steps().get(1).contains("established"), s + ": " + o.steps().get(1));
            assertTrue(o.violations().isEmpty(), s + ": " + o.violations());
        }
    }

    @Test
    void oneSidedKeyOutcomes() {
        Map<SchemeId, String> expected = Map.of(
                SchemeId.BOUND_KEY, "tcp 0",            // negotiated: clean fallback to plain TCP
                SchemeId.DRAFT_BAERTS, "mptcp 1",       // the keyless side answers as RFC 8684
                SchemeId.DRAFT_PAASCH, "mptcp 1",       // signalled: plain v0 when one side does not signal
                SchemeId.DRAFT_PAASCH_UNSIGNALLED, "mptcp 0", // HMACs keyed differently: the join is reset
                SchemeId.THESIS_XOR, "mptcp 0",         // XORed vs plain token field: the join is reset
                SchemeId.THESIS_XOR_GLOBAL, "mptcp 0");
        for (Map.Entry<SchemeId, String> e : expected.entrySet()) {
            for (String side : List.of("client", "server")) {
                RunOutcome o = new ReferenceRunner().run(new Scenario(e.getKey(), AttackId.ONE_SIDED_KEY, SEED, side, false),
                        List.of(new Connect("c1"), new Join("c1")));
                Map<String, Object> obs = o.observations().get(1);
                assertEquals(e.getValue(), obs.get("conn.c1") + " " + obs.get("subflows.c1"), e.getKey() + " key at " + side);
            }
        }
    }

    @Test
    void aJoinOpenedOnTheServersAddAddrIsALegitimateJoin() {
        List<TraceAction> t = List.of(new Connect("c1"), new Advertise("c1"));
        RunOutcome broken = new ReferenceRunner().run(Scenario.of(SchemeId.BROKEN, AttackId.NAT_JOIN, SEED), t);
        assertTrue(broken.violated(PropertyId.LEGIT_JOIN_SUCCEEDS), broken.steps().toString());
        RunOutcome rfc = new ReferenceRunner().run(Scenario.of(SchemeId.RFC8684, AttackId.NAT_JOIN, SEED), t);
        assertTrue(rfc.violations().isEmpty(), rfc.violations().toString());
        assertEquals(1, rfc.observations().get(1).get("subflows.c1"));
    }

    @Test
    void natJoinWorksThroughTheNatForEveryScheme() {
        for (SchemeId s : SchemeId.matrixSchemes()) {
            RunOutcome o = new ReferenceRunner().run(Scenario.of(s, AttackId.NAT_JOIN, SEED),
                    List.of(new Connect("c1"), new Join("c1")));
            assertEquals(1, o.observations().get(1).get("subflows.c1"), s.toString());
            assertTrue(o.segments().stream().anyMatch(w -> SegmentCodec.decode(w.ipPacket().toArray()).orElseThrow()
                    .src().getHostAddress().equals("10.2.0.254")), "the server sees nat.a");
        }
    }

    @Test
    void actionsOnAClientOutsideTheScenarioAreNotEnabled() {
        RunOutcome o = new ReferenceRunner().run(Scenario.of(SchemeId.RFC8684, AttackId.LEGIT_JOIN, SEED),
                List.of(new Connect("c2"), new Connect("c1"), new Connect("c1")));
        assertEquals(List.of(false, true, false), o.enabled());
        assertFalse(o.observations().get(0).containsKey("conn.c2"));
    }

    @Test
    void replayReproducesAViolationAndReportsAHoldingOne(@TempDir Path dir) throws Exception {
        CounterexampleFile v = new CounterexampleFile("traces", SchemeId.RFC6824, AttackId.EAVESDROP_HANDSHAKE,
                PropertyId.JOIN_AUTHENTICITY, SEED, null, false, List.of(new Connect("c1"), new ForgeJoin("c1")));
        Path file = dir.resolve("rfc6824.json");
        TraceJson.writeFile(file, v, Map.of());
        Replayer.Replay r = new Replayer().replay(file);
        assertTrue(r.reproduced());
        assertTrue(r.report().get(r.report().size() - 1).startsWith("JoinAuthenticity: VIOLATED again at action 2"));
        CounterexampleFile h = new CounterexampleFile("traces", SchemeId.BOUND_KEY, AttackId.EAVESDROP_HANDSHAKE,
                PropertyId.JOIN_AUTHENTICITY, SEED, null, false, v.actions());
        Replayer.Replay rh = new Replayer().replay(h);
        assertFalse(rh.reproduced());
        assertEquals(4, rh.report().size(), "header, two actions, verdict");
    }
}
