package org.mptcpverify.models.alloy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mptcpverify.engine.BoundKey;
import org.mptcpverify.engine.Bounds;
import org.mptcpverify.engine.BoundsException;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.engine.WitnessChecks;
import java.util.function.Function;
import org.mptcpverify.definition.DefinedScheme;
import org.mptcpverify.definition.DefinitionException;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.models.core.SchemeData;
import org.mptcpverify.models.core.SchemeDataBuilder;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.scheme.Schemes;
import org.mptcpverify.models.tlc.CounterexampleFile;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The {@code alloy} engine, on the Alloy generic core (models/alloy/core): each cell checked by
 * {@link AlloyCoreChecker} on a worker thread
 * bounded by the options' timeout (time spent waiting for the analyzer is not the cell's).
 * VIOLATED only with an instance that replays on the Java reference (written as
 * {@code alloy.json}, format {@code mptcp-verify-segments/1}); HOLDS only with a satisfiable
 * witness; VACUOUS without one; INCONCLUSIVE on timeout, error, an instance that does not replay,
 * or a scheme the core has no data module for.
 */
public final class AlloyCoreEngine implements Engine {
    private static final List<BoundKey> KEYS = List.of(BoundKey.STEPS);
    /**
     * The core's SAT solver unless {@code -Dmptcp.alloy.solver}, {@code $MPTCP_ALLOY_SOLVER} or
     * {@code alloy-column --solver} names another: MiniSat, bundled in the Alloy jar as a native library (docs/models.md, "Solvers
     * (session 8)": the same CNF solved in half SAT4J's CPU). CaDiCaL ({@code cadical}, an external
     * program) decides the large cells of the committed column faster ("Solvers (session 15)").
     */
    public static final String DEFAULT_SOLVER = "minisat";

    private final AlloyCoreChecker checker;
    private final String solver;
    /** The scheme of a given definition ({@link #withSchemeFile}), else null: built-ins only. */
    private final SchemeId defined;
    /** Its data, read by every generated file of its cells. */
    private final AlloyCoreSchemes.Source definedSource;
    /** The reference implementations counterexamples replay on and witnesses name checks of. */
    private final Function<SchemeId, AuthScheme> implementations;

    /** Environment variable naming the solver for every command (the launcher passes no -D options). */
    public static final String SOLVER_ENV = "MPTCP_ALLOY_SOLVER";

    /** {@code -Dmptcp.alloy.solver}, else {@code $MPTCP_ALLOY_SOLVER}, else {@link #DEFAULT_SOLVER}. */
    public static String configuredSolver() {
        String p = System.getProperty(AlloyAnalyzer.SOLVER_PROPERTY);
        if (p != null && !p.isBlank()) return p;
        String e = System.getenv(SOLVER_ENV);
        return e != null && !e.isBlank() ? e : DEFAULT_SOLVER;
    }

    public AlloyCoreEngine() {
        this(configuredSolver());
    }

    public AlloyCoreEngine(String solver) {
        this(solver, null, null, Schemes::of);
    }

    private AlloyCoreEngine(String solver, SchemeId defined, AlloyCoreSchemes.Source definedSource,
                            Function<SchemeId, AuthScheme> implementations) {
        this.solver = solver;
        this.defined = defined;
        this.definedSource = definedSource;
        this.implementations = implementations;
        this.checker = new AlloyCoreChecker(solver, implementations);
    }

    /**
     * The core checking the scheme of {@code def} (read from {@code source}) on data generated from
     * it (scheme module, term universe and the exporter's field templates), its counterexamples
     * replayed on the definition-driven reference ({@link DefinedScheme}); other schemes as
     * built-ins. A cell of this engine has no committed verdict: its fingerprint
     * ({@link #fingerprint}) covers the generated files.
     *
     * @throws DefinitionException      when the definition has no data form (as for tlc)
     * @throws IllegalArgumentException {@code source: the Alloy core cannot render ...: construct}
     *                                  when the Alloy generator cannot render it (a Diffie-Hellman term)
     */
    public static AlloyCoreEngine withSchemeFile(SchemeDefinition def, String source) throws DefinitionException {
        return withSchemeFile(configuredSolver(), def, source);
    }

    /** As {@link #withSchemeFile(SchemeDefinition, String)} with {@code solver}. */
    public static AlloyCoreEngine withSchemeFile(String solver, SchemeDefinition def, String source) throws DefinitionException {
        SchemeData data = SchemeDataBuilder.build(def);
        String problem = AlloyCoreSchemes.problem(data);
        if (problem != null) {
            throw new IllegalArgumentException(source + ": the Alloy core cannot render this definition: " + problem);
        }
        SchemeId id = DefinedScheme.idOf(def);
        AuthScheme impl = new DefinedScheme(def);
        return new AlloyCoreEngine(solver, id, new AlloyCoreSchemes.Defined(data, source),
                s -> s.equals(id) ? impl : Schemes.of(s));
    }

