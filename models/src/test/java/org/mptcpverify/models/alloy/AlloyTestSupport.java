package org.mptcpverify.models.alloy;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.mptcpverify.engine.EngineOptions;

/** Options and folders shared by the Alloy tests; everything under the module's target/. */
final class AlloyTestSupport {
    static final long SEED = Long.getLong("mptcp.seed", 20261127L);
    /**
     * The timeout of checks whose verdict a test asserts: the tests assert verdicts, not speed, and
     * a cell of a few seconds idle takes minutes at a load of 30 on two cores (a 60 s timeout made
     * them INCONCLUSIVE there). Only a check that hangs reaches it.
     */
    static final Duration UNHURRIED = Duration.ofMinutes(30);

    private AlloyTestSupport() {
    }

    static Path target() {
        return Paths.get("target").toAbsolutePath();
    }

    static EngineOptions options(String name, boolean attackerHasKey, Duration timeout) {
        Path base = target().resolve("alloy-test").resolve(name);
        return new EngineOptions(SEED, base.resolve("counterexamples"), base.resolve("work"), timeout, 0,
                attackerHasKey);
    }

    static EngineOptions options(String name) {
        return options(name, false, UNHURRIED);
    }

    /**
     * Waits until no check holds the analyzer (a stopped worker gives it back when it has ended,
     * which on a loaded machine can take longer than the engine's own wait for it), and fails if
     * it never comes back: a lost permit would block every later cell of the JVM.
     */
    static void awaitAnalyzerFree() throws InterruptedException {
        if (!AlloyAnalyzer.PERMIT.tryAcquire(UNHURRIED.toMinutes(), TimeUnit.MINUTES)) {
            throw new AssertionError("the Alloy analyzer permit was not given back within " + UNHURRIED);
        }
        AlloyAnalyzer.PERMIT.release();
    }
}
