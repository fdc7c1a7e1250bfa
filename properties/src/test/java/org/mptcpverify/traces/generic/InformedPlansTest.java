package org.mptcpverify.traces.generic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The informed plans of the generic attacker (docs/traces-engine.md, "Search"): the three-move
 * attack the random walk missed at the engine's defaults (a forged ADD_ADDR, the client's join SYN
 * to the attacker's address, that SYN's token field in the attacker's own join, its third ACK;
 * the tlc core finds it at injections=3) is found at the defaults, replays on a fresh reference,
 * and is the same bytes from the same seed.
 */
class InformedPlansTest {
    static final long SEED = Long.getLong("mptcp.seed", 20261127L);

    static GenericAttacker.Outcome check(SchemeId s, AttackId a) {
        return new GenericAttacker(SegmentExplorer.Limits.DEFAULT, GenericAttacker.DEFAULT_TRIES).check(s, a, SEED, false);
    }

    @Test
    void theForgedAdvertisementThenTokenReuseAttackIsFoundAtTheDefaultsAndReplays() throws Exception {
        GenericAttacker.Outcome o = check(SchemeId.THESIS_XOR, AttackId.EAVESDROP_HANDSHAKE);
        assertEquals(Verdict.VIOLATED, o.verdict(), o.reason());
        SegmentTrace t = SegmentTraceJson.parse(SegmentTraceJson.write(o.counterexample().orElseThrow()));
        SegmentReplayer.Result r = new SegmentReplayer().replay(t);
        assertTrue(r.reproduced(), String.join("\n", r.report()));
        // its class: the client joined the attacker's address, whose token field the attacker sent
        List<SegmentEvent> ev = t.events();
        int clientSynToX = -1;
        for (SegmentEvent e : ev) {
            if (e instanceof SegmentEvent.Send s && s.msg().equals("JOIN_SYN") && s.dst().equals("x.a")) {
                clientSynToX = s.seg();
            }
        }
        assertTrue(ev.stream().anyMatch(e -> e instanceof SegmentEvent.Inject i && i.msg().equals("ADD_ADDR")),
                "no forged ADD_ADDR: " + ev);
        assertTrue(clientSynToX > 0, "the client never joined the attacker's address: " + ev);
        String reuse = "seg=" + clientSynToX + ", field=token";
        assertTrue(ev.stream().anyMatch(e -> e instanceof SegmentEvent.Inject i && i.msg().equals("JOIN_SYN")
                && i.fields().toString().contains(reuse)), "no join SYN with the client's token field: " + ev);
        assertTrue(ev.size() <= 20, "not short: " + ev.size() + " events");
    }

    @Test
    void theSameSeedGivesTheSameCounterexampleBytes() throws Exception {
        String a = SegmentTraceJson.write(check(SchemeId.THESIS_XOR, AttackId.INSIDER_OTHER_APP).counterexample().orElseThrow());
        String b = SegmentTraceJson.write(check(SchemeId.THESIS_XOR, AttackId.INSIDER_OTHER_APP).counterexample().orElseThrow());
        assertEquals(a, b);
    }

    @Test
    void thePlansAreEveryOrderOfUpToThreeKindsTheProfileCanMake() {
        SegmentExplorer e = new SegmentExplorer(SchemeId.THESIS_XOR, AttackerProfile.of(AttackId.EAVESDROP_HANDSHAKE),
                GenericAttacker.definition(SchemeId.THESIS_XOR), SegmentExplorer.Limits.DEFAULT);
        List<SegmentExplorer.Plan> plans = e.plans();
        // an eavesdropper injects (replay, join, fast close, join SYN/ACK, ADD_ADDR) and sits on no path
        assertEquals(5 * 5 * 5, plans.size());
        assertEquals(plans.size(), new HashSet<>(plans).size());
        assertTrue(plans.stream().allMatch(p -> p.kinds().size() == 3 && !p.kinds().contains(1)));
        SegmentExplorer none = new SegmentExplorer(SchemeId.THESIS_XOR, AttackerProfile.of(AttackId.EAVESDROP_HANDSHAKE),
                GenericAttacker.definition(SchemeId.THESIS_XOR), new SegmentExplorer.Limits(24, 0, 2, 0));
        assertEquals(List.of(), none.plans());
    }
}
