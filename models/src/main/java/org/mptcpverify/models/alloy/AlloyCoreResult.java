package org.mptcpverify.models.alloy;

import java.util.List;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.Verdict;

/**
 * What the Alloy generic core said about one cell.
 *
 * @param verdict  VIOLATED when a property's check has an instance (a segment-level trace, not yet
 *                 replayed on the reference); HOLDS only when every check is unsatisfiable, the
 *                 witness run is satisfiable and the knowledge rounds are closed; VACUOUS when the
 *                 checks are unsatisfiable but the witness is not; INCONCLUSIVE otherwise
 * @param violated the violated properties, in the attack's property order
 * @param commands every executed command: label, result, primary variables, clauses, seconds
 * @param seconds  wall time of the cell
 * @param reason   why the cell is INCONCLUSIVE or VACUOUS, else null
 */
public record AlloyCoreResult(Verdict verdict, List<PropertyId> violated, List<String> commands, double seconds,
                             String reason) {
}
