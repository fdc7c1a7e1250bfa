package org.mptcpverify.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mptcpverify.trace.RunOutcome;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * Every cell of the matrix decided by the hand-written shortest traces on the reference. The
 * expected rows are our reading of docs/schemes.md, worked out by hand per cell (reasons in the
 * comments).
 */
class CellVerdictTest {
    static final long SEED = Long.getLong("mptcp.seed", 20261127L);

    // columns: eavesdrop-handshake, eavesdrop-all, syn-join-rewrite, join-dos, add-addr-mitm,
    //          fastclose-forge, legit-join, nat-join, one-sided-key, two-keys-one-host
    static final Map<SchemeId, String> EXPECTED = Map.of(
            // keys in clear: token, HMACs, ADD_ADDR HMAC and FASTCLOSE key all derivable; no external key
            SchemeId.RFC6824, "V V V V V V H H NA NA",
            SchemeId.RFC8684, "V V V V V V H H NA NA",
            // Token-B XOR K: unknown K hides the field until a join is seen; t XOR K reveals K; one global key/token_tnb
            SchemeId.THESIS_XOR_GLOBAL, "H V V V V V H H V V",
            SchemeId.THESIS_XOR, "H V V V V V H H V H",
            // joins keyed with K (token field known, HMAC not); ADD_ADDR / FASTCLOSE are v0's
            SchemeId.DRAFT_PAASCH, "H H V V V V H H H H",
            SchemeId.DRAFT_PAASCH_UNSIGNALLED, "H H V V V V H H V H",
            // tokens in clear (SYN forgeable), everything else keyed with K; low-order FASTCLOSE = NEW_KEY
            SchemeId.DRAFT_BAERTS, "H H V V H H H H H H",
            SchemeId.DRAFT_BAERTS_LOW_ORDER, "H H V V H V H H H H",
            // tickets: nothing to forge or replay without Kc; addresses are not bound (NAT must work)
            SchemeId.BOUND_KEY, "H H V H H H H H H H",
            // broken: its SYN/ACK HMAC binds the server address, so joins to an advertised address
            // fail (legit-join, and nat-join too: Advertise is available there and its join is a
            // legitimate join) while NATed joins to s.a1 and rewritten sources go through
            SchemeId.BROKEN, "V V V V V V V V V V");

    @Test
    void everyCellGetsTheVerdictOfTheSpec() {
        List<String> wrong = new ArrayList<>();
        for (SchemeId s : SchemeId.values()) {
            String[] expected = EXPECTED.get(s).split(" ");
            AttackId[] attacks = AttackId.values();
            for (int i = 0; i < attacks.length; i++) {
                String got = ShortestTraces.verdict(s, attacks[i], SEED);
                if (!got.equals(expected[i])) {
                    wrong.add(s + " / " + attacks[i] + ": expected " + expected[i] + ", got " + got);
                }
            }
        }
        assertTrue(wrong.isEmpty(), "seed " + SEED + ": " + String.join("; ", wrong));
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
