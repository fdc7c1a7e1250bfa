package org.mptcpverify.models.alloy;

import java.util.List;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.Verdict;

/**
 * What the Alloy generic core said about one cell.
 *
 * @param verdict        VIOLATED only when a property's check has an instance whose segment-level
 *                       export replays on the Java reference; HOLDS only when every check is
 *                       unsatisfiable, the witness run is satisfiable and the knowledge rounds are
 *                       closed; VACUOUS when the checks are unsatisfiable but the witness is not;
 *                       INCONCLUSIVE otherwise (an instance that does not export or replay included)
 * @param violated       the violated properties whose counterexample replayed, in the attack's property order
 * @param commands       every executed command: label, result, primary variables, clauses, seconds, CPU seconds
 * @param seconds        wall time of the cell
 * @param reason         why the cell is INCONCLUSIVE or VACUOUS, else null
 * @param counterexample the first replayed counterexample, or null
 * @param cpuSeconds     CPU time of the checking thread (translation and solving), the number to
 *                       compare on a loaded machine
 * @param maxClauses     the largest CNF of the cell's commands
 * @param maxPrimaryVars the most primary variables of the cell's commands
 */
public record AlloyCoreResult(Verdict verdict, List<PropertyId> violated, List<String> commands, double seconds,
                              String reason, SegmentTrace counterexample, double cpuSeconds, int maxClauses,
                              int maxPrimaryVars) {
}
