package org.mptcpverify.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mptcpverify.engine.Bounds;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.io.AtomicWrite;
import org.mptcpverify.models.alloy.AlloyCoreEngine;
import org.mptcpverify.models.alloy.AlloyCoreVerdicts;
import org.mptcpverify.models.verdicts.VerdictCache;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Decides the default matrix's column on the Alloy generic core one cell per JVM, recording each
 * verdict with its fingerprint as it is decided (the cells cost CPU minutes each: a column is a
 * background job that may be stopped and resumed). {@code --pending} lists the cells still to
 * decide; {@code --cell} decides one and merges it into the verdicts file. A shell loop runs the
 * column (docs/models.md, "Deciding the column"):
 * <pre>
 * ./mptcp-verify alloy-column --pending | while read s a; do nice ./mptcp-verify alloy-column --cell "$s" "$a"; done
 * </pre>
 */
@Command(name = "alloy-column", mixinStandardHelpOptions = true,
        description = {"Decide the default matrix's alloy column on the Alloy generic core (models/alloy/core), one cell per "
                + "run, each verdict merged into DIR/verdicts.json (format of " + AlloyCoreVerdicts.FILE + ") with its "
                + "fingerprint and its counterexample under DIR/counterexamples/.",
                "--pending prints the cells not yet decided for the current fingerprints (one 'scheme attack' per line); "
                        + "--cell S A decides one."})
public final class AlloyColumnCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "target/alloy-column", paramLabel = "DIR",
            description = "Folder of the verdicts file and the counterexamples (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--pending", description = "List the cells without a current decided entry (missing, stale fingerprint, INCONCLUSIVE).")
    boolean pending;

    @Option(names = "--cell", arity = "2", paramLabel = "NAME", description = "Decide this cell: a scheme and an attack.")
    List<String> cell;

    @Option(names = "--timeout", defaultValue = "1800", paramLabel = "SECONDS",
            description = "Past it the cell is INCONCLUSIVE (default: ${DEFAULT-VALUE}; CPU-bound, so on a loaded machine more wall time).")
    int timeoutSeconds;

    @Option(names = "--solver", paramLabel = "NAME",
            description = "SAT solver (default: $MPTCP_ALLOY_SOLVER, else minisat): minisat, glucose or sat4j (bundled with Alloy), or cadical (an external "
                    + "program on the PATH, Debian package cadical: faster on the large cells). The verdict does not "
                    + "depend on it; the entry records it.")
    String solver;

    @Override
    public Integer call() {
        if (pending == (cell != null)) throw new UserInputException("give exactly one of --pending and --cell SCHEME ATTACK");
        if (timeoutSeconds < 1) throw new UserInputException("--timeout: must be at least 1, got " + timeoutSeconds);
        if (Files.exists(out) && !Files.isDirectory(out)) throw new UserInputException("--out: not a folder: " + out);
        if (solver == null) solver = AlloyCoreEngine.configuredSolver();
        String unavailable = cell == null ? null : AlloyCoreEngine.solverProblem(solver);
        if (unavailable != null) throw new UserInputException("--solver: " + unavailable);
        Path file = out.resolve("verdicts.json");
        Map<String, VerdictCache.Entry> recorded = read(file);
        if (pending) {
            for (SchemeId s : SchemeId.matrixSchemes()) {
                for (AttackId a : AttackId.matrixAttacks()) {
                    if (!current(recorded, s, a)) System.out.println(s.wireName() + " " + a.wireName());
                }
            }
            return Main.EXIT_OK;
        }
        SchemeId s = Names.one(cell.get(0), "--cell", SchemeId::byName, SchemeId.values());
        AttackId a = Names.one(cell.get(1), "--cell", AttackId::byName, AttackId.values());
        ModelledSchemes.require("alloy", List.of(s));
        ModelledSchemes.requireAttacks("alloy", List.of(a));
        if (current(recorded, s, a)) {
            System.out.println("alloy-column " + s + " / " + a + ": already decided for its current fingerprint");
            return Main.EXIT_OK;
        }
        EngineOptions o = new EngineOptions(ResultsCommand.DEFAULT_SEED, out.resolve("counterexamples"), out.resolve("work"),
                Duration.ofSeconds(timeoutSeconds), ResultsCommand.DEFAULT_TRIES, false, Bounds.NONE);
        CellResult r = new AlloyCoreEngine(solver).check(s, a, o);
        merge(file, AlloyCoreVerdicts.CACHE.entry(s, a, r, ResultsCommand.DEFAULT_SEED));
        System.out.printf(Locale.ROOT, "alloy-column %s / %s: %s%s %s%n", s, a, r.verdict(), r.violated(),
                r.reason() == null ? "" : "(" + r.reason() + ")");
        return Main.EXIT_OK;
    }

    /** Decided (not INCONCLUSIVE) for the current fingerprint. */
    private static boolean current(Map<String, VerdictCache.Entry> recorded, SchemeId s, AttackId a) {
        return VerdictCache.lookup(recorded, s, a)
                .filter(e -> e.verdict() != org.mptcpverify.vocab.Verdict.INCONCLUSIVE)
                .filter(e -> AlloyCoreVerdicts.CACHE.current(e, ResultsCommand.DEFAULT_SEED))
                .isPresent();
    }

    private static Map<String, VerdictCache.Entry> read(Path file) {
        try {
            return AlloyCoreVerdicts.CACHE.read(file);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Replaces the cell's entry, keeping the matrix's order; under a lock, written atomically. */
    private static void merge(Path file, VerdictCache.Entry entry) {
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(file.resolveSibling("verdicts.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
                Map<String, VerdictCache.Entry> all = read(file);
                all.put(VerdictCache.key(entry.scheme(), entry.attack()), entry);
                List<VerdictCache.Entry> ordered = new ArrayList<>();
                for (SchemeId s : SchemeId.values()) {
                    for (AttackId a : AttackId.values()) {
                        VerdictCache.lookup(all, s, a).ifPresent(ordered::add);
                    }
                }
                AtomicWrite.text(file, AlloyCoreVerdicts.CACHE.render(ResultsCommand.DEFAULT_SEED, ordered));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + file + ": " + e.getMessage(), e);
        }
    }
}
