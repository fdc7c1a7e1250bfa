package org.mptcpverify.traces;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.mptcpverify.engine.BoundKey;
import org.mptcpverify.engine.Bounds;
import org.mptcpverify.engine.BoundsException;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.CorePopulation;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.trace.RunOutcome;
import org.mptcpverify.trace.Scenario;
import org.mptcpverify.trace.ScenarioRunner;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The {@code traces} engine: runs generated attacker traces on a {@link ScenarioRunner} (the Java
 * reference), stops at the first trace that violates one of the cell's applicable properties,
 * shrinks it to a locally minimal trace and writes it as {@code traces.json} and {@code traces.pcap}.
 * HOLDS means: every one of {@code tries} traces of at most {@code maxActions} actions, drawn
 * from {@code seed}, passed; nothing more.
 */
public final class TracesEngine implements Engine {
    public static final int DEFAULT_MAX_ACTIONS = 6;
    /**
     * Enough to enumerate every well-formed trace of up to {@link #DEFAULT_MAX_ACTIONS} actions of
     * every attack (the largest space, join-dos, has 13 345), so that a default HOLDS covers the
     * whole space within the length bound. A cell costs what its space costs, not this.
     */
    public static final int DEFAULT_TRIES = 20_000;

    /** Generated traces per cell; {@code steps} bounds each trace's length. */
    public static final BoundKey TRIES = new BoundKey("tries", 1, "generated traces per cell");
    /** The price of guessing (issue #13.4): the attacker's guessing budget in bits ({@link GuessRun}). */
    public static final BoundKey GUESS = new BoundKey("guess", 0, "the attacker's guessing budget in bits");
    private static final List<BoundKey> KEYS = List.of(BoundKey.CONNECTIONS, BoundKey.CLIENTS, BoundKey.STEPS, TRIES, GUESS);

    private final ScenarioRunner runner;
    /** The default of {@code steps}. */
    private final int maxActions;

    public TracesEngine(ScenarioRunner runner) {
        this(runner, DEFAULT_MAX_ACTIONS);
    }

    public TracesEngine(ScenarioRunner runner, int maxActions) {
        if (maxActions < 1) {
            throw new IllegalArgumentException("maxActions must be >= 1, got " + maxActions);
        }
        this.runner = runner;
        this.maxActions = maxActions;
    }

    @Override
    public String name() {
        return "traces";
    }

    public int maxActions() {
        return maxActions;
    }

    /** Where this engine writes a cell's counterexample JSON (pcap beside it). */
    public static Path counterexampleFile(Path root, SchemeId scheme, AttackId attack) {
        Path dir = root;
        for (String part : scheme.wireName().split("/")) {
            dir = dir.resolve(part);
        }
        return dir.resolve(attack.wireName()).resolve("traces.json");
    }

    static Path pcapFile(Path json) {
        return json.resolveSibling("traces.pcap");
    }

    @Override
    public CellResult check(SchemeId scheme, AttackId attack, EngineOptions options) {
        return check(scheme, attack, attack.properties(), options);
    }

    @Override
    public List<BoundKey> boundKeys() {
        return KEYS;
    }

    /** The generators draw joins and attacker actions freely within {@code steps}; no per-kind bound. */
    @Override
    public Bounds resolve(SchemeId scheme, AttackId attack, Bounds requested) {
        Map<String, Integer> m = CorePopulation.resolveStart(name(), KEYS, attack, requested);
        m.put("steps", requested.getOr("steps", maxActions));
        requested.get("guess").ifPresent(g -> m.put("guess", g));
        return new Bounds(m);
    }

