package org.mptcpverify.trace;

import java.util.List;

/** Runs a trace on the Java reference (real bytes, real crypto) and reports what happened. */
public interface ScenarioRunner {
    RunOutcome run(Scenario scenario, List<TraceAction> actions);
}
