package org.mptcpverify.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.io.AtomicWrite;
import org.mptcpverify.matrix.CellOutcome;
import org.mptcpverify.matrix.EngineRegistry;
import org.mptcpverify.matrix.Progress;
import org.mptcpverify.mutants.MutantReport;
import org.mptcpverify.mutants.MutationAnalysis;
import org.mptcpverify.mutants.MutationAnalysis.SchemeResult;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Mutation analysis of scheme definitions (docs/mutants.md). */
@Command(name = "mutants", mixinStandardHelpOptions = true,
        description = {"For each scheme definition, remove each check in turn and make each single-use (once) lookup reusable; "
                + "run the matrix row of every such mutant (<scheme>~<mutation>) and report which cells kill it.",
                "A cell kills a mutant when it finds a violation the original's row does not have, and the counterexample "
                        + "replays on the mutant and not on the original.",
                "Writes mutants.json, mutants.md and the counterexamples into --out; progress on standard error.",
                "Exit codes: 0 every mutant killed; 1 some mutant survived; 3 none survived but some cell is INCONCLUSIVE; 2 bad usage."})
public final class MutantsCommand implements Callable<Integer> {
    @Option(names = "--scheme", split = ",", paramLabel = "S", description = "Built-in schemes (default: the ten modelled schemes, unless --scheme-file is given).")
    List<String> schemes;

    @Option(names = "--scheme-file", paramLabel = "PATH", description = "A scheme definition (docs/scheme-definitions.md) to mutate, under the name it gives.")
    Path schemeFile;

    @Option(names = "--engines", split = ",", paramLabel = "E", description = "Engines that run scheme definitions (default: traces).")
    List<String> engines;

    @Option(names = "--mutations", split = ",", paramLabel = "M", description = "Only these mutations (the part after '~', e.g. unchecked.join-ack.hmac; default: all).")
    List<String> mutations;

    @Option(names = "--attacks", split = ",", paramLabel = "A", description = "Attacks (default: all).")
    List<String> attacks;

    @Option(names = "--format", defaultValue = "text", paramLabel = "F", description = "Terminal output: text, md or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", defaultValue = "target/mutants", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", defaultValue = "20261127", paramLabel = "N", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tries", defaultValue = "" + org.mptcpverify.traces.TracesEngine.DEFAULT_TRIES, paramLabel = "N", description = "traces engine: seeded runs of the generic attacker per cell (default: ${DEFAULT-VALUE}).")
    int tries;

