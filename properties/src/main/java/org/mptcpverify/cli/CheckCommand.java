package org.mptcpverify.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.matrix.EngineRegistry;
import org.mptcpverify.matrix.MatrixFormats;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** One cell with one engine. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Decide one (scheme, attack) cell with one engine.",
                "Exit codes: 0 HOLDS or NOT_APPLICABLE; 1 VIOLATED (counterexample written); 3 INCONCLUSIVE or VACUOUS (no violation, but the attacker never acted); 2 bad usage."})
public final class CheckCommand implements Callable<Integer> {
    @Option(names = "--engine", required = true, paramLabel = "E", description = "traces, tlc or alloy.")
    String engine;

    @Option(names = "--scheme", required = true, paramLabel = "S", description = "A scheme name, e.g. rfc8684 or draft-baerts/low-order.")
    String scheme;

    @Option(names = "--attack", required = true, paramLabel = "A", description = "An attack name, e.g. eavesdrop-handshake.")
    String attack;

    @Option(names = "--out", defaultValue = "target/check", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}); the counterexample goes to "
            + "DIR/counterexamples/<scheme>/<attack>/, and the path printed is relative to DIR.")
    Path out;

    @Option(names = "--seed", defaultValue = "20261127", paramLabel = "N", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tries", defaultValue = "" + org.mptcpverify.traces.TracesEngine.DEFAULT_TRIES, paramLabel = "N", description = "traces engine: seeded runs of the generic attacker (default: ${DEFAULT-VALUE}); the same as --bounds tries=N.")
    int tries;

    @Option(names = "--bounds", paramLabel = "KEY=N[,KEY=N...]", description = BoundsArguments.DESCRIPTION)
    String bounds;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N", description = "tlc: TLC's own worker threads for this cell (default: ${DEFAULT-VALUE}).")
    int workers;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS", description = "Past it the check is INCONCLUSIVE (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--attacker-has-key", description = "Negative control: give the attacker the external keys (a key-agreement scheme such as ecdh: the endpoints' Diffie-Hellman private values).")
    boolean attackerHasKey;

    @Option(names = "--scheme-file", paramLabel = "PATH", description = "traces and tlc engines: run this scheme definition (docs/scheme-definitions.md; tlc: the generic core with the data generated from it); --scheme must be the name the file gives (a new name, or a built-in's for its unchanged definition).")
    Path schemeFile;

    @Mixin
    ForceOption force;

    @Option(names = "--recompute", description = "alloy on the Alloy generic core: decide the cell live instead of reusing "
            + "its committed verdict in " + org.mptcpverify.models.alloy.AlloyCoreVerdicts.FILE + " (CPU minutes).")
    boolean recompute;

    @Option(names = "--rerun-failed-seeds", description = "Ignored: the per-attack generators that re-ran failed tries are deleted; the traces engine's runs are drawn from the seed alone.")
    boolean rerunFailedSeeds;

    @Override
    public Integer call() {
        if (workers < 1) throw new UserInputException("--workers: must be at least 1, got " + workers);
        Supplier<Engine> found = EngineRegistry.all(workers).get(engine);
        Supplier<Engine> f = found;
        if (found == null) {
            throw new UserInputException("--engine: unknown engine '" + engine + "' (known: "
                    + String.join(", ", EngineRegistry.all().keySet()) + ")");
        }
        SchemeFile.OneCell cell = SchemeFile.oneCell(schemeFile, scheme, engine, f, workers);
        SchemeId s = cell.scheme();
        f = cell.engine();
        if (schemeFile == null) { // a scheme file's cells have no committed verdicts
            java.util.Map<String, Supplier<Engine>> one = new java.util.LinkedHashMap<>(java.util.Map.of(engine, f));
            try {
                EngineRegistry.reuseCommittedAlloy(one, seed, recompute);
            } catch (java.io.IOException ex) {
                throw new UserInputException("cannot read " + org.mptcpverify.models.alloy.AlloyCoreVerdicts.FILE + ": " + ex.getMessage());
            }
            f = one.get(engine);
            ModelledSchemes.require(engine, java.util.List.of(s)); // a scheme file's data is generated for its engine
        }
        AttackId a = Names.one(attack, "--attack", AttackId::byName, AttackId.values());
        ModelledSchemes.requireAttacks(engine, java.util.List.of(a));
        if (tries < 1 || timeoutSeconds < 1) throw new UserInputException("--tries and --timeout must be at least 1");
        org.mptcpverify.engine.Bounds requested = BoundsArguments.parse(bounds);
        BoundsArguments.requireNoTriesConflict(spec.commandLine().getParseResult().hasMatchedOption("--tries"), requested);
        Engine e = f.get();
        BoundsArguments.requireHonoured(java.util.Map.of(engine, e), java.util.List.of(s), java.util.List.of(a), requested);
        OutputFolder folder = force.claim(out);
        Path outDir = folder.dir();
        EngineOptions o = new EngineOptions(seed, outDir.resolve("counterexamples"), outDir.resolve("work"),
                Duration.ofSeconds(timeoutSeconds), tries, attackerHasKey, requested, rerunFailedSeeds);
        CellResult r;
        try {
            r = e.check(s, a, o);
        } finally {
            folder.seal();
        }
        System.out.printf(Locale.ROOT, "%s %s / %s: %s%n", engine, s, a, r.verdict());
        if (!r.violated().isEmpty()) {
            System.out.println("  violated: " + String.join(", ", r.violated().stream().map(PropertyId::modelName).toList()));
        }
        System.out.printf(Locale.ROOT, "  bounds: %s%n  seconds: %.2f%n", MatrixFormats.bounds(r), r.seconds());
        if (r.counterexample() != null) {
            System.out.println("  counterexample: " + MatrixFormats.relative(r.counterexample(), outDir) + " (relative to --out " + outDir + ")");
        }
        if (r.reason() != null) System.out.println("  reason: " + r.reason());
        if (r.source() != null) System.out.println("  source: " + MatrixFormats.source(r));
        String witness = MatrixFormats.witness(a, r, "  ");
        if (!witness.isEmpty()) System.out.println(witness);
        return switch (r.verdict()) {
            case HOLDS, NOT_APPLICABLE -> Main.EXIT_OK;
            case VIOLATED -> Main.EXIT_FAILED;
            case INCONCLUSIVE, VACUOUS -> Main.EXIT_INCONCLUSIVE;
        };
    }
}
