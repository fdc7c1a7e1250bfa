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
 * {@code --scheme-file} on check, sweep and replay (traces engine), with issue #11's example: bound-key
 * whose join tickets are never marked used (one word, {@code once}, deleted from its definition),
 * under a name of its own, {@code bound-key-reuse}. The traces engine finds the join-dos violation,
 * the counterexample replays under that definition and not under the built-in bound-key; bad files,
 * a built-in's name on a different design, and other engines are exit 2 with one line.
 */
class SchemeFileTest {
    private static final Path BOUND_KEY = Path.of("..", "models", "schemes", "bound-key.scheme");

    private static Path reusableTickets(Path dir) throws IOException {
        String text = Files.readString(BOUND_KEY);
        assertTrue(text.contains(" window 4 once"), "the committed definition marks tickets used");
        return Files.writeString(dir.resolve("bound-key-reuse.scheme"), text.replace(" window 4 once", " window 4")
                .replace("scheme bound-key\n", "scheme bound-key-reuse\n"));
    }

    @Test
    void theReportOfASchemeFileMatrixChartsItsCounterexamplesWithTheFile(@TempDir Path tmp) throws IOException {
        Path def = reusableTickets(tmp);
        Path out = tmp.resolve("m");
        CliRun m = CliRun.run("matrix", "--engines", "traces", "--attacks", "join-dos", "--scheme-file", def.toString(),
                "--tries", "2000", "--out", out.toString());
        assertEquals(0, m.code(), m.out() + m.err());
        Path page = Path.of("cells", "bound-key-reuse__join-dos.html");
        CliRun without = CliRun.run("report", "--matrix", out.resolve("matrix.json").toString(), "--out", tmp.resolve("r0").toString());
        assertEquals(0, without.code(), without.err());
        assertTrue(Files.readString(tmp.resolve("r0").resolve(page)).contains("cannot be read by the reference"),
                "without its definition the counterexample names an unknown scheme");
        CliRun with = CliRun.run("report", "--matrix", out.resolve("matrix.json").toString(), "--scheme-file", def.toString(),
                "--out", tmp.resolve("r1").toString());
        assertEquals(0, with.code(), with.err());
        String html = Files.readString(tmp.resolve("r1").resolve(page));
        assertTrue(html.contains("<svg") && !html.contains("cannot be read by the reference"), "charted from its replay");
        CliRun alone = CliRun.run("report", "--scheme-file", def.toString(), "--out", tmp.resolve("r2").toString());
        assertEquals(2, alone.code());
        assertEquals(1, alone.err().strip().lines().count(), alone.err());
        assertFalse(Files.exists(tmp.resolve("r2")), "nothing written on bad input");
    }

    @Test
    void ticketsNeverMarkedUsedAreFoundAndReplay(@TempDir Path tmp) throws IOException {
        Path def = reusableTickets(tmp);
        Path out = tmp.resolve("out");
        CliRun c = CliRun.run("check", "--engine", "traces", "--scheme", "bound-key-reuse", "--attack", "join-dos",
                "--scheme-file", def.toString(), "--tries", "2000", "--out", out.toString());
        assertEquals(1, c.code(), c.out() + c.err());
        assertTrue(c.out().startsWith("traces bound-key-reuse / join-dos: VIOLATED"), c.out());
        assertTrue(c.out().contains("JoinStateUnforgeable"), c.out());
        Path cex = out.resolve("counterexamples/bound-key-reuse/join-dos/traces.json");
        assertTrue(Files.isRegularFile(cex));
        assertTrue(Files.readString(cex).contains("\"scheme\" : \"bound-key-reuse\""), "the file carries the design's own name");
        CliRun again = CliRun.run("replay", cex.toString(), "--scheme-file", def.toString());
        assertEquals(0, again.code(), again.out() + again.err());
        CliRun unnamed = CliRun.run("replay", cex.toString());
        assertEquals(2, unnamed.code(), "a defined scheme's counterexample needs its file: " + unnamed.out());
        Path onBuiltIn = Files.writeString(tmp.resolve("on-bound-key.json"),
                Files.readString(cex).replace("\"scheme\" : \"bound-key-reuse\"", "\"scheme\" : \"bound-key\""));
        CliRun builtIn = CliRun.run("replay", onBuiltIn.toString());
        if (builtIn.code() == 0) {
            // the same trace breaks the built-in too: then it is the race bound-key itself falls to
            // (a spoofed copy of an observed join SYN overtakes it), which its own check must find
            CliRun own = CliRun.run("check", "--engine", "traces", "--scheme", "bound-key", "--attack", "join-dos",
                    "--tries", "2000", "--out", tmp.resolve("own").toString());
            assertEquals(1, own.code(), "the built-in replays the reuse counterexample but its check holds: " + own.out());
        } else {
            assertEquals(1, builtIn.code(), "the built-in bound-key marks tickets used: " + builtIn.out());
        }
    }

