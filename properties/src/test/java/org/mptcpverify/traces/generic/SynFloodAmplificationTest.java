package org.mptcpverify.traces.generic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The syn-flood-amplification column on the generic attacker (issue 13, thesis 2.2.3): the client is
 * the attacker's own host (keyed side "server": its connection holds no external key), and the
 * attacker sends SYN + MP_JOIN for that connection from spoofed sources. JoinStateBounded: the
 * server keeps no request socket for a source that cannot answer. Found for rfc8684 and replayed on a
 * fresh reference. Control: the same trace with the spoofed sources replaced by the attacker's own
 * address x.a (return-routable) violates nothing, so the verdict rests on the spoofing.
 */
class SynFloodAmplificationTest {
    static final long SEED = Long.getLong("mptcp.seed", 20261127L);

    @Test
    void rfc8684KeepsRequestSocketsForSpoofedJoins() throws Exception {
        GenericAttacker.Outcome o = new GenericAttacker(SegmentExplorer.Limits.DEFAULT, GenericAttacker.DEFAULT_TRIES)
                .check(SchemeId.RFC8684, AttackId.SYN_FLOOD_AMPLIFICATION, SEED, false);
        System.out.println("[syn-flood-amplification] rfc8684: " + o.verdict() + " after " + o.runs() + " runs: " + o.reason());
        assertEquals(Verdict.VIOLATED, o.verdict(), o.toString());
        assertEquals(PropertyId.JOIN_STATE_BOUNDED, o.violated().orElseThrow());
        SegmentTrace t = o.counterexample().orElseThrow();
        assertEquals("server", t.keyedSide());
        assertTrue(new SegmentReplayer().replay(t).reproduced());

        List<SegmentEvent> routable = new ArrayList<>();
        boolean spoofed = false;
        for (SegmentEvent e : t.events()) {
            if (e instanceof SegmentEvent.Inject i && i.src().startsWith("spoof")) {
                spoofed = true;
                routable.add(new SegmentEvent.Inject(i.seg(), i.msg(), i.conn(), i.subflow(), "x.a", i.dst(), i.fields()));
            } else if (e instanceof SegmentEvent.Replay r && r.src().startsWith("spoof")) {
                spoofed = true;
                routable.add(new SegmentEvent.Replay(r.seg(), r.of(), r.subflow(), "x.a", r.dst()));
            } else {
                routable.add(e);
            }
        }
        assertTrue(spoofed, "the violation uses a spoofed source: " + t.events());
        SegmentReplayer.Result control = new SegmentReplayer().replay(t.withEvents(routable));
        assertTrue(control.divergence().isEmpty(), control.divergence().toString());
        assertTrue(control.violation().isEmpty(), "from x.a the same joins are no violation: " + control.violation());
    }
}
