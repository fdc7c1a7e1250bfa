package org.mptcpverify.models.alloy;

import java.nio.file.Path;
import java.util.Locale;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * Measurement only (docs/models-history.md, "Measured (third session: the first decided cell, ...)"): executes one
 * command of one Alloy core cell and prints its size and its translation, solving and CPU times.
 * {@code java ... AlloyCoreProbe SCHEME ATTACK STEPS SOLVER LABEL [WORKDIR]}.
 */
public final class AlloyCoreProbe {
    private AlloyCoreProbe() {}

    public static void main(String[] args) throws Exception {
        SchemeId s = SchemeId.byName(args[0]).orElseThrow();
        AttackId a = AttackId.byName(args[1]).orElseThrow();
        int steps = Integer.parseInt(args[2]);
        String solver = args[3];
        String label = args[4];
        Path work = Path.of(args.length > 5 ? args[5] : "/tmp/alloycore-probe");
        if (label.startsWith("ENGINE:")) { // the whole cell through AlloyCoreEngine, ENGINE:<timeout seconds>
            org.mptcpverify.engine.EngineOptions o = new org.mptcpverify.engine.EngineOptions(20261127L, work.resolve("cx"),
                    work.resolve("work"), java.time.Duration.ofSeconds(Long.parseLong(label.substring(7))), 0, false,
                    org.mptcpverify.engine.Bounds.parse("steps=" + steps));
            org.mptcpverify.engine.CellResult r = new AlloyCoreEngine(solver).check(s, a, o);
            System.out.printf(Locale.ROOT, "CELL %s %s steps=%d: %s %s wall=%.1fs bounds=%s reason=%s cx=%s witness=%s%n", s.wireName(),
                    a.wireName(), steps, r.verdict(), r.violated(), r.seconds(), r.bounds(), r.reason(), r.counterexample(), r.witness());
            return;
        }
        AlloyCoreCell base = AlloyCoreCell.of(s, a).get(0);
        AlloyCoreCell cell = new AlloyCoreCell(s, a, base.keyedSide(), Boolean.getBoolean("probe.giveKey"),
                base.scope().withSteps(steps)); // -Dprobe.giveKey=true: the key control
        long t0 = System.nanoTime();
        AlloyTermDag.Rendered dag = cell.dag();
        Path file = AlloyCoreChecker.writeCell(cell, work, dag);
        if (Boolean.getBoolean("probe.allModes")) { // -Dprobe.allModes=true: every mode's entries (before session 10's restriction)
            org.mptcpverify.io.AtomicWrite.text(file.getParent().resolve("scheme.als"), AlloyCoreSchemes.render(s));
        }
        if (System.getProperty("probe.rounds") != null) { // -Dprobe.rounds=N: N synthesis rounds whatever the cell (6: before session 11)
            org.mptcpverify.io.AtomicWrite.text(file.getParent().resolve("knowledge.als"),
                    AlloyCoreKnowledge.render(cell, dag, true, Integer.getInteger("probe.rounds")));
        }
        System.out.println("KNOWLEDGE needed=" + AlloyCoreKnowledge.needed(cell) + " synthRounds=" + AlloyCoreKnowledge.synthRounds(dag)
                + " terms=" + dag.terms().size() + " probe.rounds=" + System.getProperty("probe.rounds", "(the cell's)"));
        AlloyWarmUp.ensure();
        AlloyRunner runner = AlloyRunner.parse(file, solver, file.getParent(), 0);
        double parse = (System.nanoTime() - t0) / 1e9;
        AlloyRunner.Solved r = runner.execute(label);
        System.out.printf(Locale.ROOT, "PROBE %s %s steps=%d solver=%s %s: %s vars=%d clauses=%d parse=%.1fs translate=%.1fs total=%.1fs cpu=%.1fs translateCpu=%.1fs solveCpu=%.1fs%n",
                s.wireName(), a.wireName(), steps, solver, label, r.satisfiable() ? "sat" : "unsat", r.primaryVars(), r.clauses(),
                parse, r.translateSeconds(), r.seconds(), r.cpuSeconds(), r.translateCpuSeconds(),
                r.cpuSeconds() - r.translateCpuSeconds());
        if (r.satisfiable() && r.check()) {
            org.mptcpverify.vocab.PropertyId p = java.util.Arrays.stream(org.mptcpverify.vocab.PropertyId.values())
                    .filter(x -> x.modelName().equals(label)).findFirst().orElseThrow();
            System.out.print(AlloyCoreTraceExport.describe(r.solution(), runner.world()));
            org.mptcpverify.segment.SegmentTrace t = AlloyCoreTraceExport.of(cell, p, 20261127L, r.solution(), runner.world(), dag);
            Path out = work.resolve(cell.moduleName() + "-" + label + ".json");
            org.mptcpverify.segment.SegmentTraceJson.writeFile(out, t);
            org.mptcpverify.segment.SegmentReplayer.Result rr = new org.mptcpverify.segment.SegmentReplayer().replay(t);
            System.out.println("REPLAY reproduced=" + rr.reproduced() + " " + out);
            rr.report().forEach(System.out::println);
        }
    }
}
