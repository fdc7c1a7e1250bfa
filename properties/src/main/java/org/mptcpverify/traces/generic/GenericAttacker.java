package org.mptcpverify.traces.generic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.scheme.Schemes;
import org.mptcpverify.definition.DefinitionException;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;
import org.mptcpverify.traces.Seeds;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * Decides a cell with the generic segment-level attacker, the traces engine's only attacker
 * (docs/traces-engine.md, "The generic attacker"): {@code tries} seeded random runs of
 * {@link SegmentExplorer}; the first run that violates an applicable property is shrunk by delta
 * debugging over its events and replayed by {@link SegmentReplayer} on a fresh reference before
 * VIOLATED is claimed. HOLDS needs a witness: attacker-originated segments delivered to an honest
 * end (whose checks then ran); without one the cell is VACUOUS. Columns without an attacker by
 * design need none.
 */
public final class GenericAttacker {
    public static final int DEFAULT_TRIES = org.mptcpverify.traces.TracesEngine.DEFAULT_TRIES;

    /**
     * The verdict of a cell.
     *
     * @param witnessRuns      runs in which some attacker segment reached an honest end
     * @param witnessSegments  such deliveries over all runs
     * @param tryIndex         the violating run's index (-1 when none)
     * @param relevant         the witness proper: attacker segments that reached a check the judged
     *                         properties depend on (HOLDS needs one, else VACUOUS)
     */
    public record Outcome(SchemeId scheme, AttackId attack, Verdict verdict, Optional<PropertyId> violated,
                          Optional<SegmentTrace> counterexample, int tries, int runs, long cellSeed, int tryIndex,
                          int witnessRuns, int witnessSegments, int originalEvents, String reason, Relevant relevant) {
        public Outcome(SchemeId scheme, AttackId attack, Verdict verdict, Optional<PropertyId> violated,
                       Optional<SegmentTrace> counterexample, int tries, int runs, long cellSeed, int tryIndex,
                       int witnessRuns, int witnessSegments, int originalEvents, String reason) {
            this(scheme, attack, verdict, violated, counterexample, tries, runs, cellSeed, tryIndex, witnessRuns,
                    witnessSegments, originalEvents, reason, Relevant.NONE);
        }
    }

    /**
     * Attacker segments that reached a relevant check, over all runs.
     *
     * @param runs   runs with at least one
     * @param points such segments per decision point of the reference ({@code KIND:point})
     */
    public record Relevant(int runs, Map<String, Integer> points) {
        public static final Relevant NONE = new Relevant(0, Map.of());

        public Relevant {
            points = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(points));
        }

