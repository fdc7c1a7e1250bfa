package org.mptcpverify.traces;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mptcpverify.cli.Main;
import org.mptcpverify.cli.Names;
import org.mptcpverify.cli.UserInputException;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The traces engine's property checks from the command line, one property at a time, and its negative controls. */
@Command(name = "traces", mixinStandardHelpOptions = true,
        description = {"Check properties with the traces engine's generic segment-level attacker on the Java reference, one (scheme, attack, property) at a time, shrinking and replaying every violation; with --generic, one check per (scheme, attack) judging every property.",
                "With --controls, check the negative controls instead.",
                "Exit codes: 0 nothing violated (--controls: every control violated, as it must); 1 some property violated (--controls: some control vacuous); 3 some check INCONCLUSIVE or VACUOUS; 2 bad usage."})
public final class TracesCommand implements Callable<Integer> {
    @Option(names = "--schemes", split = ",", paramLabel = "S", description = "Schemes (default: the matrix schemes and broken).")
    List<String> schemes;

    @Option(names = "--attacks", split = ",", paramLabel = "A", description = "Attacks (default: all).")
    List<String> attacks;

    @Option(names = "--properties", split = ",", paramLabel = "P", description = "Properties (default: every property of each attack).")
    List<String> properties;

    @Option(names = "--tries", defaultValue = "" + TracesEngine.DEFAULT_TRIES, paramLabel = "N",
            description = "Seeded runs of the generic attacker per check (default: ${DEFAULT-VALUE}).")
    int tries;

