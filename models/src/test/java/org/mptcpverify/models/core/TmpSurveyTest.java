package org.mptcpverify.models.core;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.engine.Bounds;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

class TmpSurveyTest {
    @Test
    void survey() {
        for (AttackId a : List.of(AttackId.ADD_ADDR_REPLAY, AttackId.SYN_FLOOD_AMPLIFICATION)) {
            for (SchemeId s : SchemeId.matrixSchemes()) {
                long t0 = System.nanoTime();
                CellResult r = new CoreEngine(1).check(s, a, CoreEngineTest.options("survey-" + s.wireName().replace('/', '_') + "-" + a, Bounds.NONE));
                System.out.printf("SURVEY %s %s %s %.1fs states=%s tlc=%s cx=%s reason=%s witness=%s%n", s, a, r.verdict(),
                        (System.nanoTime() - t0) / 1e9, r.bounds().get("distinctStates"), r.bounds().get("tlcSeconds"),
                        r.counterexample() != null, r.reason(), r.witness());
            }
        }
    }
}
