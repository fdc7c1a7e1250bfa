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
import org.mptcpverify.vocab.PropertyId;
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
        assertTheThesisAttack(check(SchemeId.THESIS_XOR, AttackId.EAVESDROP_HANDSHAKE));
    }

    /**
     * The same three injections under the profiles that see the victim's handshake and may inject
     * after it (issue 10/13, session 10): the man in the middle of the handshake on both thesis
     * rows, and another application's insider judged on JoinAuthenticity alone (its cell stops
     * at JoinStateUnforgeable, which the relayed join SYN violates first). The mutants run found
     * each only on another random stream (docs/mutants.md, "Violations the matrix missed").
     */
    @Test
    void theHandshakeActiveProfilesFindTheSameAttackAtTheDefaults() throws Exception {
        for (SchemeId s : List.of(SchemeId.THESIS_XOR, SchemeId.THESIS_XOR_GLOBAL)) {
            assertTheThesisAttack(check(s, AttackId.HANDSHAKE_MITM));
        }
        assertTheThesisAttack(new GenericAttacker(SegmentExplorer.Limits.DEFAULT, GenericAttacker.DEFAULT_TRIES)
                .check(SchemeId.THESIS_XOR, AttackId.INSIDER_OTHER_APP, GenericAttacker.definition(SchemeId.THESIS_XOR), SEED,
                        false, List.of(PropertyId.JOIN_AUTHENTICITY)));
    }

    /** The control: the same search at the same defaults finds nothing on bound-key, whose attacker still acts. */
    @Test
    void boundKeyStillHoldsUnderTheManInTheMiddleWithAWitness() {
        GenericAttacker.Outcome o = check(SchemeId.BOUND_KEY, AttackId.HANDSHAKE_MITM);
        assertEquals(Verdict.HOLDS, o.verdict(), o.reason() + " " + o.counterexample());
        assertTrue(o.relevant().runs() > 0 && o.relevant().points().keySet().stream().anyMatch(k -> k.startsWith("JOIN_")),
                "no attacker segment reached a join check: " + o.relevant());
    }

    /** VIOLATED on JoinAuthenticity by a forged ADD_ADDR, the client's join SYN to x.a, its token field reused; replayed. */
    static void assertTheThesisAttack(GenericAttacker.Outcome o) throws Exception {
        String cell = o.scheme() + " / " + o.attack().wireName();
        assertEquals(Verdict.VIOLATED, o.verdict(), cell + ": " + o.reason());
        assertEquals(PropertyId.JOIN_AUTHENTICITY, o.violated().orElseThrow(), cell);
        SegmentTrace t = SegmentTraceJson.parse(SegmentTraceJson.write(o.counterexample().orElseThrow()));
        SegmentReplayer.Result r = new SegmentReplayer().replay(t);
        assertTrue(r.reproduced(), cell + ": " + String.join("\n", r.report()));
        // its class: the client joined the attacker's address, whose token field the attacker sent
        List<SegmentEvent> ev = t.events();
        int clientSynToX = -1;
        for (SegmentEvent e : ev) {
            if (e instanceof SegmentEvent.Send s && s.msg().equals("JOIN_SYN") && s.dst().equals("x.a")) {
                clientSynToX = s.seg();
            }
        }
        assertTrue(ev.stream().anyMatch(e -> e instanceof SegmentEvent.Inject i && i.msg().equals("ADD_ADDR")),
                cell + ": no forged ADD_ADDR: " + ev);
        assertTrue(clientSynToX > 0, cell + ": the client never joined the attacker's address: " + ev);
        String reuse = "seg=" + clientSynToX + ", field=token";
        assertTrue(ev.stream().anyMatch(e -> e instanceof SegmentEvent.Inject i && i.msg().equals("JOIN_SYN")
                && i.fields().toString().contains(reuse)), cell + ": no join SYN with the client's token field: " + ev);
        assertTrue(ev.stream().anyMatch(e -> e instanceof SegmentEvent.Inject i && i.msg().equals("JOIN_ACK")),
                cell + ": no third ACK of its own: " + ev);
        assertTrue(ev.size() <= 20, cell + ": not short: " + ev.size() + " events");
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

    /**
     * For properties an honest end's acceptance violates, a plan ends in a move that can reach a
     * check they depend on; every dropped plan's two-move prefix still starts a kept plan, and a
     * property the attacker's knowledge violates (ExternalKeySecrecy) keeps every plan.
     */
    @Test
    void thePlansForAcceptedSegmentsEndInAMoveThatReachesTheirCheck() {
        SegmentExplorer mitm = new SegmentExplorer(SchemeId.THESIS_XOR, AttackerProfile.of(AttackId.HANDSHAKE_MITM),
                GenericAttacker.definition(SchemeId.THESIS_XOR), SegmentExplorer.Limits.DEFAULT);
        List<SegmentExplorer.Plan> all = mitm.plans();
        List<SegmentExplorer.Plan> kept = mitm.plans(List.of(PropertyId.JOIN_AUTHENTICITY));
        // on-path, replay, join, fast close, join SYN/ACK, ADD_ADDR; the last one of: on-path, replay, join
        assertEquals(6 * 6 * 6, all.size());
        assertEquals(6 * 6 * 3, kept.size());
        assertTrue(all.containsAll(kept));
        assertTrue(kept.stream().allMatch(p -> List.of(1, 2, 3).contains(p.kinds().get(2))), kept.toString());
        assertTrue(kept.contains(new SegmentExplorer.Plan(List.of(6, 3, 3))), "the thesis attack's plan was dropped");
        for (SegmentExplorer.Plan p : all) {
            assertTrue(kept.stream().anyMatch(k -> k.kinds().subList(0, 2).equals(p.kinds().subList(0, 2))), p.toString());
        }
        // a fast close is what CloseAuthenticity judges; an ADD_ADDR is not
        List<SegmentExplorer.Plan> close = mitm.plans(List.of(PropertyId.CLOSE_AUTHENTICITY));
        assertTrue(close.stream().anyMatch(p -> p.kinds().get(2) == 4) && close.stream().noneMatch(p -> p.kinds().get(2) == 6));
        SegmentExplorer all2 = new SegmentExplorer(SchemeId.THESIS_XOR, AttackerProfile.of(AttackId.EAVESDROP_ALL),
                GenericAttacker.definition(SchemeId.THESIS_XOR), SegmentExplorer.Limits.DEFAULT);
        assertEquals(all2.plans(), all2.plans(List.of(PropertyId.JOIN_AUTHENTICITY, PropertyId.EXTERNAL_KEY_SECRECY)));
    }
}
