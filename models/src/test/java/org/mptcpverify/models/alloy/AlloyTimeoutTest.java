package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * A check's timeout counts only its own running time. Regression (issue 16, item 3): with
 * {@code --jobs 8} most Alloy cells were INCONCLUSIVE "timeout" because waiting for the analyzer,
 * busy with another cell, counted against their timeout.
 */
class AlloyTimeoutTest {
    @Test
    void waitingForTheAnalyzerIsNotCountedAgainstTheTimeout() throws Exception {
        Duration timeout = Duration.ofSeconds(20);
        long holdMillis = timeout.toMillis() + 3000;
        AlloyEngine.ANALYZER.acquire(); // another cell is being analyzed
        Thread other = new Thread(() -> {
            try {
                Thread.sleep(holdMillis);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            } finally {
                AlloyEngine.ANALYZER.release();
            }
        });
        other.start();
        long t0 = System.nanoTime();
        CellResult r = new AlloyEngine().check(SchemeId.RFC8684, AttackId.EAVESDROP_HANDSHAKE,
                AlloyTestSupport.options("alloy-timeout-wait", false, timeout));
        double waitedAndRan = (System.nanoTime() - t0) / 1e9;
        other.join();
        assertEquals(Verdict.VIOLATED, r.verdict(), r.reason());
        assertTrue(waitedAndRan * 1000 >= holdMillis, "the check did not wait for the analyzer");
        assertTrue(r.seconds() < waitedAndRan - holdMillis / 1000.0 + 0.5,
                "reported " + r.seconds() + " s: the wait was counted as the check's time");
    }
}
