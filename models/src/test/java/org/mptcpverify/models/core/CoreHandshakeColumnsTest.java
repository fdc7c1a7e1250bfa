package org.mptcpverify.models.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The handshake columns of issue 13 on the generic TLA+ core (MptcpCore.tla Strip, ClearSig and
 * Drop on p1 during the handshake; DowngradeResistance). A downgrade replays on the reference and
 * needs its edits; whether an end refuses or falls back is the definition's {@code mismatch} rule,
 * not a table: flipping it flips the verdict; given the key, the man in the middle joins bound-key.
 */
class CoreHandshakeColumnsTest {
    static final Duration TIMEOUT = Duration.ofSeconds(600);
    /** bound-key's keyed mode line, refusing a peer without the signal (models/schemes/bound-key.scheme). */
    static final String BOUND_MODE = "mode bound flag G requires K mismatch tcp";
    /** draft-paasch's keyed mode line, falling back (models/schemes/draft-paasch.scheme). */
    static final String PAASCH_MODE = "mode app flag G requires K";

    static CoreCell cell(SchemeId s, AttackId a) {
        return CoreCell.of(s, a, CoreBounds.standard(a)).get(0);
    }

    /** The trace without its tamper events: every later reference to an edited segment goes to the original. */
    static SegmentTrace untampered(SegmentTrace t) {
        Map<Integer, Integer> was = new TreeMap<>();
        List<SegmentEvent> out = new ArrayList<>();
        for (SegmentEvent e : t.events()) {
            if (e instanceof SegmentEvent.Tamper tm) {
                was.put(tm.as(), was.getOrDefault(tm.seg(), tm.seg()));
            } else if (e instanceof SegmentEvent.Deliver d) {
                out.add(new SegmentEvent.Deliver(was.getOrDefault(d.seg(), d.seg()), d.reply(), d.replyMsg()));
            } else if (!(e instanceof SegmentEvent.Observe o && was.containsKey(o.seg()))) {
                out.add(e);
            }
        }
        return t.withEvents(out);
    }

    @Test
    void aFallingBackSchemeIsDowngradedAndTheViolationNeedsTheEdit() throws Exception {
        SegmentTrace t = CoreReplayTest.violated(SchemeId.DRAFT_PAASCH, AttackId.HANDSHAKE_DOWNGRADE,
                PropertyId.DOWNGRADE_RESISTANCE);
        assertTrue(t.events().stream().anyMatch(SegmentEvent.Tamper.class::isInstance), "no edit: " + t.events());
        assertTrue(CoreReplayTest.replay(t).reproduced(), "not reproduced on the reference");
        // negative control: the same handshake without the attacker's edits keeps the key mode
        SegmentReplayer.Result clean = CoreReplayTest.replay(untampered(t));
        assertTrue(clean.divergence().isEmpty() && !clean.reproduced(), String.join("\n", clean.report()));
    }

    /** The definition's mismatch rule decides: bound-key made to fall back is downgraded, draft-paasch made to refuse holds. */
    @Test
    void refusingOrFallingBackIsTheDefinitionsMismatchRule() throws Exception {
        assertEquals(Verdict.HOLDS, withMode(SchemeId.BOUND_KEY, BOUND_MODE, BOUND_MODE).verdict());
        CoreResult fallsBack = withMode(SchemeId.BOUND_KEY, BOUND_MODE, "mode bound flag G requires K");
        assertEquals(Verdict.VIOLATED, fallsBack.verdict(), fallsBack.toString());
        assertTrue(fallsBack.trace().stream().anyMatch(s -> s.contains("Tamper")), "trace: " + fallsBack.trace());
        CoreResult refuses = withMode(SchemeId.DRAFT_PAASCH, PAASCH_MODE, PAASCH_MODE + " mismatch tcp");
        assertEquals(Verdict.HOLDS, refuses.verdict(), refuses.toString());
    }

    /** handshake-downgrade on the scheme's definition with its keyed mode line {@code from} replaced by {@code to}. */
    static CoreResult withMode(SchemeId s, String from, String to) throws Exception {
        CoreCell cell = cell(s, AttackId.HANDSHAKE_DOWNGRADE);
        String text = Files.readString(GeneratedSchemeDataTest.definition(s));
        assertTrue(text.contains(from + " ") || text.contains(from + "\n"), "not in " + s + ".scheme: " + from);
        String module = CoreSchemeFiles.render(DefinitionParser.parse(s.wireName() + "-edited.scheme",
                text.replace(from, to)), "edited").get("schemes/" + cell.schemeModule() + ".tla");
        return new CoreChecker(1).check(cell, List.of(PropertyId.DOWNGRADE_RESISTANCE),
                CoreCellsTest.TARGET.resolve("handshake"), CoreCellsTest.seed(), TIMEOUT, committed -> module);
    }

    /** The column's negative control: given K, the man in the middle joins a bound-key connection, replayed. */
    @Test
    void boundKeyFallsToTheManInTheMiddleGivenTheKey() throws Exception {
        CoreCell c = new CoreCell(SchemeId.BOUND_KEY, AttackId.HANDSHAKE_MITM, "both", true,
                CoreBounds.standard(AttackId.HANDSHAKE_MITM));
        SegmentTrace t = CoreReplayTest.violated(c, PropertyId.JOIN_AUTHENTICITY);
        assertTrue(t.attackerHasKey());
        assertTrue(CoreReplayTest.replay(t).reproduced(), "not reproduced on the reference");
        // and without the key it holds: the refusal leaves the attacker no keyless connection to join
        CoreResult r = new CoreChecker(1).check(cell(SchemeId.BOUND_KEY, AttackId.HANDSHAKE_MITM),
                List.of(PropertyId.JOIN_AUTHENTICITY), CoreCellsTest.TARGET.resolve("handshake"), CoreCellsTest.seed(),
                TIMEOUT);
        assertEquals(Verdict.HOLDS, r.verdict(), r.toString());
        assertFalse(r.distinctStates() == 0);
    }
}
