package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --bounds guess=N} (issue #13.4) on a thesis-xor whose decimal key takes 40 values
 * ({@code values K : 40}, 5.32 bits): eavesdrop-handshake holds without guessing (the attacker
 * lacks the key and never acts). With a budget at or above the cost the engine must find the
 * violation by guessing, in a counterexample that names the guessed key and replays under the same
 * definition; with the built-in thesis-xor (keys up to 99,999,999) the same file does not replay
 * (the seed draws another key); below the cost the cell keeps its verdict (VACUOUS: the attacker never acts) and reports the cost.
 */
class GuessBudgetTest {
    private static final Path THESIS = Path.of("..", "models", "schemes", "thesis-xor.scheme");

    private static Path narrow(Path dir) throws IOException {
        String text = Files.readString(THESIS);
        assertTrue(text.contains("values K : 99999999"), "the committed definition declares the thesis key's values");
        return Files.writeString(dir.resolve("thesis-xor-40.scheme"),
                text.replaceFirst("values K : 99999999", "values K : 40").replaceFirst("(?m)^scheme thesis-xor$", "scheme thesis-xor-40"));
    }

    private static CliRun check(Path def, Path out, int guess) {
        return CliRun.run("check", "--engine", "traces", "--scheme", "thesis-xor-40", "--attack", "eavesdrop-handshake",
                "--scheme-file", def.toString(), "--bounds", "steps=3,guess=" + guess, "--out", out.toString());
    }

    @Test
    void withinTheBudgetTheGuessIsFoundAndReplays(@TempDir Path tmp) throws IOException {
        Path def = narrow(tmp);
        Path out = tmp.resolve("out");
        CliRun c = check(def, out, 6);
        assertEquals(1, c.code(), c.out() + c.err());
        assertTrue(c.out().contains("VIOLATED") && c.out().contains("guessCost=5.32"), c.out());
        Path cex = out.resolve("counterexamples/thesis-xor-40/eavesdrop-handshake/traces.json");
        JsonNode j = new ObjectMapper().readTree(cex.toFile());
        assertFalse(j.get("attackerHasKey").asBoolean(), "the attacker is not given the key: it guesses it");
        long guessed = Long.parseLong(j.get("guessedKey").asText(), 16);
        assertTrue(guessed >= 1 && guessed <= 40, "a key of the declared value set: " + guessed);
        assertTrue(j.get("actions").toString().contains("ForgeJoin"), "the attacker supplies the guess in a forged join");
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
        Path out = tmp.resolve("out");
        CliRun c = check(def, out, 5);
        // without the key the attacker never acts in this cell: VACUOUS, exit 3, as without a budget
        assertEquals(3, c.code(), c.out() + c.err());
        assertTrue(c.out().contains(": VACUOUS"), c.out());
        assertTrue(c.out().contains("guessCost=5.32") && c.out().contains("guessMode=online")
                && c.out().contains("guessField=K"), c.out());
        assertFalse(Files.exists(out.resolve("counterexamples/thesis-xor-40/eavesdrop-handshake/traces.json")));
    }
}
