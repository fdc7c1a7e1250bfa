package org.mptcpverify.matrix;

import java.util.List;
import java.util.Map;

/**
 * A whole matrix run: cells in scheme-then-attack order, the engines and seed used, and the
 * versions of the tools and models the verdicts rest on.
 */
public record MatrixRun(List<String> engines, List<CellOutcome> cells, long seed, Map<String, String> versions,
                        double wallSeconds) {
    public boolean anyDisagreement() {
        return cells.stream().anyMatch(c -> !c.agree());
    }

    public boolean anyInconclusive() {
        return cells.stream().anyMatch(CellOutcome::inconclusive);
    }

    public boolean anyVacuous() {
        return cells.stream().anyMatch(CellOutcome::vacuous);
    }

    /** The matrix's exit code: 1 any disagreement, else 3 any inconclusive or vacuous, else 0. */
    public int exitCode() {
        if (anyDisagreement()) return 1;
        if (anyInconclusive() || anyVacuous()) return 3;
        return 0;
    }
}
