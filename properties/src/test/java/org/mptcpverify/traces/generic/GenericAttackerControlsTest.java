package org.mptcpverify.traces.generic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The generic attacker's own findings and controls, directly on {@link GenericAttacker} (the
 * traces engine's tests, {@code TracesPropertyTest}, check the engine around it): it finds the race
 * bound-key / join-dos, whose counterexample carries an attacker segment; the negative controls
 * fall to it (broken, and bound-key once the attacker is given the external key); and a violation
 * whose injected fields are built from what the attacker read fails once those reads are replaced
 * by guesses.
 *
 * <p>Runs: {@code -Dmptcp.generic.tries} (default {@link GenericAttacker#DEFAULT_TRIES}); seed:
 * {@code -Dmptcp.seed}.
 */
@Tag("generic-attacker")
class GenericAttackerControlsTest {
    static final long SEED = Long.getLong("mptcp.seed", 20261127L);
    static final int TRIES = Integer.getInteger("mptcp.generic.tries", GenericAttacker.DEFAULT_TRIES);

    /** The race the atomic generators cannot express: a spoofed copy of an observed join SYN spends bound-key's ticket. */
    @Test
    void findsBoundKeyJoinDos() {
        GenericAttacker.Outcome g = new GenericAttacker(SegmentExplorer.Limits.DEFAULT, TRIES)
                .check(SchemeId.BOUND_KEY, AttackId.JOIN_DOS, SEED, false);
        assertEquals(Verdict.VIOLATED, g.verdict(), g.reason());
        assertEquals(PropertyId.JOIN_STATE_UNFORGEABLE, g.violated().orElseThrow());
        SegmentTrace t = g.counterexample().orElseThrow();
        assertTrue(t.events().stream().anyMatch(e -> e instanceof SegmentEvent.Replay || e instanceof SegmentEvent.Inject),
                "no attacker segment in " + SegmentTraceJson.write(t));
        System.out.println("bound-key / join-dos (generic, cell seed " + g.cellSeed() + ", run " + g.tryIndex() + ", "
                + g.originalEvents() + " events shrunk to " + t.events().size() + "):\n" + SegmentTraceJson.write(t));
    }

    /** Negative controls: broken falls to it, and so does bound-key once the attacker is given the external key. */
    @Test
    void negativeControlsFallToTheGenericAttacker() {
        GenericAttacker generic = new GenericAttacker(SegmentExplorer.Limits.DEFAULT, TRIES);
        GenericAttacker.Outcome broken = generic.check(SchemeId.BROKEN, AttackId.EAVESDROP_HANDSHAKE, SEED, false);
        assertEquals(Verdict.VIOLATED, broken.verdict(), "broken must fall to the generic attacker: " + broken.reason());
        GenericAttacker.Outcome keyed = generic.check(SchemeId.BOUND_KEY, AttackId.EAVESDROP_HANDSHAKE, SEED, true);
        assertEquals(Verdict.VIOLATED, keyed.verdict(), "the attacker given the key must break bound-key: " + keyed.reason());
        assertEquals(PropertyId.JOIN_AUTHENTICITY, keyed.violated().orElseThrow());
    }

    /** A violation built from what the attacker read no longer works with guesses in place of those reads. */
    @Test
    void aViolationBuiltFromReadsFailsWithGuesses() throws Exception {
        GenericAttacker.Outcome g = new GenericAttacker(SegmentExplorer.Limits.DEFAULT, TRIES)
                .check(SchemeId.RFC8684, AttackId.FASTCLOSE_FORGE, SEED, false);
        assertEquals(Verdict.VIOLATED, g.verdict(), g.reason());
        SegmentTrace t = g.counterexample().orElseThrow();
        assertEquals(t, SegmentTraceJson.parse(SegmentTraceJson.write(t)), "no round trip through the file format");
        assertTrue(new SegmentReplayer().replay(t).reproduced());
        assertTrue(t.usesReads(), "the forged fast close needs the key it read: " + SegmentTraceJson.write(t));
        assertFalse(new SegmentReplayer().replay(t.withGuesses()).reproduced(), "works with guesses too");
    }
}