    /**
     * Decides a cell for a subset of the attack's properties (a property test checks one at a
     * time, since a cell stops at its first violation). Properties that do not apply to the
     * scheme are dropped; none left is NOT_APPLICABLE.
     */
    public CellResult check(SchemeId scheme, AttackId attack, List<PropertyId> properties, EngineOptions requested) {
        long start = System.nanoTime();
        Bounds resolved;
        try {
            resolved = resolve(scheme, attack, requested.boundsFor(name()));
        } catch (BoundsException e) {
            return new CellResult(Verdict.INCONCLUSIVE, List.of(), seconds(start), Map.of(), null, "bounds: " + e.getMessage());
        }
        // tries is a bound too; --bounds tries=N wins over the options' count
        int tries = requested.boundsFor(name()).getOr("tries", requested.tries());
        EngineOptions options = new EngineOptions(requested.seed(), requested.counterexampleRoot(), requested.workDir(),
                requested.timeout(), tries, requested.attackerHasKey(), requested.bounds(), requested.rerunFailedSeeds());
        int maxActions = resolved.getOr("steps", this.maxActions);
        Map<String, Object> bounds = new LinkedHashMap<>(resolved.values());
        bounds.put("tries", options.tries());
        bounds.put("seed", options.seed());
        Path json = counterexampleFile(options.counterexampleRoot(), scheme, attack);
        List<PropertyId> applicable = attack.applicableProperties(scheme).stream()
                .filter(properties::contains).toList();
        try {
            if (properties.isEmpty() || !attack.properties().containsAll(properties)) {
                return new CellResult(Verdict.INCONCLUSIVE, List.of(), seconds(start), bounds, null,
                        "asked to check " + properties + " under " + attack.wireName() + ", which checks "
                                + attack.properties());
            }
            if (applicable.isEmpty()) {
                deleteStale(json);
                return new CellResult(Verdict.NOT_APPLICABLE, List.of(), seconds(start), bounds, null,
                        scheme.wireName() + " has no external key, and " + properties.stream()
                                .map(PropertyId::modelName).collect(java.util.stream.Collectors.joining(", "))
                                + " of " + attack.wireName() + " are about the external key");
            }
            java.util.Optional<String> gap = attack.properties().contains(PropertyId.PATH_MANAGER_INTEGRITY)
                    ? org.mptcpverify.scheme.Schemes.of(scheme).unmodelledPathManagerAuth() : java.util.Optional.empty();
            if (gap.isPresent()) { // a VIOLATED would be the reference's gap, not the design's
                deleteStale(json);
                return new CellResult(Verdict.INCONCLUSIVE, List.of(), seconds(start), bounds, null, "not modelled: " + gap.get());
            }
            if (options.tries() < 1) {
                return new CellResult(Verdict.INCONCLUSIVE, List.of(), seconds(start), bounds, null,
                        "tries must be >= 1, got " + options.tries());
            }
            if (!TraceGenerator.exists(attack)) {
                return generic(scheme, attack, options, requested.boundsFor(name()).get("steps"), json, bounds, start);
            }
            CellResult plain;
            try (RunWatchdog watchdog = new RunWatchdog(start, options.timeout())) {
                plain = search(scheme, attack, options, maxActions, properties, applicable, json, bounds, start, watchdog);
            }
            // the price of guessing: a cell that holds without guessing gets its cheapest attack's cost,
            // and under --bounds guess=N is attacked again within the budget
            if (attack.hasAttacker() && (plain.verdict() == Verdict.HOLDS || plain.verdict() == Verdict.VACUOUS)) {
                return new GuessRun(this, runner, scheme, attack, options, resolved.get("guess"), json, start)
                        .attempt(plain, applicable);
            }
            return plain;
        } catch (IOException | RuntimeException e) {
            return new CellResult(Verdict.INCONCLUSIVE, List.of(), seconds(start), bounds, null,
                    "traces engine error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * A column the action-based generators do not have (add-addr-replay), decided by the generic
     * segment-level attacker ({@link org.mptcpverify.traces.generic.GenericAttacker}): VIOLATED after
     * shrinking and a replay on a fresh reference, its trace written in the segment format;
     * HOLDS with a witness of attacker segments that reached an honest end, else VACUOUS.
     */
    private static CellResult generic(SchemeId scheme, AttackId attack, EngineOptions options, java.util.OptionalInt steps,
                                      Path json, Map<String, Object> bounds, long start) throws IOException {
        var d = org.mptcpverify.traces.generic.SegmentExplorer.Limits.DEFAULT;
        // steps counts segment events here (sends, deliveries, injections), not actions: its default is the explorer's
        var limits = new org.mptcpverify.traces.generic.SegmentExplorer.Limits(steps.orElse(d.steps()), d.injections(),
                d.joins(), d.losses());
        int runs = Math.min(options.tries(), org.mptcpverify.traces.generic.GenericAttacker.DEFAULT_TRIES);
        var o = new org.mptcpverify.traces.generic.GenericAttacker(limits, runs)
                .check(scheme, attack, options.seed(), options.attackerHasKey());
        bounds.put("attacker", "generic");
        bounds.put("runs", o.runs());
        bounds.put("steps", limits.steps());
        bounds.put("injections", limits.injections());
        bounds.put("cellSeed", o.cellSeed());
        if (o.verdict() == Verdict.VIOLATED) {
            org.mptcpverify.segment.SegmentTraceJson.writeFile(json, o.counterexample().orElseThrow());
            return new CellResult(Verdict.VIOLATED, List.of(o.violated().orElseThrow()), seconds(start), bounds, json,
                    o.reason() + " (run " + o.tryIndex() + ", " + o.originalEvents() + " events shrunk to "
                            + o.counterexample().get().events().size() + ", replayed on a fresh reference)");
        }
        deleteStale(json);
        Map<String, Object> witness = new LinkedHashMap<>();
        witness.put("runsWithAttackerSegmentDelivered", o.witnessRuns());
        witness.put("attackerSegmentsDelivered", o.witnessSegments());
        return new CellResult(o.verdict(), List.of(), seconds(start), bounds, null, o.reason().isEmpty() ? null : o.reason(),
                witness);
    }

    private CellResult search(SchemeId scheme, AttackId attack, EngineOptions options, int maxActions,
                              List<PropertyId> properties,
                              List<PropertyId> applicable, Path json, Map<String, Object> bounds,
                              long start, RunWatchdog watchdog) throws IOException {
        TraceGenerator generator = TraceGenerator.forAttack(attack);
        FailedSeeds failedSeeds = new FailedSeeds(options.workDir(), scheme, attack, properties, options.attackerHasKey());
        long cellSeed = Seeds.cell(options.seed(), scheme, attack);

        TraceSpace.Plan plan = TraceSpace.plan(generator, maxActions, options.tries());
        bounds.put("exhaustiveUpTo", plan.depth());
        bounds.put("enumerated", plan.enumerated().size());
        bounds.put("random", plan.random());

        // Earlier failures first when asked for, then the seed's own sequence (minus tries already re-run).
        List<FailedSeeds.Entry> order = new ArrayList<>(options.rerunFailedSeeds() ? failedSeeds.load() : List.of());
        if (options.rerunFailedSeeds()) {
            bounds.put("failedSeedsRerun", order.size());
        }
        int recorded = order.size();
        for (int i = 0; i < plan.size(); i++) {
            FailedSeeds.Entry fresh = new FailedSeeds.Entry(options.seed(), i, Seeds.trial(cellSeed, i));
            if (!order.subList(0, recorded).contains(fresh)) {
                order.add(fresh);
            }
        }
        int run = 0;
        int withAttackerEnabled = 0;
        int withAttackerAction = 0;
        long attackerActionsTakingEffect = 0;
        Set<List<TraceAction>> distinct = new HashSet<>();
        for (FailedSeeds.Entry entry : order) {
            GeneratedTrace trace = materialize(generator, plan, scheme, entry, options.attackerHasKey(), maxActions);
            RunOutcome outcome;
            try {
                outcome = runChecked(watchdog, trace.scenario(), trace.actions());
            } catch (RunWatchdog.Expired e) {
                return new CellResult(Verdict.INCONCLUSIVE, List.of(), seconds(start), bounds, null,
                        "timeout after " + run + " of " + order.size() + " tries: " + e.getMessage());
            }
            run++;
            distinct.add(trace.actions());
            if (trace.actions().stream().anyMatch(TraceAction::byAttacker)) {
                withAttackerAction++;
            }
            int effective = attackerActionsEnabled(trace.actions(), outcome);
            if (effective > 0) {
                withAttackerEnabled++;
                attackerActionsTakingEffect += effective;
            }
            PropertyId violated = firstViolated(outcome, applicable);
            if (violated != null) {
                return violatedCell(generator, trace, entry, violated, applicable, options, maxActions, json, bounds,
                        watchdog, failedSeeds, start, entry.tryIndex() < plan.enumerated().size(), outcome);
            }
        }
        deleteStale(json);
        bounds.put("distinctTraces", distinct.size());
        if (!attack.hasAttacker()) {
            return new CellResult(Verdict.HOLDS, List.of(), seconds(start), bounds, null, null);
        }
        if (withAttackerAction == 0) {
            // issue #16.8: too few tries to reach any attacker action; a verdict would claim nothing
            return new CellResult(Verdict.INCONCLUSIVE, List.of(), seconds(start), bounds, null,
                    "none of the " + run + " tries contained an attacker action (raise --tries)");
        }
        // The witness: attacker actions that took effect on the reference (an enabled action is
        // one the honest endpoints received and processed, i.e. that reached their checks).
        Map<String, Object> witness = new LinkedHashMap<>();
        witness.put("runsWithAttackerAction", withAttackerEnabled);
        witness.put("attackerActions", attackerActionsTakingEffect);
        if (withAttackerEnabled == 0) {
            return new CellResult(Verdict.VACUOUS, List.of(), seconds(start), bounds, null,
                    "no attacker action took effect in any of " + run + " tries: the attacker could never act",
                    witness);
        }
        return new CellResult(Verdict.HOLDS, List.of(), seconds(start), bounds, null, null, witness);
    }

    private CellResult violatedCell(TraceGenerator generator, GeneratedTrace trace, FailedSeeds.Entry entry,
                                    PropertyId property, List<PropertyId> applicable, EngineOptions options,
                                    int maxActions, Path json, Map<String, Object> bounds, RunWatchdog watchdog,
                                    FailedSeeds failedSeeds, long start, boolean enumerated,
                                    RunOutcome firstOutcome) throws IOException {
        Scenario scenario = trace.scenario();
        // The outcome of the latest accepted candidate, i.e. of the shrunk trace, in case time runs out.
        RunOutcome[] lastFailing = {firstOutcome};
        Shrinker shrinker = new Shrinker(generator::wellFormed, candidate -> {
            try {
                RunOutcome o = runChecked(watchdog, scenario, candidate);
                if (o.violated(property)) {
                    lastFailing[0] = o;
                    return true;
                }
                return false;
            } catch (RunWatchdog.Expired e) {
                throw new Shrinker.Stop();
            }
        }, watchdog::passed);
        Shrinker.Result shrunk = shrinker.shrink(trace.actions());
        RunOutcome outcome;
        try {
            outcome = runChecked(watchdog, scenario, shrunk.actions());
        } catch (RunWatchdog.Expired e) {
            outcome = lastFailing[0]; // no time left to confirm determinism; the violation stands
        }
        if (!outcome.violated(property)) {
            return new CellResult(Verdict.INCONCLUSIVE, List.of(), seconds(start), bounds, null,
                    "the runner is not deterministic: the shrunk trace " + ActionJson.describe(shrunk.actions())
                            + " violated " + property + " and then did not");
        }
        List<PropertyId> violated = new ArrayList<>();
        violated.add(property);
        for (PropertyId p : applicable) {
            if (p != property && outcome.violated(p)) {
                violated.add(p);
            }
        }
        Counterexample cx = new Counterexample(scenario, property, shrunk.actions(), trace.actions(), outcome,
                entry.engineSeed(), entry.tryIndex(), entry.trySeed(), options.tries(), maxActions,
                shrunk.steps(), shrunk.runs(), shrunk.complete(), enumerated);
        cx.write(json, pcapFile(json));
        failedSeeds.record(entry);
        return new CellResult(Verdict.VIOLATED, List.copyOf(violated), seconds(start), bounds, json, null);
    }

    /**
     * The trace of try {@code entry.tryIndex()}: the enumerated trace of that index, or a generated
     * one past the enumeration. Either way the scenario seed (keys, nonces) comes from the try's seed.
     */
    private GeneratedTrace materialize(TraceGenerator generator, TraceSpace.Plan plan, SchemeId scheme,
                                              FailedSeeds.Entry entry, boolean attackerHasKey, int maxActions) {
        int i = entry.tryIndex();
        if (i < plan.enumerated().size()) {
            TraceSpace.Variant v = plan.enumerated().get(i);
            long scenarioSeed = new SplittableRandom(entry.trySeed()).nextLong();
            Scenario sc = new Scenario(scheme, generator.attack(), scenarioSeed, v.keyedSide(), attackerHasKey);
            return new GeneratedTrace(sc, v.actions(), entry.trySeed(), i);
        }
        return generator.generate(scheme, entry.trySeed(), i, attackerHasKey, maxActions);
    }

    /** Runs a trace within the time budget and checks that the outcome has the shape the contract promises. */
    RunOutcome runChecked(RunWatchdog watchdog, Scenario scenario, List<TraceAction> actions) {
        RunOutcome o = watchdog.run(() -> runner.run(scenario, actions));
        if (o == null) {
            throw new IllegalStateException("the runner returned no outcome");
        }
        if (o.enabled().size() != actions.size() || o.observations().size() != actions.size()) {
            throw new IllegalStateException("the runner returned " + o.enabled().size() + " enabled flags and "
                    + o.observations().size() + " observations for " + actions.size() + " actions");
        }
        return o;
    }

    private static PropertyId firstViolated(RunOutcome outcome, List<PropertyId> applicable) {
        for (RunOutcome.Violation v : outcome.violations()) {
            if (applicable.contains(v.property())) {
                return v.property();
            }
        }
        return null;
    }

    private static int attackerActionsEnabled(List<TraceAction> actions, RunOutcome outcome) {
        int n = 0;
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i).byAttacker() && Boolean.TRUE.equals(outcome.enabled().get(i))) {
                n++;
            }
        }
        return n;
    }

    /** A counterexample from an earlier run that this run no longer finds must not stay behind. */
    private static void deleteStale(Path json) throws IOException {
        Files.deleteIfExists(json);
        Files.deleteIfExists(pcapFile(json));
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

}