    /**
     * tlc checks the generic core with the data generated from the file, and claims VIOLATED only
     * with a counterexample that replays on the definition-driven reference: a copy of the
     * committed definition decides bound-key / join-dos as the built-in data does (the finding of
     * docs/models.md), and the written file replays with the same scheme file.
     */
    @Test
    void tlcChecksTheFilesGeneratedDataAndReplaysOnIt(@TempDir Path tmp) throws IOException {
        Path def = Files.writeString(tmp.resolve("bound-key-copy.scheme"), Files.readString(BOUND_KEY));
        Path out = tmp.resolve("out");
        CliRun c = CliRun.run("check", "--engine", "tlc", "--scheme", "bound-key", "--attack", "join-dos",
                "--scheme-file", def.toString(), "--out", out.toString());
        org.mptcpverify.engine.CellResult builtIn = new org.mptcpverify.models.core.CoreEngine(1).check(
                org.mptcpverify.vocab.SchemeId.BOUND_KEY, org.mptcpverify.vocab.AttackId.JOIN_DOS,
                new org.mptcpverify.engine.EngineOptions(20261127L, tmp.resolve("built-in/cx"), tmp.resolve("built-in/work"),
                        java.time.Duration.ofSeconds(600), 1, false));
        assertEquals(1, c.code(), c.out() + c.err());
        assertTrue(c.out().contains("JoinStateUnforgeable"), c.out());
        Path cex = out.resolve("counterexamples/bound-key/join-dos/tlc.json");
        assertTrue(Files.isRegularFile(cex));
        CliRun again = CliRun.run("replay", cex.toString(), "--scheme-file", def.toString());
        assertEquals(0, again.code(), again.out() + again.err());
        assertEquals(org.mptcpverify.vocab.Verdict.VIOLATED, builtIn.verdict(), "same definition, same verdict: " + builtIn);
        assertEquals(java.util.List.of(org.mptcpverify.vocab.PropertyId.JOIN_STATE_UNFORGEABLE), builtIn.violated());
    }

    /**
     * A scheme of a name of its own runs in tlc: the core's data is generated from the file, the
     * counterexample carries the design's name and replays only with the file.
     */
    @Test
    void tlcRunsASchemeOfANameOfItsOwn(@TempDir Path tmp) throws IOException {
        Path def = reusableTickets(tmp);
        Path out = tmp.resolve("out");
        CliRun c = CliRun.run("check", "--engine", "tlc", "--scheme", "bound-key-reuse", "--attack", "join-dos",
                "--scheme-file", def.toString(), "--out", out.toString());
        assertEquals(1, c.code(), c.out() + c.err());
        assertTrue(c.out().startsWith("tlc bound-key-reuse / join-dos: VIOLATED"), c.out());
        Path cex = out.resolve("counterexamples/bound-key-reuse/join-dos/tlc.json");
        assertTrue(Files.readString(cex).contains("\"scheme\" : \"bound-key-reuse\""), "the file carries the design's own name");
        CliRun again = CliRun.run("replay", cex.toString(), "--scheme-file", def.toString());
        assertEquals(0, again.code(), again.out() + again.err());
        CliRun unnamed = CliRun.run("replay", cex.toString());
        assertEquals(2, unnamed.code(), "a defined scheme's counterexample needs its file: " + unnamed.out());
    }

