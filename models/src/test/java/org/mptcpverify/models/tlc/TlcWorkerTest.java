package org.mptcpverify.models.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm worker launcher gives the child-JVM launcher's results, isolates runs from each other
 * (TLC's statics are per class loader: a second run in the same worker sees none of the first's
 * configuration), and survives a run killed at its timeout.
 */
class TlcWorkerTest {
    private static final String SPEC = """
            ---- MODULE Counter ----
            EXTENDS Naturals
            CONSTANT Max
            VARIABLE x
            Init == x = 0
            Next == x' = IF x < Max THEN x + 1 ELSE x
            Small == x < 3
            ====
            """;

    private static Path run(Path root, String name, long max, String invariant) throws Exception {
        Path dir = Files.createDirectories(root.resolve(name));
        Files.writeString(dir.resolve("Counter.tla"), SPEC);
        Files.writeString(dir.resolve("MC.cfg"), "CONSTANT Max = " + max + "\nINIT Init\nNEXT Next\n"
                + (invariant.isEmpty() ? "" : "INVARIANT " + invariant + "\n"));
        return dir;
    }

    @Test
    void workerRunsAgreeWithAChildJvmAndSurviveATimeout(@TempDir Path root) throws Exception {
        Path jar = TlcProcess.locateTlaTools();
        TlcLauncher worker = new TlcWorker(jar, 1, "256m");
        TlcLauncher process = new TlcProcess(jar, 1, "256m");
        Duration t = Duration.ofSeconds(300);

        TlcRun violated = worker.run(run(root, "w1", 5, "Small"), "Counter", "MC.cfg", 1, t);
        TlcRun violatedP = process.run(run(root, "p1", 5, "Small"), "Counter", "MC.cfg", 1, t);
        assertEquals(TlcRun.SAFETY, violated.exitCode(), violated.output());
        assertEquals(violatedP.exitCode(), violated.exitCode());
        assertEquals(TlcOutput.parse(violatedP.output()).trace().size(), TlcOutput.parse(violated.output()).trace().size());

        // the same worker, a second run without the invariant: nothing of the first run's configuration leaks
        TlcRun holds = worker.run(run(root, "w2", 5, ""), "Counter", "MC.cfg", 1, t);
        assertEquals(TlcRun.OK, holds.exitCode(), holds.output());
        assertEquals(6L, TlcOutput.parse(holds.output()).distinctStates().orElseThrow());

        // a run that cannot finish in time: killed, reported as a timeout, and the next run still works
        TlcRun slow = worker.run(run(root, "w3", 1_000_000_000L, ""), "Counter", "MC.cfg", 1, Duration.ofSeconds(3));
        assertTrue(slow.timedOut(), slow.output());
        TlcRun after = worker.run(run(root, "w4", 5, "Small"), "Counter", "MC.cfg", 1, t);
        assertFalse(after.timedOut());
        assertEquals(TlcRun.SAFETY, after.exitCode(), after.output());
    }
}
