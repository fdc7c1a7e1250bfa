package org.mptcpverify.models.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing of TLC -tool output (captured from TLC2 2.18 runs of the former MptcpJoin model: the format is TLC's, not the model's). */
class TlcOutputTest {
    private static String captured(String name) throws IOException {
        try (InputStream in = TlcOutputTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** TLC reports an invariant false in an initial state as 2107, with no 2121/2217 trace. */
    @Test
    void violationInTheInitialState() throws IOException {
        TlcReport r = TlcOutput.parse(captured("initial-violation.out"));
        assertEquals("ExternalKeySecrecy", r.violatedInvariant().orElseThrow());
        assertEquals(1, r.trace().size());
        assertTrue(r.trace().get(0).header().contains("Initial predicate"));
        assertEquals("FALSE", r.trace().get(0).variables().get("active"));
        assertTrue(r.traceText().startsWith("Invariant ExternalKeySecrecy is violated by the initial state"));
    }

    @Test
    void violationWithTrace() throws IOException {
        TlcReport r = TlcOutput.parse(captured("violation.out"));
        assertEquals("JoinStateUnforgeable", r.violatedInvariant().orElseThrow());
        assertFalse(r.completed());
        assertEquals(4, r.trace().size());
        assertEquals(List.of(1, 2, 3, 4), r.trace().stream().map(TraceState::number).toList());
        assertTrue(r.trace().get(0).header().contains("Initial predicate"));
        assertTrue(r.trace().get(3).header().startsWith("<SpoofJoinSyn line"));
        assertEquals("{\"KeyA.c1\", \"TokA.c1\", \"KeyB.c1\", \"TokB.c1\", \"KeyB.c1|KeyA.c1\"}",
                r.trace().get(1).variables().get("know"));
        assertEquals(17, r.trace().get(3).variables().size());
        assertTrue(r.traceText().startsWith("Invariant JoinStateUnforgeable is violated."));
        assertFalse(r.traceText().contains("@!@!@"));
        assertEquals(9L, r.distinctStates().orElseThrow());
        assertEquals(4, r.depth().orElseThrow());
        assertTrue(r.errors().isEmpty());
    }

    @Test
    void multiLineValuesAreJoined() {
        TraceState s = TlcOutput.state("3: <Join line 1, col 1 to line 2, col 2 of module MptcpJoin>\n"
                + "/\\ halfOpen = { [conn |-> \"c1\", origin |-> \"x\"],\n"
                + "     [conn |-> \"c1\", origin |-> \"c1\"] }\n"
                + "/\\ nonce = 2\n");
        assertEquals(3, s.number());
        assertEquals("{ [conn |-> \"c1\", origin |-> \"x\"], [conn |-> \"c1\", origin |-> \"c1\"] }",
                s.variables().get("halfOpen"));
        assertEquals("2", s.variables().get("nonce"));
    }

    @Test
    void completedRun() throws IOException {
        TlcReport r = TlcOutput.parse(captured("holds.out"));
        assertTrue(r.completed());
        assertTrue(r.violatedInvariant().isEmpty());
        assertTrue(r.trace().isEmpty());
        assertEquals(161L, r.distinctStates().orElseThrow());
        assertEquals(8, r.depth().orElseThrow());
    }

    @Test
    void parseErrorIsAnError() throws IOException {
        TlcReport r = TlcOutput.parse(captured("parse-error.out"));
        assertFalse(r.completed());
        assertEquals(List.of("Parsing or semantic analysis failed."), r.errors());
    }
}
