package org.mptcpverify.traces;

import org.mptcpverify.trace.ReferenceRunner;
import org.mptcpverify.trace.ScenarioRunner;

/** The Java reference's runner for the tests that need it. */
final class ReferenceSupport {
    private ReferenceSupport() {
    }

    static ScenarioRunner runner() {
        return new ReferenceRunner();
    }
}
