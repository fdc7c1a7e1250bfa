package org.mptcpverify.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        assertTrue(results.contains(MutationScores.survivorsMarkdown(survivors, MutationScores.reasons(ROOT))),
                "docs/results.md lists the committed run's survivors with their reasons (./mptcp-verify results writes them)");
    }

    /**
     * Every survivor of the committed run has a person's reason in docs/mutants.md, assigned for
     * this run (same line, same triage code), with letters the document defines; an
     * already-violated survivor carries A, and a holds-on-mutant one a reason beyond L (attacker-free
     * cells alone never explain a check an attacker could reach).
     */
    @Test
    void mutantsMdExplainsEverySurvivorOfTheCommittedRun() {
        MutationScores.Reasons reasons = MutationScores.reasons(ROOT);
        List<MutationScores.Survivor> survivors = MutationScores.survivors(ROOT);
        assertFalse(survivors.isEmpty(), "a committed run with survivors");
        for (MutationScores.Survivor v : survivors) {
            MutationScores.HandReason r = reasons.rows().get(v.mutant());
            assertNotNull(r, "docs/mutants.md gives no reason for " + v.mutant());
            assertEquals(v.line(), r.line(), "line of " + v.mutant());
            assertEquals(v.code(), r.code(), "triage of " + v.mutant() + " (reassign its reason)");
            for (String l : r.letters()) {
                assertTrue(reasons.defined().containsKey(l), v.mutant() + ": reason " + l + " is not defined in docs/mutants.md");
            }
            if (v.code().equals("already-violated")) {
                assertTrue(r.letters().contains("A"), v.mutant());
            }
            assertFalse(r.letters().equals(List.of("L")) && v.code().equals("holds-on-mutant"), v.mutant());
        }
        assertEquals(survivors.size(), reasons.rows().size(), "docs/mutants.md lists a mutant that did not survive");
    }

    @Test
    void aReasonAssignedForAnotherRunIsShownAsSuch() {
        MutationScores.Reasons reasons = MutationScores.parseReasons("""
                - **A: already violated.** text
                - **C: a keyless copy.** text

                | mutant | line | triage | reason |
                |---|---|---|---|
                | `s~unchecked.x` | 10 | already-violated | A |
                | `s~unchecked.y` | 12 | holds-on-mutant | C, A |
                """);
        assertEquals(Map.of("A", "already violated", "C", "a keyless copy"), reasons.defined());
        assertEquals(List.of("C", "A"), reasons.rows().get("s~unchecked.y").letters());
        String md = MutationScores.survivorsMarkdown(List.of(
                new MutationScores.Survivor("s", "s~unchecked.x", 10, "already-violated", "every column"),
                new MutationScores.Survivor("s", "s~unchecked.y", 13, "holds-on-mutant", "moved"),
                new MutationScores.Survivor("s", "s~unchecked.z", 14, "unjudged", "new")), reasons);
        assertTrue(md.contains("| `s~unchecked.x` | 10 | **already-violated**: every column | A |"), md);
        assertTrue(md.contains("| `s~unchecked.y` | 13 | **holds-on-mutant**: moved | (assigned for another run) |"), md);
        assertTrue(md.contains("| `s~unchecked.z` | 14 | **unjudged**: new | (not assigned) |"), md);
        assertTrue(md.contains("Reasons: A: already violated."), md);
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
