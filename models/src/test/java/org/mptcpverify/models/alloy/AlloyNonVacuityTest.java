package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.trace.Replayer;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The model is not vacuous: a legitimate join is established under every scheme, and the
 * attacker given the external key forges joins everywhere (the `broken` control is asserted
 * on the column in AlloyColumnTest).
 */
class AlloyNonVacuityTest {

    /** An inconsistent model would make every check pass: each scheme must have a legitimate join. */
    @Test
    void everySchemeHasALegitimateJoin() throws Exception {
        Path dir = AlloyTestSupport.target().resolve("alloy-test").resolve("consistency");
        List<String> missing = new ArrayList<>();
        for (SchemeId scheme : SchemeId.modelledSchemes()) {
            AlloyCell cell = AlloyCell.of(scheme, AttackId.LEGIT_JOIN, false);
            AlloyRunner r = AlloyRunner.parse(AlloyModelFiles.writeCell(dir, cell), AlloyEngine.DEFAULT_SOLVER,
                    dir.resolve("tmp"));
            if (!r.execute(AlloyCellSource.LEGIT_JOIN_POSSIBLE, cell.states()).satisfiable()) {
                missing.add(scheme.wireName());
            }
        }
        assertEquals(List.of(), missing, "schemes whose legit-join cell admits no established join");
    }

    /** Negative control 2: given the external key, the attacker forges a join under every external-key scheme. */
    @Test
    void attackerWithTheKeyForgesAJoinEverywhere() throws Exception {
        EngineOptions opt = AlloyTestSupport.options("attacker-has-key", true, AlloyTestSupport.UNHURRIED);
        AlloyEngine engine = new AlloyEngine();
        List<String> notViolated = new ArrayList<>();
        Replayer replayer = new Replayer();
        for (SchemeId scheme : SchemeId.modelledSchemes()) {
            if (!scheme.usesExternalKey()) {
                continue;
            }
            CellResult r = engine.check(scheme, AttackId.EAVESDROP_HANDSHAKE, opt);
            if (!r.violated().contains(PropertyId.JOIN_AUTHENTICITY)) {
                notViolated.add(scheme + ": " + r.verdict() + " " + r.reason());
            } else if (!replayer.replay(r.counterexample()).reproduced()) {
                notViolated.add(scheme + ": counterexample does not replay on the reference: "
                        + replayer.replay(r.counterexample()).report());
            }
        }
        assertEquals(List.of(), notViolated);
    }
}
