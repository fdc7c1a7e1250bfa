package org.mptcpverify.models.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.engine.Bounds;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.scheme.Schemes;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * Several connections of one application (issue 13.3): the thesis's server keeps ONE host-wide
 * {@code token_tnb} (Appendix A, Listing A.7), so once a client holds two connections, a join of
 * the older one is dropped. On the generic TLA+ core at {@code connections=2} (one join per
 * connection, the smallest bounds that show it), {@code thesis-xor-global / legit-join} is VIOLATED
 * with a counterexample that replays on the reference; {@code thesis-xor} (lookup per connection)
 * HOLDS at the same bounds, and the violating schedule itself, replayed on thesis-xor's reference,
 * establishes the join (the control exercises the interleaving it is credited for).
 */
class CoreConnectionsTest {
    static final Path OUT = CoreCellsTest.TARGET.resolve("connections");
    static final Bounds TWO_CONNECTIONS = Bounds.parse("connections=2,joins=1");

    static EngineOptions options(String name) {
        return new EngineOptions(CoreCellsTest.seed(), OUT.resolve(name).resolve("cx"), OUT.resolve(name).resolve("work"),
                Duration.ofSeconds(600), 0, false, TWO_CONNECTIONS);
    }

    @Test
    void theHostWideTokenBreaksTheOlderConnectionsJoinAndTheControlHolds() throws Exception {
        CellResult global = new CoreEngine(1).check(SchemeId.THESIS_XOR_GLOBAL, AttackId.LEGIT_JOIN, options("global"));
        assertEquals(Verdict.VIOLATED, global.verdict(), global.toString());
        assertEquals(List.of(PropertyId.LEGIT_JOIN_SUCCEEDS), global.violated());
        assertEquals(2, global.bounds().get("connections"));
        assertNotNull(global.counterexample());
        SegmentTrace t = SegmentTraceJson.read(global.counterexample());
        assertEquals(List.of("c1.1", "c1.2"), t.clients().get("c1"));
        List<String> opened = t.events().stream().filter(e -> e instanceof SegmentEvent.Send s && s.msg().equals("MPC_SYN"))
                .map(e -> ((SegmentEvent.Send) e).conn()).toList();
        assertEquals(List.of("c1.1", "c1.2"), opened.stream().sorted().toList(), "both connections are opened");
        SegmentReplayer.Result onGlobal = new SegmentReplayer().replay(t);
        assertTrue(onGlobal.reproduced(), String.join("\n", onGlobal.report()));

        CellResult perSocket = new CoreEngine(1).check(SchemeId.THESIS_XOR, AttackId.LEGIT_JOIN, options("per-socket"));
        assertEquals(Verdict.HOLDS, perSocket.verdict(), perSocket.toString());
        assertEquals(2, perSocket.bounds().get("connections"));
        assertTrue(((Number) perSocket.bounds().get("distinctStates")).longValue() > 0, perSocket.bounds().toString());

        // the witness of the control: the violating schedule, cut after the server receives the older
        // connection's join SYN, with the server free to answer: thesis-xor's reference answers it with
        // SYN/ACK + MP_JOIN (the join goes on), thesis-xor-global's with nothing the model has (dropped)
        SegmentTrace cut = joinSynAnswered(t);
        String onPerSocket = lastStep(new SegmentReplayer(s -> Schemes.of(SchemeId.THESIS_XOR)).replay(cut));
        assertTrue(onPerSocket.contains("JOIN_SYNACK"), onPerSocket);
        String onGlobal2 = lastStep(new SegmentReplayer().replay(cut));
        assertFalse(onGlobal2.contains("JOIN_SYNACK"), onGlobal2);
    }

    /** {@code t} up to the server's receipt of the first JOIN_SYN, delivered with whatever answer the reference gives. */
    static SegmentTrace joinSynAnswered(SegmentTrace t) {
        List<SegmentEvent> out = new java.util.ArrayList<>();
        java.util.Set<Integer> joinSyns = new java.util.HashSet<>();
        for (SegmentEvent e : t.events()) {
            if (e instanceof SegmentEvent.Send s && s.msg().equals("JOIN_SYN")) {
                joinSyns.add(s.seg());
            }
            if (e instanceof SegmentEvent.Deliver d && joinSyns.contains(d.seg())) {
                out.add(new SegmentEvent.Deliver(d.seg(), 999, SegmentReplayer.Session.ANY_REPLY));
                return t.withEvents(out);
            }
            out.add(e);
        }
        throw new AssertionError("the counterexample delivers no join SYN: " + t.events());
    }

    static String lastStep(SegmentReplayer.Result r) {
        assertTrue(r.divergence().isEmpty(), String.join("\n", r.report()));
        return r.steps().get(r.steps().size() - 1);
    }
}
