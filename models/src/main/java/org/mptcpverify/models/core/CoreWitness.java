package org.mptcpverify.models.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether an attacker-originated segment can reach an honest end's checks in a cell (the action
 * property {@code AttackerNeverReachesCheck} of MptcpCore.tla, issue 12): the witness behind a
 * HOLDS. TLC stops at the first such step, so the trace is the shortest witness (breadth first).
 *
 * @param reached        TLC found a step delivering an injected or replayed segment to an end with state for it
 * @param steps          the witness trace's steps ({@code lastAction} of each state), empty unless reached
 * @param distinctStates states TLC explored for this check
 * @param reason         why the check did not decide (timeout, TLC error), else null
 */
public record CoreWitness(boolean reached, List<String> steps, long distinctStates, String reason) {
    public CoreWitness {
        steps = List.copyOf(steps);
    }

    public boolean decided() {
        return reason == null;
    }

    /**
     * The counts for matrix.json ({@code engines.tlc.witness}): attacker-originated segments of the
     * relevant {@code kinds} that reached a check in the witness trace (the trace ends at the
     * first, so at most 1), the definition's checks of those kinds, and the trace's length.
     */
    public Map<String, Object> counts(List<String> kinds, org.mptcpverify.definition.SchemeDefinition def) {
        Map<String, Object> m = new LinkedHashMap<>(org.mptcpverify.engine.WitnessChecks.entries(reached ? 1 : 0, kinds, def));
        m.put("attackerSegmentsChecked", reached ? 1 : 0);
        m.put("witnessSteps", reached ? steps.size() - 1 : 0);
        if (reached) {
            m.put("checkedSegment", steps.get(steps.size() - 1));
        }
        return m;
    }
}
