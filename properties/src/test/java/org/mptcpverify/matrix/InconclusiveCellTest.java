package org.mptcpverify.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** A cell one engine has not decided stays INCONCLUSIVE, and the grid says what the others decided. */
class InconclusiveCellTest {
    private static CellOutcome cell(Verdict... vs) {
        Map<String, CellResult> m = new LinkedHashMap<>();
        String[] names = {"traces", "tlc", "alloy"};
        for (int i = 0; i < vs.length; i++) {
            m.put(names[i], new CellResult(vs[i], List.of(), 0.01, Map.of("k", 1), null,
                    vs[i] == Verdict.INCONCLUSIVE ? "pending: decide it with ./mptcp-verify alloy-column" : null));
        }
        return new CellOutcome(SchemeId.DRAFT_BAERTS, AttackId.JOIN_DOS, m);
    }

    @Test
    void thePendingEngineKeepsTheCellInconclusiveAndTheGridNamesTheDecidedOnes() {
        CellOutcome c = cell(Verdict.VIOLATED, Verdict.VIOLATED, Verdict.INCONCLUSIVE);
        assertEquals(Verdict.INCONCLUSIVE, c.verdict());
        assertEquals(" (traces, tlc: VIOLATED)", MatrixFormats.decidedBy(c));
        String md = MatrixFormats.markdown(new MatrixRun(List.of("traces", "tlc", "alloy"), List.of(c), 1L, Map.of(), 0.0),
                Path.of("out"), false, Map.of());
        assertTrue(md.contains("| INCONCLUSIVE (traces, tlc: VIOLATED) |"), md);
    }

    @Test
    void nothingIsClaimedForAnInconclusiveCellWithoutACommonDecision() {
        assertEquals("", MatrixFormats.decidedBy(cell(Verdict.VIOLATED, Verdict.HOLDS, Verdict.INCONCLUSIVE)));
        assertEquals("", MatrixFormats.decidedBy(cell(Verdict.INCONCLUSIVE, Verdict.INCONCLUSIVE)));
        assertEquals("", MatrixFormats.decidedBy(cell(Verdict.VIOLATED, Verdict.VIOLATED)), "a decided cell needs no note");
    }
}
