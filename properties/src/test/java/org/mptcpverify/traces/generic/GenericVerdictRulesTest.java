package org.mptcpverify.traces.generic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/** The generic attacker's verdict rules that do not need a search. */
class GenericVerdictRulesTest {
    /**
     * The shrinker once cut a join's deliveries and kept the rest: the join never completes, so
     * the reference judges LegitJoinSucceeds violated at the end, but the trace has silently lost
     * a segment, which the functional columns' network (no loss) does not allow. A violation of an
     * outcome property counts only at a quiescent end.
     */
    @Test
    void anOutcomePropertyIsViolatedOnlyAtAQuiescentEnd() throws Exception {
        List<SegmentEvent> handshake = List.of(
                new SegmentEvent.Send(1, "c1.1", "MPC_SYN", "s.a1"),
                new SegmentEvent.Deliver(1, 2, "MPC_SYNACK"),
                new SegmentEvent.Deliver(2, 3, "MPC_ACK"),
                new SegmentEvent.Deliver(3, 0, ""),
                new SegmentEvent.Send(4, "c1.1", "JOIN_SYN", "s.a1"));
        SegmentTrace cut = new SegmentTrace("test", SchemeId.RFC6824, AttackId.LEGIT_JOIN, PropertyId.LEGIT_JOIN_SUCCEEDS,
                7L, "both", false, Map.of("c1", List.of("c1.1")), Map.of(), handshake);
        SegmentReplayer.Result r = new SegmentReplayer().replay(cut);
        assertTrue(r.reproduced(), String.join("\n", r.report()));
        assertEquals(1, r.inFlightAtEnd(), String.join("\n", r.report()));
        assertTrue(GenericAttacker.reproduce(cut).isEmpty(), "a join cut short is no violation of LegitJoinSucceeds");
    }
}
