package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mptcpverify.engine.Bounds;
import org.mptcpverify.engine.BoundsException;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The opt-in {@code alloy} engine on the Alloy core, where it decides without solving: cells with
 * no applicable property, schemes the core has no data module for, and the bounds it honours.
 * (Its solving path is AlloyCoreExportTest's and the measured cells of docs/models.md.)
 */
class AlloyCoreEngineTest {
    static final Path WORK = Path.of("target", "alloy-core-engine").toAbsolutePath();

    static EngineOptions options(Bounds b) {
        return new EngineOptions(1L, WORK.resolve("cx"), WORK.resolve("work"), Duration.ofSeconds(30), 0, false, b);
    }

    /** A solver that cannot run is named in an INCONCLUSIVE cell, never replaced by another one silently. */
    @Test
    void aSolverThatCannotRunMakesTheCellInconclusive() {
        CellResult r = new AlloyCoreEngine("no-such-solver").check(SchemeId.RFC8684, AttackId.JOIN_DOS, options(Bounds.NONE));
        assertEquals(Verdict.INCONCLUSIVE, r.verdict(), r.toString());
        assertTrue(r.reason().contains("no-such-solver"), r.reason());
        assertEquals("no-such-solver", r.bounds().get("solver"));
        assertNull(AlloyCoreEngine.solverProblem(AlloyCoreEngine.DEFAULT_SOLVER), "the default solver runs here");
    }

    @Test
    void decidesWithoutSolvingWhereThereIsNothingToSolve() {
        AlloyCoreEngine e = new AlloyCoreEngine();
        CellResult na = e.check(SchemeId.RFC8684, AttackId.ONE_SIDED_KEY, options(Bounds.NONE));
        assertEquals(Verdict.NOT_APPLICABLE, na.verdict());
        assertEquals("alloy-core", na.bounds().get("model"));
        // the Diffie-Hellman rows are in the TLA+ core only (SchemeId.inTlaCore)
        assertTrue(!AlloyCoreCell.covered().contains(SchemeId.ECDH));
        CellResult uncovered = e.check(SchemeId.ECDH, AttackId.JOIN_DOS, options(Bounds.NONE));
        assertEquals(Verdict.INCONCLUSIVE, uncovered.verdict());
        assertTrue(uncovered.reason().contains("no data module"), uncovered.reason());
        assertNull(uncovered.counterexample());
    }

    @Test
    void stepsIsItsOneBound() {
        AlloyCoreEngine e = new AlloyCoreEngine();
        assertEquals(AlloyCoreScope.standard(AttackId.JOIN_DOS).steps(),
                e.resolve(SchemeId.RFC8684, AttackId.JOIN_DOS, Bounds.NONE).getOr("steps", -1));
        assertEquals(7, e.resolve(SchemeId.RFC8684, AttackId.JOIN_DOS, Bounds.parse("steps=7")).getOr("steps", -1));
        assertThrows(BoundsException.class, () -> e.resolve(SchemeId.RFC8684, AttackId.JOIN_DOS, Bounds.parse("steps=1")));
        assertThrows(BoundsException.class, () -> e.resolve(SchemeId.RFC8684, AttackId.JOIN_DOS, Bounds.parse("states=5")));
        CellResult bad = e.check(SchemeId.RFC8684, AttackId.JOIN_DOS, options(Bounds.parse("steps=1")));
        assertEquals(Verdict.INCONCLUSIVE, bad.verdict());
        assertTrue(bad.reason().startsWith("bounds:"), bad.reason());
    }

    /**
     * A row whose joins wait for a key agreement gets the segment events of that agreement on top
     * of the column's default (session 13): draft-baerts (NEW_KEY both ways) has 4 steps per client
     * more than rfc8684 and draft-paasch in every column, and the bound the engine reports is the
     * scope its cells are rendered with.
     */
    @Test
    void aKeyAgreementLengthensTheDefaultTraceBound() {
        AlloyCoreEngine e = new AlloyCoreEngine();
        for (AttackId a : AttackId.values()) {
            if (!a.modelled()) {
                continue;
            }
            int plain = e.resolve(SchemeId.RFC8684, a, Bounds.NONE).getOr("steps", -1);
            assertEquals(plain, e.resolve(SchemeId.DRAFT_PAASCH, a, Bounds.NONE).getOr("steps", -1), a.wireName());
            int clients = AlloyCoreScope.standard(a).clients();
            for (SchemeId s : new SchemeId[] {SchemeId.DRAFT_BAERTS, SchemeId.DRAFT_BAERTS_LOW_ORDER}) {
                int steps = e.resolve(s, a, Bounds.NONE).getOr("steps", -1);
                assertEquals(plain + 4 * clients, steps, s.wireName() + " / " + a.wireName());
                assertEquals(steps, e.cellsOf(s, a).get(0).scope().steps(), "reported = rendered: " + a.wireName());
            }
            assertEquals(9, e.resolve(SchemeId.DRAFT_BAERTS, a, Bounds.parse("steps=9")).getOr("steps", -1), "an explicit bound wins");
        }
    }
}
