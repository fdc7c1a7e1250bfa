package org.mptcpverify.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
        CellOutcome good = cell(SchemeId.DRAFT_BAERTS, AttackId.byName("add-addr-mitm").orElseThrow(), Verdict.HOLDS);
        // draft-paasch's ADD_ADDR has no HMAC: a bounded HOLDS reported for it must not become PROVED
        CellOutcome wrong = cell(SchemeId.DRAFT_PAASCH, AttackId.byName("add-addr-mitm").orElseThrow(), Verdict.HOLDS);
        CellOutcome violated = cell(SchemeId.BOUND_KEY, AttackId.byName("syn-join-rewrite").orElseThrow(), Verdict.VIOLATED);
        MatrixRun run = new MatrixRun(List.of("traces"), List.of(good, wrong, violated), 1, Map.of(), 0);
        JsonNode cells = new ObjectMapper().readTree(MatrixFormats.json(run, Path.of("."))).path("cells");
        assertEquals("PROVED", cells.get(0).path("proof").path("status").asText());
        assertTrue(cells.get(0).path("proof").path("scope").asText().contains("any number of segments"));
        assertEquals("NOT_PROVED", cells.get(1).path("proof").path("status").asText());
        assertEquals("implication", cells.get(1).path("proof").path("failedCheck").asText());
        assertEquals("NOT_ATTEMPTED", cells.get(2).path("proof").path("status").asText());
        String text = MatrixFormats.text(run, Path.of("."));
        assertTrue(text.contains("draft-baerts / add-addr-mitm: HOLDS, PROVED"), text);
        assertTrue(text.contains("HOLDS+P") && text.contains("HOLDS-P"), text);
    }

    /** A Diffie-Hellman row's HOLDS cell: the proof step states why it does not prove it, never throws (issue 13). */
    @Test
    void keyAgreementRowsAreNotAttemptedWithAReason() throws Exception {
        for (SchemeId s : List.of(SchemeId.ECDH, SchemeId.MPTLS)) {
            CellOutcome c = cell(s, AttackId.byName("add-addr-mitm").orElseThrow(), Verdict.HOLDS);
            org.mptcpverify.models.proof.ProofResult r = CellProof.of(c);
            assertEquals(org.mptcpverify.models.proof.ProofStatus.NOT_ATTEMPTED, r.status(), r.reason());
            assertTrue(r.reason().contains("Diffie-Hellman"), r.reason());
            MatrixRun run = new MatrixRun(List.of("traces"), List.of(c), 1, Map.of(), 0);
            JsonNode cells = new ObjectMapper().readTree(MatrixFormats.json(run, Path.of("."))).path("cells");
            assertEquals("NOT_ATTEMPTED", cells.get(0).path("proof").path("status").asText());
        }
    }
}
