package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.vocab.Verdict;
import org.mptcpverify.matrix.CellOutcome;
import org.mptcpverify.matrix.MatrixRun;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/** results --check accepts a disagreement only when docs/disagreements.json explains exactly it, and flags stale entries. */
class ExplainedDisagreementsTest {
    private static CellResult r(Verdict v) {
        return new CellResult(v, List.of(), 0.0, Map.of(), null, null);
    }

    private static MatrixRun run(Verdict tlc) {
        Map<String, CellResult> e = new LinkedHashMap<>();
        e.put("traces", r(Verdict.VIOLATED));
        e.put("tlc", r(tlc));
        return new MatrixRun(List.of("traces", "tlc"), List.of(new CellOutcome(SchemeId.BOUND_KEY, AttackId.JOIN_DOS, e)),
                1, Map.of(), 0);
    }

    private static void explain(Path root, String verdicts) throws Exception {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve(ResultsCommand.DISAGREEMENTS), "{\"cells\": {\"bound-key / join-dos\": {\"verdicts\": \""
                + verdicts + "\", \"why\": \"test\"}}}");
    }

    @Test
    void onlyAnExactlyExplainedDisagreementPasses(@TempDir Path root) throws Exception {
        assertEquals(1, ResultsCommand.unexplainedDisagreements(root, run(Verdict.HOLDS)).size(), "no file: unexplained");
        explain(root, "traces=VIOLATED, tlc=HOLDS");
        assertEquals(List.of(), ResultsCommand.unexplainedDisagreements(root, run(Verdict.HOLDS)));
        explain(root, "traces=VIOLATED, tlc=VACUOUS");
        List<String> other = ResultsCommand.unexplainedDisagreements(root, run(Verdict.HOLDS));
        assertEquals(1, other.size());
        assertTrue(other.get(0).contains("listed as traces=VIOLATED, tlc=VACUOUS"), other.get(0));
    }

    @Test
    void anEntryForCellsThatAgreeIsStale(@TempDir Path root) throws Exception {
        explain(root, "traces=VIOLATED, tlc=HOLDS");
        List<String> out = ResultsCommand.unexplainedDisagreements(root, run(Verdict.VIOLATED));
        assertEquals(1, out.size());
        assertTrue(out.get(0).contains("engines agree now"), out.get(0));
    }
}