        public int segments() {
            return points.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * Runs per informed plan, before the random runs ({@link SegmentExplorer#plans}): a plan's run
     * still draws the honest interleaving, so one run per plan misses orders a second one finds.
     */
    public static final int PLAN_ROUNDS = 8;
    /** Separates the informed runs' seed stream from the random runs'. */
    private static final long PLAN_SALT = 0x706c_616e_5f72_756eL;

    private final SegmentExplorer.Limits limits;
    private final int tries;
    /** The implementation the reference runs each scheme with (built-in, or a scheme file's / mutant's). */
    private final Function<SchemeId, AuthScheme> impls;
    /** Asked between runs and shrink candidates: true once the cell's time budget is spent. */
    private final BooleanSupplier expired;

    public GenericAttacker(SegmentExplorer.Limits limits, int tries) {
        this(limits, tries, Schemes::of, () -> false);
    }

    public GenericAttacker(SegmentExplorer.Limits limits, int tries, Function<SchemeId, AuthScheme> impls,
                           BooleanSupplier expired) {
        this.limits = limits;
        this.tries = tries;
        this.impls = impls;
        this.expired = expired;
    }

    /** The built-in scheme's definition, models/schemes/NAME.scheme from the working folder or its parent. */
    public static SchemeDefinition definition(SchemeId scheme) {
        return org.mptcpverify.engine.WitnessChecks.builtIn(scheme);
    }

    public Outcome check(SchemeId scheme, AttackId attack, long engineSeed, boolean attackerHasKey) {
        return check(scheme, attack, definition(scheme), engineSeed, attackerHasKey);
    }

    public Outcome check(SchemeId scheme, AttackId attack, SchemeDefinition def, long engineSeed, boolean attackerHasKey) {
        return check(scheme, attack, def, engineSeed, attackerHasKey, attack.applicableProperties(scheme));
    }

    /**
     * As above, judging only {@code properties} (those of them that apply): a check of one property
     * at a time, as the key controls need, since a run stops at its first violation.
     */
    public Outcome check(SchemeId scheme, AttackId attack, SchemeDefinition def, long engineSeed, boolean attackerHasKey,
                         List<PropertyId> properties) {
        AttackerProfile profile = AttackerProfile.of(attack);
        long cellSeed = Seeds.cell(engineSeed, scheme, attack);
        List<PropertyId> judged = attack.applicableProperties(scheme).stream().filter(properties::contains).toList();
        if (judged.isEmpty()) {
            return new Outcome(scheme, attack, Verdict.NOT_APPLICABLE, Optional.empty(), Optional.empty(), tries, 0, cellSeed,
                    -1, 0, 0, 0, "no property of the attack applies");
        }
        SegmentExplorer explorer = new SegmentExplorer(scheme, profile, def, limits, impls);
        int witnessRuns = 0;
        int witnessSegments = 0;
        int relevantRuns = 0;
        Map<String, Integer> points = new java.util.TreeMap<>();
        // first the informed plans (every order of up to three kinds of move whose last can reach a
        // check the judged properties depend on, PLAN_ROUNDS runs each, at most a quarter of the
        // runs), then the random walk, whose k-th run is the same as without them
        List<SegmentExplorer.Plan> plans = explorer.plans(judged);
        int planned = Math.min(plans.size() * PLAN_ROUNDS, tries / 4);
        for (int i = 0; i < tries; i++) {
            if (expired.getAsBoolean()) {
                return new Outcome(scheme, attack, Verdict.INCONCLUSIVE, Optional.empty(), Optional.empty(), tries, i,
                        cellSeed, -1, witnessRuns, witnessSegments, 0, "timeout after " + i + " of " + tries + " runs");
            }
            boolean informed = i < planned;
            int r = informed ? i : i - planned;
            String side = profile.keyedSides().get(r % profile.keyedSides().size());
            SegmentExplorer.Run run;
            try {
                run = informed
                        ? explorer.run(Seeds.trial(cellSeed ^ PLAN_SALT, i), side, attackerHasKey, judged, plans.get(i % plans.size()))
                        : explorer.run(Seeds.trial(cellSeed, r), side, attackerHasKey, judged);
            } catch (BadTraceFileException e) {
                return new Outcome(scheme, attack, Verdict.INCONCLUSIVE, Optional.empty(), Optional.empty(), tries, i + 1,
                        cellSeed, i, witnessRuns, witnessSegments, 0, "the explorer built an ill-formed trace: " + e.getMessage());
            }
            witnessRuns += run.attackerDelivered() > 0 ? 1 : 0;
            witnessSegments += run.attackerDelivered();
            relevantRuns += run.relevantDelivered() > 0 ? 1 : 0;
            run.relevantChecked().forEach((k, n) -> points.merge(k, n, Integer::sum));
            if (run.violation().isPresent()) {
                PropertyId p = run.violation().get().property();
                SegmentTrace found = withProperty(run.trace(), p);
                SegmentTrace shrunk = shrink(found, impls, expired);
                Optional<SegmentReplayer.Violation> again = reproduce(shrunk, impls);
                if (again.isEmpty()) {
                    return new Outcome(scheme, attack, Verdict.INCONCLUSIVE, Optional.of(p), Optional.of(shrunk), tries, i + 1,
                            cellSeed, i, witnessRuns, witnessSegments, found.events().size(),
                            "the violating run did not reproduce on a fresh replay");
                }
                return new Outcome(scheme, attack, Verdict.VIOLATED, Optional.of(p), Optional.of(shrunk), tries, i + 1,
                        cellSeed, i, witnessRuns, witnessSegments, found.events().size(), again.get().explanation(),
                        new Relevant(relevantRuns, points));
            }
        }
        Verdict v = !profile.hasAttacker() || relevantRuns > 0 ? Verdict.HOLDS : Verdict.VACUOUS;
        String why = v != Verdict.VACUOUS ? ""
                : witnessRuns == 0 ? "no attacker segment reached an honest end in any run"
                : "attacker segments reached honest ends in " + witnessRuns + " runs, but none reached a check of "
                        + String.join(", ", org.mptcpverify.engine.WitnessChecks.kinds(judged)) + ", which "
                        + judged.stream().map(PropertyId::modelName).collect(java.util.stream.Collectors.joining(", "))
                        + " depends on";
        return new Outcome(scheme, attack, v, Optional.empty(), Optional.empty(), tries, tries, cellSeed, -1, witnessRuns,
                witnessSegments, 0, why, new Relevant(relevantRuns, points));
    }

    private static SegmentTrace withProperty(SegmentTrace t, PropertyId p) {
        return new SegmentTrace(t.engine(), t.scheme(), t.attack(), p, t.seed(), t.keyedSide(), t.attackerHasKey(),
                t.clients(), t.keys(), t.events());
    }

    /**
     * The claimed property's violation when {@code t} replays on a fresh reference without
     * divergence. An outcome property (judged at the end) counts only at a quiescent end: a trace
     * that stops with segments in flight has lost them, which the run's loss bound did not allow
     * (without this the shrinker cut the deliveries of a join and called the join failed).
     */
    static Optional<SegmentReplayer.Violation> reproduce(SegmentTrace t) {
        return reproduce(t, Schemes::of);
    }

    public static Optional<SegmentReplayer.Violation> reproduce(SegmentTrace t, Function<SchemeId, AuthScheme> impls) {
        try {
            SegmentReplayer.Result r = new SegmentReplayer(impls).replay(t);
            boolean outcome = org.mptcpverify.monitor.Monitors.of(t.property()).atEndOnly();
            return r.divergence().isPresent() || outcome && r.inFlightAtEnd() > 0 ? Optional.empty() : r.violation();
        } catch (BadTraceFileException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Delta debugging over the events (complements, order kept): a candidate is kept when it is a
     * well-formed trace (the replayer refuses an event about a segment that no longer exists or an
     * injected term over a segment no longer read) that violates the same property. 1-minimal:
     * removing any single event gives a trace that is refused or passes.
     */
    static SegmentTrace shrink(SegmentTrace t) {
        return shrink(t, Schemes::of, () -> false);
    }

    /** As {@link #shrink(SegmentTrace)}; stops (not 1-minimal then) once {@code expired}. */
    static SegmentTrace shrink(SegmentTrace t, Function<SchemeId, AuthScheme> impls, BooleanSupplier expired) {
        List<SegmentEvent> cur = new ArrayList<>(t.events());
        int n = 2;
        while (cur.size() >= 2) {
            int chunk = Math.max(1, cur.size() / n);
            boolean removed = false;
            for (int start = 0; start < cur.size(); start += chunk) {
                List<SegmentEvent> cand = new ArrayList<>(cur.subList(0, start));
                cand.addAll(cur.subList(Math.min(cur.size(), start + chunk), cur.size()));
                if (expired.getAsBoolean()) {
                    return t.withEvents(cur);
                }
                if (!cand.isEmpty() && reproduce(t.withEvents(cand), impls).isPresent()) {
                    cur = cand;
                    n = Math.max(n - 1, 2);
                    removed = true;
                    break;
                }
            }
            if (!removed) {
                if (chunk == 1) {
                    break;
                }
                n = Math.min(cur.size(), n * 2);
            }
        }
        return t.withEvents(cur);
    }
}
