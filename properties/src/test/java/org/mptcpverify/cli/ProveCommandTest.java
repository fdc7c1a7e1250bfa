package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prove}: one cell's unbounded-length proof, its controls, and its refusals of bad input. */
class ProveCommandTest {
    @Test
    void provesACellAndPrintsItsScope() {
        CliRun r = CliRun.run("prove", "--scheme", "bound-key", "--attack", "fastclose-forge");
        assertEquals(Main.EXIT_OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("bound-key / fastclose-forge: PROVED"), r.out());
        // both ends (docs/proofs.md, "Both ends"): the server's acceptance (Alloy and Java) and the client's (Java)
        assertFalse(r.out().contains("proved at one end only"), r.out());
        assertTrue(r.out().contains("CloseAuthenticity at the other end: the client's acceptance of the server's MP_FASTCLOSE"),
                r.out());
        assertTrue(r.out().contains("scope: 1 client, 1 connection"), r.out());
        CliRun two = CliRun.run("prove", "--scheme", "bound-key", "--attack", "fastclose-forge", "--clients", "2");
        assertEquals(Main.EXIT_OK, two.code(), two.out() + two.err());
        assertTrue(two.out().contains("scope: 2 clients of one application"), two.out());
    }

    @Test
    void theControlsFailWithACounterexample() {
        CliRun broken = CliRun.run("prove", "--scheme", "broken", "--attack", "eavesdrop-all");
        assertEquals(Main.EXIT_FAILED, broken.code(), broken.out());
        assertTrue(broken.out().contains("failed check: step") && broken.out().contains("learns K"), broken.out());
        CliRun keyed = CliRun.run("prove", "--scheme", "bound-key", "--attack", "fastclose-forge", "--give-key");
        assertEquals(Main.EXIT_FAILED, keyed.code(), keyed.out());
        assertTrue(keyed.out().contains("failed check: base"), keyed.out());
    }

    @Test
    void aCellWithoutAProofFamilyIsNotAttempted() {
        CliRun r = CliRun.run("prove", "--scheme", "bound-key", "--attack", "join-dos");
        assertEquals(Main.EXIT_INCONCLUSIVE, r.code(), r.out());
        assertTrue(r.out().contains("NOT_ATTEMPTED"), r.out());
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        for (String[] args : new String[][]{
                {"prove", "--scheme", "nope", "--attack", "eavesdrop-all"},
                {"prove", "--scheme", "bound-key", "--attack", "nope"},
                {"prove", "--scheme", "bound-key", "--attack", "eavesdrop-all", "--joins", "0"},
                {"prove", "--scheme", "bound-key", "--attack", "eavesdrop-all", "--clients", "0"},
                {"prove", "--scheme", "other", "--attack", "eavesdrop-all", "--scheme-file",
                        Files.writeString(dir.resolve("x.scheme"), Files.readString(
                                org.mptcpverify.matrix.Versions.repoRoot().resolve("models/schemes/bound-key.scheme"))).toString()}}) {
            CliRun r = CliRun.run(args);
            assertEquals(Main.EXIT_USAGE, r.code(), String.join(" ", args) + ": " + r.out() + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertEquals("", r.out());
        }
    }
}
