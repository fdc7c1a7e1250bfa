package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.KeyControls;
import org.mptcpverify.trace.Replayer;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * Negative control per cell on the {@code alloy} engine (models/alloy/mptcp.als, issue 12 item 5):
 * the attacker given the external key ({@code AttackerHasKey}) violates each property of every
 * key control cell ({@link KeyControls}), and the counterexample of the cell replays on the
 * reference. The engine checks a cell's properties together and replays one counterexample (the
 * reference monitors the cell's properties), so this test asserts per property that it was
 * violated, and the replay once per cell. CI checks {@link KeyControls#ciSelection};
 * {@code -Dmptcp.alloy.keyControls=all} every cell.
 */
class AlloyKeyControlTest {

    static Stream<Arguments> controlCells() {
        List<KeyControls.Cell> run = KeyControls.forBuild(KeyControls.modelled(), "mptcp.alloy.keyControls");
        return run.stream().map(c -> Arguments.of(c.scheme(), c.attack(), c.property()));
    }

    @ParameterizedTest(name = "{0} / {1} / {2} with the attacker given the key")
    @MethodSource("controlCells")
    void attackerGivenTheKeyBreaksTheCell(SchemeId scheme, AttackId attack, PropertyId property) throws Exception {
        String name = "key-control/" + scheme.wireName().replace('/', '_') + "-" + attack.wireName() + "-" + property.modelName();
        CellResult r = new AlloyEngine().check(scheme, attack, AlloyTestSupport.options(name, true, AlloyTestSupport.UNHURRIED));
        String where = scheme + " / " + attack + " / " + property + " with the key given";
        assertEquals(Verdict.VIOLATED, r.verdict(), "negative control vacuous: " + where + ": " + r.reason() + " " + r.bounds());
        assertTrue(r.violated().contains(property), where + ": violated only " + r.violated());
        Replayer.Replay replay = new Replayer().replay(r.counterexample());
        assertTrue(replay.reproduced(), where + ": " + String.join("\n", replay.report()));
        System.out.printf("alloy key control %-26s %-20s %-28s %s %5.1fs%n", scheme, attack, property, r.verdict(), r.seconds());
    }
}
