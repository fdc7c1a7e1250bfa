package org.mptcpverify.models.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mptcpverify.definition.Mutants;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.vocab.PropertyId;

/**
 * The proof's controls at two clients of one application (same key, one connection each;
 * docs/proofs.md, "Scope"): bound-key stays PROVED, `broken` fails the step, the key given to
 * the attacker fails the base case, each protecting-check mutant fails the implication -- and
 * the second client is a real second population (its roles, its nonces), not a copy of the first.
 */
class TwoClientProofTest {
    private static final ProofScope TWO = ProofScope.STANDARD.withClients(2);

    @Test
    void boundKeyStaysProvedAndBrokenFailsTheStep() throws Exception {
        SchemeDefinition bk = ProtectingCheckMutants.definition("bound-key");
        for (Map.Entry<String, PropertyId> c : InductiveProofTest.CELLS) {
            ProofResult ok = InductiveProof.prove(bk, c.getKey(), c.getValue(), TWO);
            assertEquals(ProofStatus.PROVED, ok.status(), c + ": " + ok.reason() + " " + ok.counterexample());
            assertTrue(ok.scope().startsWith("2 clients of one application"), ok.scope());
        }
        ProofResult bad = InductiveProof.prove(ProtectingCheckMutants.definition("broken"), "eavesdrop-all",
                PropertyId.EXTERNAL_KEY_SECRECY, TWO);
        assertEquals("step", bad.failedCheck(), bad.reason());
        assertTrue(bad.counterexample().contains("learns K"), bad.counterexample());
    }

    @Test
    void theKeyGivenFailsTheBaseCase() throws Exception {
        ProofResult r = InductiveProof.prove(ProtectingCheckMutants.definition("bound-key"), "eavesdrop-all",
                PropertyId.EXTERNAL_KEY_SECRECY, TWO.withKeyGiven());
        assertEquals("base", r.failedCheck(), r.reason());
    }

    @Test
    void droppingTheProtectingCheckFailsTheImplication() throws Exception {
        int killed = 0;
        for (ProtectingCheckMutants.Case c : ProtectingCheckMutants.boundKey()) {
            Mutants.Mutant m = c.mutant();
            ProofResult r = InductiveProof.prove(m.definition(), c.attack(), c.property(), TWO);
            assertEquals("implication", r.failedCheck(), m.mutation() + ": " + r.status() + " " + r.reason());
            killed++;
        }
        assertEquals(ProtectingCheckMutants.protectedMessages(), killed, "one mutant per protected message");
    }

    /**
     * The second client as an oracle: bound-key with an MP_FASTCLOSE key that does not depend on
     * the connection (HMAC under the application key K instead of the connection key Kc) is PROVED
     * for one client -- a copy of the client's own MP_FASTCLOSE is the client closing -- and
     * NOT_PROVED for two, where client 2's observed MP_FASTCLOSE, replayed to client 1's server
     * connection, is accepted (MptcpCore.tla CloseAuthenticity: closed by a host other than Client(cn)).
     */
    @Test
    void aConnectionIndependentFastcloseFallsOnlyToTheSecondClient() throws Exception {
        SchemeDefinition weak = ProtectingCheckMutants.connectionIndependentFastclose();
        ProofResult one = InductiveProof.prove(weak, "fastclose-forge", PropertyId.CLOSE_AUTHENTICITY, ProofScope.STANDARD);
        assertEquals(ProofStatus.PROVED, one.status(), one.reason() + " " + one.counterexample());
        ProofResult two = InductiveProof.prove(weak, "fastclose-forge", PropertyId.CLOSE_AUTHENTICITY, TWO);
        assertEquals("implication", two.failedCheck(), two.status() + " " + two.reason());
        assertTrue(two.counterexample().contains("from c_2") || two.counterexample().contains("from c,"), two.counterexample());
        assertTrue(two.counterexample().contains("not by"), two.counterexample());
    }

    /** The second client's connection is its own roles with its own nonces: the invariant grows. */
    @Test
    void theSecondClientHasItsOwnRolesAndNonces() throws Exception {
        var data = org.mptcpverify.models.core.SchemeDataBuilder.build(ProtectingCheckMutants.definition("bound-key"));
        ProofSystem one = new ProofSystem(data, ProofScope.STANDARD, Observation.ofProfile("eavesdrop-all").orElseThrow(), null);
        ProofSystem two = new ProofSystem(data, TWO, Observation.ofProfile("eavesdrop-all").orElseThrow(), null);
        assertEquals(2 * one.roles().size(), two.roles().size(), two.roles().toString());
        ProofSystem.State a1 = InductiveProof.fixpoint(one, one.initial(), false);
        ProofSystem.State a2 = InductiveProof.fixpoint(two, two.initial(), false);
        assertTrue(a2.know().containsAll(a1.know()), "the first client's run is part of the two-client run");
        assertTrue(a2.know().stream().anyMatch(t -> t.toString().contains(".c_2")), "no term drawn by the second client: "
                + a2.know());
        assertEquals(ProofSystem.host("c_2"), ProofSystem.owner("hx1_2"));
        assertEquals(ProofSystem.owner("s"), ProofSystem.host("j2"));
    }
}
