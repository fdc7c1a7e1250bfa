package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT to the CLI leaves no TLC child behind. Regression (issue 16, item 6): the child JVM was
 * re-parented to init and kept running. The CLI runs here in its own JVM with TLC in a child
 * process (the launcher that has children), on a cell big enough to still run when interrupted.
 */
class ShutdownHookTest {
    @Test
    void sigintEndsTheTlcChild(@TempDir Path tmp) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process cli = new ProcessBuilder(java, "-Dmptcp.tlc.launcher=process",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "check", "--engine", "tlc", "--scheme", "rfc8684", "--attack", "join-dos",
                "--bounds", "joins=4,injections=4,rewrites=2", "--timeout", "600", "--out", tmp.resolve("out").toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("cli.log").toFile()).start();
        ProcessHandle tlc = null;
        try {
            tlc = awaitTlcChild(cli, 600); // bounds that only a hang reaches, not a loaded machine
            new ProcessBuilder("kill", "-INT", Long.toString(cli.pid())).start().waitFor();
            assertTrue(cli.waitFor(180, TimeUnit.SECONDS), "the CLI did not exit on SIGINT");
            try {
                tlc.onExit().get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                // asserted below
            }
            assertFalse(tlc.isAlive(), "TLC child " + tlc.pid() + " still runs after the CLI was interrupted");
        } finally {
            if (tlc != null) tlc.destroyForcibly(); // before the fix it outlives the CLI
            cli.descendants().forEach(ProcessHandle::destroyForcibly);
            cli.destroyForcibly();
        }
    }

    private static ProcessHandle awaitTlcChild(Process cli, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            List<ProcessHandle> tlc = cli.descendants()
                    .filter(p -> p.info().commandLine().map(c -> c.contains("tlc2.TLC")).orElse(false)).toList();
            if (!tlc.isEmpty()) {
                Thread.sleep(1000); // let it get going
                return tlc.get(0);
            }
            assertTrue(cli.isAlive(), "the CLI ended before TLC started");
            Thread.sleep(100);
        }
        throw new AssertionError("no TLC child within " + seconds + " s");
    }
}
