package org.mptcpverify.traces.generic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The handshake columns of issue 13 on the generic segment-level attacker: each violation is
 * replayed on a fresh reference and needs the attacker's handshake edits (without them the same
 * trace holds); each holding control has attacker segments that reached an honest end.
 */
class GenericHandshakeColumnsTest {
    static final long SEED = Long.getLong("mptcp.seed", 20261127L);
    static final int RUNS = 200;

    static GenericAttacker.Outcome check(SchemeId s, AttackId a) {
        return new GenericAttacker(SegmentExplorer.Limits.DEFAULT, RUNS).check(s, a, SEED, false);
    }

    /** The trace without its tamper events, every later reference to a tampered segment sent to the original. */
    static SegmentTrace untampered(SegmentTrace t) {
        Map<Integer, Integer> was = new java.util.HashMap<>();
        List<SegmentEvent> out = new java.util.ArrayList<>();
        for (SegmentEvent e : t.events()) {
            if (e instanceof SegmentEvent.Tamper tm) {
                was.put(tm.as(), was.getOrDefault(tm.seg(), tm.seg()));
            } else if (e instanceof SegmentEvent.Deliver d) {
                out.add(new SegmentEvent.Deliver(was.getOrDefault(d.seg(), d.seg()), d.reply(), d.replyMsg()));
            } else if (e instanceof SegmentEvent.Observe o) {
                if (!was.containsKey(o.seg())) {
                    out.add(o);
                }
            } else {
                out.add(e);
            }
        }
        return t.withEvents(out);
    }

    @Test
    void signalledSchemesThatFallBackAreDowngradedAndTheAttackNeedsTheEdit() throws Exception {
        for (SchemeId s : List.of(SchemeId.DRAFT_BAERTS, SchemeId.DRAFT_PAASCH)) {
            GenericAttacker.Outcome o = check(s, AttackId.HANDSHAKE_DOWNGRADE);
            assertEquals(Verdict.VIOLATED, o.verdict(), s + ": " + o.reason());
            assertEquals(PropertyId.DOWNGRADE_RESISTANCE, o.violated().orElseThrow());
            SegmentTrace t = o.counterexample().orElseThrow();
            assertTrue(t.events().stream().anyMatch(SegmentEvent.Tamper.class::isInstance), s + ": " + t.events());
            // the file round-trips and replays on a fresh reference
            SegmentTrace back = SegmentTraceJson.parse(SegmentTraceJson.write(t));
            SegmentReplayer.Result r = new SegmentReplayer().replay(back);
            assertTrue(r.reproduced(), String.join("\n", r.report()));
            // negative control: the same handshake without the attacker's edits keeps the key mode
            SegmentReplayer.Result clean = new SegmentReplayer().replay(untampered(back));
            assertTrue(clean.divergence().isEmpty() && !clean.reproduced(), String.join("\n", clean.report()));
        }
    }

    @Test
    void aSchemeThatRefusesOrSignalsNothingHoldsWithAWitness() {
        for (SchemeId s : List.of(SchemeId.BOUND_KEY, SchemeId.THESIS_XOR, SchemeId.DRAFT_PAASCH_UNSIGNALLED)) {
            GenericAttacker.Outcome o = check(s, AttackId.HANDSHAKE_DOWNGRADE);
            assertEquals(Verdict.HOLDS, o.verdict(), s + ": " + o.reason() + " " + o.counterexample());
            assertTrue(o.witnessRuns() > 0, s + ": no edited segment reached an end");
        }
    }

    @Test
    void brokenViolatesDowngradeResistance() {
        assertEquals(Verdict.VIOLATED, check(SchemeId.BROKEN, AttackId.HANDSHAKE_DOWNGRADE).verdict());
    }

    @Test
    void theDowngraderActsOnlyOnTheHandshake() throws Exception {
        // after the handshake it is off path: dropping the server's ADD_ADDR is refused
        List<SegmentEvent> ev = List.of(
                new SegmentEvent.Send(1, "c1.1", "MPC_SYN", "s.a1"),
                new SegmentEvent.Deliver(1, 2, "MPC_SYNACK"),
                new SegmentEvent.Deliver(2, 3, "MPC_ACK"),
                new SegmentEvent.Deliver(3, 0, ""),
                new SegmentEvent.Send(4, "c1.1", "ADD_ADDR", "c1.a1"),
                new SegmentEvent.Drop(4));
        SegmentTrace t = new SegmentTrace("test", SchemeId.RFC8684, AttackId.HANDSHAKE_DOWNGRADE,
                PropertyId.DOWNGRADE_RESISTANCE, 7L, "both", false, Map.of("c1", List.of("c1.1")), Map.of(), ev);
        BadTraceFileException e = assertThrows(BadTraceFileException.class, () -> new SegmentReplayer().replay(t));
        assertTrue(e.getMessage().contains("not on the path"), e.getMessage());
    }

    @Test
    void theManInTheMiddleBreaksClearKeysAndDowngradableSchemesNotAPreSharedKey() throws Exception {
        for (SchemeId s : List.of(SchemeId.RFC8684, SchemeId.DRAFT_BAERTS)) {
            GenericAttacker.Outcome o = check(s, AttackId.HANDSHAKE_MITM);
            assertEquals(Verdict.VIOLATED, o.verdict(), s + ": " + o.reason());
            assertEquals(PropertyId.JOIN_AUTHENTICITY, o.violated().orElseThrow());
            SegmentTrace t = SegmentTraceJson.parse(SegmentTraceJson.write(o.counterexample().orElseThrow()));
            assertTrue(new SegmentReplayer().replay(t).reproduced(), s + ": not reproduced");
            if (s.usesExternalKey()) {
                // draft-baerts falls only through the downgrade: its joins need K otherwise
                assertTrue(t.events().stream().anyMatch(SegmentEvent.Tamper.class::isInstance), s + ": " + t.events());
            }
        }
        GenericAttacker.Outcome bk = new GenericAttacker(SegmentExplorer.Limits.DEFAULT, 2 * RUNS)
                .check(SchemeId.BOUND_KEY, AttackId.HANDSHAKE_MITM, SEED, false);
        assertEquals(Verdict.HOLDS, bk.verdict(), bk.reason() + " " + bk.counterexample());
        assertTrue(bk.witnessRuns() > 0);
        // given the key, the same attacker breaks bound-key (the key control of the column)
        GenericAttacker.Outcome given = new GenericAttacker(SegmentExplorer.Limits.DEFAULT, 2 * RUNS)
                .check(SchemeId.BOUND_KEY, AttackId.HANDSHAKE_MITM, SEED, true);
        assertEquals(Verdict.VIOLATED, given.verdict(), given.reason());
    }

    @Test
    void anUnauthenticatedKeyAgreementIsNotClaimedToHold() {
        GenericAttacker.Outcome o = check(SchemeId.ECDH, AttackId.HANDSHAKE_MITM);
        assertEquals(Verdict.INCONCLUSIVE, o.verdict());
        assertTrue(o.reason().startsWith("not modelled"), o.reason());
    }
}