    /** The cells of (scheme, attack) at the standard scope, with the data this engine reads for the scheme. */
    /** The scheme's default scope (AlloyCoreScope.standard(attack, data)); the attack's alone for a scheme without data. */
    AlloyCoreScope standardScope(SchemeId scheme, AttackId attack) {
        if (!scheme.equals(defined) && !AlloyCoreCell.covered().contains(scheme)) {
            return AlloyCoreScope.standard(attack);
        }
        return cellsOf(scheme, attack).get(0).scope();
    }

    List<AlloyCoreCell> cellsOf(SchemeId scheme, AttackId attack) {
        return AlloyCoreCell.of(scheme, attack, scheme.equals(defined) ? definedSource : new AlloyCoreSchemes.BuiltIn(scheme));
    }

    /**
     * The fingerprint of what this engine's analyzer reads for the cell (AlloyCoreVerdicts' form):
     * a built-in's committed fingerprint, or for a given definition one over its own generated
     * files, so that no committed entry of a built-in matches a different definition's cell.
     */
    public String fingerprint(SchemeId scheme, AttackId attack, long seed) {
        return AlloyCoreVerdicts.fingerprint(AlloyCoreVerdicts.coreDir(), cellsOf(scheme, attack), seed);
    }

    @Override
    public String name() {
        return "alloy";
    }

    @Override
    public List<BoundKey> boundKeys() {
        return KEYS;
    }

    /** {@code steps}: states of a trace; population and attacker bounds are the core's standard ones. */
    @Override
    public Bounds resolve(SchemeId scheme, AttackId attack, Bounds requested) {
        BoundKey.requireKnown(name(), KEYS, requested);
        AlloyCoreScope s = standardScope(scheme, attack);
        int steps = requested.getOr("steps", s.steps());
        if (steps < 2) {
            throw new BoundsException("steps=" + steps + ": the Alloy core needs at least 2 states");
        }
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("clients", s.clients());
        m.put("joins", s.joins());
        m.put("injections", s.injections());
        m.put("rewrites", s.rewrites());
        m.put("steps", steps);
        return new Bounds(m);
    }

    @Override
    public CellResult check(SchemeId scheme, AttackId attack, EngineOptions options) {
        return withBounds(scheme, attack, options, System.nanoTime(), b -> check(scheme, attack, options, b));
    }

