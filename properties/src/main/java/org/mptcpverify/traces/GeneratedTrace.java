package org.mptcpverify.traces;

import java.util.List;
import org.mptcpverify.trace.Scenario;
import org.mptcpverify.trace.TraceAction;

/** One generated try: the scenario (its seed draws keys and nonces), the actions, and where it came from. */
public record GeneratedTrace(Scenario scenario, List<TraceAction> actions, long trySeed, int tryIndex) {
    public GeneratedTrace {
        actions = List.copyOf(actions);
    }
}
