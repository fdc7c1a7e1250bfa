package org.mptcpverify.mutants;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.mptcpverify.definition.DefinedScheme;
import org.mptcpverify.definition.Mutants;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.matrix.CellOutcome;
import org.mptcpverify.matrix.MatrixRun;
import org.mptcpverify.matrix.MatrixRunner;
import org.mptcpverify.matrix.Progress;
import org.mptcpverify.matrix.Shard;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.trace.TraceJson;
import org.mptcpverify.traces.TracesEngine;
import org.mptcpverify.traces.generic.GenericAttacker;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * Mutation analysis of scheme definitions: the matrix row of each scheme's definition (the
 * baseline) and of each of its {@link Mutants mutants}, with the chosen engines, and which cells
 * kill each mutant.
 *
 * <p>A cell kills a mutant with an engine when that engine finds the mutant VIOLATED on a property
 * the baseline's cell does not violate with the same engine, and the counterexample is confirmed on
 * the reference: it replays on the mutant's definition and does not replay on the original
 * definition (the same actions and seed under the original's name). A violation that also replays
 * on the original is reported (the baseline missed it), never counted as a kill.
 *
 * <p>The baselines run first, each VIOLATED cell completed per property ({@link Complete}); a mutant's
 * cell is then asked only the properties whose violation would be new ({@link FreshOnly}), and not
 * run when there are none (docs/mutants.md, "Method").
 */
public final class MutationAnalysis {
    /** Engines that run a scheme from its definition: name to a factory over the scheme implementations. */
    public static final Map<String, Function<Function<SchemeId, AuthScheme>, Engine>> DEFINITION_ENGINES =
            Map.of("traces", TracesEngine::new);

    /** One scheme to analyse: its definition and where it was read from (as shown in outputs). */
    public record Subject(SchemeDefinition definition, String file) {}

    /** A confirmed kill: the cell (attack, engine), the newly violated properties, the replayed counterexample. */
    public record Kill(AttackId attack, String engine, List<PropertyId> properties, Path counterexample) {}

    /** A new violation whose counterexample did not confirm as a kill, and why. */
    public record Unconfirmed(AttackId attack, String engine, List<PropertyId> properties, Path counterexample, String why) {}

    /** One mutant's row and its verdict. */
    public record MutantResult(Mutants.Mutant mutant, SchemeId id, List<CellOutcome> cells, List<Kill> kills,
                               List<Unconfirmed> unconfirmed) {
        public boolean killed() {
            return !kills.isEmpty();
        }
    }

    /** A scheme's baseline row and its mutants. */
    public record SchemeResult(SchemeId scheme, String file, List<CellOutcome> baseline, List<MutantResult> mutants) {
        public long killed() {
            return mutants.stream().filter(MutantResult::killed).count();
        }
    }

    private final List<String> engines;
    private final Map<String, Function<Function<SchemeId, AuthScheme>, Engine>> factories;
    private final int jobs;
    private final java.util.Set<String> only;

    /** All mutants of each subject. */
    public MutationAnalysis(List<String> engines, int jobs) {
        this(engines, jobs, java.util.Set.of());
    }

    /** @param only mutation names (the part after {@code ~}) to run; empty: all */
    public MutationAnalysis(List<String> engines, int jobs, java.util.Set<String> only) {
        this(select(engines), jobs, only);
    }

    /**
     * With engines given as factories over the scheme implementations (name to factory, in the
     * order of the outputs): the {@link #DEFINITION_ENGINES} in use, an engine under test in tests.
     */
    MutationAnalysis(Map<String, Function<Function<SchemeId, AuthScheme>, Engine>> factories, int jobs,
                     java.util.Set<String> only) {
        this.only = java.util.Set.copyOf(only);
        this.factories = new LinkedHashMap<>(factories);
        this.engines = List.copyOf(factories.keySet());
        this.jobs = jobs;
    }

    private static Map<String, Function<Function<SchemeId, AuthScheme>, Engine>> select(List<String> engines) {
        Map<String, Function<Function<SchemeId, AuthScheme>, Engine>> m = new LinkedHashMap<>();
        for (String e : engines) {
            if (!DEFINITION_ENGINES.containsKey(e)) {
                throw new IllegalArgumentException("engine " + e + " cannot run a scheme definition");
            }
            m.put(e, DEFINITION_ENGINES.get(e));
        }
        return m;
    }

    /** Progress total: the checks {@link #run} makes for these subjects and attacks. */
    public int checks(List<Subject> subjects, List<AttackId> attacks) {
        int rows = subjects.stream().mapToInt(s -> 1 + mutantsOf(s).size()).sum();
        return rows * attacks.size() * engines.size();
    }

    /** The subject's mutants this analysis runs. */
    public List<Mutants.Mutant> mutantsOf(Subject s) {
        return Mutants.of(s.definition()).stream().filter(m -> only.isEmpty() || only.contains(m.mutation())).toList();
    }

    public List<SchemeResult> run(List<Subject> subjects, List<AttackId> attacks, EngineOptions options, Progress progress) {
        Map<SchemeId, AuthScheme> impl = new LinkedHashMap<>();
        Map<SchemeId, SchemeId> originalOf = new LinkedHashMap<>();
        List<Shard.Cell> baseCells = new ArrayList<>();
        List<Shard.Cell> mutantCells = new ArrayList<>();
        List<List<Mutants.Mutant>> mutantsOf = new ArrayList<>();
        for (Subject s : subjects) {
            SchemeId base = DefinedScheme.idOf(s.definition());
            impl.put(base, new DefinedScheme(s.definition()));
            attacks.forEach(a -> baseCells.add(new Shard.Cell(base, a)));
            List<Mutants.Mutant> ms = mutantsOf(s);
            mutantsOf.add(ms);
            for (Mutants.Mutant m : ms) {
                SchemeId id = DefinedScheme.idOf(m.definition());
                impl.put(id, new DefinedScheme(m.definition()));
                originalOf.put(id, base);
                attacks.forEach(a -> mutantCells.add(new Shard.Cell(id, a)));
            }
        }
        Function<SchemeId, AuthScheme> schemes = id -> {
            AuthScheme a = impl.get(id);
            if (a == null) throw new IllegalArgumentException("no definition of scheme " + id);
            return a;
        };
        // the baselines first, each property decided (Complete): a mutant's cell is then asked only what could kill it (FreshOnly)
        Map<String, Supplier<Engine>> plain = new LinkedHashMap<>();
        engines.forEach(e -> plain.put(e, () -> new Complete(factories.get(e).apply(schemes))));
        MatrixRun baseRun = new MatrixRunner(plain, jobs).run(baseCells, options, progress, Map.of());
        Map<SchemeId, List<CellOutcome>> rows = new LinkedHashMap<>();
        baseRun.cells().forEach(c -> rows.computeIfAbsent(c.scheme(), k -> new ArrayList<>()).add(c));
        Map<String, Supplier<Engine>> fresh = new LinkedHashMap<>();
        engines.forEach(e -> fresh.put(e, () -> new FreshOnly(factories.get(e).apply(schemes),
                (id, a) -> baselineOf(rows, originalOf.get(id), a).engines().get(e))));
        MatrixRun run = new MatrixRunner(fresh, jobs).run(mutantCells, options, progress, Map.of());
        run.cells().forEach(c -> rows.computeIfAbsent(c.scheme(), k -> new ArrayList<>()).add(c));
        Confirmation confirm = new Confirmation(schemes, impl);
        List<SchemeResult> out = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i++) {
            SchemeId base = DefinedScheme.idOf(subjects.get(i).definition());
            List<CellOutcome> baseline = rows.get(base);
            List<MutantResult> results = new ArrayList<>();
            for (Mutants.Mutant m : mutantsOf.get(i)) {
                SchemeId id = DefinedScheme.idOf(m.definition());
                results.add(judge(m, id, rows.get(id), baseline, base, confirm));
            }
            out.add(new SchemeResult(base, subjects.get(i).file(), baseline, results));
        }
        return out;
    }

    private static CellOutcome baselineOf(Map<SchemeId, List<CellOutcome>> rows, SchemeId original, AttackId attack) {
        return rows.get(original).stream().filter(c -> c.attack() == attack).findFirst().orElseThrow();
    }

    /**
     * The properties of a mutant's cell whose violation would kill it: those of the attack that apply
     * to the mutant and that the original's cell (same attack, same engine) does not violate. A kill
     * is a violation of one of these and nothing else, so asking only for them loses no kill; and it
     * finds kills the whole cell would hide, since a run stops at its first violation and would stop
     * at a property the original already violates. Empty: no violation of the mutant here could be new.
     */
    static List<PropertyId> freshProperties(SchemeId mutant, AttackId attack, CellResult original) {
        List<PropertyId> old = original.verdict() == Verdict.VIOLATED ? original.violated() : List.of();
        return attack.applicableProperties(mutant).stream().filter(p -> !old.contains(p)).toList();
    }

    /**
     * An engine that decides every property of the original's cell: a run stops at its first
     * violation, so a VIOLATED cell names the properties its one counterexample violates, not every
     * property the attack breaks. Each applicable property it does not name is checked on its own
     * (traces engine; its counterexample under {@code by-property/<property>/} of the counterexample
     * root), and a violation is added. Without this a mutant's violation of such a property would
     * look new, and fail confirmation only because it replays on the original too.
     */
    record Complete(Engine engine) implements Engine {
        @Override
        public String name() {
            return engine.name();
        }

        @Override
        public CellResult check(SchemeId scheme, AttackId attack, EngineOptions options) {
            CellResult r = engine.check(scheme, attack, options);
            if (r.verdict() != Verdict.VIOLATED || !(engine instanceof TracesEngine t)) return r;
            List<PropertyId> violated = new ArrayList<>(r.violated());
            List<String> also = new ArrayList<>();
            double seconds = r.seconds();
            for (PropertyId p : attack.applicableProperties(scheme)) {
                if (violated.contains(p)) continue;
                EngineOptions own = new EngineOptions(options.seed(),
                        options.counterexampleRoot().resolve("by-property").resolve(p.modelName()), options.workDir(),
                        options.timeout(), options.tries(), options.attackerHasKey(), options.bounds(), options.rerunFailedSeeds());
                CellResult q = t.check(scheme, attack, List.of(p), own);
                seconds += q.seconds();
                if (q.verdict() == Verdict.VIOLATED) {
                    violated.add(p);
                    // relative to the output folder, as every path of mutants.json: the same bytes wherever --out is
                    Path base = options.counterexampleRoot().toAbsolutePath().getParent();
                    Path cex = q.counterexample() == null ? null : q.counterexample().toAbsolutePath();
                    also.add(p.modelName() + " VIOLATED checked on its own ("
                            + (cex == null || base == null ? "no counterexample file" : base.relativize(cex).toString().replace('\\', '/')) + ")");
                } else {
                    also.add(p.modelName() + " checked on its own: " + q.verdict());
                }
            }
            if (also.isEmpty()) return r;
            return new CellResult(r.verdict(), List.copyOf(violated), seconds, r.bounds(), r.counterexample(),
                    String.join("; ", also), r.witness());
        }
    }

    /**
     * An engine that checks a mutant's cell for its {@link #freshProperties} only: not run at all
     * when there are none (NOT_APPLICABLE, with the reason), restricted to them on the traces engine
     * (the other engines, once they run definitions, check the whole cell).
     */
    record FreshOnly(Engine engine, java.util.function.BiFunction<SchemeId, AttackId, CellResult> original) implements Engine {
        @Override
        public String name() {
            return engine.name();
        }

        @Override
        public CellResult check(SchemeId scheme, AttackId attack, EngineOptions options) {
            CellResult o = original.apply(scheme, attack);
            List<PropertyId> all = attack.applicableProperties(scheme);
            List<PropertyId> fresh = freshProperties(scheme, attack, o);
            if (all.isEmpty() || fresh.equals(all) || !(engine instanceof TracesEngine t)) {
                return engine.check(scheme, attack, options);
            }
            if (fresh.isEmpty()) {
                return new CellResult(Verdict.NOT_APPLICABLE, List.of(), 0.0, Map.of(), null,
                        "not run: the original violates every property of this cell (" + names(o.violated())
                                + "), so no violation of the mutant here could be new");
            }
            CellResult r = t.check(scheme, attack, fresh, options);
            String only = "checked for " + names(fresh) + " only: the original violates " + names(o.violated());
            return new CellResult(r.verdict(), r.violated(), r.seconds(), r.bounds(), r.counterexample(),
                    r.reason() == null ? only : r.reason() + "; " + only, r.witness());
        }

        private static String names(List<PropertyId> ps) {
            return String.join(", ", ps.stream().map(PropertyId::modelName).toList());
        }
    }

    private MutantResult judge(Mutants.Mutant m, SchemeId id, List<CellOutcome> row, List<CellOutcome> baseline,
                               SchemeId original, Confirmation confirm) {
        List<Kill> kills = new ArrayList<>();
        List<Unconfirmed> unconfirmed = new ArrayList<>();
        for (int k = 0; k < row.size(); k++) {
            CellOutcome cell = row.get(k);
            for (String e : engines) {
                CellResult r = cell.engines().get(e);
                CellResult b = baseline.get(k).engines().get(e);
                List<PropertyId> fresh = r.verdict() != Verdict.VIOLATED ? List.of()
                        : r.violated().stream().filter(p -> !b.violated().contains(p)).toList();
                if (fresh.isEmpty()) continue;
                Optional<String> problem = confirm.problem(r.counterexample(), original);
                if (problem.isEmpty()) {
                    kills.add(new Kill(cell.attack(), e, fresh, r.counterexample()));
                } else {
                    unconfirmed.add(new Unconfirmed(cell.attack(), e, fresh, r.counterexample(), problem.get()));
                }
            }
        }
        return new MutantResult(m, id, row, List.copyOf(kills), List.copyOf(unconfirmed));
    }

    /**
     * Replays a mutant's counterexample (segment format) on the mutant and, renamed, on the original
     * definition: a kill reproduces its violation on the first and not on the second.
     */
    private record Confirmation(Function<SchemeId, AuthScheme> schemes, Map<SchemeId, AuthScheme> known) {
        Optional<String> problem(Path counterexample, SchemeId original) {
            if (counterexample == null) return Optional.of("no counterexample file");
            SegmentTrace t;
            try {
                t = SegmentTraceJson.parse(java.nio.file.Files.readString(counterexample),
                        n -> known.keySet().stream().filter(s -> s.wireName().equals(n)).findFirst());
            } catch (TraceJson.BadTraceFileException | java.io.IOException ex) {
                return Optional.of("counterexample unreadable: " + ex.getMessage());
            }
            if (!reproduces(t)) return Optional.of("does not replay on the mutant");
            SegmentTrace onOriginal = new SegmentTrace(t.engine(), original, t.attack(), t.property(), t.seed(), t.keyedSide(),
                    t.attackerHasKey(), t.clients(), t.keys(), t.events());
            if (reproduces(onOriginal)) return Optional.of("replays on the original too (the baseline missed it)");
            return Optional.empty();
        }

        /** Replays without divergence and violates its property (as the engine judges: {@link GenericAttacker#reproduce}). */
        boolean reproduces(SegmentTrace t) {
            return GenericAttacker.reproduce(t, schemes).isPresent();
        }
    }
}
