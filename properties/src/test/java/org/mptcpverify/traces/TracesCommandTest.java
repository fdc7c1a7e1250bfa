package org.mptcpverify.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.cli.Main;
import picocli.CommandLine;

/** The {@code traces} subcommand on the toy runner: exit codes, vacuous controls, bad names. */
class TracesCommandTest {
    @TempDir
    Path tmp;

    private record Run(int code, String out) {}

    private Run run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--out";
        all[args.length + 1] = tmp.toString();
        int code = new CommandLine(new TracesCommand(ToyRunner::new, ps)).execute(all);
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void holdsIsExitZeroViolatedIsExitOne() {
        Run ok = run("--schemes", "bound-key", "--attacks", "eavesdrop-all", "--tries", "40");
        assertEquals(0, ok.code(), ok.out());
        assertEquals(2, ok.out().lines().count(), ok.out()); // JoinAuthenticity and ExternalKeySecrecy
        assertTrue(ok.out().lines().allMatch(l -> l.contains("HOLDS")), ok.out());
        Run bad = run("--schemes", "rfc8684", "--attacks", "eavesdrop-handshake", "--tries", "300");
        assertEquals(1, bad.code(), bad.out());
        assertTrue(bad.out().contains("VIOLATED") && bad.out().contains("traces.json"), bad.out());
    }

    /** --generic runs the reference (not the toy): a violated cell is exit 1 with its segment file, which replays. */
    @Test
    void genericAttackerWritesAReplayableSegmentTrace() throws Exception {
        Run r = run("--generic", "--schemes", "bound-key", "--attacks", "join-dos", "--tries", "100");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("VIOLATED") && r.out().contains("JoinStateUnforgeable"), r.out());
        Path f = tmp.resolve("generic").resolve("bound-key").resolve("join-dos.json");
        org.mptcpverify.segment.SegmentTrace t = org.mptcpverify.segment.SegmentTraceJson.read(f);
        assertTrue(new org.mptcpverify.segment.SegmentReplayer().replay(t).reproduced(), r.out());
        Run same = run("--generic", "--schemes", "bound-key", "--attacks", "join-dos", "--tries", "100", "--force");
        assertEquals(r.out().replaceAll("\\d+\\.\\d+s", ""), same.out().replaceAll("\\d+\\.\\d+s", ""));
    }

    @Test
    void controlsReportVacuityAndFail() {
        // The toy never violates ExternalKeySecrecy and ignores the attacker's key (bound-key stays safe):
        // exactly those controls must be flagged vacuous.
        Run r = run("--controls", "--tries", "300");
        assertEquals(1, r.code(), r.out());
        List<String> vacuous = r.out().lines().filter(l -> l.startsWith("VACUOUS CONTROL")).toList();
        assertEquals(List.of("VACUOUS CONTROL: broken violates ExternalKeySecrecy under some attack",
                "VACUOUS CONTROL: the attacker given the key violates JoinAuthenticity against bound-key"), vacuous, r.out());
        Run fine = run("--controls", "--schemes", "broken,rfc8684,thesis-xor", "--attacks", "eavesdrop-handshake,join-dos",
                "--tries", "300");
        assertEquals(0, fine.code(), fine.out());
        assertFalse(fine.out().contains("VACUOUS"), fine.out());
    }

    @Test
    void onTheReferenceThroughMain() {
        // The default wiring (Main -> TracesCommand -> ReferenceRunner), on two cells the threat model settles:
        // rfc8684 sends its keys in clear, so an eavesdropper forges a join; bound-key sends none.
        String out = tmp.resolve("main").toString();
        // bound-key: the eavesdropper can never build a join field, so nothing it tries takes effect (VACUOUS, exit 3)
        assertEquals(Main.EXIT_INCONCLUSIVE, Main.execute("traces", "--schemes", "bound-key", "--attacks", "eavesdrop-handshake",
                "--tries", "50", "--out", out));
        // the same folder again: the previous run's files are replaced, so this is no foreign content
        assertEquals(Main.EXIT_FAILED, Main.execute("traces", "--schemes", "rfc8684", "--attacks", "eavesdrop-handshake",
                "--tries", "50", "--out", out));
        assertTrue(Files.isRegularFile(tmp.resolve("main/counterexamples/JoinAuthenticity/rfc8684/eavesdrop-handshake/traces.json")));
    }

    @Test
    void aFolderHoldingForeignFilesIsRefusedUnlessForced() throws Exception {
        Path out = tmp.resolve("foreign");
        Files.createDirectories(out);
        Files.writeString(out.resolve("precious.txt"), "not written by mptcp-verify");
        String[] args = {"traces", "--schemes", "rfc8684", "--attacks", "eavesdrop-handshake", "--tries", "50", "--out", out.toString()};
        assertEquals(Main.EXIT_USAGE, Main.execute(args));
        assertFalse(Files.exists(out.resolve("counterexamples")), "nothing written into a refused folder");
        String[] forced = Arrays.copyOf(args, args.length + 1);
        forced[args.length] = "--force";
        assertEquals(Main.EXIT_FAILED, Main.execute(forced));
        assertEquals("not written by mptcp-verify", Files.readString(out.resolve("precious.txt")));
    }

    @Test
    void badNamesAreExitTwo() {
        assertEquals(Main.EXIT_USAGE, Main.execute("traces", "--schemes", "nosuch"));
        assertEquals(Main.EXIT_USAGE, Main.execute("traces", "--tries", "0"));
        assertEquals(Main.EXIT_USAGE, Main.execute("traces", "--properties", "Nope"));
    }
}