    private CellResult check(SchemeId scheme, AttackId attack, EngineOptions options, Bounds resolved) {
        Map<String, Object> bounds = new LinkedHashMap<>();
        bounds.put("model", "alloy-core");
        resolved.values().forEach(bounds::put);
        bounds.put("solver", solver);
        if (attack.modelledProperties(scheme).isEmpty()) {
            return CellResult.notApplicable(scheme, attack, bounds);
        }
        if (!scheme.equals(defined) && !AlloyCoreCell.covered().contains(scheme)) {
            return new CellResult(Verdict.INCONCLUSIVE, List.of(), 0.0, bounds, null,
                    "the Alloy core has no data module for " + scheme.wireName());
        }
        String unavailable = solverProblem(solver);
        if (unavailable != null) {
            // never a silently different solver: the cell says which one it could not run
            return new CellResult(Verdict.INCONCLUSIVE, List.of(), 0.0, bounds, null, unavailable);
        }
        AlloyCoreScope scope = standardScope(scheme, attack).withSteps(resolved.getOr("steps", 0));
        List<AlloyCoreCell> cells = cellsOf(scheme, attack).stream()
                .map(c -> new AlloyCoreCell(scheme, attack, c.keyedSide(), options.attackerHasKey(), scope, c.source())).toList();
        if (cells.stream().anyMatch(c -> c.perClientDag().isPresent())) {
            bounds.put("universe", "per-client"); // docs/models.md, "The per-client universe"
        }
        AlloyWarmUp.ensure();
        try {
            // waiting for another cell is not this check's time: the clock starts with the permit
            if (!AlloyAnalyzer.acquire()) {
                return new CellResult(Verdict.INCONCLUSIVE, List.of(), 0.0, bounds, null,
                        "the Alloy analyzer stayed busy with another cell");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CellResult(Verdict.INCONCLUSIVE, List.of(), 0.0, bounds, null, "interrupted");
        }
        AlloyAnalyzer.Lease lease = new AlloyAnalyzer.Lease();
        AlloyCoreChecker.Run run = new AlloyCoreChecker.Run();
        Path work = options.workDir().resolve("alloy-core");
        FutureTask<AlloyCoreResult> task = new FutureTask<>(() -> {
            try {
                return decideAll(cells, work, options.seed(), run);
            } finally {
                lease.release();
            }
        });
        Thread worker = new Thread(task, "alloy-core-" + scheme.wireName() + "-" + attack.wireName());
        worker.setDaemon(true);
        worker.start();
        AlloyCoreResult r;
        try {
            r = task.get(options.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            AlloyAnalyzer.stop(worker, lease);
            r = run.result(Verdict.INCONCLUSIVE, "timeout after " + options.timeout().toMillis() / 1000.0 + " s");
        } catch (InterruptedException e) {
            AlloyAnalyzer.stop(worker, lease);
            Thread.currentThread().interrupt();
            r = run.result(Verdict.INCONCLUSIVE, "interrupted");
        } catch (ExecutionException e) {
            r = run.result(Verdict.INCONCLUSIVE, "error: " + e.getCause());
        }
        return toCell(r, bounds, options, cells.get(0).witnessKinds(), WitnessChecks.definition(scheme, implementations.apply(scheme)));
    }

    /**
     * Null when {@code solver} can run here, else why not. The native solvers are shared libraries
     * (or, for plingeling, an executable) that Kodkod extracts from the Alloy jar into a fresh
     * {@code alloy-*} folder under {@code java.io.tmpdir} and loads; a platform without them, a
     * tmpdir that is not writable or executable, or a missing libstdc++ make them unavailable. An
     * external solver ({@code cadical}) is unavailable when its program is not on the PATH.
     */
    public static String solverProblem(String solver) {
        AlloyAnalyzer.quietKodkod();
        try {
            java.util.Optional<kodkod.engine.satlab.SATFactory> f = DimacsSolverFactory.external(solver)
                    .or(() -> kodkod.engine.satlab.SATFactory.find(solver));
            if (f.isEmpty()) {
                return "SAT solver " + solver + " is not known to this Alloy";
            }
            if (!f.get().isPresent() && "external".equals(f.get().type())) {
                return "SAT solver " + solver + " is not on the PATH (Debian package " + solver + ")";
            }
            return f.get().isPresent() ? null : "SAT solver " + solver + " cannot load on this machine ("
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ", java.io.tmpdir "
                    + System.getProperty("java.io.tmpdir") + ")";
        } catch (RuntimeException | LinkageError e) {
            return "SAT solver " + solver + " cannot load: " + e;
        }
    }

    /** One-sided-key is two cells (the key on either side): the first that does not hold decides. */
    private AlloyCoreResult decideAll(List<AlloyCoreCell> cells, Path work, long seed, AlloyCoreChecker.Run run) {
        AlloyCoreResult last = null;
        for (AlloyCoreCell c : cells) {
            last = checker.decide(c, work, seed, run);
            if (last.verdict() != Verdict.HOLDS) {
                return last;
            }
        }
        return last;
    }

    private static CellResult toCell(AlloyCoreResult r, Map<String, Object> bounds, EngineOptions options,
                                     List<String> kinds, SchemeDefinition def) {
        bounds.put("primaryVars", r.maxPrimaryVars());
        bounds.put("clauses", r.maxClauses());
        bounds.put("commands", r.commands().size());
        bounds.put("cpuSeconds", r.cpuSeconds());
        Path file = null;
        if (r.verdict() == Verdict.VIOLATED) {
            try {
                Path dir = Files.createDirectories(CounterexampleFile.cellDir(options.counterexampleRoot(),
                        r.counterexample().scheme(), r.counterexample().attack()));
                Files.deleteIfExists(dir.resolve("alloy.xml")); // the old engine's instance would contradict this file
                file = dir.resolve("alloy.json");
                SegmentTraceJson.writeFile(file, r.counterexample());
            } catch (IOException e) {
                return new CellResult(Verdict.INCONCLUSIVE, List.of(), r.seconds(), bounds, null,
                        "could not write the counterexample: " + e.getMessage());
            }
        }
        Map<String, Object> witness = new LinkedHashMap<>();
        if (r.verdict() == Verdict.HOLDS || r.verdict() == Verdict.VACUOUS) {
            // the run's instance shows one attacker segment of a relevant kind reaching its check
            witness.putAll(WitnessChecks.entries(r.verdict() == Verdict.HOLDS ? 1 : 0, kinds, def));
            witness.put("witnessSatisfiable", r.verdict() == Verdict.HOLDS);
        }
        return new CellResult(r.verdict(), r.violated(), r.seconds(), bounds, file, r.reason(), witness);
    }
}
