package org.mptcpverify.models.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mptcpverify.definition.Mutants;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.vocab.PropertyId;

/**
 * The proof procedure against its controls (docs/proofs.md, "Controls"): it proves bound-key's
 * four safety cells, and fails where it must -- on `broken` in the step, with the key given to the
 * attacker in the base case, and on each mutant of bound-key that drops the check protecting the
 * property in the implication.
 */
class InductiveProofTest {
    /** The proof's cells: attack profile -> safety property (MptcpCore.tla `Profiles`). */
    static final List<Map.Entry<String, PropertyId>> CELLS = List.of(
            Map.entry("eavesdrop-handshake", PropertyId.JOIN_AUTHENTICITY),
            Map.entry("eavesdrop-all", PropertyId.JOIN_AUTHENTICITY),
            Map.entry("eavesdrop-all", PropertyId.EXTERNAL_KEY_SECRECY),
            Map.entry("add-addr-mitm", PropertyId.ADDR_AUTHENTICITY),
            Map.entry("add-addr-mitm", PropertyId.JOIN_ANSWER_AUTHENTICITY),
            Map.entry("fastclose-forge", PropertyId.CLOSE_AUTHENTICITY));

    private static SchemeDefinition def(String name) throws Exception {
        return ProtectingCheckMutants.definition(name);
    }

    @Test
    void boundKeyIsProvedWithAnActiveAttackerAndBrokenFailsTheStep() throws Exception {
        SchemeDefinition bk = def("bound-key");
        SchemeDefinition broken = def("broken");
        for (Map.Entry<String, PropertyId> c : CELLS) {
            ProofResult ok = InductiveProof.prove(bk, c.getKey(), c.getValue(), ProofScope.STANDARD);
            assertEquals(ProofStatus.PROVED, ok.status(), c + ": " + ok.reason() + " " + ok.counterexample());
            assertTrue(ok.reason().contains("witness"), ok.reason());
            ProofResult bad = InductiveProof.prove(broken, c.getKey(), c.getValue(), ProofScope.STANDARD);
            assertEquals(ProofStatus.NOT_PROVED, bad.status(), c.toString());
            assertEquals("step", bad.failedCheck(), c.toString());
            assertTrue(bad.counterexample().contains("learns K"), bad.counterexample());
        }
    }

    @Test
    void theKeyGivenToTheAttackerFailsTheBaseCase() throws Exception {
        ProofResult r = InductiveProof.prove(def("bound-key"), "eavesdrop-all", PropertyId.EXTERNAL_KEY_SECRECY,
                ProofScope.STANDARD.withKeyGiven());
        assertEquals(ProofStatus.NOT_PROVED, r.status());
        assertEquals("base", r.failedCheck());
        assertNotNull(r.counterexample());
        // the join-answer family (issue #12) too: an attacker that holds K is outside its invariant from the start
        ProofResult answer = InductiveProof.prove(def("bound-key"), "add-addr-mitm", PropertyId.JOIN_ANSWER_AUTHENTICITY,
                ProofScope.STANDARD.withKeyGiven());
        assertEquals(ProofStatus.NOT_PROVED, answer.status());
        assertEquals("base", answer.failedCheck());
        assertTrue(answer.counterexample().contains("K"), answer.counterexample());
    }

    /**
     * JoinAnswerAuthenticity: without the client's HMAC check of the join SYN/ACK, the accepted
     * forgery the implication reports is a SYN/ACK the attacker built for a client join.
     */
    @Test
    void aForgedJoinAnswerIsWhatTheImplicationFindsOnTheMutant() throws Exception {
        ProtectingCheckMutants.Case c = ProtectingCheckMutants.boundKey().stream()
                .filter(x -> x.property() == PropertyId.JOIN_ANSWER_AUTHENTICITY).findFirst().orElseThrow();
        ProofResult r = InductiveProof.prove(c.mutant().definition(), c.attack(), c.property(), ProofScope.STANDARD);
        assertEquals("implication", r.failedCheck(), r.reason());
        assertTrue(r.counterexample().contains("accepts the forged JOIN_SYNACK") && r.counterexample().contains(" from x"),
                r.counterexample());
        assertTrue(r.counterexample().startsWith("before any honest JOIN_SYNACK: role j"), r.counterexample());
    }

