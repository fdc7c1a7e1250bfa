package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CliUsageTest {
    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : new picocli.CommandLine(new Main()).getSubcommands().keySet()) {
            if (sub.equals("help")) continue;
            Run r = run(sub, "--help");
            assertEquals(0, r.code(), sub + " --help");
            assertTrue(r.out().contains("Usage:"), sub + " --help prints usage");
        }
    }

    @Test
    void unknownNamesAreExitTwoWithOneLineNamingThem() {
        Run r = run("check", "--engine", "nosuch", "--scheme", "rfc8684", "--attack", "legit-join");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nosuch"), r.err());
        assertFalse(r.err().contains("Exception"), "no stack trace for a user error");
        Run m = run("matrix", "--format", "pdf");
        assertEquals(2, m.code());
        assertTrue(m.err().contains("pdf"), m.err());
    }

    @Test
    void unknownOptionIsExitTwo() {
        Run r = run("matrix", "--no-such-option");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--no-such-option"));
    }
}
