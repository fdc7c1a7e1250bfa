package org.mptcpverify.traces;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.engine.BoundKey;
import org.mptcpverify.engine.Bounds;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.CorePopulation;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.engine.WitnessChecks;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.scheme.Schemes;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;
import org.mptcpverify.traces.generic.GenericAttacker;
import org.mptcpverify.traces.generic.SegmentExplorer;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The {@code traces} engine: the generic segment-level attacker ({@link GenericAttacker}) on the
 * Java reference. {@code tries} seeded random runs of {@link SegmentExplorer} per cell; the first
 * run that violates an applicable property is shrunk and replayed on a fresh reference, and only a
 * reproduced violation is VIOLATED, written as {@code traces.json} (segment format) with the
 * replay's segments as {@code traces.pcap}. HOLDS needs a witness (runs in which an attacker segment
 * reached an honest end), else VACUOUS; columns without an attacker need none. HOLDS claims only:
 * no violation in the runs drawn from {@code seed} within the bounds; the search is not exhaustive.
 */
public final class TracesEngine implements Engine {
    /**
     * Runs per cell by default (docs/traces-engine.md, "Cost"). 400 was once enough (slowest
     * violation at run 201); after the attacker gained move kinds (ADD_ADDR copies, handshake
     * edits) the random streams moved and rfc8684 / rfc6824 eavesdrop-handshake were first found at
     * runs 421 and 477, so 400 printed a false HOLDS. 2000 leaves a margin of four; a HOLDS of this
     * engine is a bounded random search, never exhaustive.
     */
    public static final int DEFAULT_TRIES = 2000;

    public static final BoundKey TRIES = new BoundKey("tries", 1, "seeded random runs of the generic attacker per cell");
    public static final BoundKey STEPS = new BoundKey("steps", 1,
            "segment events per run (sends, deliveries, attacker moves; reads and derivations not counted)");
    public static final BoundKey INJECTIONS = new BoundKey("injections", 0, "segments the attacker injects or replays per run");
    public static final BoundKey JOINS = new BoundKey("joins", 1, "joins per honest client per run");
    /** The price of guessing (issue #13.4): the attacker's guessing budget in bits ({@link GuessRun}). */
    public static final BoundKey GUESS = new BoundKey("guess", 0, "the attacker's guessing budget in bits");
    private static final List<BoundKey> KEYS = List.of(BoundKey.CONNECTIONS, BoundKey.CLIENTS, STEPS, INJECTIONS, JOINS,
            TRIES, GUESS);

    /** The implementation the reference runs each scheme with: the built-in one, a scheme file's or a mutant's. */
    private final Function<SchemeId, AuthScheme> impls;

    public TracesEngine() {
        this(Schemes::of);
    }

    public TracesEngine(Function<SchemeId, AuthScheme> impls) {
        this.impls = impls;
    }

    @Override
    public String name() {
        return "traces";
    }

    /** Where this engine writes a cell's counterexample JSON (pcap beside it). */
    public static Path counterexampleFile(Path root, SchemeId scheme, AttackId attack) {
        Path dir = root;
        for (String part : scheme.wireName().split("/")) { // a scheme with a '/' gives nested folders
            dir = dir.resolve(part);
        }
        return dir.resolve(attack.wireName()).resolve("traces.json");
    }

    static Path pcapFile(Path json) {
        return json.resolveSibling("traces.pcap");
    }

    @Override
    public List<BoundKey> boundKeys() {
        return KEYS;
    }

    @Override
    public Bounds resolve(SchemeId scheme, AttackId attack, Bounds requested) {
        Map<String, Integer> m = CorePopulation.resolveStart(name(), KEYS, attack, requested);
        SegmentExplorer.Limits d = SegmentExplorer.Limits.DEFAULT;
        m.put("steps", requested.getOr("steps", d.steps()));
        m.put("injections", requested.getOr("injections", d.injections()));
        m.put("joins", requested.getOr("joins", d.joins()));
        requested.get("guess").ifPresent(g -> m.put("guess", g));
        return new Bounds(m);
    }

