package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #16.2: an output folder holding files no run wrote is refused; a reused folder keeps nothing stale. */
class OutputFolderTest {
    @TempDir
    Path tmp;

    private static CliRun check(Path out, String attack, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("check", "--engine", "traces", "--scheme", "rfc8684",
                "--attack", attack, "--tries", "40", "--out", out.toString()));
        args.addAll(List.of(more));
        return CliRun.run(args.toArray(String[]::new));
    }

    @Test
    void aFolderWithForeignFilesIsRefusedAndLeftAsItWas() throws IOException {
        Path out = tmp.resolve("repo");
        Path precious = out.resolve("counterexamples/rfc8684/fastclose-forge/traces.json");
        Files.createDirectories(precious.getParent());
        Files.writeString(precious, "committed");
        CliRun r = check(out, "fastclose-forge");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--force"), r.err());
        assertEquals("committed", Files.readString(precious));
        assertEquals(List.of(precious), files(out), "nothing written");
    }

    @Test
    void forceWritesBesideForeignFilesAndListsOnlyItsOwn() throws IOException {
        Path out = tmp.resolve("used");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        CliRun r = check(out, "fastclose-forge", "--force");
        assertEquals(1, r.code(), r.err());
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        String manifest = Files.readString(out.resolve(OutputFolder.MANIFEST));
        assertFalse(manifest.contains("notes.txt"), manifest);
        assertTrue(manifest.contains("counterexamples/rfc8684/fastclose-forge/traces.json"), manifest);
    }

    @Test
    void aRerunIntoItsOwnFolderLeavesNoStaleCounterexample() throws IOException {
        Path out = tmp.resolve("run");
        CliRun first = CliRun.run("matrix", "--engines", "traces", "--schemes", "rfc8684", "--attacks",
                "fastclose-forge", "--tries", "40", "--out", out.toString());
        assertEquals(0, first.code(), first.err());
        Path old = out.resolve("counterexamples/rfc8684/fastclose-forge/traces.json");
        assertTrue(Files.isRegularFile(old));
        CliRun second = CliRun.run("matrix", "--engines", "traces", "--schemes", "rfc8684", "--attacks",
                "legit-join", "--tries", "40", "--out", out.toString());
        assertEquals(0, second.code(), second.err());
        assertFalse(Files.exists(old), "the earlier run's counterexample, no longer listed in matrix.json");
        assertFalse(Files.readString(out.resolve("matrix.json")).contains("fastclose-forge"));
    }

    @Test
    void aRunWritesNothingBesideItsFolder() throws IOException {
        Path out = tmp.resolve("only-here");
        assertEquals(1, check(out, "fastclose-forge").code());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(out), s.toList());
        }
    }

    @Test
    void anEmptyOutPathIsBadInput() {
        CliRun r = check(Path.of(""), "legit-join");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("empty path"), r.err());
    }

    /** Issue #16.8: a folder that cannot be made was reported with its path only. */
    @Test
    void anUncreatableFolderSaysWhy() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        for (Path bad : List.of(Path.of("/proc/x"), file.resolve("sub"))) {
            CliRun r = check(bad, "legit-join");
            assertEquals(2, r.code(), r.err());
            String line = r.err().strip();
            assertTrue(line.matches("mptcp-verify: --out: cannot create folder .+ \\((?!/).+\\)"), line);
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
