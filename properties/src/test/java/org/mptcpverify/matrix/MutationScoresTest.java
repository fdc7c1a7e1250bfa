package org.mptcpverify.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed mutants run (docs/mutants/mutants.json) is self-consistent, and what results and
 * matrix show of it is what it says: a kill has a killing cell, an unconfirmed violation never
 * makes one, the score is killed over mutants, and docs/results.md carries the same table.
 */
class MutationScoresTest {
    private static final Path ROOT = Versions.repoRoot();

    @Test
    void theCommittedScoresAreKillsOverMutantsAndNoUnconfirmedViolationCounts() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(Files.readString(ROOT.resolve(MutationScores.FILE)));
        List<MutationScores.Score> scores = MutationScores.committed(ROOT);
        assertFalse(scores.isEmpty(), "a committed run");
        int i = 0;
        for (JsonNode s : doc.get("schemes")) {
            int killed = 0;
            int mutants = 0;
            for (JsonNode m : s.get("mutantResults")) {
                mutants++;
                boolean k = m.get("killed").asBoolean();
                assertEquals(k, m.get("killedBy").size() > 0, "killed iff some cell kills it: " + m.get("name"));
                for (JsonNode u : m.get("unconfirmed")) {
                    for (JsonNode by : m.get("killedBy")) {
                        assertFalse(by.get("attack").asText().equals(u.get("attack").asText())
                                        && by.get("engine").asText().equals(u.get("engine").asText()),
                                "one cell is either a kill or unconfirmed: " + m.get("name"));
                    }
                }
                killed += k ? 1 : 0;
            }
            MutationScores.Score sc = scores.get(i++);
            assertEquals(s.get("scheme").asText(), sc.scheme());
            assertEquals(mutants, sc.mutants());
            assertEquals(killed, sc.killed());
            assertEquals(mutants == 0 ? 1.0 : Math.round(1000.0 * killed / mutants) / 1000.0, sc.score(), 1e-9);
        }
    }

    @Test
    void resultsMdShowsTheCommittedScores() throws Exception {
        String results = Files.readString(ROOT.resolve("docs/results.md"));
        String table = MutationScores.markdown(MutationScores.committed(ROOT));
        assertTrue(results.contains("## Scheme mutants") && results.contains(table),
                "docs/results.md's 'Scheme mutants' table is the committed run's (./mptcp-verify results writes it):\n" + table);
    }

    @Test
    void resultsMdListsEverySurvivorWithTheRunsReason() throws Exception {
        String results = Files.readString(ROOT.resolve("docs/results.md"));
        List<MutationScores.Survivor> survivors = MutationScores.survivors(ROOT);
        assertTrue(results.contains(MutationScores.survivorsMarkdown(survivors)),
                "docs/results.md lists the committed run's survivors (./mptcp-verify results writes them)");
    }

    @Test
    void matrixJsonCarriesTheScoresOfItsSchemesOnly() throws Exception {
        List<MutationScores.Score> scores = MutationScores.parse("""
                {"schemes": [{"scheme": "a", "mutants": 4, "killed": 1, "score": 0.25},
                             {"scheme": "b", "mutants": 0, "killed": 0, "score": 1.0}]}
                """);
        assertEquals(List.of(new MutationScores.Score("a", 4, 1, 0.25), new MutationScores.Score("b", 0, 0, 1.0)), scores);
        JsonNode j = new ObjectMapper().valueToTree(MutationScores.json(scores, List.of("b", "c")));
        assertEquals(1, j.size());
        assertEquals(1.0, j.get("b").get("score").asDouble());
        assertEquals(0, j.get("b").get("mutants").asInt());
    }
}
