package org.mptcpverify.models.tlc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
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
 * The {@code tlc} engine: checks a cell's applicable properties as invariants of
 * models/tla/MptcpJoin.tla with TLC, one isolated run per check ({@link TlcLauncher}).
 *
 * <p>A cell may need several runs: one-sided-key is checked with the key on the client and on
 * the server; after a violation the remaining properties are checked again without the violated
 * one, so {@code violated} lists every violated property. HOLDS only when every run finished the
 * state space ("Model checking completed", exit 0); anything else is INCONCLUSIVE with the reason.
 */
public final class TlcEngine implements Engine {
    public static final String SPEC = "MptcpJoin";
    public static final BoundKey NONCES = new BoundKey("nonces", 1, "fresh nonce pairs shared by a behaviour's join exchanges");
    public static final BoundKey SPOOFS = new BoundKey("spoofs", 1, "source addresses a spoofed join SYN may carry");
    private static final List<BoundKey> KEYS = List.of(BoundKey.CONNECTIONS, BoundKey.CLIENTS, BoundKey.JOINS,
            BoundKey.INJECTIONS, NONCES, SPOOFS);

    /** Defaults: the bounds a key left out of {@code --bounds} keeps. */
    private final TlcBounds bounds;
    private final String specText;
    private final TlcLauncher tlc;

    public TlcEngine() {
        this(TlcBounds.standard(), bundledSpec(), 1);
    }

    /** The spec shipped with this module, default bounds, {@code workers} TLC worker threads per run. */
    public TlcEngine(int workers) {
        this(TlcBounds.standard(), bundledSpec(), workers);
    }

    /** @param specText the module text to check (tests pass a deliberately broken one) */
    public TlcEngine(TlcBounds bounds, String specText, int workers) {
        this.bounds = bounds;
        this.specText = specText;
        this.tlc = TlcLauncher.configured(TlcProcess.locateTlaTools(), workers);
    }

    @Override
    public String name() {
        return "tlc";
    }