    @Option(names = "--seed", defaultValue = "20261127", paramLabel = "N", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-actions", defaultValue = "24", paramLabel = "N",
            description = "Segment events per run, the bound steps (default: ${DEFAULT-VALUE}).")
    int maxActions;

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS", description = "Per check (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--bounds", paramLabel = "KEY=N[,KEY=N...]",
            description = "The traces engine's bounds: steps (the same as --max-actions), tries (the same as --tries), "
                    + "injections, joins, connections, clients, guess.")
    String bounds;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--attacker-has-key", description = "Give the attacker the external keys (a key-agreement scheme such as ecdh: the endpoints' Diffie-Hellman private values).")
    boolean attackerHasKey;

    @Option(names = "--controls", description = "Check the negative controls instead: broken violates every property under some attack, and "
            + "the attacker given the key violates JoinAuthenticity under eavesdrop-handshake against every external-key scheme.")
    boolean controls;

    @Option(names = "--generic", description = "One check per (scheme, attack) judging every applicable property at once "
            + "(the run stops at its first violation), with the line of the generic attacker's outcome; counterexamples in the "
            + "segment format under OUT/generic/.")
    boolean generic;

    @Option(names = "--out", defaultValue = "target/traces", paramLabel = "DIR", description = "Counterexamples and work files (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    org.mptcpverify.cli.ForceOption force;

    private final PrintStream stdout;

    public TracesCommand() {
        this(System.out);
    }

    TracesCommand(PrintStream stdout) {
        this.stdout = stdout;
    }

    /**
     * One check: a scheme, an attack, one property, with or without the key; {@code controlGroup}
     * names the negative control it belongs to (null for a plain check).
     */
    record Check(SchemeId scheme, AttackId attack, PropertyId property, boolean attackerHasKey, String controlGroup) {}

    @Override
    public Integer call() {
        if (tries < 1) throw new UserInputException("--tries: must be at least 1, got " + tries);
        if (maxActions < 1) throw new UserInputException("--max-actions: must be at least 1, got " + maxActions);
        if (timeoutSeconds < 1) throw new UserInputException("--timeout: must be at least 1, got " + timeoutSeconds);
        List<SchemeId> ss = schemes == null ? defaultSchemes() : Names.all(schemes, "--schemes", SchemeId::byName, SchemeId.values());
        List<AttackId> as = attacks == null ? List.of(AttackId.values()) : Names.all(attacks, "--attacks", AttackId::byName, AttackId.values());
        List<PropertyId> ps = properties == null ? null : Names.all(properties, "--properties", PropertyId::byName, PropertyId.values());
        if (generic) {
            if (controls || ps != null || bounds != null) {
                throw new UserInputException("--generic: not with --controls, --properties or --bounds (it checks every property of each attack)");
            }
            return callGeneric(ss, as, tries);
        }
        List<Check> checks = controls ? controlChecks(ss, as) : propertyChecks(ss, as, ps);
        if (checks.isEmpty()) {
            throw new UserInputException("no (scheme, attack, property) check matches the selection");
        }
        org.mptcpverify.engine.Bounds requested = org.mptcpverify.cli.BoundsArguments.parse(bounds);
        var parsed = spec.commandLine().getParseResult();
        org.mptcpverify.cli.BoundsArguments.requireNoTriesConflict(parsed.hasMatchedOption("--tries"), requested);
        if (parsed.hasMatchedOption("--max-actions") && requested.forEngine("traces").get("steps").isPresent()) {
            throw new UserInputException("--max-actions and --bounds steps=... both given; give one");
        }
        if (parsed.hasMatchedOption("--max-actions")) {
            requested = requested.with("steps", maxActions);
        }
        TracesEngine engine = new TracesEngine();
        org.mptcpverify.cli.BoundsArguments.requireHonoured(Map.of(engine.name(), engine), ss, as, requested);
        org.mptcpverify.cli.OutputFolder folder = force.claim(out);
        Path outDir = folder.dir();
        boolean violated = false;
        boolean inconclusive = false;
        // A control group (one property for broken, one scheme for the key) is vacuous when none of its checks violates.
        Map<String, Boolean> groupViolated = new LinkedHashMap<>();
        try {
            for (Check c : checks) {
                Path root = outDir.resolve("counterexamples").resolve(c.attackerHasKey() ? "attacker-has-key" : c.property().modelName());
                EngineOptions o = new EngineOptions(seed, root, outDir.resolve("work"), Duration.ofSeconds(timeoutSeconds),
                        tries, c.attackerHasKey(), requested);
                CellResult r = engine.check(c.scheme(), c.attack(), List.of(c.property()), o);
                String detail = r.counterexample() != null ? outDir.relativize(r.counterexample()).toString()
                        : r.reason() != null ? r.reason() : r.bounds().toString();
                stdout.printf(Locale.ROOT, "%-26s %-20s %-28s %-4s %-14s %6.2fs  %s  [bounds %s]%n", c.scheme(), c.attack(),
                        c.property(), c.attackerHasKey() ? "+key" : "", r.verdict(), r.seconds(), detail,
                        engine.resolve(c.scheme(), c.attack(), requested.forEngine(engine.name())) + ",tries="
                                + requested.forEngine(engine.name()).getOr("tries", tries));
                violated |= r.verdict() == Verdict.VIOLATED;
                inconclusive |= r.verdict() == Verdict.INCONCLUSIVE || r.verdict() == Verdict.VACUOUS;
                if (c.controlGroup() != null) {
                    groupViolated.merge(c.controlGroup(), r.verdict() == Verdict.VIOLATED, Boolean::logicalOr);
                }
            }
        } finally {
            folder.seal();
        }
        if (controls) {
            boolean vacuous = false;
            for (Map.Entry<String, Boolean> g : groupViolated.entrySet()) {
                if (!g.getValue()) {
                    stdout.println("VACUOUS CONTROL: " + g.getKey());
                    vacuous = true;
                }
            }
            return vacuous ? Main.EXIT_FAILED : inconclusive ? Main.EXIT_INCONCLUSIVE : Main.EXIT_OK;
        }
        return violated ? Main.EXIT_FAILED : inconclusive ? Main.EXIT_INCONCLUSIVE : Main.EXIT_OK;
    }

    /** {@code --generic}: the generic segment-level attacker, one line per (scheme, attack). */
    private int callGeneric(List<SchemeId> ss, List<AttackId> as, int runs) {
        var attacker = new org.mptcpverify.traces.generic.GenericAttacker(
                org.mptcpverify.traces.generic.SegmentExplorer.Limits.DEFAULT, runs);
        org.mptcpverify.cli.OutputFolder folder = force.claim(out);
        boolean violated = false;
        boolean inconclusive = false;
        try {
            for (SchemeId s : ss) {
                for (AttackId a : as) {
                    long t0 = System.nanoTime();
                    var o = attacker.check(s, a, seed, attackerHasKey);
                    String detail = o.reason();
                    if (o.counterexample().isPresent()) {
                        Path f = folder.dir().resolve("generic").resolve(s.wireName()).resolve(a.wireName() + ".json");
                        org.mptcpverify.segment.SegmentTraceJson.writeFile(f, o.counterexample().get());
                        detail = folder.dir().relativize(f) + " (run " + o.tryIndex() + ", " + o.originalEvents()
                                + " events shrunk to " + o.counterexample().get().events().size() + ")";
                    }
                    stdout.printf(Locale.ROOT, "%-26s %-20s %-28s %-4s %-14s %6.2fs  %s  [runs %d of %d, cell seed %d, witness %d runs / %d segments]%n",
                            s, a, o.violated().map(PropertyId::toString).orElse("-"), attackerHasKey ? "+key" : "", o.verdict(),
                            (System.nanoTime() - t0) / 1e9, detail, o.runs(), o.tries(), o.cellSeed(), o.witnessRuns(),
                            o.witnessSegments());
                    violated |= o.verdict() == Verdict.VIOLATED;
                    inconclusive |= o.verdict() == Verdict.INCONCLUSIVE || o.verdict() == Verdict.VACUOUS;
                }
            }
        } finally {
            folder.seal();
        }
        return violated ? Main.EXIT_FAILED : inconclusive ? Main.EXIT_INCONCLUSIVE : Main.EXIT_OK;
    }

    private List<Check> propertyChecks(List<SchemeId> ss, List<AttackId> as, List<PropertyId> ps) {
        List<Check> out = new ArrayList<>();
        for (AttackId a : as) {
            for (PropertyId p : a.properties()) {
                if (ps != null && !ps.contains(p)) continue;
                for (SchemeId s : ss) {
                    if (p.appliesTo(s)) out.add(new Check(s, a, p, attackerHasKey, null));
                }
            }
        }
        return out;
    }

    private static List<Check> controlChecks(List<SchemeId> ss, List<AttackId> as) {
        List<Check> out = new ArrayList<>();
        if (ss.contains(SchemeId.BROKEN)) {
            for (AttackId a : as) {
                for (PropertyId p : a.properties()) {
                    out.add(new Check(SchemeId.BROKEN, a, p, false, "broken violates " + p + " under some attack"));
                }
            }
        }
        if (as.contains(AttackId.EAVESDROP_HANDSHAKE)) {
            for (SchemeId s : ss) {
                if (s.hasKeyControl()) out.add(new Check(s, AttackId.EAVESDROP_HANDSHAKE, PropertyId.JOIN_AUTHENTICITY, true,
                        "the attacker given the key violates JoinAuthenticity against " + s));
            }
        }
        return out;
    }

    private static List<SchemeId> defaultSchemes() {
        List<SchemeId> all = new ArrayList<>(SchemeId.matrixSchemes());
        all.add(SchemeId.BROKEN);
        return all;
    }
}
