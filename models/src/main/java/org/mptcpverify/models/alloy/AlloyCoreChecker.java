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
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.Verdict;

/**
 * Checks cells of the Alloy generic core (models/alloy/core) with the shared {@link AlloyRunner},
 * in the calling thread, one cell at a time per JVM (the analyzer permit of {@link AlloyAnalyzer}).
 * The run folder gets the core's modules, the cell's generated scheme module as {@code scheme.als}
 * its generated term universe as {@code dag.als} and its attacker knowledge as {@code knowledge.als}
 * ({@link AlloyCoreKnowledge}), the names core.als opens. No timeout of its
 * own: {@link AlloyCoreEngine} runs it on a worker bounded by the cell's timeout.
 */
public final class AlloyCoreChecker {
    /** The generic modules, relative to models/alloy/core. */
    static final List<String> CORE_MODULES = List.of("termsig.als", "terms.als", "lang.als", "attacker.als", "core.als");

    private final String solver;
    /** The reference implementations a counterexample replays on (a given definition's, for a scheme file). */
    private final java.util.function.Function<org.mptcpverify.vocab.SchemeId, org.mptcpverify.scheme.AuthScheme> implementations;

    public AlloyCoreChecker(String solver) {
        this(solver, org.mptcpverify.scheme.Schemes::of);
    }

    public AlloyCoreChecker(String solver,
                            java.util.function.Function<org.mptcpverify.vocab.SchemeId, org.mptcpverify.scheme.AuthScheme> implementations) {
        this.solver = solver;
        this.implementations = implementations;
    }

    /** models/alloy/core: {@code -Dmptcp.repoRoot}, else found above the working directory. */
    static Path locateCore() {
        return AlloyModelFiles.locateCore();
    }

    /** Writes the cell's run folder under {@code workDir}; returns the cell module. */
    public static Path writeCell(AlloyCoreCell cell, Path workDir) {
        return writeCell(cell, workDir, cell.dag());
    }

