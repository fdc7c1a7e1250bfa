package org.mptcpverify.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.io.AtomicWrite;
import org.mptcpverify.matrix.CellOutcome;
import org.mptcpverify.matrix.CellProof;
import org.mptcpverify.matrix.EngineRegistry;
import org.mptcpverify.matrix.FingerprintedEngine;
import org.mptcpverify.matrix.MatrixFormats;
import org.mptcpverify.matrix.MatrixRun;
import org.mptcpverify.matrix.MatrixRunner;
import org.mptcpverify.matrix.Progress;
import org.mptcpverify.matrix.Shard;
import org.mptcpverify.matrix.ShardFiles;
import org.mptcpverify.matrix.Versions;
import org.mptcpverify.models.proof.ProofResult;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The verdict matrix: every (scheme, attack) cell with every engine. */
@Command(name = "matrix", mixinStandardHelpOptions = true,
        description = {"Run every selected (scheme, attack) cell with every selected engine and print the verdict matrix.",
                "Writes matrix.json, matrix.md, matrix.tex and the counterexamples into --out.",
                "Exit codes: 0 all cells finished and all engines agree; 1 some engines disagree; "
                        + "3 some cell is INCONCLUSIVE or VACUOUS (and none disagrees); 2 bad usage."})
public final class MatrixCommand implements Callable<Integer> {
    @Option(names = "--engines", split = ",", paramLabel = "E", description = "Engines (default: all): traces, tlc, alloy.")
    List<String> engines;

    @Option(names = "--schemes", split = ",", paramLabel = "S", description = "Schemes (default: all matrix schemes).")
    List<String> schemes;

    @Option(names = "--attacks", split = ",", paramLabel = "A", description = "Attacks (default: all).")
    List<String> attacks;

