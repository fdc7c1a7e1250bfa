package org.mptcpverify.models.tlc;

import java.nio.file.Path;
import java.time.Duration;
import org.mptcpverify.engine.EngineOptions;

/** Options for tests: everything under target/, the build's fixed seed. */
final class TlcTestSupport {
    static final Path TARGET = Path.of("target", "tlc-test").toAbsolutePath();

    private TlcTestSupport() {
    }

    static long seed() {
        return Long.parseLong(System.getProperty("mptcp.seed", "20261127"));
    }

    static EngineOptions options(String name, Duration timeout, boolean attackerHasKey) {
        Path base = TARGET.resolve(name);
        return new EngineOptions(seed(), base.resolve("counterexamples"), base.resolve("work"), timeout, 0,
                attackerHasKey);
    }
}
