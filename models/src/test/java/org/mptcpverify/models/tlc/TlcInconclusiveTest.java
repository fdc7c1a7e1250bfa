package org.mptcpverify.models.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/** A check that did not finish cleanly is INCONCLUSIVE with its reason, never HOLDS. */
class TlcInconclusiveTest {
    private static final String CONSTANTS =
            "CONSTANTS Scheme, Attack, KeyedSide, AttackerHasKey, MaxJoins, MaxAttacks, MaxNonces, Spoofs\n";

    private static CellResult check(String spec, Duration timeout) {
        TlcEngine engine = new TlcEngine(TlcBounds.standard(), spec, 1);
        return engine.check(SchemeId.BOUND_KEY, AttackId.LEGIT_JOIN,
                TlcTestSupport.options("inconclusive", timeout, false));
    }

    @Test
    void parseErrorIsInconclusive() {
        String spec = TlcEngine.bundledSpec().replace("Spec == Init /\\ [][Next]_vars",
                "Spec == Init /\\ [][Next]_vars +");
        CellResult r = check(spec, Duration.ofSeconds(60));
        assertEquals(Verdict.INCONCLUSIVE, r.verdict());
        assertTrue(r.reason().contains("parse"), r.reason());
        assertNull(r.counterexample());
    }

    @Test
    void unfinishedStateSpaceIsInconclusive() {
        // an unbounded counter: TLC never finishes, the 1-second budget runs out
        String spec = "---- MODULE MptcpJoin ----\nEXTENDS Naturals\n" + CONSTANTS
                + "VARIABLE n\nInit == n = 0\nNext == n' = n + 1\nView == n\nTypeOK == n \\in Nat\n"
                + "LegitJoinSucceeds == TRUE\n====\n";
        CellResult r = check(spec, Duration.ofSeconds(1));
        assertEquals(Verdict.INCONCLUSIVE, r.verdict());
        assertTrue(r.reason().contains("timeout"), r.reason());
    }

    @Test
    void typeErrorInTheModelIsInconclusive() {
        String spec = TlcEngine.bundledSpec().replace("TypeOK ==\n", "TypeOK == nonce < 1\nTypeOKFull ==\n");
        CellResult r = check(spec, Duration.ofSeconds(60));
        assertEquals(Verdict.INCONCLUSIVE, r.verdict());
        assertTrue(r.reason().contains("TypeOK"), r.reason());
    }

    @Test
    void undefinedInvariantIsInconclusive() {
        String spec = TlcEngine.bundledSpec().replace("LegitJoinSucceeds ==", "LegitJoinSucceedsRenamed ==");
        CellResult r = check(spec, Duration.ofSeconds(60));
        assertEquals(Verdict.INCONCLUSIVE, r.verdict());
    }
}
