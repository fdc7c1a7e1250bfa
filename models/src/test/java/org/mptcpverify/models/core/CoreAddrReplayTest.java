package org.mptcpverify.models.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.engine.Bounds;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The generic core's add-addr-replay profile (issue 13): the server withdraws its advertised address
 * and the attacker sends a copy of the ADD_ADDR it read afterwards. AddrAuthenticity counts an
 * address as authentic only while the server of that connection announces it, so the copy violates
 * it; the counterexample must replay on the reference. Control: without an injection the honest
 * advertisement and withdrawal alone violate nothing.
 */
class CoreAddrReplayTest {
    static final AttackId A = AttackId.ADD_ADDR_REPLAY;

    @Test
    void rfc8684FallsToACopyOfTheWithdrawnAddrAndTheTraceReplays() throws Exception {
        CellResult r = new CoreEngine(1).checkProperties(SchemeId.RFC8684, A, List.of(PropertyId.ADDR_AUTHENTICITY),
                CoreEngineTest.options("rfc8684-aar", Bounds.NONE));
        assertEquals(Verdict.VIOLATED, r.verdict(), r.toString());
        assertNotNull(r.counterexample(), r.toString());
        SegmentTrace t = SegmentTraceJson.read(r.counterexample());
        SegmentReplayer.Result replay = new SegmentReplayer().replay(t);
        assertTrue(replay.reproduced(), "the written file replays: " + replay);
        // the violation is a replay of an observed ADD_ADDR after the server's own REMOVE_ADDR
        assertTrue(t.events().stream().anyMatch(e -> e instanceof SegmentEvent.Send s && s.msg().equals("REMOVE_ADDR")
                && !s.dst().startsWith("s.")), t.events().toString());
        assertTrue(t.events().stream().anyMatch(e -> e instanceof SegmentEvent.Replay), t.events().toString());
        assertTrue(t.events().stream().noneMatch(e -> e instanceof SegmentEvent.Inject), "a copy, no forgery: " + t.events());
    }

    @Test
    void withoutAnInjectionTheWithdrawalIsNoViolation() {
        CellResult r = new CoreEngine(1).checkProperties(SchemeId.RFC8684, A, List.of(PropertyId.ADDR_AUTHENTICITY),
                CoreEngineTest.options("rfc8684-aar-0", Bounds.parse("injections=0")));
        assertNotEquals(Verdict.VIOLATED, r.verdict(), r.toString());
        assertNotEquals(Verdict.INCONCLUSIVE, r.verdict(), r.toString());
    }
}
