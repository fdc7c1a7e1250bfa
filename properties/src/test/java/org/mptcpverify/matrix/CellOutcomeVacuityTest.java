package org.mptcpverify.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/** How a VACUOUS engine result combines with the others and shows in every output format. */
class CellOutcomeVacuityTest {
    private static CellResult result(Verdict v, Map<String, Object> witness) {
        return new CellResult(v, List.of(), 0.01, Map.of("k", 1), null,
                v == Verdict.VACUOUS ? "attacker never acted" : null, witness);
    }

    private static CellOutcome cell(CellResult... rs) {
        Map<String, CellResult> m = new LinkedHashMap<>();
        for (int i = 0; i < rs.length; i++) m.put("e" + i, rs[i]);
        return new CellOutcome(SchemeId.BOUND_KEY, AttackId.EAVESDROP_ALL, m);
    }

    @Test
    void aHoldsWithoutWitnessDoesNotContradictVacuous() {
        CellOutcome c = cell(result(Verdict.VACUOUS, Map.of("attackerActions", 0L)), result(Verdict.HOLDS, Map.of()));
        assertTrue(c.agree());
        assertEquals(Verdict.VACUOUS, c.verdict());
    }

    @Test
    void aHoldsWithAWitnessContradictsVacuous() {
        CellOutcome c = cell(result(Verdict.VACUOUS, Map.of("attackerActions", 0L)),
                result(Verdict.HOLDS, Map.of("attackerActions", 3L)));
        assertFalse(c.agree());
        assertEquals(Verdict.INCONCLUSIVE, c.verdict());
    }

    @Test
    void vacuousIsExitThreeAndShownInEveryFormat() {
        CellOutcome c = cell(result(Verdict.VACUOUS, Map.of("attackerActions", 0L)), result(Verdict.HOLDS, Map.of()));
        MatrixRun run = new MatrixRun(List.of("e0", "e1"), List.of(c), 1, Map.of(), 0.1);
        assertEquals(3, run.exitCode());
        Path base = Path.of(".");
        assertTrue(MatrixFormats.text(run, base).contains("VACUOUS"));
        assertTrue(MatrixFormats.markdown(run, base, false).contains("VACUOUS"));
        assertTrue(MatrixFormats.latex(run).contains("& 0"));
        assertTrue(MatrixFormats.json(run, base).contains("\"witness\""));
        assertTrue(MatrixFormats.text(run, base).contains("witness: attackerActions=0"));
    }

    @Test
    void anAttackWithoutAttackerSaysSoInsteadOfAWitness() {
        CellOutcome c = new CellOutcome(SchemeId.BOUND_KEY, AttackId.LEGIT_JOIN,
                Map.of("e0", result(Verdict.HOLDS, Map.of())));
        MatrixRun run = new MatrixRun(List.of("e0"), List.of(c), 1, Map.of(), 0.1);
        assertEquals(0, run.exitCode());
        assertTrue(MatrixFormats.text(run, Path.of(".")).contains("no attacker by design"));
        assertTrue(MatrixFormats.json(run, Path.of(".")).contains("no attacker by design"));
    }
}
