package org.mptcpverify.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;

/** The segment-level reader is as strict as the action-level one: every malformed file is one line of reason. */
class SegmentTraceJsonTest {
    static String fixture(String name) {
        try (InputStream in = SegmentTraceJsonTest.class.getResourceAsStream("/segments/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String reason(String text) {
        BadTraceFileException e = assertThrows(BadTraceFileException.class, () -> SegmentTraceJson.parse(text));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void writingWhatWasReadGivesTheSameBytes() throws Exception {
        for (String f : new String[] {"rfc8684_eavesdrop-handshake", "bound-key_join-dos"}) {
            String text = fixture(f);
            SegmentTrace t = SegmentTraceJson.parse(text);
            assertEquals(text, SegmentTraceJson.write(t), f);
            assertEquals(t, SegmentTraceJson.parse(SegmentTraceJson.write(t)), f);
        }
    }

    @Test
    void malformedFilesAreRefusedWithTheirReason() {
        String good = fixture("rfc8684_eavesdrop-handshake");
        assertTrue(reason(good + "{}").startsWith("not JSON"));
        assertTrue(reason(good.replace("\"engine\" : \"tlc-core\",", "\"engine\" : \"tlc-core\", \"engine\" : \"x\",")).startsWith("not JSON"));
        assertTrue(reason(good.replace("mptcp-verify-segments/1", "mptcp-verify-segments/2")).contains("expected"));
        assertTrue(reason(good.replace("\"event\" : \"inject\"", "\"event\" : \"teleport\"")).contains("unknown event 'teleport'"));
        assertTrue(reason(good.replace("\"replyMsg\" : \"MPC_SYNACK\"", "\"replyMsg\" : \"MPC_SYNACK\", \"delay\" : 3"))
                .contains("unknown parameter \"delay\""));
        assertTrue(reason(good.replace("\"fn\" : \"token\"", "\"fn\" : \"invert\"")).contains("unknown function 'invert'"));
        assertTrue(reason(good.replace("\"own\" : \"x.Ra.1\"", "\"own\" : \"Kb.c1.1\"")).contains("named x.*"));
        assertTrue(reason(good.replace("\"population\" : {", "\"population\" : { \"extra\" : 1,")).contains("unknown parameter"));
        assertTrue(reason(good.replace("\"c1.1\"\n", "\"c1.2\"\n")).contains("in order"), "connections are named c1.1, c1.2, ...");
        assertTrue(reason(good.replace("\"c1.1\"\n", "\"c1.1\", \"c1.2\", \"c1.3\", \"c1.4\"\n"))
                .contains("at most " + SegmentTraceJson.MAX_CONNS_PER_CLIENT));
        assertTrue(reason(good.replace("\"seg\" : 1,", "\"seg\" : 0,")).contains("segment number"));
    }

    /** A guessed value (the price of guessing) is a term of its own: read, written back the same, and only as hex. */
    @Test
    void aGuessRoundTripsAndMustBeHex() throws Exception {
        SegmentTrace t0 = SegmentTraceJson.parse(fixture("rfc8684_eavesdrop-handshake"));
        java.util.List<SegmentEvent> events = new java.util.ArrayList<>();
        for (SegmentEvent e : t0.events()) {
            if (e instanceof SegmentEvent.Inject i && i.fields().containsKey("Ra")) {
                java.util.Map<String, SegmentTerm> f = new java.util.TreeMap<>(i.fields());
                f.put("Ra", new SegmentTerm.Guess("0000002a"));
                e = new SegmentEvent.Inject(i.seg(), i.msg(), i.conn(), i.subflow(), i.src(), i.dst(), f);
            }
            events.add(e);
        }
        SegmentTrace t = t0.withEvents(events);
        String text = SegmentTraceJson.write(t);
        assertTrue(text.contains("\"guess\" : \"0000002a\""), text);
        assertEquals(t, SegmentTraceJson.parse(text));
        assertEquals(text, SegmentTraceJson.write(SegmentTraceJson.parse(text)));
        assertTrue(reason(text.replace("0000002a", "0000002A")).contains("lower-case hex"));
    }

    @Test
    void limitsOnEventsAndTermDepth() {
        String good = fixture("rfc8684_eavesdrop-handshake");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= SegmentTraceJson.MAX_EVENTS; i++) {
            many.append(i == 0 ? "" : ",").append("{\"event\":\"lose\",\"seg\":1}");
        }
        String tooMany = good.substring(0, good.indexOf("\"events\"")) + "\"events\" : [" + many + "]}";
        assertTrue(reason(tooMany).contains("more than " + SegmentTraceJson.MAX_EVENTS));
        String deep = "{\"label\":\"x\"}";
        for (int i = 0; i <= SegmentTraceJson.MAX_TERM_DEPTH; i++) {
            deep = "{\"fn\":\"hash\",\"args\":[" + deep + "]}";
        }
        String withDeep = good.replaceFirst("\"Ra\" : \\{[^}]*}", "\"Ra\" : " + deep);
        assertTrue(reason(withDeep).contains("deeper than"), withDeep);
    }
}
