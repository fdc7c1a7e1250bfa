package org.mptcpverify.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.WitnessChecks;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The witness as matrix.json, the text and markdown outputs and docs/results.md's findings show it:
 * how many attacker segments reached a check the properties depend on, of which kinds, and the
 * definition's names of those checks.
 */
class WitnessFormatTest {
    @Test
    void theRelevantChecksLeadTheWitnessInEveryFormat() {
        SchemeDefinition def = WitnessChecks.builtIn(SchemeId.BOUND_KEY);
        List<String> kinds = WitnessChecks.kinds(AttackId.FASTCLOSE_FORGE.properties());
        Map<String, Object> w = new LinkedHashMap<>(WitnessChecks.entries(7, kinds, def));
        w.put("attackerSegments", 9);
        Map<String, CellResult> engines = new LinkedHashMap<>();
        engines.put("traces", new CellResult(Verdict.HOLDS, List.of(), 0.1, Map.of("tries", 2), null, null, w));
        engines.put("tlc", new CellResult(Verdict.HOLDS, List.of(), 0.1, Map.of(), null, null,
                WitnessChecks.entries(1, kinds, def)));
        CellOutcome c = new CellOutcome(SchemeId.BOUND_KEY, AttackId.FASTCLOSE_FORGE, engines);
        MatrixRun run = new MatrixRun(List.of("traces", "tlc"), List.of(c), 1, Map.of(), 0.1);
        Path base = Path.of(".");

        String names = String.join("; ", WitnessChecks.names(kinds, def));
        assertTrue(names.contains("fast-close-a [bound]: check key"), names);
        String text = MatrixFormats.text(run, base);
        assertTrue(text.contains("witness: 7 attacker segment(s) reached a check of " + String.join(",", kinds) + " (" + names
                + "); attackerSegments=9"), text);
        assertTrue(MatrixFormats.markdown(run, base, false).contains("witness: 1 attacker segment(s) reached a check of"));
        assertTrue(MatrixFormats.json(run, base).contains("\"relevantChecksReached\" : 7"), MatrixFormats.json(run, base));
        assertEquals("; witness: traces 7, tlc 1 attacker segments reaching a check of " + String.join(", ", kinds),
                ResultsDoc.witnesses(c));
    }
}