    /** As {@link #writeCell(AlloyCoreCell, Path)} with the cell's universe already computed. */
    public static Path writeCell(AlloyCoreCell cell, Path workDir, AlloyTermDag.Rendered dag) {
        Path core = locateCore();
        Path dir = workDir.resolve(cell.moduleName());
        try {
            for (String m : CORE_MODULES) {
                copy(core.resolve(m), dir.resolve(m));
            }
            // the committed module restricted to the modes the cell's ends can run (dead modes cost translation)
            AtomicWrite.text(dir.resolve("scheme.als"), cell.schemeModule());
            AtomicWrite.text(dir.resolve("dag.als"), dag.text());
            AtomicWrite.text(dir.resolve("knowledge.als"), AlloyCoreKnowledge.render(cell, dag));
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
        AlloyRunner.parse(file, AlloyAnalyzer.DEFAULT_SOLVER, file.getParent());
    }

    /** {@link #check(AlloyCoreCell, Path, long)} with the project's default seed (keys of a counterexample). */
    public AlloyCoreResult check(AlloyCoreCell cell, Path workDir) {
        return check(cell, workDir, DEFAULT_SEED);
    }

    static final long DEFAULT_SEED = 20261127L;

    /** Decides the cell in the calling thread, holding the analyzer permit of {@link AlloyAnalyzer}. */
    public AlloyCoreResult check(AlloyCoreCell cell, Path workDir, long seed) {
        AlloyWarmUp.ensure();
        try {
            AlloyAnalyzer.PERMIT.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run().result(Verdict.INCONCLUSIVE, "interrupted");
        }
        try {
            return decide(cell, workDir, seed, new Run());
        } finally {
            AlloyAnalyzer.PERMIT.release();
        }
    }

    /** What a cell's commands measured so far (a timed-out engine reports the commands that finished). */
    static final class Run {
        final long t0 = System.nanoTime();
        final List<String> commands = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<PropertyId> violated = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        volatile double cpu;
        volatile int maxClauses;
        volatile int maxVars;
        SegmentTrace counterexample;

        AlloyRunner.Solved note(AlloyRunner.Solved s) {
            commands.add(String.format(Locale.ROOT, "%s %s %s vars=%d clauses=%d %.1fs cpu=%.1fs", s.check() ? "check" : "run",
                    s.label(), s.satisfiable() ? "sat" : "unsat", s.primaryVars(), s.clauses(), s.seconds(), s.cpuSeconds()));
            cpu += s.cpuSeconds();
            maxClauses = Math.max(maxClauses, s.clauses());
            maxVars = Math.max(maxVars, s.primaryVars());
            return s;
        }

        AlloyCoreResult result(Verdict v, String why) {
            return new AlloyCoreResult(v, List.copyOf(violated), List.copyOf(commands), (System.nanoTime() - t0) / 1e9, why,
                    v == Verdict.VIOLATED ? counterexample : null, Math.round(cpu * 10) / 10.0, maxClauses, maxVars);
        }
    }

    /**
     * The verdict rule: a satisfiable check counts only once its instance is exported as a
     * segment-level trace and that trace violates the property on the Java reference; the
     * knowledge rounds must be closed (checked with the first property, {@link AlloyCoreCell#foldsKnowledgeCheck})
     * and, for HOLDS, the witness satisfiable.
     */
    AlloyCoreResult decide(AlloyCoreCell cell, Path workDir, long seed, Run run) {
        try {
            AlloyTermDag.Rendered dag = cell.dag();
            Path file = writeCell(cell, workDir, dag);
            AlloyRunner runner = AlloyRunner.parse(file, solver, file.getParent(), 0);
            boolean unclosed = false;
            for (PropertyId p : cell.properties()) {
                AlloyRunner.Solved s = run.note(runner.execute(p.modelName()));
                if (s.satisfiable() && cell.foldsKnowledgeCheck() && p == cell.properties().get(0)
                        && !violatedIn(s, runner, p)) { // the folded check failed on knowledgeIsClosed only
                    unclosed = true;
                    continue;
                }
                if (s.satisfiable()) {
                    String problem = replays(cell, p, seed, s, runner, dag, run);
                    if (problem == null) {
                        run.violated.add(p);
                    } else {
                        run.problems.add(problem);
                    }
                }
            }
            if (!run.violated.isEmpty()) {
                return run.result(Verdict.VIOLATED, null);
            }
            if (!run.problems.isEmpty()) {
                return run.result(Verdict.INCONCLUSIVE, String.join("; ", run.problems));
            }
            // a cell without knowledge rounds (AlloyCoreKnowledge.needed) has nothing to close; with a
            // property, the first check closed it (AlloyCoreCell.foldsKnowledgeCheck)
            if (unclosed || AlloyCoreKnowledge.needed(cell) && !cell.foldsKnowledgeCheck()
                    && run.note(runner.execute(AlloyCoreCell.KNOWLEDGE_IS_CLOSED)).satisfiable()) {
                return run.result(Verdict.INCONCLUSIVE, "knowledge rounds not closed in scope");
            }
            if (!run.note(runner.execute(AlloyCoreCell.WITNESS)).satisfiable()) {
                return cell.attack().hasAttacker()
                        ? run.result(Verdict.VACUOUS, "no attacker segment reaches a check in scope")
                        : run.result(Verdict.INCONCLUSIVE, cell.attack() == AttackId.ONE_SIDED_KEY
                                ? "neither a legitimate join nor a settled fallback in scope" : "no legitimate join in scope");
            }
            return run.result(Verdict.HOLDS, null);
        } catch (RuntimeException e) { // Err (parse, type, translation errors, "capacity exceeded") is one
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip().split("\n")[0];
            return run.result(Verdict.INCONCLUSIVE, "alloy: " + m);
        }
    }

    /** Whether some state of a satisfiable check's instance violates {@code p} itself. */
    static boolean violatedIn(AlloyRunner.Solved s, AlloyRunner runner, PropertyId p) {
        try {
            edu.mit.csail.sdg.ast.Expr e = edu.mit.csail.sdg.parser.CompUtil.parseOneExpression_fromString(runner.world(), p.modelName());
            for (int i = 0; i < s.solution().getTraceLength(); i++) {
                if (Boolean.FALSE.equals(s.solution().eval(e, i))) {
                    return true;
                }
            }
            return false;
        } catch (Err e) {
            throw new IllegalStateException("cannot evaluate " + p.modelName() + ": " + e.getMessage(), e);
        }
    }

    /** Null when the instance of {@code p}'s check replays on the reference (kept as the counterexample), else why not. */
    private String replays(AlloyCoreCell cell, PropertyId p, long seed, AlloyRunner.Solved s, AlloyRunner runner,
                                  AlloyTermDag.Rendered dag, Run run) {
        SegmentTrace t;
        try {
            t = AlloyCoreTraceExport.of(cell, p, seed, s.solution(), runner.world(), dag);
        } catch (IllegalArgumentException e) {
            return p.modelName() + ": the instance could not be exported (" + e.getMessage() + ")";
        }
        try {
            SegmentReplayer.Result r = new SegmentReplayer(implementations).replay(t);
            if (!r.reproduced()) {
                return p.modelName() + ": not violated on replay" + r.divergence().map(d -> " (the reference diverges: " + d + ")").orElse("");
            }
        } catch (BadTraceFileException | RuntimeException e) {
            return p.modelName() + ": the reference refused the trace (" + e.getMessage() + ")";
        }
        if (run.counterexample == null) {
            run.counterexample = t;
        }
        return null;
    }
}
