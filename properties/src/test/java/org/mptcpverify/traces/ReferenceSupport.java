package org.mptcpverify.traces;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.mptcpverify.trace.ScenarioRunner;

/** The Java reference's runner for the tests that need it; they report themselves skipped without it. */
final class ReferenceSupport {
    private ReferenceSupport() {
    }

    static ScenarioRunner runnerOrSkip() {
        Optional<ScenarioRunner> r = ReferenceRunners.find();
        Assumptions.assumeTrue(r.isPresent(), "the reference runner (ReferenceRunner) is not on this branch yet");
        return r.get();
    }
}
