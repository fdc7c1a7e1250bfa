package org.mptcpverify.models.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * The generic core's syn-flood-amplification profile (issue 13, thesis 2.2.3): the attacker, client
 * of its own connection (without the application's key), sends SYN + MP_JOIN for it from a spoofed
 * source; JoinStateBounded forbids request sockets for a source that cannot answer. The violation
 * must replay on the reference. Control: the same cell with the server option cookies=1 (every
 * join answered with a SYN cookie, no request socket) holds, with the attacker-activity witness
 * (one injection, so the control's complete state space stays small).
 */
class CoreSynFloodTest {
    static final AttackId A = AttackId.SYN_FLOOD_AMPLIFICATION;

    @Test
    void rfc8684KeepsStateForASpoofedJoinAndTheTraceReplays() throws Exception {
        CellResult r = new CoreEngine(1).checkProperties(SchemeId.RFC8684, A, List.of(PropertyId.JOIN_STATE_BOUNDED),
                CoreEngineTest.options("rfc8684-sfa", Bounds.NONE));
        assertEquals(Verdict.VIOLATED, r.verdict(), r.toString());
        assertNotNull(r.counterexample(), r.toString());
        SegmentTrace t = SegmentTraceJson.read(r.counterexample());
        assertEquals("server", t.keyedSide());
        assertTrue(new SegmentReplayer().replay(t).reproduced(), "the written file replays");
        assertTrue(t.events().stream().anyMatch(e -> e instanceof SegmentEvent.Inject i && i.msg().equals("JOIN_SYN")
                && i.src().startsWith("spoof")), t.events().toString());
    }

    @Test
    void withSynCookiesTheServerKeepsNoStateAndTheCellHoldsWithAWitness() {
        CellResult r = new CoreEngine(1).checkProperties(SchemeId.RFC8684, A, List.of(PropertyId.JOIN_STATE_BOUNDED),
                CoreEngineTest.options("rfc8684-sfa-cookies", Bounds.parse("cookies=1,injections=1")));
        assertEquals(Verdict.HOLDS, r.verdict(), r.toString());
        assertEquals(1, r.bounds().get("cookies"), r.bounds().toString());
        assertEquals(1, r.witness().get("attackerSegmentsChecked"), r.witness().toString());
    }
}
