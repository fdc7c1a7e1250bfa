package org.mptcpverify.traces;

import java.util.List;
import java.util.Optional;
import org.mptcpverify.trace.ScenarioRunner;

/** The Java reference's {@link ScenarioRunner}, found by name while it lands on main. */
public final class ReferenceRunners {
    private static final List<String> CANDIDATES = List.of(
            "org.mptcpverify.trace.ReferenceRunner",
            "org.mptcpverify.reference.ReferenceRunner",
            "org.mptcpverify.net.ReferenceRunner",
            "org.mptcpverify.sim.ReferenceRunner",
            "org.mptcpverify.runner.ReferenceRunner",
            "org.mptcpverify.endpoint.ReferenceRunner",
            "org.mptcpverify.attack.ReferenceRunner");

    private ReferenceRunners() {
    }

    public static Optional<ScenarioRunner> find() {
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
}
