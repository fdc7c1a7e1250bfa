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
    void unknownOptionIsExitTwo() {
        CliRun r = run("matrix", "--no-such-option");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--no-such-option"));
    }
}
