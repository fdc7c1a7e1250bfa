package org.mptcpverify.traces;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.definition.GuessAnalysis;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTerm;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The price of guessing on a cell that holds without guessing: its cheapest attack's cost, recorded
 * in the bounds as {@code guessCost} (bits), {@code guessMode} and {@code guessField}; and
 * {@code --bounds guess=N} (docs/traces-engine.md, "Guessing").
 * The cheapest attack comes from {@link GuessAnalysis} over the scheme's definition. Above the
 * budget the verdict stands, with the cost recorded. Within it the engine tries the attack on the
 * reference with the generic attacker: it takes the segment-level trace that violates the cell when
 * the attacker is given the key (the key control), and replays it once per guess of the external
 * key, in increasing order of the decimal key, with the given key replaced by the guessed value
 * ({@link SegmentTerm.Guess}) and the attacker not given the key; each replay is one online guess,
 * answered by the honest ends' acceptance or reset. The first replay that violates is the
 * counterexample; it carries the guessed value and replays as written. Only a sin-zero key (a value
 * set the reference draws from) is tried: any other cheapest attack within the budget is reported
 * INCONCLUSIVE, never HOLDS.
 */
final class GuessRun {
    /** Runs at least of the key control that provides the trace the guesses are tried in. */
    static final int KEYED_RUNS = 2000;
    private final TracesEngine engine;
    private final Function<SchemeId, AuthScheme> impls;
    private final SchemeDefinition def;
    private final SchemeId scheme;
    private final AttackId attack;
    private final EngineOptions options;
    private final OptionalInt budget;
    private final Path json;
    private final long start;

    GuessRun(TracesEngine engine, Function<SchemeId, AuthScheme> impls, SchemeDefinition def, SchemeId scheme,
             AttackId attack, EngineOptions options, OptionalInt budget, Path json, long start) {
        this.engine = engine;
        this.impls = impls;
        this.def = def;
        this.scheme = scheme;
        this.attack = attack;
        this.options = options;
        this.budget = budget;
        this.json = json;
        this.start = start;
    }

    CellResult attempt(CellResult plain, List<PropertyId> applicable) throws IOException {
        Map<String, Object> bounds = new LinkedHashMap<>(plain.bounds());
        budget.ifPresent(b -> bounds.put("guess", b));
        GuessAnalysis analysis = new GuessAnalysis(def);
        Optional<GuessAnalysis.Cost> cost = analysis.cheapest(attack);
        if (cost.isEmpty()) {
            return with(plain, bounds, plain.reason());
        }
        GuessAnalysis.Cost c = cost.get();
        bounds.put("guessCost", GuessAnalysis.fmt(c.bits()));
        bounds.put("guessMode", c.mode().word);
        bounds.put("guessField", c.field());
        if (budget.isEmpty() || c.bits() > budget.getAsInt()) {
            return with(plain, bounds, plain.reason());
        }
        if (!c.fields().equals(List.of(DefinitionParser.KEY)) || !analysis.enumerableKey()) {
            return new CellResult(Verdict.INCONCLUSIVE, List.of(), TracesEngine.seconds(start), bounds, null,
                    "the cheapest attack (2^" + GuessAnalysis.fmt(c.bits()) + " " + c.mode().word + ", guessing "
                            + c.field() + ") is within guess=" + budget.getAsInt() + ", but the traces engine tries only "
                            + "guesses of a sin-zero external key");
        }
        // The key control's violating trace: the trace the guesses are tried in. ExternalKeySecrecy is
        // left out: a supplied guess counts as known, so its monitor would fire on the right guess alone.
        List<PropertyId> props = applicable.stream().filter(p -> p != PropertyId.EXTERNAL_KEY_SECRECY).toList();
        Optional<SegmentTrace> keyed = keyedTrace(props);
        if (keyed.isEmpty()) {
            return new CellResult(Verdict.INCONCLUSIVE, List.of(), TracesEngine.seconds(start), bounds, null,
                    "the cheapest attack (2^" + GuessAnalysis.fmt(c.bits()) + ", guessing K) is within guess="
                            + budget.getAsInt() + ", but even an attacker given the key violates nothing within the bounds");
        }
        AuthScheme impl = impls.apply(scheme);
        long count = def.sinZeroKeyCount();
        SegmentReplayer replayer = new SegmentReplayer(impls);
        for (long v = 1; v <= count; v++) {
            if (System.nanoTime() - start > options.timeout().toNanos()) {
                return new CellResult(Verdict.INCONCLUSIVE, List.of(), TracesEngine.seconds(start), bounds, null,
                        "timeout after " + (v - 1) + " guesses");
            }
            String guess = impl.effectiveKey(KeySetting.SinZero.decimal(v)).hex();
            SegmentTrace t = guessing(keyed.get(), guess);
            SegmentReplayer.Result r;
            try {
                r = replayer.replay(t);
            } catch (BadTraceFileException e) {
                throw new IOException("a guessed trace does not read: " + e.getMessage(), e);
            }
            boolean atEnd = org.mptcpverify.monitor.Monitors.of(t.property()).atEndOnly();
            if (r.violation().isPresent() && r.divergence().isEmpty() && !(atEnd && r.inFlightAtEnd() > 0)) {
                bounds.put("guesses", v);
                Map<String, Object> limits = new LinkedHashMap<>();
                limits.put("guesses", v);
                limits.put("keyValues", count);
                new SegmentCounterexample(t, r, options.seed(), 0, 0, (int) Math.min(Integer.MAX_VALUE, count),
                        keyed.get().events().size(), limits).write(json, TracesEngine.pcapFile(json));
                return new CellResult(Verdict.VIOLATED, List.of(t.property()), TracesEngine.seconds(start), bounds, json, null);
            }
        }
        return new CellResult(Verdict.INCONCLUSIVE, List.of(), TracesEngine.seconds(start), bounds, null,
                "no guess of the " + count + " key values violated the key control's trace");
    }

