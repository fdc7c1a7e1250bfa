package org.mptcpverify.models.alloy;

import edu.mit.csail.sdg.alloy4.A4Reporter;
import edu.mit.csail.sdg.alloy4.Err;
import edu.mit.csail.sdg.ast.Command;
import edu.mit.csail.sdg.parser.CompModule;
import edu.mit.csail.sdg.parser.CompUtil;
import edu.mit.csail.sdg.translator.A4Options;
import edu.mit.csail.sdg.translator.A4Solution;
import edu.mit.csail.sdg.translator.TranslateAlloyToKodkod;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import kodkod.engine.satlab.SATFactory;

/**
 * Parses a cell module and executes its commands headless, in the calling thread. The caller
 * owns timeouts (AlloyCoreEngine runs this on a worker thread).
 */
final class AlloyRunner {
    /**
     * One executed command. For a {@code check}, {@code satisfiable} means a counterexample.
     * {@code translateSeconds}: wall time until the CNF was handed to the solver (-1 if it never
     * was); {@code cpuSeconds}: this thread's CPU time for the whole command (on a loaded machine
     * the number to compare, not the wall time); {@code translateCpuSeconds}: the part of it spent
     * before the CNF reached the solver (-1 if it never did), so that solvers are compared on the
     * rest. An external solver (plingeling) runs in a child process whose CPU neither counts.
     */
    record Solved(String label, boolean check, boolean satisfiable, int primaryVars, int totalVars,
                  int clauses, double seconds, double translateSeconds, double cpuSeconds,
                  double translateCpuSeconds, A4Solution solution) {
    }

    private final CompModule world;
    private final Map<String, String> sources;
    private final A4Options options;

    private AlloyRunner(CompModule world, Map<String, String> sources, A4Options options) {
        this.world = world;
        this.sources = sources;
        this.options = options;
    }

    /** Parses {@code cellFile} (and the modules it opens, found next to it). */
    static AlloyRunner parse(Path cellFile, String solverId, Path tmpDir) throws Err {
        return parse(cellFile, solverId, tmpDir, new A4Options().symmetry);
    }

    /**
     * As {@link #parse(Path, String, Path)} with Kodkod's symmetry-breaking bound; 0 switches it
     * off (the generic core: its atoms are distinct constants or taken in a fixed order, and
     * generating the predicate for its temporal relations cost minutes).
     */
    static AlloyRunner parse(Path cellFile, String solverId, Path tmpDir, int symmetry) throws Err {
        Map<String, String> loaded = new LinkedHashMap<>();
        CompModule world = CompUtil.parseEverything_fromFile(A4Reporter.NOP, loaded, cellFile.toString());
        A4Options opt = new A4Options();
        opt.solver = DimacsSolverFactory.external(solverId).orElseGet(() -> SATFactory.get(solverId));
        opt.tempDirectory = tmpDir.toString();
        opt.solverDirectory = tmpDir.toString();
        opt.originalFilename = cellFile.toString();
        opt.skolemDepth = 1;
        opt.symmetry = symmetry;
        // the generic core (symmetry off): Alloy's partial-instance inference over its temporal
        // relations ran for minutes before translation (measured: docs/models.md), and its
        // bounds are already tight by the dag's typed value sigs
        opt.inferPartialInstance = symmetry != 0;
        return new AlloyRunner(world, loaded, opt);
    }

    CompModule world() {
        return world;
    }

    /** Every source file read, by absolute path, for embedding in the instance XML. */
    Map<String, String> sources() {
        return sources;
    }

    /** The command with this label whose State scope is {@code states}. */
    Command command(String label, int states) {
        return world.getAllCommands().stream()
                .filter(c -> c.label.equals(label))
                .filter(c -> c.scope.stream().anyMatch(cs -> isState(cs.sig.label) && cs.startingScope == states))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "no command " + label + " with " + states + " State in the cell module"));
    }

    private static boolean isState(String sigLabel) {
        return sigLabel.equals("State") || sigLabel.endsWith("/State");
    }

    Solved execute(String label, int states) throws Err {
        return execute(command(label, states));
    }

    /** The first command with this label (models without a State sig: the Alloy generic core). */
    Solved execute(String label) throws Err {
        return execute(world.getAllCommands().stream().filter(c -> c.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no command " + label + " in the cell module")));
    }

    private Solved execute(Command cmd) throws Err {
        StatsReporter stats = new StatsReporter();
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        stats.t0 = t0;
        stats.cpu0 = cpu0;
        A4Solution sol = TranslateAlloyToKodkod.execute_command(stats, world.getAllReachableSigs(), cmd, options);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Solved(cmd.label, cmd.check, sol.satisfiable(), stats.primaryVars, stats.totalVars,
                stats.clauses, seconds, stats.translated < 0 ? -1 : (stats.translated - t0) / 1e9,
                (cpuNanos() - cpu0) / 1e9, stats.translated < 0 ? -1 : (stats.translatedCpu - cpu0) / 1e9, sol);
    }

    private static long cpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        return mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : 0;
    }

    /** Captures the translation size Alloy reports just before solving. */
    private static final class StatsReporter extends A4Reporter {
        int primaryVars = -1;
        int totalVars = -1;
        int clauses = -1;
        long t0;
        long cpu0;
        long translated = -1;
        long translatedCpu;

        @Override
        public void solve(int plength, int primaryVars, int totalVars, int clauses) {
            this.translated = System.nanoTime();
            this.translatedCpu = cpuNanos(); // Kodkod reports from the thread that translates and solves
            this.primaryVars = primaryVars;
            this.totalVars = totalVars;
            this.clauses = clauses;
        }
    }
}
