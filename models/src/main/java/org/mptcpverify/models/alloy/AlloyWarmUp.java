package org.mptcpverify.models.alloy;

import edu.mit.csail.sdg.alloy4.A4Reporter;
import edu.mit.csail.sdg.ast.Command;
import edu.mit.csail.sdg.parser.CompModule;
import edu.mit.csail.sdg.parser.CompUtil;
import edu.mit.csail.sdg.translator.A4Options;
import edu.mit.csail.sdg.translator.A4Solution;
import edu.mit.csail.sdg.translator.TranslateAlloyToKodkod;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Map;
import kodkod.engine.satlab.SATFactory;

/**
 * Loads and initialises the classes a cell check uses (parser, translator, SAT4J, instance XML)
 * once per JVM, in the caller's thread. A timed-out worker may be stopped
 * (see AlloyAnalyzer.stop); a thread stopped inside a static initializer would leave that class
 * unusable for the rest of the JVM, so no class is first initialised on a worker.
 */
final class AlloyWarmUp {
    private AlloyWarmUp() {
    }

    /** Triggers the holder's one-time initialisation (thread-safe by the JVM's class-init rules). */
    static void ensure() {
        Holder.touch();
    }

    private static final class Holder {
        static {
            try {
                // Alloy and the native solvers write scratch files there; surefire points it under target/
                Files.createDirectories(Paths.get(System.getProperty("java.io.tmpdir")));
                CompModule world = CompUtil.parseEverything_fromString(A4Reporter.NOP,
                        "open util/ordering[S]\nsig S { f: lone S }\nrun { some f } for 2");
                Command cmd = world.getAllCommands().get(0);
                A4Options opt = new A4Options();
                opt.solver = SATFactory.get(AlloyAnalyzer.DEFAULT_SOLVER);
                A4Solution sol = TranslateAlloyToKodkod.execute_command(A4Reporter.NOP, world.getAllReachableSigs(), cmd, opt);
                if (sol.satisfiable()) {
                    sol.eval(CompUtil.parseOneExpression_fromString(world, "f"));
                    sol.writeXML(new PrintWriter(new StringWriter()), world.getAllFunc(), Map.of());
                }
            } catch (Exception | LinkageError e) {
                // a real check reports the same failure as INCONCLUSIVE with its reason
            }
        }

        static void touch() {
        }
    }
}
