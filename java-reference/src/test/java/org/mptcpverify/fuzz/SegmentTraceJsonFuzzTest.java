package org.mptcpverify.fuzz;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;

/**
 * Fuzzing of the segment-level counterexample reader and replayer: a trace or a one-line reason;
 * what reads writes back the same; a trace that reads replays to a result or a one-line reason,
 * never another exception.
 */
class SegmentTraceJsonFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void segments(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        SegmentTrace t;
        try {
            t = SegmentTraceJson.parse(text);
        } catch (BadTraceFileException e) {
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            return;
        }
        assertTrue(t.events().size() <= SegmentTraceJson.MAX_EVENTS);
        try {
            assertEquals(t, SegmentTraceJson.parse(SegmentTraceJson.write(t)), "write + read");
            SegmentReplayer.Result r = new SegmentReplayer().replay(t);
            assertEquals(r.reproduced(), r.violation().isPresent());
        } catch (BadTraceFileException e) {
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
    }
}
