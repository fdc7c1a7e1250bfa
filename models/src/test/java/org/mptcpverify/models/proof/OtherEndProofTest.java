package org.mptcpverify.models.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.vocab.PropertyId;

/**
 * The other end of AddrAuthenticity (the server accepting the client's ADD_ADDR) and
 * CloseAuthenticity (the client accepting the server's MP_FASTCLOSE), proved in the role
 * abstraction with the definition's mirror messages (docs/proofs.md, "Both ends"), against its
 * controls: bound-key is proved with an attacker delivery that reaches a mirror receiver's check;
 * the key given fails the base case, `broken` the step, and dropping the mirror check fails the
 * implication at the mirror receiver while the core's end stays proved.
 */
class OtherEndProofTest {
    static final List<Map.Entry<String, PropertyId>> CELLS = List.of(
            Map.entry("add-addr-mitm", PropertyId.ADDR_AUTHENTICITY),
            Map.entry("fastclose-forge", PropertyId.CLOSE_AUTHENTICITY));

    private static final Pattern MIRROR_WITNESS = Pattern.compile(", (\\d+) of them at a mirror receiver");

    private static SchemeDefinition def(String name) throws Exception {
        return ProtectingCheckMutants.definition(name);
    }

    @Test
    void boundKeyIsProvedAtTheOtherEndWithAnAttackerThatReachesTheMirrorCheck() throws Exception {
        for (Map.Entry<String, PropertyId> c : CELLS) {
            ProofResult r = InductiveProof.proveOtherEnd(def("bound-key"), c.getKey(), c.getValue(), ProofScope.STANDARD);
            assertEquals(ProofStatus.PROVED, r.status(), c + ": " + r.reason() + " " + r.counterexample());
            assertTrue(r.reason().startsWith(InductiveProof.otherEnd(c.getValue()).orElseThrow()), r.reason());
            Matcher m = MIRROR_WITNESS.matcher(r.reason());
            assertTrue(m.find(), r.reason());
            // fastclose-forge sees every segment until it acts, so its replays reach the client's
            // MP_FASTCLOSE check; add-addr-mitm observes no ADD_ADDR and cannot build the HMAC, so
            // its witness is elsewhere (as at the core's end: docs/proofs.md, "Both ends")
            if (c.getKey().equals("fastclose-forge")) {
                assertTrue(Integer.parseInt(m.group(1)) > 0, "no attacker delivery reaches the mirror check: " + r.reason());
            }
            ProofResult again = InductiveProof.proveOtherEnd(def("bound-key"), c.getKey(), c.getValue(), ProofScope.STANDARD);
            assertEquals(r.reason(), again.reason(), "deterministic");
        }
    }

    @Test
    void theKeyGivenFailsTheBaseCaseAndBrokenFailsTheStep() throws Exception {
        for (Map.Entry<String, PropertyId> c : CELLS) {
            ProofResult keyed = InductiveProof.proveOtherEnd(def("bound-key"), c.getKey(), c.getValue(),
                    ProofScope.STANDARD.withKeyGiven());
            assertEquals(ProofStatus.NOT_PROVED, keyed.status(), c.toString());
            assertEquals("base", keyed.failedCheck(), c + ": " + keyed.reason());
            ProofResult broken = InductiveProof.proveOtherEnd(def("broken"), c.getKey(), c.getValue(), ProofScope.STANDARD);
            assertEquals(ProofStatus.NOT_PROVED, broken.status(), c.toString());
            assertEquals("step", broken.failedCheck(), c + ": " + broken.reason());
            assertTrue(broken.counterexample().contains("learns K"), broken.counterexample());
        }
    }

    /**
     * Dropping the server's HMAC check of the client's ADD_ADDR (or the client's key check of the
     * server's MP_FASTCLOSE) breaks the other end, at the mirror receiver, with a forgery; the
     * core's end, which that check does not protect, is still proved on the same mutant.
     */
    @Test
    void droppingTheMirrorCheckFailsTheOtherEndOnly() throws Exception {
        int killed = 0;
        for (ProtectingCheckMutants.Case c : ProtectingCheckMutants.boundKeyOtherEnd()) {
            ProofResult r = InductiveProof.proveOtherEnd(c.mutant().definition(), c.attack(), c.property(), ProofScope.STANDARD);
            assertEquals(ProofStatus.NOT_PROVED, r.status(), c.mutant().mutation());
            assertEquals("implication", r.failedCheck(), c.mutant().mutation() + ": " + r.reason() + " " + r.counterexample());
            String receiver = c.property() == PropertyId.ADDR_AUTHENTICITY ? "role s " : "role c ";
            assertTrue(r.counterexample().contains(receiver) && r.counterexample().contains("forged")
                    && r.counterexample().contains(" from x"), r.counterexample());
            ProofResult core = InductiveProof.prove(c.mutant().definition(), c.attack(), c.property(), ProofScope.STANDARD);
            assertEquals(ProofStatus.PROVED, core.status(), c.mutant().mutation() + " at the core's end: " + core.reason());
            killed++;
        }
        assertEquals(ProtectingCheckMutants.protectedOtherEnds(), killed, "one mutant per mirror message");
    }

    @Test
    void aPropertyJudgedAtOneEndHasNoOtherEnd() throws Exception {
        assertEquals(ProofStatus.NOT_ATTEMPTED, InductiveProof.proveOtherEnd(def("bound-key"), "eavesdrop-all",
                PropertyId.JOIN_AUTHENTICITY, ProofScope.STANDARD).status());
    }
}
