package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/** Same cell, same bytes: counterexample files do not depend on the run or the work folder. */
class AlloyDeterminismTest {

    @Test
    void counterexampleFilesAreReproducible() throws Exception {
        CellResult a = new AlloyEngine().check(SchemeId.THESIS_XOR, AttackId.EAVESDROP_ALL, AlloyTestSupport.options("det-a"));
        CellResult b = new AlloyEngine().check(SchemeId.THESIS_XOR, AttackId.EAVESDROP_ALL, AlloyTestSupport.options("det-b"));
        assertEquals(Verdict.VIOLATED, a.verdict());
        assertEquals(Verdict.VIOLATED, b.verdict());
        for (String f : new String[] {"alloy.json", "alloy.xml"}) {
            Path pa = a.counterexample().resolveSibling(f);
            Path pb = b.counterexample().resolveSibling(f);
            assertArrayEquals(Files.readAllBytes(pa), Files.readAllBytes(pb), f);
        }
    }

    @Test
    void cellSourceIsPure() {
        AlloyCell cell = AlloyCell.of(SchemeId.DRAFT_BAERTS_LOW_ORDER, AttackId.ONE_SIDED_KEY, false);
        assertEquals(AlloyCellSource.render(cell), AlloyCellSource.render(cell));
    }
}
