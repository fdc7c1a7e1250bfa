package org.mptcpverify.traces.generic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;
import org.mptcpverify.wire.Bytes;

/**
 * The insider columns of issue 13 (docs/threat-model.md, "Insiders"): a violation replays on a
 * fresh reference and needs the insider's own key; a holding cell has attacker segments that
 * reached an honest end; an insider that cannot inject is VACUOUS; and the attacker given the key
 * breaks bound-key under the segment-level columns the default matrix's key controls do not cover.
 */
class InsiderColumnsTest {
    static final long SEED = Long.getLong("mptcp.seed", 20261127L);
    static final int RUNS = 400;

    /**
     * Runs for the key controls: at seed 20261127 the attacker given the key finds bound-key's join
     * under insider-other-app at run 554 (docs/traces-engine.md), beyond the engine's 400.
     */
    static final int CONTROL_RUNS = 1500;

    static GenericAttacker.Outcome check(SchemeId s, AttackId a, boolean given) {
        return new GenericAttacker(SegmentExplorer.Limits.DEFAULT, given ? CONTROL_RUNS : RUNS)
                .check(s, a, GenericAttacker.definition(s), SEED, given, List.of(PropertyId.JOIN_AUTHENTICITY));
    }

    @Test
    void aSameApplicationInsiderBreaksTheXorTokenWithItsOwnKeyAndTheFileReplays() throws Exception {
        // thesis-xor's eavesdrop-handshake attacker reads the same handshake but has no key (VACUOUS
        // in the matrix): whatever the insider finds here, its key must be what it used
        GenericAttacker.Outcome o = check(SchemeId.THESIS_XOR, AttackId.INSIDER, false);
        assertEquals(Verdict.VIOLATED, o.verdict(), o.reason());
        assertEquals(PropertyId.JOIN_AUTHENTICITY, o.violated().orElseThrow());
        SegmentTrace t = SegmentTraceJson.parse(SegmentTraceJson.write(o.counterexample().orElseThrow()));
        assertFalse(t.attackerHasKey());
        SegmentReplayer.Result r = new SegmentReplayer().replay(t);
        assertTrue(r.reproduced(), String.join("\n", r.report()));
        // the same events by an insider of application 2 (it holds K2, not the victim's K1): the
        // replayer refuses to let it build the join, or the join no longer succeeds
        Map<String, Bytes> keys = new TreeMap<>(t.keys());
        keys.put("K2", Bytes.fromHex("00".repeat(31) + "02"));
        SegmentTrace other = new SegmentTrace(t.engine(), t.scheme(), AttackId.INSIDER_OTHER_APP, t.property(), t.seed(),
                t.keyedSide(), false, t.clients(), keys, t.events());
        boolean refused;
        try {
            SegmentReplayer.Result r2 = new SegmentReplayer().replay(other);
            refused = !r2.reproduced();
        } catch (BadTraceFileException e) {
            refused = e.getMessage().contains("K1");
        }
        assertTrue(refused, "the violation did not need the insider's key K1");
    }

    @Test
    void aDifferentApplicationInsiderHoldsWhereKeysArePerApplicationWithAWitness() {
        // (thesis-xor is no control: its client joins an address the insider forges in an
        // ADD_ADDR, and that join SYN's token field is the insider's way in; docs/traces-engine.md)
        for (SchemeId s : List.of(SchemeId.BOUND_KEY)) {
            GenericAttacker.Outcome o = check(s, AttackId.INSIDER_OTHER_APP, false);
            assertEquals(Verdict.HOLDS, o.verdict(), s + ": " + o.reason() + " " + o.counterexample());
            assertTrue(o.witnessRuns() > 0, s + ": no attacker segment reached an honest end");
        }
    }

    @Test
    void anInsiderThatCannotInjectIsVacuousNotHolds() {
        GenericAttacker.Outcome o = new GenericAttacker(new SegmentExplorer.Limits(24, 0, 2, 0), 40)
                .check(SchemeId.BOUND_KEY, AttackId.INSIDER_OTHER_APP, SEED, false);
        assertEquals(Verdict.VACUOUS, o.verdict(), o.reason());
        assertEquals(0, o.witnessRuns());
    }

    /**
     * insider-blind (its own connection only): a server that attaches every join to its newest
     * connection falls to its join SYN with a token of its own, and the file replays; where the
     * token names the connection it holds, with that join SYN reaching the server as witness.
     */
    @Test
    void aBlindInsiderBreaksOnlyAServerThatIgnoresTheToken() throws Exception {
        GenericAttacker.Outcome broken = check(SchemeId.BROKEN, AttackId.INSIDER_BLIND, false);
        assertEquals(Verdict.VIOLATED, broken.verdict(), broken.reason());
        SegmentTrace t = SegmentTraceJson.parse(SegmentTraceJson.write(broken.counterexample().orElseThrow()));
        assertTrue(new SegmentReplayer().replay(t).reproduced(), "not reproduced");
        GenericAttacker.Outcome o = check(SchemeId.RFC8684, AttackId.INSIDER_BLIND, false);
        assertEquals(Verdict.HOLDS, o.verdict(), o.reason() + " " + o.counterexample());
        assertTrue(o.witnessRuns() > 0, "no attacker segment reached an honest end");
    }

    /** Key controls outside the default matrix: the attacker given the external key must violate, and the file replays. */
    @Test
    void givenTheKeyBoundKeyFallsUnderTheSegmentLevelColumns() throws Exception {
        for (AttackId a : List.of(AttackId.HANDSHAKE_MITM, AttackId.INSIDER_OTHER_APP)) {
            GenericAttacker.Outcome o = check(SchemeId.BOUND_KEY, a, true);
            assertEquals(Verdict.VIOLATED, o.verdict(), a + ": " + o.reason());
            SegmentTrace t = SegmentTraceJson.parse(SegmentTraceJson.write(o.counterexample().orElseThrow()));
            assertTrue(t.attackerHasKey());
            assertTrue(new SegmentReplayer().replay(t).reproduced(), a + ": not reproduced");
        }
    }
}
