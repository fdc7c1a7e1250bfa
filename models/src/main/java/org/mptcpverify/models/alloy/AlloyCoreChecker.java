package org.mptcpverify.models.alloy;

import edu.mit.csail.sdg.alloy4.Err;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mptcpverify.io.AtomicWrite;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.Verdict;

/**
 * Checks cells of the Alloy generic core (models/alloy/core) with the shared {@link AlloyRunner},
 * in the calling thread, one cell at a time per JVM (the analyzer permit of {@link AlloyEngine}).
 * The run folder gets the core's modules, the cell's generated scheme module as {@code scheme.als}
 * and its generated term universe as {@code dag.als}, the names core.als opens. No timeout of its own yet: the caller bounds the cells it runs.
 */
public final class AlloyCoreChecker {
    /** The generic modules, relative to models/alloy/core. */
    static final List<String> CORE_MODULES = List.of("termsig.als", "terms.als", "lang.als", "attacker.als", "core.als");

    private final String solver;

    public AlloyCoreChecker(String solver) {
        this.solver = solver;
    }

    /** models/alloy/core: {@code -Dmptcp.repoRoot}, else found above the working directory. */
    static Path locateCore() {
        return AlloyModelFiles.locateModel().getParent().resolve("core");
    }

    /** Writes the cell's run folder under {@code workDir}; returns the cell module. */
    public static Path writeCell(AlloyCoreCell cell, Path workDir) {
        Path core = locateCore();
        Path dir = workDir.resolve(cell.moduleName());
        try {
            for (String m : CORE_MODULES) {
                copy(core.resolve(m), dir.resolve(m));
            }
            copy(core.resolve("schemes").resolve(cell.schemeFile()), dir.resolve("scheme.als"));
            AlloyTermDag.Rendered dag = cell.dag();
            AtomicWrite.text(dir.resolve("dag.als"), dag.text());
            Path file = dir.resolve(cell.moduleName() + ".als");
            AtomicWrite.text(file, cell.render(dag));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        AtomicWrite.text(to, Files.readString(from, StandardCharsets.UTF_8));
    }

    /** Parses the cell module and the modules it opens (type errors surface here). */
    public static void parse(AlloyCoreCell cell, Path workDir) throws Err {
        Path file = writeCell(cell, workDir);
        AlloyWarmUp.ensure();
        AlloyRunner.parse(file, AlloyEngine.DEFAULT_SOLVER, file.getParent());
    }

    public AlloyCoreResult check(AlloyCoreCell cell, Path workDir) {
        long t0 = System.nanoTime();
        List<String> commands = new ArrayList<>();
        List<PropertyId> violated = new ArrayList<>();
        AlloyWarmUp.ensure();
        try {
            AlloyEngine.ANALYZER.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AlloyCoreResult(Verdict.INCONCLUSIVE, List.of(), List.of(), 0, "interrupted");
        }
        try {
            Path file = writeCell(cell, workDir);
            AlloyRunner runner = AlloyRunner.parse(file, solver, file.getParent(), 0);
            for (PropertyId p : cell.properties()) {
                AlloyRunner.Solved s = note(commands, runner.execute(p.modelName()));
                if (s.satisfiable()) {
                    violated.add(p);
                }
            }
            if (!violated.isEmpty()) {
                return result(Verdict.VIOLATED, violated, commands, t0, null);
            }
            if (note(commands, runner.execute(AlloyCoreCell.KNOWLEDGE_IS_CLOSED)).satisfiable()) {
                return result(Verdict.INCONCLUSIVE, violated, commands, t0, "knowledge rounds not closed in scope");
            }
            if (!note(commands, runner.execute(AlloyCoreCell.WITNESS)).satisfiable()) {
                return cell.attack().hasAttacker()
                        ? result(Verdict.VACUOUS, violated, commands, t0, "no attacker segment reaches a check in scope")
                        : result(Verdict.INCONCLUSIVE, violated, commands, t0, "no legitimate join in scope");
            }
            return result(Verdict.HOLDS, violated, commands, t0, null);
        } catch (RuntimeException e) { // Err (parse, type, translation errors) is one
            return result(Verdict.INCONCLUSIVE, violated, commands, t0, "alloy: " + e.getMessage());
        } finally {
            AlloyEngine.ANALYZER.release();
        }
    }

    private static AlloyRunner.Solved note(List<String> commands, AlloyRunner.Solved s) {
        commands.add(String.format(Locale.ROOT, "%s %s %s vars=%d clauses=%d %.1fs", s.check() ? "check" : "run", s.label(),
                s.satisfiable() ? "sat" : "unsat", s.primaryVars(), s.clauses(), s.seconds()));
        return s;
    }

    private static AlloyCoreResult result(Verdict v, List<PropertyId> violated, List<String> commands, long t0, String why) {
        return new AlloyCoreResult(v, List.copyOf(violated), List.copyOf(commands), (System.nanoTime() - t0) / 1e9, why);
    }
}
