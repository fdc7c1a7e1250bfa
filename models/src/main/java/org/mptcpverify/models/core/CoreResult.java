package org.mptcpverify.models.core;

import java.nio.file.Path;
import java.util.List;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.Verdict;

/**
 * What TLC said about one generic-core cell.
 *
 * @param verdict        HOLDS only when every run completed the state space
 * @param violated       the violated properties, in the order found
 * @param distinctStates summed over the cell's runs
 * @param depth          the largest depth of a run
 * @param runs           TLC runs (a violation is followed by a run without that property)
 * @param seconds        wall time of all runs
 * @param trace          the first counterexample's steps ({@code lastAction} of each state)
 * @param reason         why the cell is INCONCLUSIVE, else null
 * @param counterexample the first violation as a segment-level counterexample (docs/reference.md), else null
 * @param exportProblem  why a violation's trace could not be exported, else null
 */
public record CoreResult(Verdict verdict, List<PropertyId> violated, long distinctStates, int depth, int runs,
                         double seconds, List<String> trace, String reason, SegmentTrace counterexample,
                         String exportProblem) {
    /** Writes the counterexample atomically to {@code file}; false when there is none. */
    public boolean writeCounterexample(Path file) {
        if (counterexample == null) {
            return false;
        }
        SegmentTraceJson.writeFile(file, counterexample);
        return true;
    }
}
