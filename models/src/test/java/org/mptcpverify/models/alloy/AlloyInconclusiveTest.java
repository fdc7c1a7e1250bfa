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
     * Independent of the machine's load: no machine decides bound-key / eavesdrop-all at 30 states
     * (a parse, a consistency run, a closure run and one SAT check per property) within 1 ms, and
     * the recovery below waits for the stopped worker and decides with a timeout no load reaches.
     * (Before: the next check got 60 s and the stopped worker 32.5 s to end, both missed at a load
     * of 30: "the Alloy analyzer stayed busy with another cell".)
     */
    @Test
    void timeoutIsInconclusive() throws InterruptedException {
        // bound-key / eavesdrop-all HOLDS when it finishes: a timeout must not turn into that verdict
        EngineOptions tiny = AlloyTestSupport.options("timeout", false, Duration.ofMillis(1));
        CellResult r = new AlloyEngine().check(SchemeId.BOUND_KEY, AttackId.EAVESDROP_ALL, tiny, 30);
        assertEquals(Verdict.INCONCLUSIVE, r.verdict(), r.toString());
        assertTrue(r.reason().contains("timeout"), r.reason());
        assertTrue(r.violated().isEmpty());
        assertNull(r.counterexample());

        // the stopped worker gives the analyzer back, even one stopped before its task began
        AlloyTestSupport.awaitAnalyzerFree();
        // and the engine recovers: the next cell is decided normally
        CellResult after = new AlloyEngine().check(SchemeId.BOUND_KEY, AttackId.EAVESDROP_ALL,
                AlloyTestSupport.options("timeout-after"));
        assertEquals(Verdict.HOLDS, after.verdict(), after.toString());
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
        AlloyEngine.ANALYZER.acquire();
        AlloyEngine.Lease lease = new AlloyEngine.Lease();
        Thread worker = new Thread(() -> {
            try {
                throw new AssertionError("the stopped worker's task ran");
            } finally {
                lease.release();
            }
        });
        worker.setDaemon(true);
        AlloyEngine.stop(worker, lease); // never started: not alive, its task never runs
        assertEquals(1, AlloyEngine.ANALYZER.availablePermits(), "the permit of a worker that never ran was lost");
        lease.release(); // given back once only
        assertEquals(1, AlloyEngine.ANALYZER.availablePermits(), "the permit was given back twice");
    }

    @Test
    void unknownSolverIsInconclusive() {
        CellResult r = new AlloyEngine("no-such-solver").check(SchemeId.RFC8684, AttackId.EAVESDROP_HANDSHAKE,
                AlloyTestSupport.options("bad-solver"));
        assertEquals(Verdict.INCONCLUSIVE, r.verdict(), r.toString());
        assertTrue(r.reason().startsWith("error"), r.reason());
    }

    @Test
    void noPropertyIsNotApplicable() {
        CellResult r = new AlloyEngine().check(SchemeId.RFC8684, AttackId.TWO_KEYS_ONE_HOST, AlloyTestSupport.options("na"));
        assertEquals(Verdict.NOT_APPLICABLE, r.verdict());
    }
}