    @Option(names = "--jobs", paramLabel = "N", description = "Checks run in parallel (default: one per core, capped by memory); results do not depend on it.")
    Integer jobs;

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS", description = "Per check; past it the check is INCONCLUSIVE (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    ForceOption force;

    @Override
    public Integer call() {
        if (!List.of("text", "md", "json").contains(format)) {
            throw new UserInputException("--format: unknown format '" + format + "' (text, md, json)");
        }
        if (tries < 1) throw new UserInputException("--tries: must be at least 1, got " + tries);
        if (timeoutSeconds < 1) throw new UserInputException("--timeout: must be at least 1, got " + timeoutSeconds);
        List<String> es = engines == null ? List.of("traces") : engines;
        for (String e : es) {
            if (!MutationAnalysis.DEFINITION_ENGINES.containsKey(e)) {
                if (EngineRegistry.all().containsKey(e)) {
                    throw new UserInputException("engine " + e + " cannot run mutants yet (--engines "
                            + String.join(",", MutationAnalysis.DEFINITION_ENGINES.keySet()) + ")");
                }
                throw new UserInputException("--engines: unknown engine '" + e + "' (known: "
                        + String.join(", ", EngineRegistry.all().keySet()) + ")");
            }
        }
        List<MutationAnalysis.Subject> subjects = new ArrayList<>();
        List<SchemeId> builtIns = schemes == null ? (schemeFile == null ? SchemeId.modelledSchemes() : List.of())
                : Names.all(schemes, "--scheme", SchemeId::byName, SchemeId.values());
        for (SchemeId s : builtIns) {
            Path file = SchemeFile.builtInFile(s);
            subjects.add(new MutationAnalysis.Subject(SchemeFile.parse(file), "models/schemes/" + s.wireName() + ".scheme"));
        }
        if (schemeFile != null) {
            SchemeDefinition d = SchemeFile.parse(schemeFile);
            SchemeFile.of(schemeFile, d); // validates the name
            if (subjects.stream().anyMatch(x -> x.definition().name().equals(d.name()))) {
                throw new UserInputException("--scheme-file: " + schemeFile + " defines " + d.name() + ", also given in --scheme");
            }
            subjects.add(new MutationAnalysis.Subject(d, schemeFile.toString()));
        }
        List<AttackId> as = attacks == null ? List.of(AttackId.values())
                : Names.all(attacks, "--attacks", AttackId::byName, AttackId.values());
        int parallel = Jobs.resolve(jobs, System.err);
        MutationAnalysis analysis = new MutationAnalysis(es, parallel, mutations == null ? java.util.Set.of() : java.util.Set.copyOf(mutations));
        if (mutations != null) {
            List<String> known = subjects.stream().flatMap(x -> org.mptcpverify.definition.Mutants.of(x.definition()).stream())
                    .map(org.mptcpverify.definition.Mutants.Mutant::mutation).distinct().toList();
            for (String m : mutations) {
                if (!known.contains(m)) {
                    throw new UserInputException("--mutations: no mutation '" + m + "' (known: " + String.join(", ", known) + ")");
                }
            }
        }
        OutputFolder folder = force.claim(out);
        Path outDir = folder.dir();
        try {
            EngineOptions options = new EngineOptions(seed, outDir.resolve("counterexamples"), outDir.resolve("work"),
                    Duration.ofSeconds(timeoutSeconds), tries, false);
            Progress progress = new Progress(System.err, System.console() != null, analysis.checks(subjects, as));
            long start = System.nanoTime();
            List<SchemeResult> results = analysis.run(subjects, as, options, progress);
            MutantReport.Settings settings = new MutantReport.Settings(es, seed, "traces.tries=" + tries, command(es, as));
            String json = MutantReport.json(results, settings, outDir);
            String md = MutantReport.markdown(results, settings);
            AtomicWrite.text(outDir.resolve("mutants.json"), json);
            AtomicWrite.text(outDir.resolve("mutants.md"), md);
            System.out.print(switch (format) {
                case "md" -> md;
                case "json" -> json;
                default -> MutantReport.text(results);
            });
            long survivors = results.stream().mapToLong(r -> r.mutants().size() - r.killed()).sum();
            boolean inconclusive = results.stream().flatMap(r -> r.mutants().stream()).flatMap(m -> m.cells().stream())
                    .anyMatch(CellOutcome::inconclusive);
            System.err.printf(Locale.ROOT, "mutants: %d schemes, %d mutants, %d survived, %.1f s; wrote %s%n", results.size(),
                    results.stream().mapToLong(r -> r.mutants().size()).sum(), survivors, (System.nanoTime() - start) / 1e9, outDir);
            return survivors > 0 ? Main.EXIT_FAILED : inconclusive ? Main.EXIT_INCONCLUSIVE : Main.EXIT_OK;
        } finally {
            folder.seal();
        }
    }

    /** The command line that reproduces this run (recorded in the outputs; --out, --jobs and --format do not change them). */
    private String command(List<String> es, List<AttackId> as) {
        StringBuilder sb = new StringBuilder("./mptcp-verify mutants");
        if (schemes != null) sb.append(" --scheme ").append(String.join(",", schemes));
        if (schemeFile != null) sb.append(" --scheme-file ").append(schemeFile);
        if (mutations != null) sb.append(" --mutations ").append(String.join(",", mutations));
        if (engines != null) sb.append(" --engines ").append(String.join(",", es));
        if (attacks != null) sb.append(" --attacks ").append(String.join(",", as.stream().map(AttackId::wireName).toList()));
        sb.append(" --seed ").append(seed).append(" --tries ").append(tries);
        return sb.toString();
    }
}
