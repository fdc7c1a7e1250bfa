package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --bounds guess=N} (issue #13.4) on a thesis-xor whose decimal key takes 40 values
 * ({@code values K : 40}, 5.32 bits), eavesdrop-handshake, which no run violates without guessing
 * (the attacker lacks the key). With a budget at or above the cost the engine must find the
 * violation by guessing, in a segment-level counterexample whose injected field carries the guessed
 * key and which replays under the same definition; with the built-in thesis-xor (keys up to
 * 99,999,999) the same file does not replay (the seed draws another key); below the cost the cell
 * keeps the verdict it has without a budget and reports the cost.
 */
class GuessBudgetTest {
    private static final Path THESIS = Path.of("..", "models", "schemes", "thesis-xor.scheme");

    private static Path narrow(Path dir) throws IOException {
        String text = Files.readString(THESIS);
        assertTrue(text.contains("values K : 99999999"), "the committed definition declares the thesis key's values");
        return Files.writeString(dir.resolve("thesis-xor-40.scheme"),
                text.replaceFirst("values K : 99999999", "values K : 40").replaceFirst("(?m)^scheme thesis-xor$", "scheme thesis-xor-40"));
    }

    private static CliRun check(Path def, Path out, String bounds) {
        return CliRun.run("check", "--engine", "traces", "--scheme", "thesis-xor-40", "--attack", "eavesdrop-handshake",
                "--scheme-file", def.toString(), "--bounds", bounds, "--out", out.toString());
    }

    @Test
    void withinTheBudgetTheGuessIsFoundAndReplays(@TempDir Path tmp) throws IOException {
        Path def = narrow(tmp);
        Path out = tmp.resolve("out");
        CliRun c = check(def, out, "tries=100,guess=6");
        assertEquals(1, c.code(), c.out() + c.err());
        assertTrue(c.out().contains("VIOLATED") && c.out().contains("guessCost=5.32"), c.out());
        Path cex = out.resolve("counterexamples/thesis-xor-40/eavesdrop-handshake/traces.json");
        JsonNode j = new ObjectMapper().readTree(cex.toFile());
        assertEquals("mptcp-verify-segments/1", j.get("format").asText());
        assertFalse(j.get("attackerHasKey").asBoolean(), "the attacker is not given the key: it guesses it");
        List<JsonNode> guesses = j.get("events").findValues("guess");
        assertFalse(guesses.isEmpty(), "no injected field carries a guess: " + j.get("events"));
        for (JsonNode g : guesses) {
            long guessed = Long.parseLong(g.asText(), 16);
            assertTrue(guessed >= 1 && guessed <= 40, "a key of the declared value set: " + guessed);
        }
        assertFalse(j.get("events").toString().contains("\"key\""), "no given key left in the trace");
        CliRun again = CliRun.run("replay", cex.toString(), "--scheme-file", def.toString());
        assertEquals(0, again.code(), again.out() + again.err());
        // the same trace named for the built-in thesis-xor (keys up to 99,999,999)
        Path asBuiltIn = Files.writeString(tmp.resolve("as-built-in.json"),
                Files.readString(cex).replace("\"thesis-xor-40\"", "\"thesis-xor\""));
        CliRun builtIn = CliRun.run("replay", asBuiltIn.toString());
        assertEquals(1, builtIn.code(), "under the built-in key range the guess is wrong: " + builtIn.out());
    }

    @Test
    void belowTheCostTheVerdictStandsWithItsCost(@TempDir Path tmp) throws IOException {
        Path def = narrow(tmp);
        CliRun plain = check(def, tmp.resolve("plain"), "tries=100");
        Path out = tmp.resolve("out");
        CliRun c = check(def, out, "tries=100,guess=5");
        assertEquals(plain.code(), c.code(), "the budget below the cost changed the verdict: " + plain.out() + c.out());
        String verdict = plain.out().lines().filter(l -> l.startsWith("traces ")).findFirst().orElseThrow();
        assertTrue(c.out().contains(verdict), "verdict line " + verdict + " in " + c.out());
        assertFalse(verdict.contains("VIOLATED"), "without guessing no run violates: " + plain.out());
        assertTrue(c.out().contains("guessCost=5.32") && c.out().contains("guessMode=online")
                && c.out().contains("guessField=K"), c.out());
        assertFalse(Files.exists(out.resolve("counterexamples/thesis-xor-40/eavesdrop-handshake/traces.json")));
    }
}