    /** Each bound-key mutant that drops the HMAC check of the property's message fails the implication. */
    @Test
    void droppingTheProtectingCheckFailsTheImplication() throws Exception {
        int killed = 0;
        for (ProtectingCheckMutants.Case c : ProtectingCheckMutants.boundKey()) {
            Mutants.Mutant m = c.mutant();
            ProofResult r = InductiveProof.prove(m.definition(), c.attack(), c.property(), ProofScope.STANDARD);
            assertEquals(ProofStatus.NOT_PROVED, r.status(), m.mutation());
            assertEquals("implication", r.failedCheck(), m.mutation() + ": " + r.reason() + " " + r.counterexample());
            assertTrue(r.counterexample().contains("forged"), r.counterexample());
            killed++;
        }
        assertEquals(ProtectingCheckMutants.protectedMessages(), killed, "one mutant per protected message");
    }

    @Test
    void outsideItsFamiliesTheProofIsNotAttempted() throws Exception {
        assertEquals(ProofStatus.NOT_ATTEMPTED, InductiveProof.prove(def("rfc8684"), "eavesdrop-all",
                PropertyId.JOIN_AUTHENTICITY, ProofScope.STANDARD).status());
        assertEquals(ProofStatus.NOT_ATTEMPTED, InductiveProof.prove(def("bound-key"), "join-dos",
                PropertyId.JOIN_STATE_UNFORGEABLE, ProofScope.STANDARD).status());
        assertEquals(ProofStatus.NOT_ATTEMPTED, InductiveProof.prove(def("thesis-xor"), "eavesdrop-all",
                PropertyId.EXTERNAL_KEY_SECRECY, ProofScope.STANDARD).status());
    }

    @Test
    void aLargerScopeGivesTheSameStatusAndTheResultIsDeterministic() throws Exception {
        SchemeDefinition d = def("draft-baerts");
        ProofResult a = InductiveProof.prove(d, "eavesdrop-all", PropertyId.JOIN_AUTHENTICITY, ProofScope.STANDARD);
        ProofResult b = InductiveProof.prove(d, "eavesdrop-all", PropertyId.JOIN_AUTHENTICITY, ProofScope.STANDARD);
        assertEquals(a.reason(), b.reason());
        ProofResult big = InductiveProof.prove(d, "eavesdrop-all", PropertyId.JOIN_AUTHENTICITY, new ProofScope(3, 3, false));
        assertEquals(a.status(), big.status());
        assertFalse(big.scope().equals(a.scope()));
    }

    /** TLC, with the generic core's Synth and Analyse, confirms the base case and consequence of bound-key's proofs and refutes a false one. */
    @Test
    void tlcConfirmsTheConsequenceAndRefutesAFalseOne(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        var data = org.mptcpverify.models.core.SchemeDataBuilder.build(def("bound-key"));
        // one TLC run per family (each costs 10-30 s of TLC start-up on the shared machine); `prove --tlc` runs any cell
        ProofTlc.Outcome auth = ProofTlc.check(data, "eavesdrop-all", PropertyId.JOIN_AUTHENTICITY, ProofScope.STANDARD,
                dir.resolve("auth"));
        assertTrue(auth.confirmed(), auth.failed());
        assertFalse(InductiveProof.consequence(data, "eavesdrop-all", PropertyId.JOIN_AUTHENTICITY, ProofScope.STANDARD)
                .forged().isEmpty(), "TLC had forgeries to refute");
        InductiveProof.Consequence ok = InductiveProof.consequence(data, "eavesdrop-all", PropertyId.EXTERNAL_KEY_SECRECY,
                ProofScope.STANDARD);
        java.util.Set<Term> leaked = new java.util.TreeSet<>(ok.know());
        leaked.add(Term.atom("K"));
        ProofTlc.Outcome bad = ProofTlc.check(new InductiveProof.Consequence(ok.initial(), leaked, true, List.of()),
                dir.resolve("bad"));
        assertFalse(bad.confirmed());
        assertEquals("KeySecret", bad.failed());
    }
}
