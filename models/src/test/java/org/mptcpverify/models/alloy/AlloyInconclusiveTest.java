package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/** A check that does not finish is INCONCLUSIVE with its reason, never HOLDS. */
class AlloyInconclusiveTest {

    /**
     * Independent of the machine's load: no machine decides bound-key / eavesdrop-all on the core
     * (generating the cell's modules, a parse, a witness run and one SAT check per property) within
     * 1 ms, and the recovery below waits for the stopped worker and decides with a timeout no load
     * reaches.
     * (Before: the next check got 60 s and the stopped worker 32.5 s to end, both missed at a load
     * of 30: "the Alloy analyzer stayed busy with another cell".)
     */
    @Test
    void timeoutIsInconclusive() throws InterruptedException {
        // bound-key / eavesdrop-all HOLDS when it finishes: a timeout must not turn into that verdict
        EngineOptions tiny = AlloyTestSupport.options("timeout", false, Duration.ofMillis(1));
        CellResult r = new AlloyCoreEngine().check(SchemeId.BOUND_KEY, AttackId.EAVESDROP_ALL, tiny);
        assertEquals(Verdict.INCONCLUSIVE, r.verdict(), r.toString());
        assertTrue(r.reason().contains("timeout"), r.reason());
        assertTrue(r.violated().isEmpty());
        assertNull(r.counterexample());

        // the stopped worker gives the analyzer back, even one stopped before its task began
        AlloyTestSupport.awaitAnalyzerFree();
        // and the engine recovers: the next cell (seconds of CPU) is decided normally, replayed
        CellResult after = new AlloyCoreEngine().check(SchemeId.RFC8684, AttackId.JOIN_DOS,
                AlloyTestSupport.options("timeout-after"));
        assertEquals(Verdict.VIOLATED, after.verdict(), after.toString());
    }

    /**
     * A worker that ends without running its task (stopped before its new thread first ran, which a
     * 1 ms timeout on a loaded machine allows) never reaches the {@code finally} that gives the
     * analyzer back, so the engine must: a lost permit would block every later cell of the JVM.
     * Deterministic: the worker is a thread that never starts, so it is not alive when stopped.
     */
    @Test
    void aWorkerThatEndsWithoutRunningItsTaskGivesTheAnalyzerBack() throws InterruptedException {
        AlloyTestSupport.awaitAnalyzerFree();
        AlloyAnalyzer.PERMIT.acquire();
        AlloyAnalyzer.Lease lease = new AlloyAnalyzer.Lease();
        Thread worker = new Thread(() -> {
            try {
                throw new AssertionError("the stopped worker's task ran");
            } finally {
                lease.release();
            }
        });
        worker.setDaemon(true);
        AlloyAnalyzer.stop(worker, lease); // never started: not alive, its task never runs
        assertEquals(1, AlloyAnalyzer.PERMIT.availablePermits(), "the permit of a worker that never ran was lost");
        lease.release(); // given back once only
        assertEquals(1, AlloyAnalyzer.PERMIT.availablePermits(), "the permit was given back twice");
    }
}
