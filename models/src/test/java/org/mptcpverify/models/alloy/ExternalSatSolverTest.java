package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import kodkod.engine.satlab.SATAbortedException;
import kodkod.engine.satlab.SATSolver;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CaDiCaL as the Alloy core's external solver: answers read back, the child killed when its cell is
 * stopped, and an Alloy command decided the same way as by the bundled MiniSat. Needs the program
 * {@code cadical} (.ci/run installs Debian's package).
 */
class ExternalSatSolverTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void cadicalInstalled() {
        Assumptions.assumeTrue(DimacsSolverFactory.onPath(DimacsSolverFactory.CADICAL).isPresent(),
                "cadical is not installed (.ci/run installs Debian's package cadical)");
    }

    private ExternalSatSolver cadical() {
        String exe = DimacsSolverFactory.onPath(DimacsSolverFactory.CADICAL).orElseThrow().getAbsolutePath();
        return new ExternalSatSolver(List.of(exe, "-q"), tmp);
    }

    @Test
    void readsTheModelThenAnUnsatisfiableAnswerAfterMoreClauses() {
        ExternalSatSolver s = cadical();
        s.addVariables(3);
        s.addClause(new int[] {1, 2});
        s.addClause(new int[] {-1});
        s.addClause(new int[] {-2, 3});
        assertTrue(s.solve());
        assertFalse(s.valueOf(1));
        assertTrue(s.valueOf(2));
        assertTrue(s.valueOf(3), "unit propagation forces x3 once x2 holds");
        s.addClause(new int[] {-3});
        assertFalse(s.solve(), "the clauses added after the first solve are part of the second");
        assertEquals(4, s.numberOfClauses());
        assertThrows(IllegalStateException.class, () -> s.valueOf(1));
        Path folder = s.folder();
        s.free();
        assertFalse(Files.exists(folder), "free removes the CNF");
    }

    @Test
    void refusesALiteralOfAnUndeclaredVariable() {
        ExternalSatSolver s = cadical();
        s.addVariables(1);
        assertThrows(IllegalArgumentException.class, () -> s.addClause(new int[] {2}));
        s.free();
    }

    /** 13 pigeons in 12 holes: unsatisfiable, and hours of CPU for a resolution-based solver (CaDiCaL: PHP(11,10) took more than 30 s). */
    @Test
    void anInterruptedSolveKillsTheSolverProcess() throws Exception {
        ExternalSatSolver s = cadical();
        int pigeons = 13;
        int holes = 12;
        s.addVariables(pigeons * holes);
        for (int p = 0; p < pigeons; p++) {
            int[] some = new int[holes];
            for (int h = 0; h < holes; h++) some[h] = p * holes + h + 1;
            s.addClause(some);
        }
        for (int h = 0; h < holes; h++) {
            for (int p = 0; p < pigeons; p++) {
                for (int q = p + 1; q < pigeons; q++) s.addClause(new int[] {-(p * holes + h + 1), -(q * holes + h + 1)});
            }
        }
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                s.solve();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (solverChildren().isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
        assertFalse(solverChildren().isEmpty(), "the solver process started");
        t.interrupt();
        t.join(10_000);
        assertFalse(t.isAlive());
        assertInstanceOf(SATAbortedException.class, thrown.get());
        deadline = System.nanoTime() + 10_000_000_000L;
        while (!solverChildren().isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(solverChildren().isEmpty(), "no solver left running: " + solverChildren());
        s.free();
    }

    private static List<ProcessHandle> solverChildren() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.endsWith("/cadical")).orElse(false)).toList();
    }

    /** The same Alloy commands, one with a counterexample and one without, through both solvers. */
    @Test
    void decidesAlloyCommandsAsTheBundledMiniSatDoes() throws Exception {
        Path model = tmp.resolve("m.als");
        Files.writeString(model, String.join("\n",
                "sig Node { next: lone Node }",
                "fact { no n: Node | n in n.^next }",
                "check Acyclic { all n: Node | n not in n.next } for 5",
                "check Short { all n: Node | #n.^next < 3 } for 5",
                ""));
        for (String label : List.of("Acyclic", "Short")) {
            AlloyRunner.Solved minisat = AlloyRunner.parse(model, "minisat", tmp, 20).execute(label);
            AlloyRunner viaCadical = AlloyRunner.parse(model, DimacsSolverFactory.CADICAL, tmp, 20);
            AlloyRunner.Solved cadical = viaCadical.execute(label);
            assertEquals(label.equals("Short"), cadical.satisfiable(), label + ": a chain of 4 nodes breaks Short only");
            assertEquals(minisat.satisfiable(), cadical.satisfiable(), label);
            assertEquals(minisat.clauses(), cadical.clauses(), label + ": the same CNF");
            if (cadical.satisfiable()) {
                // the instance Alloy reads back from CaDiCaL's model is a real counterexample
                assertEquals("true", cadical.solution().eval(edu.mit.csail.sdg.parser.CompUtil.parseOneExpression_fromString(
                        viaCadical.world(), "some n: Node | #n.^next >= 3")).toString(), label);
            }
        }
    }
}
