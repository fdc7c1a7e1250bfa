package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTerm;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The one cell the Alloy generic core decides in CI: rfc8684 / join-dos at 7 states (the
 * shortest attack: 6 segment events). The check's instance is exported as a segment-level trace
 * (AlloyCoreTraceExport) that must violate JoinStateUnforgeable on the Java reference; the forged
 * JOIN_SYN's token must be computed from a field the attacker read, so the same trace without the
 * attacker's reads is refused by the reference. About half a minute of CPU (docs/models.md,
 * "Alloy generic core", measured).
 */
class AlloyCoreExportTest {
    static final Path WORK = Path.of("target", "alloy-core-export").toAbsolutePath();

    @Test
    void theJoinDosInstanceReplaysOnTheReference() throws Exception {
        AlloyCoreCell base = AlloyCoreCell.of(SchemeId.RFC8684, AttackId.JOIN_DOS).get(0);
        AlloyCoreCell cell = new AlloyCoreCell(base.scheme(), base.attack(), base.keyedSide(), false, base.scope().withSteps(7));
        AlloyTermDag.Rendered dag = cell.dag();
        Path file = AlloyCoreChecker.writeCell(cell, WORK, dag);
        AlloyWarmUp.ensure();
        AlloyRunner runner = AlloyRunner.parse(file, AlloyCoreEngine.DEFAULT_SOLVER, file.getParent(), 0);
        AlloyRunner.Solved s = runner.execute(PropertyId.JOIN_STATE_UNFORGEABLE.modelName());
        assertTrue(s.satisfiable(), "the known attack fits in 7 states");

        SegmentTrace t = AlloyCoreTraceExport.of(cell, PropertyId.JOIN_STATE_UNFORGEABLE, 1L, s.solution(), runner.world(), dag);
        SegmentEvent.Inject inj = t.events().stream().filter(e -> e instanceof SegmentEvent.Inject)
                .map(e -> (SegmentEvent.Inject) e).findFirst().orElseThrow();
        assertEquals("JOIN_SYN", inj.msg());
        assertTrue(inj.subflow().startsWith("inj/"), inj.toString());
        assertTrue(mentionsObserved(inj.fields().get("token")), "the token comes from what the attacker read: " + inj);
        SegmentReplayer.Result r = new SegmentReplayer().replay(t);
        assertTrue(r.reproduced(), String.join("\n", r.report()));

        List<SegmentEvent> blind = t.events().stream().filter(e -> !(e instanceof SegmentEvent.Observe)).toList();
        boolean refused;
        try {
            refused = !new SegmentReplayer().replay(t.withEvents(blind)).reproduced();
        } catch (BadTraceFileException e) {
            refused = true;
        }
        assertTrue(refused, "without its reads the attacker cannot build the token");
        assertFalse(t.events().isEmpty());
    }

    /**
     * The same input gives the same instance: the witness of rfc8684 / join-dos at 3 states (forge
     * a JOIN_SYN, deliver it: seconds to solve), parsed and solved twice with the core's default
     * solver, reads back as the same text, segment by segment and state by state. (Across JVMs:
     * docs/models.md, "Solvers (session 8)", the exported counterexample bytes of two runs.)
     */
    @Test
    void theDefaultSolverGivesTheSameInstanceTwice() throws Exception {
        assertEquals(null, AlloyCoreEngine.solverProblem(AlloyCoreEngine.DEFAULT_SOLVER),
                "the native solver loads from the Alloy jar (extracted under java.io.tmpdir)");
        AlloyCoreCell base = AlloyCoreCell.of(SchemeId.RFC8684, AttackId.JOIN_DOS).get(0);
        AlloyCoreCell cell = new AlloyCoreCell(base.scheme(), base.attack(), base.keyedSide(), false, base.scope().withSteps(3));
        List<String> described = new java.util.ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Path file = AlloyCoreChecker.writeCell(cell, WORK.resolve("determinism-" + run), cell.dag());
            AlloyWarmUp.ensure();
            AlloyRunner runner = AlloyRunner.parse(file, AlloyCoreEngine.DEFAULT_SOLVER, file.getParent(), 0);
            AlloyRunner.Solved s = runner.execute(AlloyCoreCell.WITNESS);
            assertTrue(s.satisfiable(), "an injected JOIN_SYN reaches the server's checks in 3 states");
            described.add(AlloyCoreTraceExport.describe(s.solution(), runner.world()).replace("determinism-" + run, ""));
        }
        assertEquals(described.get(0), described.get(1));
        assertTrue(described.get(0).contains("JOIN_SYN"), described.get(0));
    }

    private static boolean mentionsObserved(SegmentTerm t) {
        if (t instanceof SegmentTerm.Observed) {
            return true;
        }
        return t instanceof SegmentTerm.Apply a && a.args().stream().anyMatch(AlloyCoreExportTest::mentionsObserved);
    }
}
