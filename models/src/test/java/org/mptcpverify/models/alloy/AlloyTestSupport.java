package org.mptcpverify.models.alloy;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.mptcpverify.engine.EngineOptions;

/** Options and folders shared by the Alloy tests; everything under the module's target/. */
final class AlloyTestSupport {
    static final long SEED = Long.getLong("mptcp.seed", 20261127L);

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
        return options(name, false, Duration.ofSeconds(60));
    }
}
