package org.mptcpverify.traces;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.mptcpverify.trace.ScenarioRunner;

/** The Java reference's runner for the tests that need it; they report themselves skipped without it. */
final class ReferenceSupport {
    private static final List<String> CANDIDATES = List.of(
            "org.mptcpverify.reference.ReferenceRunner",
            "org.mptcpverify.sim.ReferenceRunner",
            "org.mptcpverify.runner.ReferenceRunner",
            "org.mptcpverify.network.ReferenceRunner",
            "org.mptcpverify.endpoint.ReferenceRunner");

    private ReferenceSupport() {
    }

    static Optional<ScenarioRunner> find() {
        for (String name : CANDIDATES) {
            try {
                Class<?> c = Class.forName(name);
                return Optional.of((ScenarioRunner) c.getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException | ClassCastException ignored) {
                // not this one
            }
        }
        return Optional.empty();
    }

    static ScenarioRunner runnerOrSkip() {
        Optional<ScenarioRunner> r = find();
        Assumptions.assumeTrue(r.isPresent(), "the reference runner (ReferenceRunner) is not on this branch yet");
        return r.get();
    }
}
