package org.mptcpverify.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mptcpverify.models.proof.ProofResult;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The matrix's proof column: attempted only for HOLDS cells, decided by the proof and not by the
 * bounded verdict (a HOLDS an engine wrongly reported on a breakable cell is not PROVED), written
 * to matrix.json and the text matrix.
 */
class CellProofTest {
    private static CellOutcome cell(SchemeId s, AttackId a, Verdict v) {
        return new CellOutcome(s, a, Map.of("traces", new CellResult(v, List.of(), 0.1, Map.of(), null, null)));
    }

    @Test
    void holdsCellsGetAProofAndTheProofDecides() throws Exception {
        CellOutcome good = cell(SchemeId.DRAFT_BAERTS, AttackId.byName("fastclose-forge").orElseThrow(), Verdict.HOLDS);
        // draft-paasch's MP_FASTCLOSE carries the key sent in clear: a bounded HOLDS reported for it must not become PROVED
        CellOutcome wrong = cell(SchemeId.DRAFT_PAASCH, AttackId.byName("fastclose-forge").orElseThrow(), Verdict.HOLDS);
        // a HOLDS cell of a property without a proof family (a counting property: the abstraction drops the half-open limit)
        CellOutcome unprovable = cell(SchemeId.BOUND_KEY, AttackId.byName("join-dos").orElseThrow(), Verdict.HOLDS);
        CellOutcome violated = cell(SchemeId.BOUND_KEY, AttackId.byName("syn-join-rewrite").orElseThrow(), Verdict.VIOLATED);
        CellOutcome vacuous = cell(SchemeId.BOUND_KEY, AttackId.byName("eavesdrop-handshake").orElseThrow(), Verdict.VACUOUS);
        CellOutcome functional = cell(SchemeId.BOUND_KEY, AttackId.byName("legit-join").orElseThrow(), Verdict.HOLDS);
        MatrixRun run = new MatrixRun(List.of("traces"), List.of(good, wrong, violated, vacuous, functional, unprovable), 1,
                Map.of(), 0);
        Map<CellOutcome, ProofResult> proofs = CellProof.all(run); // once: every format below renders these
        JsonNode cells = new ObjectMapper().readTree(MatrixFormats.json(run, Path.of("."), proofs)).path("cells");
        assertEquals("PROVED", cells.get(0).path("proof").path("status").asText());
        assertTrue(cells.get(0).path("proof").path("scope").asText().contains("any number of segments"));
        // CloseAuthenticity is proved at both ends, as the traces engine judges it, each by Alloy with Java agreeing
        assertFalse(cells.get(0).path("proof").path("scope").asText().contains(CellProof.ONE_END), cells.get(0).path("proof").toString());
        assertTrue(cells.get(0).path("proof").path("crossCheck").asText().contains(
                "CloseAuthenticity at the other end: java-closure: PROVED (agrees)"), cells.get(0).path("proof").toString());
        assertEquals("NOT_PROVED", cells.get(1).path("proof").path("status").asText());
        assertFalse(cells.get(1).path("proof").path("failedCheck").asText().isEmpty());
        assertEquals("NOT_ATTEMPTED", cells.get(2).path("proof").path("status").asText());
        assertEquals("NOT_ATTEMPTED", cells.get(5).path("proof").path("status").asText());
        assertTrue(cells.get(5).path("proof").path("reason").asText().contains("JoinStateUnforgeable has no proof family"),
                cells.get(5).path("proof").toString());
        String text = MatrixFormats.text(run, Path.of("."), proofs);
        assertTrue(text.contains("draft-baerts / fastclose-forge: HOLDS, PROVED") && !text.contains("PROVED (one end)"), text);
        assertTrue(text.contains("HOLDS+P") && text.contains("HOLDS-P"), text);

        // docs/results.md: the count, the grid mark, and one row per HOLDS or VACUOUS safety cell
        String md = ResultsDoc.render(run, Path.of("."), Optional.empty(), proofs);
        assertTrue(md.contains("- 1 of 3 HOLDS safety cells PROVED"), md);
        String grid = md.substring(md.indexOf("## Matrix"), md.indexOf("## Findings"));
        assertEquals(0, grid.split("HOLDS \\(proved at one end\\)", -1).length - 1, grid);
        assertEquals(1, grid.split("HOLDS \\(proved\\)", -1).length - 1, grid);
        String section = md.substring(md.indexOf("## Proofs for all trace lengths"), md.indexOf("## The price of guessing"));
        ProofResult failed = proofs.get(wrong);
        String row = row(section, "`draft-paasch` | `fastclose-forge`");
        assertTrue(row.contains("NOT_PROVED") && row.contains("failed its " + failed.failedCheck()), row);
        assertTrue(row.contains(failed.counterexample().replaceAll("\\s+", " ").strip().replace("|", "\\|")), row);
        assertTrue(row(section, "`draft-baerts` | `fastclose-forge`").contains("PROVED (method " + proofs.get(good).method()), section);
        assertTrue(row(section, "`draft-baerts` | `fastclose-forge`").contains(proofs.get(good).scope()), section);
        assertTrue(row(section, "`bound-key` | `eavesdrop-handshake`").contains("NOT_ATTEMPTED: " + proofs.get(vacuous).reason()), section);
        assertFalse(section.contains("`legit-join`"), "a functional column is not a safety cell: " + section);
        assertFalse(section.contains("`syn-join-rewrite`"), "a VIOLATED cell has no proof row: " + section);
    }

    /** The one table row of {@code section} that starts with the scheme and attack given. */
    private static String row(String section, String cellPrefix) {
        List<String> rows = section.lines().filter(l -> l.startsWith("| " + cellPrefix)).toList();
        assertEquals(1, rows.size(), section);
        return rows.get(0);
    }

    /** A Diffie-Hellman row's HOLDS cell: the proof step states why it does not prove it, never throws (issue 13). */
    @Test
    void keyAgreementRowsAreNotAttemptedWithAReason() throws Exception {
        for (SchemeId s : List.of(SchemeId.ECDH, SchemeId.MPTLS)) {
            CellOutcome c = cell(s, AttackId.byName("fastclose-forge").orElseThrow(), Verdict.HOLDS);
            org.mptcpverify.models.proof.ProofResult r = CellProof.of(c);
            assertEquals(org.mptcpverify.models.proof.ProofStatus.NOT_ATTEMPTED, r.status(), r.reason());
            assertTrue(r.reason().contains("Diffie-Hellman"), r.reason());
            MatrixRun run = new MatrixRun(List.of("traces"), List.of(c), 1, Map.of(), 0);
            JsonNode cells = new ObjectMapper().readTree(MatrixFormats.json(run, Path.of("."))).path("cells");
            assertEquals("NOT_ATTEMPTED", cells.get(0).path("proof").path("status").asText());
        }
    }
}
