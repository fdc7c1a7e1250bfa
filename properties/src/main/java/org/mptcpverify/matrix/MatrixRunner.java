package org.mptcpverify.matrix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * Runs every selected (scheme, attack) cell with every selected engine. Checks may run in
 * parallel ({@code jobs}); results are assembled in a fixed order, so the outcome does not depend
 * on scheduling. An engine that throws yields INCONCLUSIVE with the exception as its reason.
 */
public final class MatrixRunner {
    private final Map<String, Supplier<Engine>> engines;
    private final int jobs;

    /** @param engines engine name to a factory (a fresh engine per check: no shared state) */
    public MatrixRunner(Map<String, Supplier<Engine>> engines, int jobs) {
        this.engines = new LinkedHashMap<>(engines);
        this.jobs = Math.max(1, jobs);
    }

    public MatrixRun run(List<SchemeId> schemes, List<AttackId> attacks, EngineOptions options,
                         Progress progress, Map<String, String> versions) {
        return run(Shard.WHOLE.cells(schemes, attacks), options, progress, versions);
    }

    /** Runs the given cells, in the given order (a shard's share of a matrix). */
    public MatrixRun run(List<Shard.Cell> cellIds, EngineOptions options, Progress progress,
                         Map<String, String> versions) {
        long start = System.nanoTime();
        List<Task> tasks = new ArrayList<>();
        for (Shard.Cell c : cellIds) {
            for (String e : engines.keySet()) {
                tasks.add(new Task(c.scheme(), c.attack(), e));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "matrix-check");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<CellResult>> futures = new ArrayList<>();
            for (Task t : tasks) {
                futures.add(pool.submit(() -> check(t, options, progress)));
            }
            List<CellOutcome> cells = new ArrayList<>();
            int i = 0;
            for (Shard.Cell c : cellIds) {
                Map<String, CellResult> byEngine = new LinkedHashMap<>();
                for (String e : engines.keySet()) {
                    byEngine.put(e, await(futures.get(i++)));
                }
                cells.add(new CellOutcome(c.scheme(), c.attack(), byEngine));
            }
            double wall = (System.nanoTime() - start) / 1e9;
            return new MatrixRun(List.copyOf(engines.keySet()), cells, options.seed(), versions, wall);
        } finally {
            pool.shutdownNow();
        }
    }

    private CellResult check(Task t, EngineOptions options, Progress progress) {
        progress.started(t.scheme, t.attack, t.engine);
        long start = System.nanoTime();
        CellResult r;
        try {
            r = engines.get(t.engine).get().check(t.scheme, t.attack, options);
            if (r == null || r.verdict() == null) {
                r = inconclusive(start, "engine returned no verdict");
            }
        } catch (RuntimeException | Error e) {
            r = inconclusive(start, "engine error: " + e);
        }
        progress.finished(t.scheme, t.attack, t.engine, r);
        return r;
    }

    private static CellResult inconclusive(long startNanos, String reason) {
        return new CellResult(Verdict.INCONCLUSIVE, List.of(), (System.nanoTime() - startNanos) / 1e9,
                Map.of(), null, reason);
    }

    private static CellResult await(Future<CellResult> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CellResult(Verdict.INCONCLUSIVE, List.of(), 0, Map.of(), null, "interrupted");
        } catch (ExecutionException e) {
            return new CellResult(Verdict.INCONCLUSIVE, List.of(), 0, Map.of(), null, "engine error: " + e.getCause());
        }
    }

    private record Task(SchemeId scheme, AttackId attack, String engine) {}
}
