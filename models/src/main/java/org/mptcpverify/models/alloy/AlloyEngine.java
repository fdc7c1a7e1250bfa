package org.mptcpverify.models.alloy;

import edu.mit.csail.sdg.alloy4.Err;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mptcpverify.engine.BoundKey;
import org.mptcpverify.engine.Bounds;
import org.mptcpverify.engine.BoundsException;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.CorePopulation;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The {@code alloy} engine: checks a cell's properties on models/alloy/mptcp.als with the Alloy
 * Analyzer, in process, on a worker thread bounded by the options' timeout.
 *
 * <p>Verdicts: VIOLATED when a property's {@code check} is satisfiable (a counterexample trace);
 * HOLDS only when every check finished unsatisfiable within the stated scope, the cell's
 * consistency run is satisfiable (so the checks are not vacuous) and the knowledge closure is a
 * fixpoint; INCONCLUSIVE on timeout, error or a failed self-check; NOT_APPLICABLE when no property
 * of the attack applies to the scheme.
 */
public final class AlloyEngine implements Engine {
    /** System property choosing the SAT solver ({@code sat4j}, or the bundled {@code minisat}, {@code glucose}). */
    public static final String SOLVER_PROPERTY = "mptcp.alloy.solver";
    public static final String DEFAULT_SOLVER = "sat4j";
    /** The State scope; {@code steps} is the same bound counted in actions (states = steps + 1). */
    public static final BoundKey STATES = new BoundKey("states", 2, "State atoms of a trace (steps + 1)");
    private static final List<BoundKey> KEYS = List.of(BoundKey.CONNECTIONS, BoundKey.CLIENTS, BoundKey.STEPS, STATES);

    /**
     * Alloy's parser and translator keep static caches: one cell at a time per JVM. A permit, not a
     * lock, because the caller waits for it (time that is not the check's) and the worker that
     * ran the check releases it.
     */
    static final Semaphore ANALYZER = new Semaphore(1, true);
    /** A stopped worker that had not ended yet, with the analyzer permit it may still hold. */
    private static volatile Stopped stuck;

    private record Stopped(Thread worker, Lease lease) {
    }

    /**
     * The analyzer permit of one check, given back exactly once: by its worker's {@code finally}
     * when the check ends, or by the caller once a stopped worker has ended. The second is needed
     * because a worker stopped before its task began (a 1 ms timeout on a loaded machine, where the
     * new thread had not yet run) dies without reaching that {@code finally}, and the permit would
     * otherwise be lost for the rest of the JVM.
     */
    static final class Lease {
        private final AtomicBoolean held = new AtomicBoolean(true);

        void release() {
            if (held.getAndSet(false)) {
                ANALYZER.release();
            }
        }
    }

    static {
        quietKodkod();
    }

