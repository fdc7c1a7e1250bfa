package org.mptcpverify.models.tlc;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts one TLC run. Two ways, both isolating TLC's static state per run: a child JVM
 * ({@link TlcProcess}, the default) or a fresh class loader in this JVM ({@link TlcInProcess}:
 * no JVM start per run, but a run stopped at its timeout has been seen to end the whole JVM,
 * so it is opt-in until that is fixed), or a warm worker JVM reused across runs that runs each in a
 * fresh class loader ({@link TlcWorker}: no JVM start per run, and whatever TLC does to its JVM
 * ends only the worker). The system property {@value #PROPERTY} picks {@code process},
 * {@code classloader} or {@code worker}.
 */
public interface TlcLauncher {
    String PROPERTY = "mptcp.tlc.launcher";

    /**
     * Runs {@code spec} with {@code cfg} in {@code dir}; TLC's output goes to {@code dir/tlc.out}.
     * Never throws for a TLC failure: the run's exit code says it. {@code timeout} counts the run only.
     */
    TlcRun run(Path dir, String spec, String cfg, long seed, Duration timeout) throws IOException, InterruptedException;

    /** The launcher the system property asks for (default: a child JVM). */
    static TlcLauncher configured(Path tlaJar, int workers) {
        return configured(tlaJar, workers, "512m");
    }

    /** As {@link #configured(Path, int)}, with the child JVM's maximum heap ({@code -Xmx}). */
    static TlcLauncher configured(Path tlaJar, int workers, String childHeap) {
        return configured(tlaJar, workers, childHeap, "process");
    }

    /** As {@link #configured(Path, int, String)}, with the launcher used when the property is not set. */
    static TlcLauncher configured(Path tlaJar, int workers, String childHeap, String byDefault) {
        String kind = System.getProperty(PROPERTY, byDefault);
        return switch (kind) {
            case "process" -> new TlcProcess(tlaJar, workers, childHeap);
            case "classloader" -> new TlcInProcess(tlaJar, workers);
            case "worker" -> new TlcWorker(tlaJar, workers, childHeap);
            default -> throw new IllegalArgumentException(PROPERTY + ": expected process, classloader or worker, got " + kind);
        };
    }

    /** TLC's arguments after the class name, the same for both launchers. */
    static List<String> arguments(Path dir, String spec, String cfg, long seed, int workers, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("-tool", "-deadlock",
                "-workers", Integer.toString(workers),
                "-seed", Long.toString(seed), "-fp", "1",
                "-metadir", dir.resolve("meta").toAbsolutePath().toString()));
        args.addAll(extra);
        args.addAll(List.of("-config", cfg, spec));
        return args;
    }
}
