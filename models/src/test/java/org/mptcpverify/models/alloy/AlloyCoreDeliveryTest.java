package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * A delivery that answers nothing is a step of the Alloy core. Until session 7 the frame of every
 * step's network effect said {@code out not in Sent}, false for {@code out = none}, so no
 * MP_FASTCLOSE, ADD_ADDR, JOIN_ACK or key message was ever received and rfc8684 / fastclose-forge
 * HELD (docs/models.md, "Alloy generic core"). At 3 states (connect-free: the attacker forges a
 * segment, then it is delivered and answered by nothing) the run must be satisfiable; with the old
 * frame it was unsatisfiable with 0 clauses. About 10 s of CPU.
 */
class AlloyCoreDeliveryTest {
    static final Path WORK = Path.of("target", "alloy-core-delivery").toAbsolutePath();

    @Test
    void aForgedSegmentIsDeliveredWithoutAnAnswer() throws Exception {
        AlloyCoreCell base = AlloyCoreCell.of(SchemeId.RFC8684, AttackId.FASTCLOSE_FORGE).get(0);
        AlloyCoreCell cell = new AlloyCoreCell(base.scheme(), base.attack(), base.keyedSide(), false, base.scope().withSteps(3));
        AlloyTermDag.Rendered dag = cell.dag();
        Path file = AlloyCoreChecker.writeCell(cell, WORK, dag);
        String scope = cell.scope().commandScope(cell.attack(), dag.counts(), dag.slotNames());
        Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8)
                + "\nrun AnswerlessDelivery { after (some Injd and one Cur and Cur in Injd and deliver[Cur] and no Net') } "
                + scope + "\n", StandardCharsets.UTF_8);
        AlloyWarmUp.ensure();
        AlloyRunner runner = AlloyRunner.parse(file, AlloyAnalyzer.DEFAULT_SOLVER, file.getParent(), 0);
        AlloyRunner.Solved s = runner.execute("AnswerlessDelivery");
        assertTrue(s.satisfiable(), "a forged segment can be delivered with nothing sent in answer: " + s.clauses() + " clauses");
    }
}