    /** {@code keyed} with every given key replaced by {@code guess} and the attacker not given the key. */
    static SegmentTrace guessing(SegmentTrace keyed, String guess) {
        List<SegmentEvent> out = new ArrayList<>();
        for (SegmentEvent e : keyed.events()) {
            if (e instanceof SegmentEvent.Inject i) {
                Map<String, SegmentTerm> f = new TreeMap<>();
                i.fields().forEach((k, v) -> f.put(k, guessed(v, guess)));
                out.add(new SegmentEvent.Inject(i.seg(), i.msg(), i.conn(), i.subflow(), i.src(), i.dst(), f));
            } else if (e instanceof SegmentEvent.Derive d) {
                out.add(new SegmentEvent.Derive(guessed(d.value(), guess)));
            } else {
                out.add(e);
            }
        }
        return new SegmentTrace(keyed.engine(), keyed.scheme(), keyed.attack(), keyed.property(), keyed.seed(),
                keyed.keyedSide(), false, keyed.clients(), keyed.keys(), out);
    }

    private static SegmentTerm guessed(SegmentTerm t, String guess) {
        if (t instanceof SegmentTerm.GivenKey) {
            return new SegmentTerm.Guess(guess);
        }
        if (t instanceof SegmentTerm.Apply a) {
            return new SegmentTerm.Apply(a.op(), a.bits(), a.args().stream().map(x -> guessed(x, guess)).toList());
        }
        return t;
    }

    /** A shrunk trace that violates one of {@code props} with the attacker given the key, or empty. */
    private Optional<SegmentTrace> keyedTrace(List<PropertyId> props) throws IOException {
        if (props.isEmpty()) {
            return Optional.empty();
        }
        Path tmp = Files.createTempDirectory("mptcp-guess");
        try {
            // at least KEYED_RUNS: this search only fetches the trace the guesses are tried in (it stops
            // at its first violation), and the attacker given the key needs two right candidates in
            // one run (thesis-xor-global / eavesdrop-handshake: first found at run 644 of seed 20261127)
            EngineOptions keyed = new EngineOptions(options.seed(), tmp, options.workDir(), options.timeout(),
                    Math.max(options.tries(), KEYED_RUNS), true, options.bounds().without("guess").without("tries"), false);
            CellResult r = engine.check(scheme, attack, props, keyed);
            if (r.verdict() != Verdict.VIOLATED || r.counterexample() == null) {
                return Optional.empty();
            }
            // the cell's scheme may be a definition's own name, unknown to the built-in vocabulary
            return Optional.of(SegmentTraceJson.parse(org.mptcpverify.trace.TraceJson.readText(r.counterexample()),
                    n -> n.equals(scheme.wireName()) ? Optional.of(scheme) : SchemeId.byName(n)));
        } catch (BadTraceFileException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            try (var walk = Files.walk(tmp)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private CellResult with(CellResult plain, Map<String, Object> bounds, String reason) {
        return new CellResult(plain.verdict(), plain.violated(), TracesEngine.seconds(start), bounds, null, reason,
                plain.witness());
    }
}
