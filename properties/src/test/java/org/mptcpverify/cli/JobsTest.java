package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --jobs is capped at what memory allows, with a one-line note. Regression (issue 16, item 3):
 * {@code --jobs 1000} was accepted and started that many TLC JVMs.
 */
class JobsTest {
    @Test
    void aRequestAboveTheMemoryCapIsCappedWithOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int cap = Jobs.memoryCap();
        int jobs = Jobs.resolve(cap + 1000, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(cap, jobs);
        String note = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, note.lines().count(), note);
        assertTrue(note.contains("capped at " + cap), note);
    }

    @Test
    void theDefaultIsOnePerCoreAndAFittingRequestIsKept() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(Math.min(Runtime.getRuntime().availableProcessors(), Jobs.memoryCap()), Jobs.resolve(null, ps));
        assertEquals(1, Jobs.resolve(1, ps));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theMatrixSaysSoAndRuns(@TempDir Path tmp) {
        CliRun r = CliRun.run("matrix", "--engines", "traces", "--schemes", "rfc8684", "--attacks", "legit-join",
                "--tries", "50", "--jobs", "1000000", "--out", tmp.resolve("m").toString());
        assertEquals(Main.EXIT_OK, r.code(), r.err());
        assertTrue(r.err().contains("--jobs 1000000 capped at"), r.err());
        assertEquals(Main.EXIT_USAGE, CliRun.run("matrix", "--jobs", "0", "--out", tmp.resolve("z").toString()).code());
    }
}
