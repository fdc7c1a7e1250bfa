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
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.segment.SegmentTraceJson;
import picocli.CommandLine;

/**
 * The {@code traces} subcommand on the reference (the generic attacker, per property and with
 * {@code --generic} per cell): exit codes, files that replay, vacuous controls, bad names.
 */
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
        int code = new CommandLine(new TracesCommand(ps)).execute(all);
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    /** The exit code follows the verdicts printed, and a violation's file replays on a fresh reference. */
    @Test
    void violatedIsExitOneWithAFileThatReplays() throws Exception {
        Run bad = run("--schemes", "rfc8684", "--attacks", "fastclose-forge", "--tries", "200");
        assertEquals(1, bad.code(), bad.out());
        assertTrue(bad.out().contains("VIOLATED"), bad.out());
        Path f = tmp.resolve("counterexamples/CloseAuthenticity/rfc8684/fastclose-forge/traces.json");
        SegmentTrace t = SegmentTraceJson.read(f);
        assertTrue(new SegmentReplayer().replay(t).reproduced(), bad.out());
        // --max-actions is the steps bound: a run of 2 segment events cannot even open the connection
        Run tiny = run("--schemes", "rfc8684", "--attacks", "fastclose-forge", "--tries", "20", "--max-actions", "2",
                "--force");
        assertFalse(tiny.out().contains("VIOLATED"), tiny.out());
        assertTrue(tiny.out().contains("steps=2"), tiny.out());
    }

    /** A holding check names its witness; exit 0 only when every line holds. */
    @Test
    void holdsIsExitZeroOnlyWhenEveryLineHolds() {
        Run ok = run("--schemes", "bound-key", "--attacks", "fastclose-forge", "--tries", "60");
        boolean allHold = ok.out().lines().allMatch(l -> l.contains(" HOLDS "));
        assertEquals(allHold ? 0 : 3, ok.code(), ok.out());
        assertEquals(1, ok.out().lines().count(), ok.out()); // CloseAuthenticity
    }

    /** --generic runs one check per cell: a violated cell is exit 1 with its segment file, which replays. */
    @Test
    void genericAttackerWritesAReplayableSegmentTrace() throws Exception {
        Run r = run("--generic", "--schemes", "bound-key", "--attacks", "join-dos", "--tries", "100");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("VIOLATED") && r.out().contains("JoinStateUnforgeable"), r.out());
        Path f = tmp.resolve("generic").resolve("bound-key").resolve("join-dos.json");
        SegmentTrace t = SegmentTraceJson.read(f);
        assertTrue(new SegmentReplayer().replay(t).reproduced(), r.out());
        Run same = run("--generic", "--schemes", "bound-key", "--attacks", "join-dos", "--tries", "100", "--force");
        assertEquals(r.out().replaceAll("\\d+\\.\\d+s", ""), same.out().replaceAll("\\d+\\.\\d+s", ""));
    }

    /**
     * A control group that no check violates is printed as VACUOUS CONTROL and fails the command;
     * with one run per check some group stays unviolated, with enough runs none does.
     */
    @Test
    void controlsReportVacuityAndFail() {
        Run starved = run("--controls", "--schemes", "broken,thesis-xor", "--attacks", "eavesdrop-handshake,join-dos",
                "--tries", "1");
        List<String> vacuous = starved.out().lines().filter(l -> l.startsWith("VACUOUS CONTROL")).toList();
        assertFalse(vacuous.isEmpty(), "one run per check breaks every control? " + starved.out());
        assertEquals(1, starved.code(), starved.out());
        Run fine = run("--controls", "--schemes", "broken,thesis-xor", "--attacks", "eavesdrop-handshake,join-dos",
                "--tries", "2000", "--force");
        assertEquals(0, fine.code(), fine.out());
        assertFalse(fine.out().contains("VACUOUS"), fine.out());
    }

    @Test
    void onTheReferenceThroughMain() {
        String out = tmp.resolve("main").toString();
        assertEquals(Main.EXIT_FAILED, Main.execute("traces", "--schemes", "rfc8684", "--attacks", "join-dos",
                "--tries", "200", "--out", out));
        assertTrue(Files.isRegularFile(tmp.resolve("main/counterexamples/JoinStateUnforgeable/rfc8684/join-dos/traces.json")));
        assertTrue(Files.isRegularFile(tmp.resolve("main/counterexamples/JoinStateUnforgeable/rfc8684/join-dos/traces.pcap")));
    }

    @Test
    void aFolderHoldingForeignFilesIsRefusedUnlessForced() throws Exception {
        Path out = tmp.resolve("foreign");
        Files.createDirectories(out);
        Files.writeString(out.resolve("precious.txt"), "not written by mptcp-verify");
        String[] args = {"traces", "--schemes", "rfc8684", "--attacks", "join-dos", "--tries", "200", "--out", out.toString()};
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
