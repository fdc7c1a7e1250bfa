package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.models.core.SchemeData;
import org.mptcpverify.models.core.SchemeDataBuilder;
import org.mptcpverify.models.proof.InductiveProof;
import org.mptcpverify.models.proof.ProofResult;
import org.mptcpverify.models.proof.ProofScope;
import org.mptcpverify.models.proof.ProofStatus;
import org.mptcpverify.models.proof.ProtectingCheckMutants;
import org.mptcpverify.vocab.PropertyId;

/**
 * The Alloy induction at two clients of one application (docs/proofs.md, "Scope"), each case also
 * decided by the Java checks, which must agree: bound-key stays PROVED; `broken` fails the step;
 * the key given fails the base case; bound-key with a connection-independent MP_FASTCLOSE key fails
 * the property through a REPLAY of the other client's MP_FASTCLOSE (it is PROVED for one client).
 */
class AlloyTwoClientTest {
    private static final ProofScope TWO = ProofScope.STANDARD.withClients(2);

    private static AlloyInduction.Result agreed(SchemeData d, String attack, PropertyId p, ProofScope scope, Path dir) {
        AlloyInduction.Result a = AlloyInduction.check(d, attack, p, scope, dir);
        ProofResult jc = InductiveProof.prove(d, attack, p, scope);
        assertEquals(jc.status(), a.status(), d.name() + " / " + attack + " / " + p + ": alloy " + a.reason() + " "
                + a.counterexample() + "; java " + jc.reason() + " " + jc.counterexample());
        assertEquals(jc.failedCheck(), a.failedCheck(), "the engines fail the same check: alloy " + a.counterexample()
                + "; java " + jc.counterexample());
        System.out.printf(java.util.Locale.ROOT, "two clients: %s / %s / %s: %s %s, %.2f s CPU, %.2f s wall%n", d.name(), attack,
                p, a.status(), a.failedCheck() == null ? "" : a.failedCheck(), a.cpuSeconds(), a.seconds());
        return a;
    }

    @Test
    void boundKeyStaysProvedAndTheControlsFail(@TempDir Path dir) throws Exception {
        SchemeData bk = SchemeDataBuilder.build(ProtectingCheckMutants.definition("bound-key"));
        AlloyInduction.Result ok = agreed(bk, "fastclose-forge", PropertyId.CLOSE_AUTHENTICITY, TWO, dir.resolve("bk"));
        assertEquals(ProofStatus.PROVED, ok.status(), ok.reason());
        assertTrue(ok.commands().stream().anyMatch(c -> c.label().equals("Witness") && c.solution()), "a witness");
        assertEquals("base", agreed(bk, "eavesdrop-all", PropertyId.EXTERNAL_KEY_SECRECY, TWO.withKeyGiven(),
                dir.resolve("key")).failedCheck());
        SchemeData broken = SchemeDataBuilder.build(ProtectingCheckMutants.definition("broken"));
        assertEquals("step", agreed(broken, "eavesdrop-all", PropertyId.EXTERNAL_KEY_SECRECY, TWO, dir.resolve("broken"))
                .failedCheck());
    }

    @Test
    void theSecondClientsFastcloseReplayedIsFound(@TempDir Path dir) throws Exception {
        SchemeData weak = SchemeDataBuilder.build(ProtectingCheckMutants.connectionIndependentFastclose());
        AlloyInduction.Result one = agreed(weak, "fastclose-forge", PropertyId.CLOSE_AUTHENTICITY, ProofScope.STANDARD,
                dir.resolve("one"));
        assertEquals(ProofStatus.PROVED, one.status(), one.reason());
        AlloyInduction.Result two = agreed(weak, "fastclose-forge", PropertyId.CLOSE_AUTHENTICITY, TWO, dir.resolve("two"));
        assertEquals("implication", two.failedCheck(), two.reason());
        assertTrue(two.counterexample().contains("REPLAY"), two.counterexample());
    }
}
