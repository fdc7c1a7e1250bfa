package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.kernel.Topology;

/** kernel-attack's exit codes: 0 attack shown by the kernel, 1 not, 2 bad usage. */
class KernelAttackCommandTest {
    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void unknownAttackIsExitTwoNamingIt() {
        CliRun r = run("kernel-attack", "--attack", "no-such-attack");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no-such-attack") && r.err().contains("join-dos") && r.err().contains("all"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void missingAttackIsExitTwo() {
        assertEquals(2, run("kernel-attack").code());
    }

    /** Issue #16.2 and .4: an existing --pcap was overwritten; a bad --json path failed with a stack trace after the attack. */
    @Test
    void outputPathsAreCheckedBeforeTheAttackAndExistingFilesKept(@TempDir Path dir) throws Exception {
        Path precious = Files.writeString(dir.resolve("precious.pcap"), "keep");
        for (String[] args : new String[][] {
                {"--pcap", precious.toString()},
                {"--pcap", dir.resolve("new.pcap").toString(), "--json", "/proc/nope/r.json"},
                {"--pcap", ""}}) {
            java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("kernel-attack", "--attack", "eavesdrop-handshake"));
            all.addAll(java.util.List.of(args));
            CliRun r = run(all.toArray(String[]::new));
            assertEquals(2, r.code(), r.err());
            // only this command's lines: a live test before may still be tearing its namespaces down on System.err
            java.util.List<String> ours = r.err().lines().filter(l -> l.startsWith("mptcp-verify:")).toList();
            assertEquals(1, ours.size(), r.err());
            assertTrue(ours.get(0).startsWith("mptcp-verify: --"), "names the option, not the kernel: " + r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        }
        assertEquals("keep", Files.readString(precious));
        assertFalse(Files.exists(dir.resolve("new.pcap")));
    }

    @Test
    void liveEavesdropHandshakeIsExitZeroAndWrongKeysExitOne(@TempDir Path dir) throws Exception {
        var reason = Topology.unavailableReason();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "kernel test skipped: " + reason.orElse(""));
        Path pcap = dir.resolve("e.pcap");
        Path json = dir.resolve("e.json");
        CliRun ok = run("kernel-attack", "--attack", "eavesdrop-handshake", "--pcap", pcap.toString(),
                "--json", json.toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("SUCCEEDED") && ok.out().contains("INJECTED BY ATTACKER"), ok.out());
        assertTrue(Files.size(pcap) > 24);
        var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertEquals("eavesdrop-handshake", report.path("attack").asText());
        assertTrue(report.path("succeeded").asBoolean());
        assertTrue(report.path("evidence").toString().contains("INJECTED BY ATTACKER"));
        CliRun control = run("kernel-attack", "--attack", "eavesdrop-handshake", "--wrong-keys",
                "--pcap", dir.resolve("w.pcap").toString());
        assertEquals(1, control.code(), control.out() + control.err());
        assertTrue(control.out().contains("DID NOT SUCCEED"), control.out());
    }

    /** Issue 14: without --pcap the capture goes to target/kernel-attack/ under the repository, which git ignores. */
    @Test
    void withoutPcapTheCaptureGoesUnderTargetWhichGitIgnores() throws Exception {
        var reason = Topology.unavailableReason();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "kernel test skipped: " + reason.orElse(""));
        Path root = org.mptcpverify.matrix.Versions.repoRoot();
        Path expected = root.resolve("target").resolve("kernel-attack").resolve("fastclose-forge.pcap");
        Files.deleteIfExists(expected);
        CliRun r = run("kernel-attack", "--attack", "fastclose-forge");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(Files.size(expected) > 24, "capture at " + expected);
        assertTrue(r.out().contains("written to " + expected), r.out());
        assertTrue(Files.readAllLines(root.resolve(".gitignore")).contains("target/"), ".gitignore covers target/");
    }

    @Test
    void allWithWrongKeysIsExitTwo() {
        CliRun r = run("kernel-attack", "--attack", "all", "--wrong-keys");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--wrong-keys"), r.err());
    }

    @Test
    void allWithAFileForPcapIsExitTwoAndLeavesItAlone(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("not-a-folder");
        Files.writeString(file, "keep");
        CliRun r = run("kernel-attack", "--attack", "all", "--pcap", file.toString());
        assertEquals(2, r.code());
        assertEquals("keep", Files.readString(file));
    }
}