    /** The scheme's definition: the implementation's own when it runs one, else the committed file. */
    SchemeDefinition definition(SchemeId scheme) {
        SchemeDefinition d = WitnessChecks.definition(scheme, impls.apply(scheme));
        return d != null ? d : GenericAttacker.definition(scheme); // (throws, saying which file is missing)
    }

    @Override
    public CellResult check(SchemeId scheme, AttackId attack, EngineOptions requested) {
        return check(scheme, attack, attack.properties(), requested);
    }

    /**
     * Decides a cell for some of the attack's properties (a run stops at its first violation, so a
     * key control checks one property at a time). Properties that do not apply are dropped; none
     * left is NOT_APPLICABLE.
     */
    public CellResult check(SchemeId scheme, AttackId attack, List<PropertyId> properties, EngineOptions requested) {
        long start = System.nanoTime();
        return withBounds(scheme, attack, requested, start, b -> check(scheme, attack, properties, requested, start, b));
    }

    private CellResult check(SchemeId scheme, AttackId attack, List<PropertyId> properties, EngineOptions requested,
                             long start, Bounds resolved) {
        // tries is a bound too; --bounds tries=N wins over the options' count
        int tries = requested.boundsFor(name()).getOr("tries", requested.tries());
        EngineOptions options = new EngineOptions(requested.seed(), requested.counterexampleRoot(), requested.workDir(),
                requested.timeout(), tries, requested.attackerHasKey(), requested.bounds(), requested.rerunFailedSeeds());
        SegmentExplorer.Limits limits = new SegmentExplorer.Limits(resolved.getOr("steps", 0),
                resolved.getOr("injections", 0), resolved.getOr("joins", 0), SegmentExplorer.Limits.DEFAULT.losses());
        Map<String, Object> bounds = new LinkedHashMap<>(resolved.values());
        bounds.put("losses", limits.losses());
        bounds.put("tries", tries);
        bounds.put("seed", options.seed());
        Path json = counterexampleFile(options.counterexampleRoot(), scheme, attack);
        List<PropertyId> applicable = attack.applicableProperties(scheme).stream().filter(properties::contains).toList();
        try {
            if (properties.isEmpty() || !attack.properties().containsAll(properties)) {
                return new CellResult(Verdict.INCONCLUSIVE, List.of(), seconds(start), bounds, null,
                        "asked to check " + properties + " under " + attack.wireName() + ", which checks " + attack.properties());
            }
            if (applicable.isEmpty()) {
                deleteStale(json);
                return new CellResult(Verdict.NOT_APPLICABLE, List.of(), seconds(start), bounds, null,
                        scheme.wireName() + " has no external key, and " + properties.stream()
                                .map(PropertyId::modelName).collect(java.util.stream.Collectors.joining(", "))
                                + " of " + attack.wireName() + " are about the external key");
            }
            if (tries < 1) {
                return new CellResult(Verdict.INCONCLUSIVE, List.of(), seconds(start), bounds, null,
                        "tries must be >= 1, got " + tries);
            }
            BooleanSupplier expired = () -> System.nanoTime() - start > options.timeout().toNanos();
            GenericAttacker attacker = new GenericAttacker(limits, tries, impls, expired);
            GenericAttacker.Outcome o = attacker.check(scheme, attack, definition(scheme), options.seed(),
                    options.attackerHasKey(), applicable);
            CellResult plain = verdict(o, attack, applicable, options, limits, json, bounds, start);
            // the price of guessing: a cell that holds without guessing gets its cheapest attack's cost,
            // and under --bounds guess=N is attacked again within the budget
            if (attack.hasAttacker() && !options.attackerHasKey()
                    && (plain.verdict() == Verdict.HOLDS || plain.verdict() == Verdict.VACUOUS)) {
                return new GuessRun(this, impls, definition(scheme), scheme, attack, options, resolved.get("guess"),
                        json, start).attempt(plain, applicable);
            }
            return plain;
        } catch (IOException | RuntimeException e) {
            return new CellResult(Verdict.INCONCLUSIVE, List.of(), seconds(start), bounds, null,
                    "traces engine error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private CellResult verdict(GenericAttacker.Outcome o, AttackId attack, List<PropertyId> applicable, EngineOptions options,
                               SegmentExplorer.Limits limits, Path json, Map<String, Object> bounds, long start)
            throws IOException {
        bounds.put("runs", o.runs());
        Map<String, Object> witness = new LinkedHashMap<>();
        if (attack.hasAttacker()) {
            witness.put("witnessRuns", o.witnessRuns());
            witness.put("attackerSegments", o.witnessSegments());
            // the witness proper: attacker segments whose receiver ran a check the properties depend on
            witness.putAll(WitnessChecks.entries(o.relevant().segments(), WitnessChecks.kinds(applicable),
                    definition(o.scheme())));
            witness.put("relevantRuns", o.relevant().runs());
            witness.put("relevantPoints", o.relevant().points().toString());
        }
        switch (o.verdict()) {
            case VIOLATED -> {
                SegmentTrace t = o.counterexample().orElseThrow();
                SegmentReplayer.Result replay;
                try {
                    replay = new SegmentReplayer(impls).replay(t);
                } catch (BadTraceFileException e) {
                    return new CellResult(Verdict.INCONCLUSIVE, List.of(), seconds(start), bounds, null,
                            "the shrunk counterexample no longer reads: " + e.getMessage());
                }
                if (replay.violation().isEmpty()) {
                    return new CellResult(Verdict.INCONCLUSIVE, List.of(), seconds(start), bounds, null,
                            "the shrunk counterexample did not violate " + t.property() + " on its last replay");
                }
                bounds.put("events", t.events().size());
                Map<String, Object> limitsJson = new LinkedHashMap<>();
                limitsJson.put("steps", limits.steps());
                limitsJson.put("injections", limits.injections());
                limitsJson.put("joins", limits.joins());
                limitsJson.put("losses", limits.losses());
                new SegmentCounterexample(t, replay, options.seed(), o.cellSeed(), o.tryIndex(), o.tries(),
                        o.originalEvents(), limitsJson).write(json, pcapFile(json));
                List<PropertyId> violated = new java.util.ArrayList<>(List.of(t.property()));
                for (PropertyId p : applicable) {
                    if (p != t.property() && replaysAs(t, p)) {
                        violated.add(p);
                    }
                }
                return new CellResult(Verdict.VIOLATED, List.copyOf(violated), seconds(start), bounds, json, null);
            }
            case HOLDS -> {
                deleteStale(json);
                return new CellResult(Verdict.HOLDS, List.of(), seconds(start), bounds, null, null, witness);
            }
            case VACUOUS -> {
                deleteStale(json);
                return new CellResult(Verdict.VACUOUS, List.of(), seconds(start), bounds, null,
                        o.reason() + " (" + o.runs() + " runs): the attacker never reached what the property judges",
                        witness);
            }
            default -> {
                return new CellResult(o.verdict(), List.of(), seconds(start), bounds, null, o.reason());
            }
        }
    }

    /** Whether the shrunk trace, claimed for {@code p} instead, replays as a violation of {@code p} too. */
    private boolean replaysAs(SegmentTrace t, PropertyId p) {
        SegmentTrace as = new SegmentTrace(t.engine(), t.scheme(), t.attack(), p, t.seed(), t.keyedSide(), t.attackerHasKey(),
                t.clients(), t.keys(), t.events());
        try {
            SegmentReplayer.Result r = new SegmentReplayer(impls).replay(as);
            boolean atEnd = org.mptcpverify.monitor.Monitors.of(p).atEndOnly();
            return r.divergence().isEmpty() && !(atEnd && r.inFlightAtEnd() > 0) && r.violation().isPresent();
        } catch (BadTraceFileException | RuntimeException e) {
            return false;
        }
    }

    /** A counterexample from an earlier run that this run no longer finds must not stay behind. */
    private static void deleteStale(Path json) throws IOException {
        Files.deleteIfExists(json);
        Files.deleteIfExists(pcapFile(json));
    }

    static double seconds(long startNanos) {
        return CellResult.secondsSince(startNanos);
    }
}
