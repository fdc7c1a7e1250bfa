package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class CliUsageTest {
    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : new picocli.CommandLine(new Main()).getSubcommands().keySet()) {
            if (sub.equals("help")) continue;
            CliRun r = run(sub, "--help");
            assertEquals(0, r.code(), sub + " --help");
            assertTrue(r.out().contains("Usage:"), sub + " --help prints usage");
        }
    }

    @Test
    void unknownNamesAreExitTwoWithOneLineNamingThem() {
        CliRun r = run("check", "--engine", "nosuch", "--scheme", "rfc8684", "--attack", "legit-join");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nosuch"), r.err());
        assertFalse(r.err().contains("Exception"), "no stack trace for a user error");
        CliRun m = run("matrix", "--format", "pdf");
        assertEquals(2, m.code());
        assertTrue(m.err().contains("pdf"), m.err());
    }

    @Test
    void anOutputPathThatIsAFileIsExitTwoAndLeftAlone(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.writeString(tmp.resolve("not-a-folder"), "keep me");
        for (String[] args : new String[][] {
                {"matrix", "--schemes", "rfc8684", "--attacks", "legit-join", "--out", file.toString()},
                {"check", "--engine", "traces", "--scheme", "rfc8684", "--attack", "legit-join", "--out", file.toString()}}) {
            CliRun r = run(args);
            assertEquals(2, r.code(), String.join(" ", args));
            assertTrue(r.err().contains("not a folder"), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        assertEquals("keep me", java.nio.file.Files.readString(file));
    }

    @Test
    void unknownOptionIsExitTwo() {
        CliRun r = run("matrix", "--no-such-option");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--no-such-option"));
    }
}