    @Test
    void aDefinedSchemeSweepsUnderItsName(@TempDir Path tmp) throws IOException {
        Path def = reusableTickets(tmp);
        Path out = tmp.resolve("out");
        CliRun s = CliRun.run("sweep", "--engine", "traces", "--scheme", "bound-key-reuse", "--attack", "join-dos",
                "--scheme-file", def.toString(), "--bounds", "tries=200..201", "--format", "json", "--out", out.toString());
        assertTrue(s.out().contains("\"scheme\" : \"bound-key-reuse\""), s.out() + s.err());
    }

    @Test
    void theBuiltInsOwnDefinitionRunsUnderItsName(@TempDir Path tmp) throws IOException {
        Path same = Files.writeString(tmp.resolve("same.scheme"), "# my copy\n" + Files.readString(BOUND_KEY));
        CliRun c = CliRun.run("check", "--engine", "traces", "--scheme", "bound-key", "--attack", "join-dos",
                "--scheme-file", same.toString(), "--tries", "300", "--out", tmp.resolve("o").toString());
        assertTrue(c.out().startsWith("traces bound-key / join-dos: "), c.out() + c.err());
    }

    @Test
    void aBadDefinitionIsOneLineAndNothingWritten(@TempDir Path tmp) throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.scheme"), "scheme bound-key\nversion 2\n");
        Path out = tmp.resolve("out");
        CliRun r = CliRun.run("check", "--engine", "traces", "--scheme", "bound-key", "--attack", "join-dos",
                "--scheme-file", bad.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertEquals("mptcp-verify: " + bad + ":2: version is 0 or 1, got 2", r.err().strip());
        assertFalse(Files.exists(out), "nothing written on bad input");
        CliRun m = CliRun.run("matrix", "--engines", "traces", "--scheme-file", bad.toString(), "--out", out.toString());
        assertEquals(2, m.code());
        assertEquals(1, m.err().lines().count(), m.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void otherNamesAreExitTwo(@TempDir Path tmp) throws IOException {
        Path def = reusableTickets(tmp);
        CliRun n = CliRun.run("check", "--engine", "traces", "--scheme", "bound-key", "--attack", "join-dos",
                "--scheme-file", def.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, n.code());
        assertTrue(n.err().contains("defines bound-key-reuse, not --scheme bound-key"), n.err());
        Path clash = Files.writeString(tmp.resolve("clash.scheme"),
                Files.readString(def).replace("scheme bound-key-reuse", "scheme bound-key"));
        CliRun c = CliRun.run("check", "--engine", "traces", "--scheme", "bound-key", "--attack", "join-dos",
                "--scheme-file", clash.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, c.code());
        assertEquals(1, c.err().lines().count(), c.err());
        assertTrue(c.err().contains("scheme 'bound-key' is a built-in name, but the file is not the built-in's definition"), c.err());
        for (String bad : new String[] {"My_Design", "x~mutant", "a//b"}) {
            Path named = Files.writeString(tmp.resolve("named.scheme"),
                    Files.readString(def).replace("scheme bound-key-reuse", "scheme " + bad));
            CliRun u = CliRun.run("matrix", "--engines", "traces", "--scheme-file", named.toString(), "--out", tmp.resolve("o").toString());
            assertEquals(2, u.code(), bad);
            assertEquals(1, u.err().lines().count(), u.err());
        }
        assertFalse(Files.exists(tmp.resolve("o")));
    }
}
