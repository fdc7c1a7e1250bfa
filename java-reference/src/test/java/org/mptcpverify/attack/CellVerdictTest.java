package org.mptcpverify.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.trace.ReferenceEnumeration;
import org.mptcpverify.trace.RunOutcome;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * Every cell of the matrix decided by the hand-written shortest traces on the reference, checked
 * against the reference's own bounded decision procedure (every action list of the attack's
 * vocabulary up to {@link ReferenceEnumeration#COUNTEREXAMPLE_BOUND} actions) rather than a table:
 * the hand-written traces must find a violation exactly where exhaustive search does. The
 * negative controls are in NegativeControlTest and ReferenceEnumerationTest.
 */
class CellVerdictTest {
    static final long SEED = Long.getLong("mptcp.seed", 20261127L);

    @Test
    void theShortestTracesDecideEveryCellAsExhaustiveSearchDoes() {
        List<String> wrong = new ArrayList<>();
        for (SchemeId s : SchemeId.values()) {
            for (AttackId a : AttackId.values()) {
                if (!org.mptcpverify.trace.ActionAlphabet.covers(a)) continue; // generic attacker only
                String got = ShortestTraces.verdict(s, a, SEED);
                String want = exhaustiveVerdict(s, a);
                if (!got.equals(want)) {
                    wrong.add(s + " / " + a + ": exhaustive search " + want + ", shortest traces " + got);
                }
            }
        }
        assertTrue(wrong.isEmpty(), "seed " + SEED + ": " + String.join("; ", wrong));
    }

    /** "NA", "V" or "H" (H only within the bound), in ShortestTraces' notation. */
    static String exhaustiveVerdict(SchemeId s, AttackId a) {
        if (a.applicableProperties(s).isEmpty()) {
            return "NA";
        }
        return ReferenceEnumeration.violated(s, a, ReferenceEnumeration.COUNTEREXAMPLE_BOUND, SEED).isEmpty() ? "H" : "V";
    }

    /** Both sides of the comparison answer differently for some cell, so the agreement check can fail. */
    @Test
    void theComparisonCanFail() {
        assertEquals("V", exhaustiveVerdict(SchemeId.RFC8684, AttackId.EAVESDROP_HANDSHAKE));
        assertEquals("NA", exhaustiveVerdict(SchemeId.RFC8684, AttackId.ONE_SIDED_KEY));
        assertTrue(List.of(SchemeId.values()).stream().anyMatch(s -> ShortestTraces.verdict(s, AttackId.EAVESDROP_HANDSHAKE, SEED).equals("H")),
                "some scheme withstands the eavesdropper of the handshake within the traces");
    }

    @Test
    void theThesisLeaksItsKeyToAnEavesdropperOfOneJoin() {
        for (SchemeId s : List.of(SchemeId.THESIS_XOR, SchemeId.THESIS_XOR_GLOBAL)) {
            RunOutcome o = ShortestTraces.run(s, AttackId.EAVESDROP_ALL, SEED, false).get(0);
            assertTrue(o.violated(PropertyId.EXTERNAL_KEY_SECRECY), s + ": " + o.violations());
            assertTrue(o.violated(PropertyId.JOIN_AUTHENTICITY), s + ": " + o.violations());
            assertEquals(true, o.observations().get(1).get("attackerKnowsKey"), "known right after the Join");
            assertEquals(1, o.observations().get(2).get("foreignSubflows.c1"));
        }
    }

    @Test
    void forgeJoinIsNotEnabledWithoutTheTokenField() {
        for (SchemeId s : List.of(SchemeId.THESIS_XOR, SchemeId.BOUND_KEY)) {
            RunOutcome o = ShortestTraces.run(s, AttackId.EAVESDROP_HANDSHAKE, SEED, false).get(0);
            assertEquals(List.of(true, false), o.enabled(), s + ": " + o.steps());
        }
        RunOutcome paasch = ShortestTraces.run(SchemeId.DRAFT_PAASCH, AttackId.EAVESDROP_HANDSHAKE, SEED, false).get(0);
        assertEquals(List.of(true, true), paasch.enabled(), "the token is derivable, the HMAC is not");
        assertTrue(paasch.steps().get(1).contains("bad HMAC"), paasch.steps().get(1));
    }

    @Test
    void boundKeyRejectsAReplayedJoinSyn() {
        RunOutcome o = ShortestTraces.run(SchemeId.BOUND_KEY, AttackId.JOIN_DOS, SEED, false).get(1);
        assertEquals(List.of(true, true, true), o.enabled());
        assertEquals(0, o.observations().get(2).get("halfOpen.c1"));
        assertTrue(o.steps().get(2).contains("RST"), o.steps().get(2));
    }
}