    /** The spec shipped with this module (models/tla, copied into the jar as /tla). */
    public static String bundledSpec() {
        try (InputStream in = TlcEngine.class.getResourceAsStream("/tla/" + SPEC + ".tla")) {
            if (in == null) {
                throw new IllegalStateException("/tla/" + SPEC + ".tla is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sides a cell is checked with: both for one-sided-key, else none. */
    public static List<String> keyedSides(AttackId attack) {
        return attack == AttackId.ONE_SIDED_KEY ? List.of("client", "server") : java.util.Collections.singletonList(null);
    }

    @Override
    public List<BoundKey> boundKeys() {
        return KEYS;
    }

    /** Today's spec has no step counter: TLC explores every behaviour length within the other bounds. */
    @Override
    public Bounds resolve(SchemeId scheme, AttackId attack, Bounds requested) {
        Map<String, Integer> m = CorePopulation.resolveStart(name(), KEYS, attack, requested);
        m.put("joins", requested.getOr("joins", bounds.maxJoins()));
        m.put("injections", requested.getOr("injections", bounds.maxAttacks()));
        m.put("nonces", requested.getOr("nonces", bounds.maxNonces()));
        m.put("spoofs", requested.getOr("spoofs", bounds.spoofs().size()));
        return new Bounds(m);
    }

    private static TlcBounds tlcBounds(Bounds resolved) {
        return TlcBounds.of(resolved.getOr("joins", 0), resolved.getOr("injections", 0),
                resolved.getOr("nonces", 0), resolved.getOr("spoofs", 0));
    }

    @Override
    public CellResult check(SchemeId scheme, AttackId attack, EngineOptions options) {
        Bounds resolved;
        try {
            resolved = resolve(scheme, attack, options.boundsFor(name()));
        } catch (BoundsException e) {
            return new CellResult(Verdict.INCONCLUSIVE, List.of(), 0.0, Map.of(), null, "bounds: " + e.getMessage());
        }
        List<PropertyId> applicable = attack.applicableProperties(scheme);
        if (applicable.isEmpty()) {
            return org.mptcpverify.models.core.CoreEngine.notApplicable(scheme, attack, resolved);
        }
        return checkProperties(scheme, attack, applicable, options, resolved);
    }

    /**
     * Checks the given properties (invariants of the spec) in the attack's scenario, whether or
     * not the attack lists them: the negative controls use this to show that an invariant is
     * violable with {@code broken} under an attack other than the one that checks it.
     */
    public CellResult checkProperties(SchemeId scheme, AttackId attack, List<PropertyId> applicable,
                                      EngineOptions options) {
        return checkProperties(scheme, attack, applicable, options, resolve(scheme, attack, options.boundsFor(name())));
    }

    private CellResult checkProperties(SchemeId scheme, AttackId attack, List<PropertyId> applicable,
                                       EngineOptions options, Bounds resolved) {
        long start = System.nanoTime();
        Map<String, Object> bounds = boundsMap(resolved);
        TlcBounds tlcBounds = tlcBounds(resolved);
        long deadline = start + options.timeout().toNanos();
        List<PropertyId> violated = new ArrayList<>();
        Path counterexample = null;
        String inconclusive = null;
        long distinct = 0;
        double tlcSeconds = 0;
        int depth = 0;
        int runs = 0;
        try {
            for (String side : keyedSides(attack)) {
                List<PropertyId> remaining = new ArrayList<>(applicable);
                while (!remaining.isEmpty() && inconclusive == null) {
                    TlcCheck check = new TlcCheck(scheme, attack, side, options.attackerHasKey(), remaining, tlcBounds);
                    Duration left = Duration.ofNanos(deadline - System.nanoTime());
                    if (left.isNegative() || left.isZero()) {
                        inconclusive = "timeout after " + options.timeout().toSeconds() + " s";
                        break;
                    }
                    Path dir = runDir(options.workDir(), check, ++runs);
                    Outcome o = runOnce(check, dir, options.seed(), left);
                    tlcSeconds += o.seconds;
                    distinct += o.report == null ? 0 : o.report.distinctStates().orElse(0L);
                    depth = Math.max(depth, o.report == null ? 0 : o.report.depth().orElse(0));
                    if (o.inconclusive != null) {
                        inconclusive = o.inconclusive;
                    } else if (o.violated == null) {
                        remaining.clear(); // the whole state space satisfied every remaining invariant
                    } else {
                        remaining.remove(o.violated);
                        if (!violated.contains(o.violated)) {
                            violated.add(o.violated);
                        }
                        if (counterexample == null) {
                            counterexample = CounterexampleFile.write(options.counterexampleRoot(), scheme, attack,
                                    CounterexampleFile.document(scheme, attack, o.violated, options.seed(), side,
                                            options.attackerHasKey(), TraceActions.of(o.report.trace()),
                                            o.report.trace()),
                                    o.report.traceText());
                        }
                    }
                }
            }
        } catch (IOException e) {
            inconclusive = "I/O error running TLC: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inconclusive = "interrupted";
        } catch (RuntimeException e) {
            inconclusive = "could not read TLC's output: " + e.getMessage();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        bounds.put("distinctStates", distinct);
        bounds.put("depth", depth);
        bounds.put("runs", runs);
        bounds.put("tlcSeconds", Math.round(tlcSeconds * 1000) / 1000.0); // TLC's own running time, a timing, not a bound
        if (!violated.isEmpty()) {
            violated.sort(Comparator.naturalOrder());
            if (inconclusive != null) {
                bounds.put("incomplete", inconclusive);
            }
            return new CellResult(Verdict.VIOLATED, List.copyOf(violated), seconds, bounds, counterexample, null);
        }
        if (inconclusive != null) {
            return new CellResult(Verdict.INCONCLUSIVE, List.of(), seconds, bounds, null, inconclusive);
        }
        try {
            CounterexampleFile.delete(options.counterexampleRoot(), scheme, attack); // a stale one would contradict HOLDS
        } catch (IOException e) {
            return new CellResult(Verdict.INCONCLUSIVE, List.of(), seconds, bounds, null,
                    "could not remove a stale counterexample: " + e.getMessage());
        }
        return new CellResult(Verdict.HOLDS, List.of(), seconds, bounds, null, null);
    }

    private record Outcome(PropertyId violated, String inconclusive, TlcReport report, double seconds) {
        Outcome(PropertyId violated, String inconclusive, TlcReport report) {
            this(violated, inconclusive, report, 0);
        }

        Outcome took(double s) {
            return new Outcome(violated, inconclusive, report, s);
        }
    }

    private Outcome runOnce(TlcCheck check, Path dir, long seed, Duration timeout)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Outcome o = decideRun(check, dir, seed, timeout);
        return o.took((System.nanoTime() - t0) / 1e9);
    }

    private Outcome decideRun(TlcCheck check, Path dir, long seed, Duration timeout)
            throws IOException, InterruptedException {
        Files.writeString(dir.resolve(SPEC + ".tla"), specText, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("MC.cfg"), CfgWriter.render(check), StandardCharsets.UTF_8);
        TlcRun run = tlc.run(dir, SPEC, "MC.cfg", seed, timeout);
        if (run.timedOut()) {
            return new Outcome(null, "timeout after " + Math.round(run.seconds()) + " s", null);
        }
        TlcReport report = TlcOutput.parse(run.output());
        String why = "TLC exit code " + run.exitCode() + firstError(report, run.output());
        return switch (run.exitCode()) {
            case TlcRun.OK -> report.completed() && report.errors().isEmpty()
                    ? new Outcome(null, null, report)
                    : new Outcome(null, "TLC exited 0 without completing the state space" + firstError(report, run.output()), report);
            case TlcRun.SAFETY -> {
                Optional<PropertyId> p = report.violatedInvariant().flatMap(PropertyId::byName);
                if (p.isPresent() && check.invariants().contains(p.get()) && !report.trace().isEmpty()) {
                    yield new Outcome(p.get(), null, report);
                }
                // TypeOK or an unknown invariant: the model is wrong, not the protocol
                yield new Outcome(null, "invariant " + report.violatedInvariant().orElse("?")
                        + " violated (not a checked property)", report);
            }
            case TlcRun.PARSE_ERROR -> new Outcome(null, "TLC could not parse the spec: " + why, report);
            case TlcRun.CONFIG_ERROR -> new Outcome(null, "TLC rejected the cfg: " + why, report);
            default -> new Outcome(null, why, report);
        };
    }

    private static String firstError(TlcReport report, String output) {
        if (!report.errors().isEmpty()) {
            return ": " + oneLine(report.errors().get(0));
        }
        if (output.contains("OutOfMemoryError")) {
            return ": out of memory";
        }
        return "";
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }

    private static Map<String, Object> boundsMap(Bounds resolved) {
        return new LinkedHashMap<>(resolved.values());
    }

    private static Path runDir(Path workDir, TlcCheck check, int run) throws IOException {
        Path dir = workDir.resolve("tlc");
        for (String part : check.scheme().wireName().split("/")) {
            dir = dir.resolve(part);
        }
        dir = dir.resolve(check.attack().wireName())
                .resolve((check.attackerHasKey() ? "attacker-has-key-" : "") + "run" + run);
        deleteTree(dir);
        return Files.createDirectories(dir);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
