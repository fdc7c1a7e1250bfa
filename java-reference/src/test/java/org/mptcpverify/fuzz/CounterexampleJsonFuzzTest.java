package org.mptcpverify.fuzz;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.mptcpverify.trace.TraceJson;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;
import org.mptcpverify.trace.TraceJson.CounterexampleFile;

/** Fuzzing of the counterexample reader (replay, the engines' cross-checks): a file or a one-line reason, and what reads writes back the same. */
class CounterexampleJsonFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void counterexamples(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            CounterexampleFile f = TraceJson.parse(text);
            assertTrue(f.actions().size() <= TraceJson.MAX_ACTIONS);
            assertEquals(f, TraceJson.parse(TraceJson.write(f, Map.of())), "write + read");
        } catch (BadTraceFileException e) {
            assertNotNull(e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
    }
}
