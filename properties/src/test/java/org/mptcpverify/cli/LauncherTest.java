package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16.5 and .8: the {@code ./mptcp-verify} launcher on a stale build, run in a copy of the
 * repository layout with stand-ins for {@code mvn} (slow, writes its jar in two steps, fails like
 * Maven when two builds overlap) and {@code java} (prints the jar it was given).
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of(System.getProperty("mptcp.repoRoot", "..")).resolve("mptcp-verify");

    @TempDir
    Path tmp;
    Path root;
    Path state;
    Path bin;

    @BeforeEach
    void layout() throws IOException {
        root = Files.createDirectories(tmp.resolve("repo"));
        state = Files.createDirectories(tmp.resolve("state"));
        bin = Files.createDirectories(tmp.resolve("bin"));
        Files.copy(LAUNCHER, root.resolve("mptcp-verify"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        for (String m : List.of("java-reference", "models", "properties")) {
            Files.createDirectories(root.resolve(m));
        }
        Files.writeString(root.resolve("properties/Source.java"), "class Source {}");
        script(bin.resolve("mvn"), """
                if ! mkdir "$FAKE_STATE/building" 2>/dev/null; then
                  echo "Could not replace original artifact" >&2; exit 1
                fi
                echo build >> "$FAKE_STATE/builds"
                mkdir -p properties/target
                printf partial > properties/target/mptcp-verify-cli.jar
                sleep 1.5
                # held by the test until its SIGINT has been delivered, however slow the machine
                while [ -e "$FAKE_STATE/hold" ]; do sleep 0.05; done
                printf "complete $(cat "$FAKE_STATE/builds" | wc -l)" > properties/target/mptcp-verify-cli.jar
                rmdir "$FAKE_STATE/building"
                """);
        script(bin.resolve("java"), """
                for a in "$@"; do if [ "$prev" = "-jar" ]; then echo "ran $(cat "$a")"; fi; prev="$a"; done
                """);
    }

    private static void script(Path p, String body) throws IOException {
        Files.writeString(p, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Process start() throws IOException {
        // as from a terminal: a JVM started in the background of a non-interactive shell (a CI run
        // under nohup ... &) passes SIGINT on ignored, and bash cannot trap a signal ignored at entry
        ProcessBuilder pb = new ProcessBuilder("env", "--default-signal=INT,TERM", "bash",
                root.resolve("mptcp-verify").toString(), "matrix");
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("FAKE_STATE", state.toString());
        return pb.start();
    }

    private static String[] finish(Process p) throws Exception {
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "launcher still running");
        return new String[] {String.valueOf(p.exitValue()),
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)};
    }

    private int builds() throws IOException {
        Path f = state.resolve("builds");
        return Files.exists(f) ? Files.readAllLines(f).size() : 0;
    }

    @Test
    void launchersStartedTogetherWaitForOneBuildAndRunTheWholeJar() throws Exception {
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ps.add(start());
        }
        for (Process p : ps) {
            String[] r = finish(p);
            assertEquals("0", r[0], r[2]);
            assertEquals("ran complete 1\n", r[1], r[2]);
        }
        assertEquals(1, builds(), "one build for three launchers");
        // a source newer than the jar: built again, once
        Files.setLastModifiedTime(root.resolve("properties/Source.java"), FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals("ran complete 2\n", finish(start())[1]);
        assertEquals(2, builds());
    }

    @Test
    void anInterruptedBuildSaysSoAndReplacesNothing() throws Exception {
        assertEquals("0", finish(start())[0]);
        Files.setLastModifiedTime(root.resolve("properties/Source.java"), FileTime.from(Instant.now().plusSeconds(5)));
        // the build runs until the signal is in: a loaded machine must not let it finish first
        Path hold = Files.createFile(state.resolve("hold"));
        Process p = start();
        Path building = state.resolve("building");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!Files.exists(building) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(25);
        }
        assertTrue(Files.exists(building), "the build started");
        assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor());
        Files.delete(hold);
        String[] r = finish(p);
        assertEquals("130", r[0], r[2]);
        assertTrue(r[2].contains("build interrupted"), r[2]);
        assertFalse(r[2].contains("build failed"), r[2]);
        assertEquals("complete 1", Files.readString(root.resolve("properties/target/launcher/mptcp-verify-cli.jar")));
    }
}
