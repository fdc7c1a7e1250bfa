package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/** A check that does not finish is INCONCLUSIVE with its reason, never HOLDS. */
class AlloyInconclusiveTest {

    @Test
    void timeoutIsInconclusive() {
        // bound-key / eavesdrop-all HOLDS when it finishes: a timeout must not turn into that verdict
        EngineOptions tiny = AlloyTestSupport.options("timeout", false, Duration.ofMillis(1));
        CellResult r = new AlloyEngine().check(SchemeId.BOUND_KEY, AttackId.EAVESDROP_ALL, tiny, 30);
        assertEquals(Verdict.INCONCLUSIVE, r.verdict(), r.toString());
        assertTrue(r.reason().contains("timeout"), r.reason());
        assertTrue(r.violated().isEmpty());
        assertNull(r.counterexample());

        // the engine recovers: the next cell is decided normally
        CellResult after = new AlloyEngine().check(SchemeId.BOUND_KEY, AttackId.EAVESDROP_ALL,
                AlloyTestSupport.options("timeout-after"));
        assertEquals(Verdict.HOLDS, after.verdict(), after.toString());
    }

    @Test
    void unknownSolverIsInconclusive() {
        CellResult r = new AlloyEngine("no-such-solver").check(SchemeId.RFC8684, AttackId.EAVESDROP_HANDSHAKE,
                AlloyTestSupport.options("bad-solver"));
        assertEquals(Verdict.INCONCLUSIVE, r.verdict(), r.toString());
        assertTrue(r.reason().startsWith("error"), r.reason());
    }

    @Test
    void noPropertyIsNotApplicable() {
        CellResult r = new AlloyEngine().check(SchemeId.RFC8684, AttackId.TWO_KEYS_ONE_HOST, AlloyTestSupport.options("na"));
        assertEquals(Verdict.NOT_APPLICABLE, r.verdict());
    }
}
