package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.mptcpverify.engine.KeyControls;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.Verdict;

/**
 * Negative control of the Alloy generic core (issue 12 item 5): given the external key its
 * profile lacks, the attacker breaks a cell that HOLDS for the other engines. The cell is chosen by
 * a rule, not by hand: among the key-control cells ({@link KeyControls#all}) of the
 * {@code fastclose-forge} column (the shortest attack shape of the segment-level core: a forged
 * MP_FASTCLOSE after the handshake, 7 states) on a scheme the core covers, the one whose term
 * universe is the largest (the most expensive translation the control can exercise). The cell is
 * decided by {@link AlloyCoreChecker}'s verdict rule, so VIOLATED means the instance was exported
 * and violates the property again on the Java reference; the test replays it once more.
 */
class AlloyCoreKeyControlTest {
    static final Path WORK = Path.of("target", "alloy-core-key-control").toAbsolutePath();
    static final int STEPS = 7;

    @Test
    void theAttackerGivenTheKeyForgesTheFastClose() throws Exception {
        KeyControls.Cell control = KeyControls.all().stream()
                .filter(c -> c.attack() == AttackId.FASTCLOSE_FORGE && AlloyCoreSchemes.covered().contains(c.scheme()))
                .max(Comparator.comparingInt((KeyControls.Cell c) -> universe(c)).thenComparing(c -> c.scheme().wireName()))
                .orElseThrow();
        AlloyCoreCell base = AlloyCoreCell.of(control.scheme(), control.attack()).get(0);
        AlloyCoreCell cell = new AlloyCoreCell(base.scheme(), base.attack(), base.keyedSide(), true, base.scope().withSteps(STEPS));
        AlloyCoreResult r = new AlloyCoreChecker(AlloyCoreEngine.DEFAULT_SOLVER).check(cell, WORK);
        String where = control + " with the key given, " + STEPS + " states: " + r.reason() + " " + r.commands();
        assertEquals(Verdict.VIOLATED, r.verdict(), "negative control vacuous: " + where);
        assertTrue(r.violated().contains(control.property()), where + ": violated only " + r.violated());
        SegmentReplayer.Result replay = new SegmentReplayer().replay(r.counterexample());
        assertTrue(replay.reproduced(), String.join("\n", replay.report()));
        assertTrue(r.counterexample().attackerHasKey(), "the exported trace gives the attacker the key");
        System.out.printf("alloy-core key control %s: %s, %s%n", control, r.verdict(), r.commands());
    }

    private static int universe(KeyControls.Cell c) {
        return AlloyCoreCell.of(c.scheme(), c.attack()).get(0).dag().terms().size();
    }
}
