package org.mptcpverify.matrix;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.mptcpverify.cli.Main;
import java.util.Map;
import org.mptcpverify.cli.ResultsCommand;
import org.mptcpverify.models.core.CoreVerdicts;
import org.mptcpverify.models.verdicts.VerdictCache;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The committed results are real and current: every committed counterexample (of every engine)
 * replays on the Java reference, every committed pcap opens in tshark without a malformed-packet
 * warning, the committed tlc verdicts carry the current models' fingerprints, and regenerating
 * the default matrix reproduces counterexamples/ and docs/results.md (TLC rerun only where a
 * fingerprint changed).
 */
class CommittedResultsTest {
    private static final Path ROOT = Versions.repoRoot();
    private static final Path CX = ROOT.resolve("counterexamples");

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(CX)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void everyCommittedCounterexampleReplaysOnTheReference() throws Exception {
        List<Path> jsons = files(".json");
        assertFalse(jsons.isEmpty(), "no committed counterexamples under " + CX);
        List<String> failed = new ArrayList<>();
        for (Path p : jsons) {
            // a file of another format throws: the committed ones must all be segment-level
            if (!new SegmentReplayer().replay(SegmentTraceJson.read(p)).reproduced()) failed.add(ROOT.relativize(p).toString());
        }
        assertEquals(List.of(), failed, "counterexamples that do not replay on the reference");
    }

    /**
     * The committed tlc verdicts (models/tla/core/verdicts.json) were decided on the current
     * models: every default-matrix cell has an entry whose fingerprint is the one the core's
     * files give today, and every VIOLATED entry names a committed counterexample that replays.
     * (TLC itself is rerun by {@code results --check} only for cells whose fingerprint changed.)
     */
    @Test
    void everyCommittedTlcVerdictIsOfTheCurrentModels() throws Exception {
        Map<String, VerdictCache.Entry> committed = CoreVerdicts.CACHE.read(ROOT.resolve(CoreVerdicts.FILE));
        assertFalse(committed.isEmpty(), CoreVerdicts.FILE + " is missing: run ./mptcp-verify results");
        List<String> stale = new ArrayList<>();
        for (SchemeId s : SchemeId.matrixSchemes()) {
            for (AttackId a : AttackId.matrixAttacks()) {
                VerdictCache.Entry e = committed.get(VerdictCache.key(s, a));
                if (e == null) {
                    stale.add(s + " / " + a + ": no entry");
                } else if (!e.fingerprint().equals(CoreVerdicts.fingerprint(s, a, ResultsCommand.DEFAULT_SEED))) {
                    stale.add(s + " / " + a + ": fingerprint changed");
                } else if (e.verdict() == Verdict.VIOLATED) {
                    Path cx = e.counterexample() == null ? null : ROOT.resolve(e.counterexample());
                    if (cx == null || !Files.isRegularFile(cx) || !new SegmentReplayer().replay(SegmentTraceJson.read(cx)).reproduced()) {
                        stale.add(s + " / " + a + ": VIOLATED without a counterexample that replays");
                    }
                }
            }
        }
        assertEquals(List.of(), stale, "stale tlc verdicts: run ./mptcp-verify results");
    }

    @Test
    void everyCommittedPcapOpensInTsharkWithoutMalformedPackets() throws Exception {
        List<Path> pcaps = files(".pcap");
        assertFalse(pcaps.isEmpty(), "no committed pcaps under " + CX);
        Assumptions.assumeTrue(onPath("tshark"), "tshark is not installed (CI installs it; apt-get install tshark)");
        List<String> bad = new ArrayList<>();
        for (Path p : pcaps) {
            Process proc = new ProcessBuilder("tshark", "-n", "-r", p.toString(), "-V").redirectErrorStream(true).start();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(proc.waitFor(60, TimeUnit.SECONDS));
            if (proc.exitValue() != 0 || out.contains("Malformed Packet") || out.contains("Dissector bug")) {
                bad.add(ROOT.relativize(p) + " (exit " + proc.exitValue() + ")");
            }
        }
        assertEquals(List.of(), bad, "pcaps tshark reports as malformed");
    }

    @Test
    void everyCommittedCounterexampleHasItsCharts() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Path p : files(".json")) {
            for (org.mptcpverify.chart.Charts.Format f : org.mptcpverify.chart.Charts.Format.values()) {
                if (!Files.isRegularFile(org.mptcpverify.chart.Charts.beside(p, f))) missing.add(ROOT.relativize(p) + " ." + f.extension);
            }
        }
        assertEquals(List.of(), missing, "counterexamples without their SVG/TikZ chart (./mptcp-verify results writes them)");
    }

    @Test
    void theCommittedResultsAreCurrent() {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            // one job: a concurrent run once gave thesis-xor-global / two-keys-one-host a different traces.json (open finding)
            code = Main.execute("results", "--check", "--jobs", "1");
        } finally {
            System.setErr(old);
        }
        String log = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, "committed results are stale or the engines disagree; run ./mptcp-verify results\n"
                + log.lines().filter(l -> !l.startsWith("[")).reduce("", (a, b) -> a + b + "\n"));
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }
}
