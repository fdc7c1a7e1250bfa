package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --scheme-file} on the alloy engine (the Alloy generic core): the example of
 * docs/adding-a-scheme.md (psk-join) checked for join-dos at 7 states, the fewest in which the
 * core reaches the spoofed join SYN (at 6 states the cell HOLDS with a satisfiable witness;
 * docs/models.md, Session 11 (alloyfile)), its counterexample replayed on the definition and
 * refused without it; a Diffie-Hellman definition refused with one line naming the term. One solve of a few CPU seconds; the generous timeout only keeps a
 * loaded machine from turning it INCONCLUSIVE.
 */
class AlloySchemeFileTest {
    @Test
    void theExamplesJoinDosIsFoundAndReplaysOnTheDefinition(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("psk-join.scheme"), AddingASchemeTest.example());
        Path out = tmp.resolve("out");
        CliRun c = CliRun.run("check", "--engine", "alloy", "--scheme", "psk-join", "--attack", "join-dos",
                "--scheme-file", file.toString(), "--bounds", "alloy.steps=7", "--timeout", "1800", "--out", out.toString());
        assertEquals(1, c.code(), c.out() + c.err());
        assertTrue(c.out().startsWith("alloy psk-join / join-dos: VIOLATED"), c.out());
        assertTrue(c.out().contains("JoinStateUnforgeable"), c.out());
        Path cex = out.resolve("counterexamples/psk-join/join-dos/alloy.json");
        assertTrue(Files.readString(cex).contains("\"scheme\" : \"psk-join\""), "the file carries the design's own name");
        CliRun again = CliRun.run("replay", cex.toString(), "--scheme-file", file.toString());
        assertEquals(0, again.code(), again.out() + again.err());
        CliRun unnamed = CliRun.run("replay", cex.toString());
        assertEquals(2, unnamed.code(), "a defined scheme's counterexample needs its file: " + unnamed.out());
    }

    @Test
    void aDefinitionTheGeneratorCannotRenderIsOneLineAndNothingWritten(@TempDir Path tmp) throws IOException {
        Path ecdh = Files.writeString(tmp.resolve("my-ecdh.scheme"), Files.readString(Path.of("..", "models", "schemes",
                "ecdh.scheme")).replace("scheme ecdh\n", "scheme my-ecdh\n"));
        Path out = tmp.resolve("o");
        CliRun c = CliRun.run("check", "--engine", "alloy", "--scheme", "my-ecdh", "--attack", "join-dos",
                "--scheme-file", ecdh.toString(), "--out", out.toString());
        assertEquals(2, c.code(), c.out() + c.err());
        assertEquals(1, c.err().strip().lines().count(), c.err());
        assertTrue(c.err().startsWith("mptcp-verify: " + ecdh + ": "), c.err());
        assertTrue(c.err().contains("Diffie-Hellman term pub(a)"), c.err());
        CliRun m = CliRun.run("matrix", "--engines", "traces,alloy", "--scheme-file", ecdh.toString(), "--out", out.toString());
        assertEquals(2, m.code(), m.out() + m.err());
        assertEquals(c.err().strip(), m.err().strip());
        assertFalse(Files.exists(out), "nothing written on refusal");
    }
}
