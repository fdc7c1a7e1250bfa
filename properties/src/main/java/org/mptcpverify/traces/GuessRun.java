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
import org.mptcpverify.definition.DefinedScheme;
import org.mptcpverify.definition.DefinitionException;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.definition.GuessAnalysis;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.matrix.Versions;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.trace.ReferenceRunner;
import org.mptcpverify.trace.RunOutcome;
import org.mptcpverify.trace.Scenario;
import org.mptcpverify.trace.ScenarioRunner;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.trace.TraceJson;
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
 * reference: it takes the trace that violates the cell when the attacker is given the key (the key
 * control), and runs it once per guess of the external key, in increasing order of the decimal key,
 * with the attacker supplying the guess ({@link Scenario#guessedKey}); each run is one online guess,
 * answered by the honest ends' acceptance or reset. The first run that violates is the
 * counterexample; it names the guessed value and replays as written. Only a sin-zero key (a value
 * set the reference draws from) is tried: any other cheapest attack within the budget is reported
 * INCONCLUSIVE, never HOLDS.
 */
final class GuessRun {
    private final GeneratorEngine engine;
    private final ScenarioRunner runner;
    private final SchemeId scheme;
    private final AttackId attack;
    private final EngineOptions options;
    private final OptionalInt budget;
    private final Path json;
    private final long start;

    GuessRun(GeneratorEngine engine, ScenarioRunner runner, SchemeId scheme, AttackId attack, EngineOptions options,
             OptionalInt budget, Path json, long start) {
        this.engine = engine;
        this.runner = runner;
        this.scheme = scheme;
        this.attack = attack;
        this.options = options;
        this.budget = budget;
        this.json = json;
        this.start = start;
    }

    /** The definition the runner runs: the scheme file's, else the committed one; empty if there is none. */
    static Optional<SchemeDefinition> definition(ScenarioRunner runner, SchemeId scheme) throws IOException {
        if (runner instanceof ReferenceRunner r && r.scheme(scheme) instanceof DefinedScheme d) {
            return Optional.of(d.definition());
        }
        Path file = Versions.repoRoot().resolve("models").resolve("schemes").resolve(scheme.wireName() + ".scheme");
        if (!Files.isRegularFile(file)) {
            return Optional.empty(); // a scheme without a definition has no cost to report
        }
        try {
            return Optional.of(DefinitionParser.parse(file));
        } catch (DefinitionException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    CellResult attempt(CellResult plain, List<PropertyId> applicable) throws IOException {
        Map<String, Object> bounds = new LinkedHashMap<>(plain.bounds());
        budget.ifPresent(b -> bounds.put("guess", b));
        Optional<SchemeDefinition> found = definition(runner, scheme);
        if (found.isEmpty()) {
            return with(plain, bounds, plain.reason());
        }
        SchemeDefinition def = found.get();
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
            return new CellResult(Verdict.INCONCLUSIVE, List.of(), GeneratorEngine.seconds(start), bounds, null,
                    "the cheapest attack (2^" + GuessAnalysis.fmt(c.bits()) + " " + c.mode().word + ", guessing "
                            + c.field() + ") is within guess=" + budget.getAsInt() + ", but the traces engine tries only "
                            + "guesses of a sin-zero external key");
        }
        // The key control's violating trace: the trace the guesses are tried in.
        List<PropertyId> props = applicable.stream().filter(p -> p != PropertyId.EXTERNAL_KEY_SECRECY).toList();
        Optional<TraceJson.CounterexampleFile> trace = keyedTrace(props);
        if (trace.isEmpty()) {
            return new CellResult(Verdict.INCONCLUSIVE, List.of(), GeneratorEngine.seconds(start), bounds, null,
                    "the cheapest attack (2^" + GuessAnalysis.fmt(c.bits()) + ", guessing K) is within guess="
                            + budget.getAsInt() + ", but even an attacker given the key violates nothing within the bounds");
        }
        List<TraceAction> actions = trace.get().actions();
        AuthScheme impl = runner instanceof ReferenceRunner r ? r.scheme(scheme) : new DefinedScheme(def);
        // the key control's scenario (its seed draws the real key), with the attacker not given the key
        Scenario base = new Scenario(scheme, attack, trace.get().seed(), trace.get().keyedSide(), false);
        long count = def.sinZeroKeyCount();
        try (RunWatchdog watchdog = new RunWatchdog(start, options.timeout())) {
            for (long v = 1; v <= count; v++) {
                org.mptcpverify.wire.Bytes key = impl.effectiveKey(KeySetting.SinZero.decimal(v));
                Scenario sc = base.withGuessedKey(key.hex());
                RunOutcome o;
                try {
                    o = engine.runChecked(watchdog, sc, actions);
                } catch (RunWatchdog.Expired e) {
                    return new CellResult(Verdict.INCONCLUSIVE, List.of(), GeneratorEngine.seconds(start), bounds, null,
                            "timeout after " + (v - 1) + " guesses: " + e.getMessage());
                }
                List<PropertyId> violated = new ArrayList<>();
                props.stream().filter(o::violated).forEach(violated::add);
                if (!violated.isEmpty()) {
                    bounds.put("guesses", v);
                    new Counterexample(sc, violated.get(0), actions, actions, o, options.seed(), 0, sc.seed(),
                            (int) Math.min(Integer.MAX_VALUE, count), actions.size(), 0, 0, true, false)
                            .write(json, GeneratorEngine.pcapFile(json));
                    return new CellResult(Verdict.VIOLATED, violated, GeneratorEngine.seconds(start), bounds, json, null);
                }
            }
        }
        return new CellResult(Verdict.INCONCLUSIVE, List.of(), GeneratorEngine.seconds(start), bounds, null,
                "no guess of the " + count + " key values violated the key control's trace");
    }

    /** The seed of the guessing scenario: fixed by the engine seed and the cell. */
    private long scenarioSeed() {
        return Seeds.cell(options.seed(), scheme, attack);
    }

    /** A trace that violates one of {@code props} with the attacker given the key, shrunk, or empty. */
    private Optional<TraceJson.CounterexampleFile> keyedTrace(List<PropertyId> props) throws IOException {
        if (props.isEmpty()) {
            return Optional.empty();
        }
        Path tmp = Files.createTempDirectory("mptcp-guess");
        try {
            EngineOptions keyed = new EngineOptions(scenarioSeed(), tmp, options.workDir(), options.timeout(),
                    options.tries(), true, options.bounds().without("guess"), false);
            CellResult r = engine.check(scheme, attack, props, keyed);
            if (r.verdict() != Verdict.VIOLATED || r.counterexample() == null) {
                return Optional.empty();
            }
            // the cell's scheme may be a definition's own name, unknown to the built-in vocabulary
            return Optional.of(TraceJson.read(r.counterexample(),
                    n -> n.equals(scheme.wireName()) ? Optional.of(scheme) : SchemeId.byName(n)));
        } catch (TraceJson.BadTraceFileException e) {
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
        return new CellResult(plain.verdict(), plain.violated(), GeneratorEngine.seconds(start), bounds, null, reason,
                plain.witness());
    }
}
