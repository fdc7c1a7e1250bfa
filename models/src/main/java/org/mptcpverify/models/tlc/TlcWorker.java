package org.mptcpverify.models.tlc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs TLC in warm worker JVMs: a child JVM started once and reused, which runs each check in a
 * fresh class loader ({@link TlcInProcess}), so TLC's static state is isolated per run as in the
 * in-process launcher, while whatever TLC does to its JVM (an exit on an internal error, a thread
 * stopped at a timeout) ends only the worker. A run past its timeout has its worker killed; the
 * next run starts a new one. Idle workers are pooled JVM-wide, one per check running at once
 * (so {@code --jobs 2} keeps two), and end when this JVM does (their standard input closes).
 */
public final class TlcWorker implements TlcLauncher {
    private static final Deque<Worker> IDLE = new ArrayDeque<>();
    private static final List<Worker> ALL = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TlcWorker::stopAll, "tlc-worker-shutdown"));
    }

    private final Path tlaJar;
    private final int workers;
    private final String maxHeap;

    public TlcWorker(Path tlaJar, int workers, String maxHeap) {
        this.tlaJar = tlaJar;
        this.workers = workers;
        this.maxHeap = maxHeap;
    }

    private record Worker(String key, Process process, Writer in, BufferedReader out) {}

    @Override
    public TlcRun run(Path dir, String spec, String cfg, long seed, Duration timeout)
            throws IOException, InterruptedException {
        Worker w = borrow();
        long start = System.nanoTime();
        Path log = dir.resolve("tlc.out");
        w.in().write(String.join("\t", dir.toAbsolutePath().toString(), spec, cfg, Long.toString(seed)) + "\n");
        w.in().flush();
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return w.out().readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = answer.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            kill(w);
            return new TlcRun(-1, true, output(log), (System.nanoTime() - start) / 1e9);
        } catch (ExecutionException e) {
            line = null;
        } catch (InterruptedException e) {
            kill(w);
            throw e;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (line == null || !line.startsWith("exit ")) {
            // the worker died (TLC ended its JVM): this run failed, the next gets a new worker
            kill(w);
            return new TlcRun(TlcRun.ERROR, false, output(log) + "\ntlc worker ended: " + line, seconds);
        }
        giveBack(w);
        return new TlcRun(Integer.parseInt(line.substring(5).trim()), false, output(log), seconds);
    }

    private static String output(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private String key() {
        return tlaJar + "|" + workers + "|" + maxHeap;
    }

    private Worker borrow() throws IOException {
        synchronized (IDLE) {
            for (var it = IDLE.iterator(); it.hasNext(); ) {
                Worker w = it.next();
                it.remove();
                if (w.key().equals(key()) && w.process().isAlive()) {
                    return w;
                }
                kill(w);
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-XX:+UseParallelGC", "-Xss4m", "-Xmx" + maxHeap,
                "-cp", System.getProperty("java.class.path"), TlcWorker.class.getName(),
                tlaJar.toAbsolutePath().toString(), Integer.toString(workers));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Worker w = new Worker(key(), p, new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8),
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
        synchronized (IDLE) {
            ALL.add(w);
        }
        return w;
    }

    private static void giveBack(Worker w) {
        synchronized (IDLE) {
            IDLE.push(w);
        }
    }

    private static void kill(Worker w) {
        w.process().descendants().forEach(ProcessHandle::destroyForcibly);
        w.process().destroyForcibly();
        try {
            w.process().waitFor(10, TimeUnit.SECONDS); // reaped, so no zombie and its CPU time is accounted
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (IDLE) {
            ALL.remove(w);
            IDLE.remove(w);
        }
    }

    private static void stopAll() {
        List<Worker> all;
        synchronized (IDLE) {
            all = List.copyOf(ALL);
        }
        all.forEach(TlcWorker::kill);
    }

    /**
     * The worker: one request per line on standard input (run folder, spec, cfg, seed, tab
     * separated), one answer per run on standard output ({@code exit <code>}); TLC's own output
     * goes to the run folder's tlc.out. Ends when its input ends.
     */
    public static void main(String[] args) throws Exception {
        TlcInProcess tlc = new TlcInProcess(Path.of(args[0]), Integer.parseInt(args[1]));
        PrintStream answer = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(new PrintStream(System.err, true, StandardCharsets.UTF_8)); // nothing else on the answer channel
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = requests.readLine(); line != null; line = requests.readLine()) {
            String[] f = line.split("\t");
            TlcRun r = tlc.run(Path.of(f[0]), f[1], f[2], Long.parseLong(f[3]), Duration.ofDays(365));
            answer.println("exit " + r.exitCode());
        }
    }
}
