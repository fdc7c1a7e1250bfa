package org.mptcpverify.traces.generic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The add-addr-replay column on the generic attacker (issue 13): the server withdraws the address it
 * advertised, the attacker, which reads only the path-manager options of the first path, sends a
 * copy of the ADD_ADDR it read and the client accepts the address again. Found for rfc8684 and for
 * draft-baerts (whose ADD_ADDR HMAC is keyed by the external key, with no nonce either), replayed on a
 * fresh reference. Controls: the same trace without the server's REMOVE_ADDR violates nothing (the
 * address is still announced: the refined AddrAuthenticity judges the withdrawal, not the copy), and
 * the replayer refuses a "replay" of a segment still in flight on its own 4-tuple.
 */
class AddAddrReplayTest {
    static final long SEED = Long.getLong("mptcp.seed", 20261127L);
    static final AttackId A = AttackId.ADD_ADDR_REPLAY;

    static GenericAttacker.Outcome check(SchemeId s) {
        return new GenericAttacker(SegmentExplorer.Limits.DEFAULT, GenericAttacker.DEFAULT_TRIES).check(s, A, SEED, false);
    }

    static boolean withdraws(SegmentEvent e) {
        return e instanceof SegmentEvent.Send s && s.msg().equals("REMOVE_ADDR") && !s.dst().startsWith("s.");
    }

    @Test
    void rfc8684AndDraftBaertsFallToACopyOfAWithdrawnAddress() throws Exception {
        for (SchemeId s : List.of(SchemeId.RFC8684, SchemeId.DRAFT_BAERTS)) {
            GenericAttacker.Outcome o = check(s);
            System.out.println("[add-addr-replay] " + s + ": " + o.verdict() + " after " + o.runs() + " runs: " + o.reason());
            assertEquals(Verdict.VIOLATED, o.verdict(), s + ": " + o);
            assertEquals(PropertyId.ADDR_AUTHENTICITY, o.violated().orElseThrow());
            SegmentTrace t = o.counterexample().orElseThrow();
            assertTrue(new SegmentReplayer().replay(t).reproduced(), s + ": replays");
            assertTrue(t.events().stream().anyMatch(AddAddrReplayTest::withdraws), s + ": " + t.events());
            assertTrue(t.events().stream().anyMatch(e -> e instanceof SegmentEvent.Replay), s + ": " + t.events());
            assertTrue(t.events().stream().noneMatch(e -> e instanceof SegmentEvent.Inject), s + ": a copy, no forgery");

            // control: without the server's withdrawal the copy repeats a current advertisement, which
            // the client ignores (so the answers it gave the copy, its echo, are gone too)
            List<SegmentEvent> kept = new ArrayList<>();
            java.util.Set<Integer> gone = new java.util.HashSet<>();
            java.util.Set<Integer> copies = new java.util.HashSet<>();
            for (SegmentEvent e : t.events()) {
                if (withdraws(e)) {
                    gone.add(((SegmentEvent.Send) e).seg());
                } else if (e instanceof SegmentEvent.Replay r) {
                    copies.add(r.seg());
                    kept.add(e);
                } else if (e instanceof SegmentEvent.Deliver d && copies.contains(d.seg()) && d.reply() != 0) {
                    gone.add(d.reply());
                    kept.add(new SegmentEvent.Deliver(d.seg(), 0, ""));
                } else if (!(e instanceof SegmentEvent.Deliver d && gone.contains(d.seg()))
                        && !(e instanceof SegmentEvent.Observe ob && gone.contains(ob.seg()))
                        && !(e instanceof SegmentEvent.Lose l && gone.contains(l.seg()))) {
                    kept.add(e);
                }
            }
            SegmentReplayer.Result still = new SegmentReplayer().replay(t.withEvents(kept));
            assertTrue(still.divergence().isEmpty(), s + ": " + still.divergence());
            assertTrue(still.violation().isEmpty(), s + ": without the withdrawal nothing is violated: " + still.violation());
        }
    }

    /** The matrix's traces engine decides the column with the generic attacker and writes a replayable segment trace. */
    @Test
    void theTracesEngineWritesTheSegmentCounterexample() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of("target", "add-addr-replay-engine");
        org.mptcpverify.engine.CellResult r = new org.mptcpverify.traces.TracesEngine()
                .check(SchemeId.RFC8684, A, new org.mptcpverify.engine.EngineOptions(SEED, root, root.resolve("work"),
                        java.time.Duration.ofSeconds(300), org.mptcpverify.traces.TracesEngine.DEFAULT_TRIES, false));
        assertEquals(Verdict.VIOLATED, r.verdict(), r.toString());
        assertTrue(r.bounds().containsKey("runs"), "the generic attacker's runs are recorded: " + r.bounds());
        SegmentTrace t = org.mptcpverify.segment.SegmentTraceJson.read(r.counterexample());
        assertTrue(new SegmentReplayer().replay(t).reproduced(), "the written file replays");
    }

    @Test
    void aCopyOfASegmentStillInFlightOnItsOwnTupleIsRefused() throws Exception {
        SegmentTrace t = check(SchemeId.RFC8684).counterexample().orElseThrow();
        // move the replay before the original ADD_ADDR's delivery
        SegmentEvent.Replay r = (SegmentEvent.Replay) t.events().stream().filter(e -> e instanceof SegmentEvent.Replay)
                .findFirst().orElseThrow();
        List<SegmentEvent> early = new ArrayList<>();
        for (SegmentEvent e : t.events()) {
            if (e == r) {
                continue;
            }
            if (e instanceof SegmentEvent.Deliver d && d.seg() == r.of()) {
                early.add(r);
            }
            early.add(e);
        }
        assertThrows(BadTraceFileException.class, () -> new SegmentReplayer().replay(t.withEvents(early)));
    }
}
