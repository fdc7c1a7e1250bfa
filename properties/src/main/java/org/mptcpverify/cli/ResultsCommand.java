package org.mptcpverify.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import org.mptcpverify.chart.Charts;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.io.AtomicWrite;
import org.mptcpverify.matrix.CellOutcome;
import org.mptcpverify.matrix.CounterexampleReadme;
import org.mptcpverify.matrix.EngineRegistry;
import org.mptcpverify.matrix.FingerprintedEngine;
import org.mptcpverify.matrix.MatrixRun;
import org.mptcpverify.matrix.MatrixRunner;
import org.mptcpverify.matrix.Progress;
import org.mptcpverify.matrix.ResultsDoc;
import org.mptcpverify.matrix.TreeCompare;
import org.mptcpverify.matrix.Versions;
import org.mptcpverify.models.alloy.AlloyCoreVerdicts;
import org.mptcpverify.models.core.CoreCell;
import org.mptcpverify.models.core.CoreVerdicts;
import org.mptcpverify.models.verdicts.VerdictCache;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Regenerates (or checks) the committed results: counterexamples/ and docs/results.md. */
@Command(name = "results", mixinStandardHelpOptions = true,
        description = {"Run the default matrix and write the committed results: counterexamples/ (one folder per "
                + "violated cell, with a generated README.md and an SVG and TikZ sequence chart beside every "
                + "counterexample file), models/tla/core/cells/ (the TLC configuration of every cell), "
                + "models/tla/core/verdicts.json (the tlc verdicts with their fingerprints) "
                + "and docs/results.md. The alloy column is read from "
                + "models/alloy/core/verdicts.json (written by alloy-column), never decided here: a cell without a current "
                + "entry is INCONCLUSIVE (pending).",
                "With --check, write nothing; exit 1 when the committed results are stale, 0 when they are current "
                        + "(INCONCLUSIVE cells included: they are what was committed)."})
public final class ResultsCommand implements Callable<Integer> {
    public static final long DEFAULT_SEED = 20261127L;
    public static final int DEFAULT_TRIES = org.mptcpverify.traces.TracesEngine.DEFAULT_TRIES;

    @Option(names = "--check", description = "Compare instead of writing; exit 1 if stale. TLC (and the Alloy core) are rerun only for "
            + "the cells whose fingerprint in " + CoreVerdicts.FILE + " (" + AlloyCoreVerdicts.FILE + ") changed (or that were INCONCLUSIVE or whose counterexample "
            + "no longer replays).")
    boolean check;

    @Option(names = "--full", description = "With --check: rerun TLC (and the Alloy core, CPU hours) for every cell; without --full "
            + "the Alloy core's cells without a reusable verdict are INCONCLUSIVE (pending: alloy-column decides them).")
    boolean full;

    /** Per check: the core's largest default cells take minutes on a loaded machine. */
    static final Duration TIMEOUT = Duration.ofSeconds(900);

