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
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * guessCost in matrix.json, text and docs/results.md: taken from the traces engine's bounds of a cell
 * that holds (or is vacuous), never of a violated cell; times at 1 M segments/s online and at the
 * given HMAC rate offline.
 */
class GuessCostTest {
    private static CellOutcome cell(Verdict v, String bits, String mode) {
        CellResult traces = new CellResult(v, List.of(), 1.0,
                Map.of("steps", 6, "guessCost", bits, "guessMode", mode, "guessField", "K"), null, null);
        return new CellOutcome(SchemeId.THESIS_XOR, AttackId.EAVESDROP_HANDSHAKE, Map.of("traces", traces));
    }

    private static MatrixRun run(CellOutcome c) {
        return new MatrixRun(List.of("traces"), List.of(c), 1L, Map.of(), 0.0);
    }

    @Test
    void aHoldingCellCarriesItsCostEverywhere() throws Exception {
        CellOutcome c = cell(Verdict.VACUOUS, "26.58", "online");
        JsonNode j = new ObjectMapper().readTree(MatrixFormats.json(run(c), Path.of(".")));
        JsonNode g = j.get("cells").get(0).get("guessCost");
        assertEquals(26.58, g.get("bits").asDouble(), 1e-9);
        assertEquals("online", g.get("mode").asText());
        assertEquals("K", g.get("field").asText());
        assertTrue(MatrixFormats.text(run(c), Path.of(".")).contains("VACUOUS, cheapest attack 2^26.58 online (guessing K)"));
        String doc = ResultsDoc.guessing(run(c), Optional.of(new HmacRate(1_000_000, 500_000)));
        // 2^26.58 segments at 1 M/s is about 100 s
        assertTrue(doc.contains("| `thesis-xor` | `eavesdrop-handshake` | VACUOUS | 2^26.58 online | `K` | 100 s |"), doc);
    }

    @Test
    void aViolatedCellHasNoCost() throws Exception {
        CellOutcome c = cell(Verdict.VIOLATED, "26.58", "online");
        JsonNode j = new ObjectMapper().readTree(MatrixFormats.json(run(c), Path.of(".")));
        assertFalse(j.get("cells").get(0).has("guessCost"));
    }

    @Test
    void offlineTimeUsesTheHmacRate() {
        GuessCost g = new GuessCost(40, "offline", "K");
        // 2^40 HMACs at 2^20/s = 2^20 s, about 12 days
        assertEquals("12 days", g.time((double) (1 << 20)));
        assertEquals("no measured HMAC rate", g.time(null));
        assertEquals(170_000, HmacRate.round2(171_234.0));
    }
}