    @Option(names = "--format", defaultValue = "text", paramLabel = "F", description = "Terminal output: text, md, latex or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", defaultValue = "target/matrix", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", defaultValue = "20261127", paramLabel = "N", description = "Seed for every engine (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--jobs", paramLabel = "N", description = "Checks run in parallel (default: one per core, capped by memory); results do not depend on it.")
    Integer jobs;

    @Option(names = "--tries", defaultValue = "" + org.mptcpverify.traces.TracesEngine.DEFAULT_TRIES, paramLabel = "N", description = "traces engine: seeded runs of the generic attacker per cell (default: ${DEFAULT-VALUE}); the same as --bounds traces.tries=N.")
    int tries;

    @Option(names = "--scheme-file", paramLabel = "PATH", description = "traces and tlc engines: run this scheme definition (docs/scheme-definitions.md) under the name it gives (a new name, or a built-in's for its unchanged definition); --schemes defaults to that scheme.")
    Path schemeFile;

    @Option(names = "--bounds", paramLabel = "KEY=N[,KEY=N...]", description = BoundsArguments.DESCRIPTION)
    String bounds;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N", description = "tlc: TLC's own worker threads per run (default: ${DEFAULT-VALUE}); for one large cell.")
    int workers;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run only shard I of N (cells dealt round robin in matrix order); "
            + "combine the N output folders with 'merge'.")
    String shard;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS", description = "Per check; past it the check is INCONCLUSIVE (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    ForceOption force;

    @Option(names = "--recompute", description = "alloy: decide every cell live instead of reusing the committed verdict of "
            + org.mptcpverify.models.alloy.AlloyCoreVerdicts.FILE + " (a cell costs CPU minutes to an hour); without it a cell "
            + "not yet decided there is INCONCLUSIVE (pending) at the default seed and bounds, and decided live otherwise.")
    boolean recompute;

    @Option(names = "--rerun-failed-seeds", description = "Ignored: the per-attack generators that re-ran failed tries are deleted; the traces engine's runs are drawn from the seed alone.")
    boolean rerunFailedSeeds;

    @Override
    public Integer call() {
        if (!List.of("text", "md", "latex", "json").contains(format)) {
            throw new UserInputException("--format: unknown format '" + format + "' (text, md, latex, json)");
        }
        if (workers < 1) throw new UserInputException("--workers: must be at least 1, got " + workers);
        if (tries < 1) throw new UserInputException("--tries: must be at least 1, got " + tries);
        if (timeoutSeconds < 1) throw new UserInputException("--timeout: must be at least 1, got " + timeoutSeconds);
        Map<String, Supplier<Engine>> available = EngineRegistry.all(workers);
        SchemeFile sf = null;
        if (schemeFile != null) {
            List<String> wanted = engines == null ? new ArrayList<>(available.keySet()) : engines;
            for (String e : wanted) {
                if (available.containsKey(e)) {
                    SchemeFile.requireSupported(e);
                }
            }
            sf = SchemeFile.load(schemeFile);
            for (String e : wanted) {
                if (available.containsKey(e)) {
                    available.put(e, sf.engine(e, workers));
                }
            }
        }
        Map<String, Supplier<Engine>> selected = new LinkedHashMap<>();
        for (String e : engines == null ? new ArrayList<>(available.keySet()) : engines) {
            Supplier<Engine> f = available.get(e);
            if (f == null) throw new UserInputException("--engines: unknown engine '" + e + "' (known: " + String.join(", ", available.keySet()) + ")");
            selected.put(e, f);
        }
        FingerprintedEngine committedAlloy = null;
        if (sf == null) { // a scheme file's cells have no committed verdicts
            try {
                // a cell alloy-column has not decided yet costs CPU minutes to hours: at the committed
                // seed and bounds it is reported pending (INCONCLUSIVE, naming the command), not solved here
                committedAlloy = EngineRegistry.reuseCommittedAlloy(selected, seed, recompute,
                        seed == ResultsCommand.DEFAULT_SEED ? FingerprintedEngine.Miss.PENDING_AT_DEFAULTS
                                : FingerprintedEngine.Miss.COMPUTE);
            } catch (java.io.IOException e) {
                throw new UserInputException("cannot read " + org.mptcpverify.models.alloy.AlloyCoreVerdicts.FILE + ": " + e.getMessage());
            }
        }
        SchemeFile file = sf;
        List<SchemeId> ss = schemes == null ? (sf != null ? List.of(sf.scheme()) : SchemeId.matrixSchemes())
                : Names.all(schemes, "--schemes", n -> file != null ? file.byName(n) : SchemeId.byName(n), SchemeId.values());
        // a scheme file's data is generated for the engine that runs it
        selected.keySet().forEach(e -> ModelledSchemes.require(e, file == null ? ss
                : ss.stream().filter(x -> !x.equals(file.scheme())).toList()));
        List<AttackId> as = attacks == null ? AttackId.matrixAttacks()
                : Names.all(attacks, "--attacks", AttackId::byName, AttackId.values());
        selected.keySet().forEach(e -> ModelledSchemes.requireAttacks(e, as));
        org.mptcpverify.engine.Bounds requested = BoundsArguments.parse(bounds);
        BoundsArguments.requireNoTriesConflict(spec.commandLine().getParseResult().hasMatchedOption("--tries"), requested);
        Map<String, Engine> instances = new LinkedHashMap<>();
        selected.forEach((name, f) -> instances.put(name, f.get()));
        BoundsArguments.requireHonoured(instances, ss, as, requested);
        Shard part;
        try {
            part = shard == null ? Shard.WHOLE : Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--shard: " + e.getMessage());
        }
        int parallel = Jobs.resolve(jobs, System.err);
        OutputFolder folder = force.claim(out);
        Path outDir = folder.dir();
        EngineOptions options = new EngineOptions(seed, outDir.resolve("counterexamples"), outDir.resolve("work"),
                Duration.ofSeconds(timeoutSeconds), tries, false, requested, rerunFailedSeeds);
        List<Shard.Cell> cells = part.cells(ss, as);
        Progress progress = new Progress(System.err, System.console() != null, cells.size() * selected.size());
        try { // listed even when the run fails half-way, so that the next run may replace its files
            MatrixRun run = new MatrixRunner(selected, parallel).run(cells, options, progress, Versions.collect(ss, as));
            if (shard != null) {
                AtomicWrite.text(outDir.resolve(ShardFiles.SHARD_JSON), ShardFiles.render(
                        new ShardFiles.Selection(part, ss, as, List.copyOf(selected.keySet()))));
            }
            if (committedAlloy != null) System.err.println(EngineRegistry.summary("matrix", committedAlloy));
            return writeOutputs(run, outDir, format);
        } finally {
            folder.seal();
        }
    }

    /** matrix.json, matrix.md and matrix.tex into {@code outDir}, the chosen format on stdout; the exit code. */
    static int writeOutputs(MatrixRun run, Path outDir, String format) {
        Map<CellOutcome, ProofResult> proofs = CellProof.all(run);
        String json = MatrixFormats.json(run, outDir, proofs);
        String md = MatrixFormats.markdown(run, outDir, true, proofs);
        String tex = MatrixFormats.latex(run);
        AtomicWrite.text(outDir.resolve("matrix.json"), json);
        AtomicWrite.text(outDir.resolve("matrix.md"), md);
        AtomicWrite.text(outDir.resolve("matrix.tex"), tex);
        System.out.print(switch (format) {
            case "md" -> md;
            case "latex" -> tex;
            case "json" -> json;
            default -> MatrixFormats.text(run, outDir, proofs);
        });
        System.err.printf(java.util.Locale.ROOT, "matrix: %d cells, %.1f s; wrote %s%n", run.cells().size(), run.wallSeconds(), outDir);
        if (run.anyDisagreement()) {
            System.err.println("matrix: THE ENGINES DISAGREE on at least one cell (exit 1): see the DISAGREE marks above");
        }
        return run.exitCode();
    }
}