    @Option(names = "--jobs", defaultValue = "2", paramLabel = "N", description = "Checks in parallel (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Override
    public Integer call() {
        if (jobs < 1) throw new UserInputException("--jobs: must be at least 1, got " + jobs);
        if (full && !check) throw new UserInputException("--full: only with --check (results reruns every cell anyway)");
        Path root = Versions.repoRoot();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("docs"))) {
            throw new UserInputException("not in an mptcp-verify checkout: " + root);
        }
        Path runDir = root.resolve("target/results-run");
        TreeCompare.replace(root.resolve("target/empty-dir-does-not-exist"), runDir);
        EngineOptions options = new EngineOptions(DEFAULT_SEED, runDir.resolve("counterexamples"), runDir.resolve("work"),
                TIMEOUT, DEFAULT_TRIES, false);
        List<SchemeId> schemes = SchemeId.matrixSchemes();
        List<AttackId> attacks = AttackId.matrixAttacks();
        Progress progress = new Progress(System.err, System.console() != null,
                schemes.size() * attacks.size() * EngineRegistry.all().size());
        Map<String, Supplier<Engine>> engines = new LinkedHashMap<>(EngineRegistry.all());
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("tlc", CoreVerdicts.CACHE, root, true));
        // the Alloy core's column is alloy-column's: results reuses its decided entries and names the pending ones
        columns.add(new Column("alloy", AlloyCoreVerdicts.CACHE, AlloyCoreVerdicts.coreDir(), false));
        for (Column col : columns) {
            Path file = col.written ? root.resolve(col.cache.file()) : col.cxBase.resolve("verdicts.json");
            try {
                col.committed = col.cache.read(file);
            } catch (IOException e) {
                throw new UserInputException("cannot read " + col.cache.file() + ": " + e.getMessage());
            }
            if (check && col.written && col.committed.isEmpty()) {
                // without committed verdicts every cell of the column would be rerun only to report the file missing
                System.err.println("results: the committed results are stale (run ./mptcp-verify results):");
                System.err.println("  missing: " + col.cache.file());
                return Main.EXIT_FAILED;
            }
            if (check || !col.written) {
                // --check --full decides the Alloy core's cells live too (hours); otherwise its misses are pending
                FingerprintedEngine f = new FingerprintedEngine(engines.get(col.engine).get(), col.cache, col.committed,
                        col.cxBase, DEFAULT_SEED, check && full,
                        col.written || (check && full) ? FingerprintedEngine.Miss.COMPUTE : FingerprintedEngine.Miss.PENDING);
                engines.put(col.engine, () -> f);
                col.fingerprinted = f;
            }
        }
        MatrixRun run = new MatrixRunner(engines, jobs).run(schemes, attacks, options, progress, Versions.collect());
        for (Column col : columns) {
            for (CellOutcome c : run.cells()) {
                CellResult r = c.engines().get(col.engine);
                if (r != null) col.entries.add(col.cache.entry(c.scheme(), c.attack(), r, DEFAULT_SEED));
            }
        }
        CounterexampleReadme.Narrator narrator = Narration.onReference();
        for (CellOutcome c : run.cells()) {
            // an INCONCLUSIVE cell may hold the counterexamples of the engines that found one: they get the README too
            if (c.verdict() == Verdict.VIOLATED || !c.agree() || c.verdict() == Verdict.INCONCLUSIVE) {
                Path dir = options.counterexampleRoot().resolve(c.scheme().wireName()).resolve(c.attack().wireName());
                if (Files.isDirectory(dir)) AtomicWrite.text(dir.resolve("README.md"), CounterexampleReadme.render(c, narrator));
            }
        }
        if (Files.isDirectory(options.counterexampleRoot())) Charts.writeBesideAll(options.counterexampleRoot());
        String results;
        try {
            results = ResultsDoc.render(run, runDir, org.mptcpverify.matrix.HmacRate.committed(root),
                    org.mptcpverify.matrix.CellProof.all(run));
        } catch (java.io.IOException e) {
            throw new UserInputException("cannot read " + org.mptcpverify.matrix.HmacRate.FILE + ": " + e.getMessage());
        }
        Path mcRun = runDir.resolve("tla-core-cells");
        CoreCell.allConfigurations().forEach((name, cfg) -> AtomicWrite.text(mcRun.resolve(name), cfg));
        Path committedMc = root.resolve(CoreCell.CELLS_FOLDER);
        Path committedCx = root.resolve("counterexamples");
        Path committedResults = root.resolve("docs/results.md");
        if (check) {
            AtomicWrite.text(runDir.resolve("results.md"), results);
            List<String> diffs = new java.util.ArrayList<>(TreeCompare.differences(committedCx, options.counterexampleRoot()));
            TreeCompare.differences(committedMc, mcRun).forEach(d -> diffs.add(d + " (" + CoreCell.CELLS_FOLDER + ")"));
            if (!Files.exists(committedResults) || !TreeCompare.sameContent(committedResults, runDir.resolve("results.md"))) {
                diffs.add("differs: docs/results.md");
            }
            diffs.addAll(org.mptcpverify.matrix.SweepsSection.stale(root, org.mptcpverify.matrix.SweepsSection.committed(root)));
            for (Column col : columns) {
                for (VerdictCache.Entry e : col.entries) {
                    if (col.written && VerdictCache.lookup(col.committed, e.scheme(), e.attack()).isEmpty()) {
                        diffs.add(col.cache.file() + " has no entry for " + e.scheme().wireName() + " / " + e.attack().wireName());
                    }
                }
                col.fingerprinted.changed().forEach(d -> diffs.add(col.engine + " verdict changed on rerun (" + col.cache.file()
                        + "): " + d));
                if (!col.fingerprinted.reran().isEmpty()) {
                    System.out.println("results: " + col.engine + " rerun for " + col.fingerprinted.reran().size() + " cell(s): "
                            + String.join("; ", col.fingerprinted.reran()));
                    if (col.fingerprinted.changed().isEmpty() && diffs.isEmpty()) {
                        System.out.println("results: their verdicts are the committed ones; ./mptcp-verify results records the new fingerprints");
                    }
                }
            }
            printPending(columns);
            if (!diffs.isEmpty()) {
                System.err.println("results: the committed results are stale (run ./mptcp-verify results):");
                diffs.forEach(d -> System.err.println("  " + d));
                return Main.EXIT_FAILED;
            }
            System.out.println("results: committed counterexamples/ and docs/results.md are current");
            List<String> unexplained = unexplainedDisagreements(root, run);
            if (!unexplained.isEmpty()) {
                System.err.println("results: engines disagree without an explanation in " + DISAGREEMENTS + ":");
                unexplained.forEach(d -> System.err.println("  " + d));
                return Main.EXIT_FAILED;
            }
            return Main.EXIT_OK; // current: INCONCLUSIVE cells, pending ones included, are part of what was committed
        }
        TreeCompare.replace(options.counterexampleRoot(), committedCx);
        TreeCompare.replace(mcRun, committedMc);
        AtomicWrite.text(committedResults, results);
        StringBuilder files = new StringBuilder();
        for (Column col : columns) {
            if (!col.written) continue;
            AtomicWrite.text(root.resolve(col.cache.file()), col.cache.render(DEFAULT_SEED, col.entries));
            files.append(col.cache.file()).append(", ");
        }
        printPending(columns);
        System.out.println("results: wrote counterexamples/, models/tla/core/cells/, " + files
                + "and docs/results.md");
        return resultsExit(run);
    }

    /**
     * Like the matrix's exit code, except that a VACUOUS cell is a documented result (listed in
     * docs/results.md), not a failure to produce the committed results.
     */
    /** Explained disagreements: cell name to the engines' verdicts they explain and why. */
    static final Path DISAGREEMENTS = Path.of("docs", "disagreements.json");

    /**
     * Each disagreement of {@code run} that docs/disagreements.json does not explain with exactly its
     * verdicts, and each entry there that no longer disagrees: a disagreement is a finding to
     * explain, and an explanation of one that is gone is stale.
     */
    static List<String> unexplainedDisagreements(Path root, MatrixRun run) {
        com.fasterxml.jackson.databind.JsonNode explained;
        try {
            Path f = root.resolve(DISAGREEMENTS);
            explained = Files.exists(f) ? new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile()).path("cells")
                    : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        } catch (IOException e) {
            throw new UserInputException("cannot read " + DISAGREEMENTS + ": " + e.getMessage());
        }
        List<String> out = new ArrayList<>();
        java.util.Set<String> disagreeing = new java.util.TreeSet<>();
        for (CellOutcome c : run.cells()) {
            if (c.agree()) continue;
            String name = c.scheme().wireName() + " / " + c.attack().wireName();
            disagreeing.add(name);
            String verdicts = String.join(", ", c.engines().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue().verdict()).toList());
            String listed = explained.path(name).path("verdicts").asText(null);
            if (!verdicts.equals(listed)) {
                out.add(name + ": " + verdicts + (listed == null ? " (not listed)" : " (listed as " + listed + ")"));
            }
        }
        explained.fieldNames().forEachRemaining(n -> {
            if (!disagreeing.contains(n)) out.add(n + ": listed, but the engines agree now (remove the entry)");
        });
        return out;
    }

    /**
     * A model-checked column whose verdicts are committed with their fingerprints (tlc; alloy on
     * the Alloy generic core): {@code results} writes them, {@code results --check} reruns only the
     * cells whose fingerprint changed (through {@link FingerprintedEngine}).
     */
    private static final class Column {
        final String engine;
        final VerdictCache cache;
        /** The folder the committed counterexample paths are relative to (and, unless written, of verdicts.json). */
        final Path cxBase;
        /** Whether results writes the file (tlc); the Alloy core's is alloy-column's. */
        final boolean written;
        Map<String, VerdictCache.Entry> committed = Map.of();
        FingerprintedEngine fingerprinted;
        final List<VerdictCache.Entry> entries = new ArrayList<>();

        Column(String engine, VerdictCache cache, Path cxBase, boolean written) {
            this.engine = engine;
            this.cache = cache;
            this.cxBase = cxBase;
            this.written = written;
        }
    }

    /** The cells of a column results did not decide (the Alloy core's pending cells), on stderr. */
    private static void printPending(List<Column> columns) {
        for (Column col : columns) {
            if (col.fingerprinted == null || col.fingerprinted.pending().isEmpty()) continue;
            System.err.println("results: " + col.engine + " INCONCLUSIVE (pending) for " + col.fingerprinted.pending().size()
                    + " cell(s) without a reusable verdict in " + col.cache.file() + "; decide them with ./mptcp-verify alloy-column "
                    + "(docs/models.md, \"Deciding the column\"): " + String.join("; ", col.fingerprinted.pending()));
        }
    }

    private static int resultsExit(MatrixRun run) {
        if (run.anyDisagreement()) return Main.EXIT_FAILED;
        return run.anyInconclusive() ? Main.EXIT_INCONCLUSIVE : Main.EXIT_OK;
    }
}