    /**
     * Kodkod logs every translation phase at INFO through the bundled slf4j SimpleLogger, which
     * reads its level once, when the first logger is made: call this before any Kodkod class is
     * touched (the Alloy core's solver check is the first in its engine).
     */
    static void quietKodkod() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        }
    }

    private final String solver;

    public AlloyEngine() {
        this(System.getProperty(SOLVER_PROPERTY, DEFAULT_SOLVER));
    }

    public AlloyEngine(String solver) {
        this.solver = solver;
    }

    @Override
    public String name() {
        return "alloy";
    }

    @Override
    public List<BoundKey> boundKeys() {
        return KEYS;
    }

    /** Today's model has no per-kind action bounds: joins and attacker actions are bounded by steps only. */
    @Override
    public Bounds resolve(SchemeId scheme, AttackId attack, Bounds requested) {
        Map<String, Integer> m = CorePopulation.resolveStart(name(), KEYS, attack, requested);
        int states = requested.getOr("states", AlloyCell.defaultStates(attack));
        if (requested.get("steps").isPresent()) {
            int fromSteps = requested.getOr("steps", 0) + 1;
            if (requested.get("states").isPresent() && states != fromSteps) {
                throw new BoundsException("steps=" + (fromSteps - 1) + " and states=" + states
                        + " disagree: the alloy engine checks states = steps + 1");
            }
            states = fromSteps;
        }
        m.put("steps", states - 1);
        m.put("states", states);
        return new Bounds(m);
    }

    @Override
    public CellResult check(SchemeId scheme, AttackId attack, EngineOptions options) {
        return withBounds(scheme, attack, options, System.nanoTime(),
                b -> check(new AlloyCell(scheme, attack, options.attackerHasKey(), b.getOr("states", 0)), options));
    }

    /** Checks a cell with an explicit scope (tests use other scopes than the default). */
    public CellResult check(SchemeId scheme, AttackId attack, EngineOptions options, int states) {
        return check(new AlloyCell(scheme, attack, options.attackerHasKey(), states), options);
    }

    CellResult check(AlloyCell cell, EngineOptions options) {
        Map<String, Object> bounds = baseBounds(cell);
        if (cell.properties().isEmpty()) {
            return CellResult.notApplicable(cell.scheme(), cell.attack(), bounds);
        }
        AlloyWarmUp.ensure();
        try {
            // waiting for another cell to finish is not this check's time: the clock starts with the permit
            if (!acquireAnalyzer()) {
                return inconclusive(bounds, System.nanoTime(), "the Alloy analyzer stayed busy with another cell");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return inconclusive(bounds, System.nanoTime(), "interrupted");
        }
        long t0 = System.nanoTime();
        Lease lease = new Lease();
        // the worker fills its own copy: a timed-out worker must not touch the map returned here
        FutureTask<CellResult> task = new FutureTask<>(() -> {
            try {
                return decide(cell, options, new LinkedHashMap<>(bounds), t0);
            } finally {
                lease.release();
            }
        });
        Thread worker = new Thread(task, "alloy-" + cell.moduleName());
        worker.setDaemon(true);
        worker.start();
        try {
            return task.get(options.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            stop(worker, lease);
            return inconclusive(bounds, t0, "timeout after " + seconds(options.timeout()) + " s");
        } catch (InterruptedException e) {
            stop(worker, lease);
            Thread.currentThread().interrupt();
            return inconclusive(bounds, t0, "interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            return inconclusive(bounds, t0, "error: " + c.getClass().getSimpleName() + ": " + firstLine(c.getMessage()));
        }
    }

    /**
     * Takes the analyzer for one check (both Alloy engines), waiting for the cell that holds it;
     * false when a stopped worker never ends, which would keep the analyzer from every later cell.
     * A stopped worker ends within seconds even on a loaded machine; once it has, its permit is
     * given back here if its task never could.
     */
    static boolean acquireAnalyzer() throws InterruptedException {
        while (!ANALYZER.tryAcquire(1, TimeUnit.SECONDS)) {
            Stopped s = stuck;
            if (s != null) {
                s.worker().join(30_000);
                if (s.worker().isAlive()) {
                    return false;
                }
                s.lease().release();
                stuck = null;
            }
        }
        return true;
    }

    private CellResult decide(AlloyCell cell, EngineOptions options, Map<String, Object> bounds, long t0)
            throws Exception {
        Path cellDir = options.workDir().resolve("alloy");
        Path tmp = cellDir.resolve("tmp");
        Files.createDirectories(tmp);
        Path cellFile = AlloyModelFiles.writeCell(cellDir, cell);
        AlloyRunner runner = AlloyRunner.parse(cellFile, solver, tmp);

        AlloyRunner.Solved consistent = runner.execute(AlloyCellSource.CONSISTENT, cell.states());
        if (!consistent.satisfiable()) {
            return inconclusive(bounds, t0, "model inconsistent for this cell: run "
                    + AlloyCellSource.CONSISTENT + " has no instance, every check would pass vacuously");
        }
        AlloyRunner.Solved fix = runner.execute(AlloyCellSource.CLOSURE_IS_FIXPOINT, cell.states());
        if (fix.satisfiable()) {
            return inconclusive(bounds, t0, "attacker knowledge closure is not a fixpoint within the scope");
        }

        List<PropertyId> violated = new ArrayList<>();
        Path counterexample = null;
        Map<String, Object> perProperty = new LinkedHashMap<>();
        int maxVars = 0;
        int maxClauses = 0;
        for (PropertyId p : cell.properties()) {
            AlloyRunner.Solved verdict = runner.execute(p.modelName(), cell.states());
            maxVars = Math.max(maxVars, verdict.primaryVars());
            maxClauses = Math.max(maxClauses, verdict.clauses());
            Map<String, Object> pb = new LinkedHashMap<>();
            pb.put("result", verdict.satisfiable() ? "counterexample" : "unsat");
            pb.put("primaryVars", verdict.primaryVars());
            pb.put("totalVars", verdict.totalVars());
            pb.put("clauses", verdict.clauses());
            pb.put("seconds", round(verdict.seconds()));
            if (verdict.satisfiable()) {
                violated.add(p);
                AlloyRunner.Solved shortest = shortest(runner, p, cell, verdict);
                AlloyTrace trace = AlloyTrace.read(runner.world(), shortest.solution());
                pb.put("steps", trace.actions().size());
                if (counterexample == null) {
                    Path dir = AlloyCounterexample.folder(options.counterexampleRoot(), cell);
                    AlloyCounterexample.writeXml(dir, runner, shortest.solution(), cellDir, p.modelName(), cell.states());
                    counterexample = AlloyCounterexample.writeJson(dir, cell, p, options.seed(), trace);
                }
            }
            perProperty.put(p.modelName(), pb);
        }
        bounds.put("primaryVars", maxVars);
        bounds.put("clauses", maxClauses);
        bounds.put("properties", perProperty);
        double secs = (System.nanoTime() - t0) / 1e9;
        bounds.put("seconds", round(secs));
        if (!violated.isEmpty()) {
            return new CellResult(Verdict.VIOLATED, List.copyOf(violated), secs, bounds, counterexample, null);
        }
        return new CellResult(Verdict.HOLDS, List.of(), secs, bounds, null, null);
    }

    /** The first satisfiable scope from 2 states up: a shortest counterexample trace. */
    private static AlloyRunner.Solved shortest(AlloyRunner runner, PropertyId p, AlloyCell cell,
                                               AlloyRunner.Solved atFullScope) throws Err {
        for (int k = 2; k < cell.states(); k++) {
            AlloyRunner.Solved s = runner.execute(p.modelName(), k);
            if (s.satisfiable()) {
                return s;
            }
        }
        return atFullScope;
    }

    private Map<String, Object> baseBounds(AlloyCell cell) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("connections", CorePopulation.connections());
        b.put("clients", CorePopulation.clients(cell.attack()));
        b.put("steps", cell.states() - 1);
        b.put("scope", "exactly " + cell.states() + " State (traces of up to " + (cell.states() - 1) + " actions)");
        b.put("states", cell.states());
        b.put("solver", solver);
        return b;
    }

    private static CellResult inconclusive(Map<String, Object> bounds, long t0, String reason) {
        return new CellResult(Verdict.INCONCLUSIVE, List.of(), (System.nanoTime() - t0) / 1e9, bounds, null, reason);
    }

    /**
     * Ends a worker that overran its time. SAT4J and Kodkod do not poll interruption, so after a
     * grace period the thread is stopped (its finally block releases the analyzer permit; AlloyWarmUp
     * keeps class initialisation off the worker); on a JVM where Thread.stop is unsupported it
     * stays a daemon that cannot block exit, and later cells report the busy analyzer.
     */
    @SuppressWarnings({"deprecation", "removal"})
    static void stop(Thread worker, Lease lease) {
        worker.interrupt();
        try {
            worker.join(500);
            if (worker.isAlive()) {
                worker.stop();
                worker.join(2000);
            }
            if (worker.isAlive()) {
                stuck = new Stopped(worker, lease);
            } else {
                lease.release(); // no-op unless the worker died before its task could give the permit back
            }
        } catch (UnsupportedOperationException | InterruptedException ignored) {
            // the daemon keeps the permit until it ends; later cells wait for it first
            stuck = new Stopped(worker, lease);
        }
    }

    private static double round(double s) {
        return Math.round(s * 1000.0) / 1000.0;
    }

    private static String seconds(Duration d) {
        return String.valueOf(d.toMillis() / 1000.0);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
