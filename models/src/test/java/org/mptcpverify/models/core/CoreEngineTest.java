package org.mptcpverify.models.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.mptcpverify.engine.Bounds;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.scheme.Schemes;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The {@code tlc} engine on the generic core: a VIOLATED cell's counterexample is written in the
 * segment format and replays; a violation that does not replay on the reference is INCONCLUSIVE;
 * a HOLDS carries the attacker-activity witness, and a HOLDS whose attacker cannot reach a check
 * is VACUOUS; the bounds a user gives are the bounds checked.
 */
class CoreEngineTest {
    static final Path OUT = CoreCellsTest.TARGET.resolve("engine");

    static EngineOptions options(String name, Bounds bounds) {
        return new EngineOptions(CoreCellsTest.seed(), OUT.resolve(name).resolve("cx"), OUT.resolve(name).resolve("work"),
                Duration.ofSeconds(600), 0, false, bounds);
    }

    @Test
    void brokenJoinDosIsViolatedWithACounterexampleThatReplays() throws Exception {
        CellResult r = new CoreEngine(1).check(SchemeId.BROKEN, AttackId.JOIN_DOS, options("broken-join-dos", Bounds.NONE));
        assertEquals(Verdict.VIOLATED, r.verdict(), r.toString());
        assertEquals(List.of(PropertyId.JOIN_STATE_UNFORGEABLE), r.violated());
        assertNotNull(r.counterexample());
        SegmentTrace t = SegmentTraceJson.read(r.counterexample());
        assertEquals(SchemeId.BROKEN, t.scheme());
        assertTrue(new SegmentReplayer().replay(t).reproduced(), "the written file replays");

        // same inputs and seed, same bytes: a second run writes the identical file and nothing else
        CellResult again = new CoreEngine(1).check(SchemeId.BROKEN, AttackId.JOIN_DOS, options("broken-join-dos-again", Bounds.NONE));
        assertEquals(untimed(r.bounds()), untimed(again.bounds()));
        assertArrayEquals(Files.readAllBytes(r.counterexample()), Files.readAllBytes(again.counterexample()));
        try (var files = Files.list(again.counterexample().getParent())) {
            assertEquals(List.of("tlc.json"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary files left behind");
        }
    }

    /** The bounds without the timings (keys ending in "Seconds"), which no run repeats. */
    private static Map<String, Object> untimed(Map<String, Object> bounds) {
        Map<String, Object> m = new TreeMap<>(bounds);
        m.keySet().removeIf(k -> k.endsWith("Seconds"));
        return m;
    }

    /** A model TLC cannot parse is INCONCLUSIVE with TLC's reason, never HOLDS. */
    @Test
    void aParseErrorIsInconclusive() {
        CoreCell cell = CoreCell.of(SchemeId.RFC8684, AttackId.LEGIT_JOIN, CoreBounds.standard(AttackId.LEGIT_JOIN)).get(0);
        CoreResult r = new CoreChecker(1).check(cell, List.of(PropertyId.LEGIT_JOIN_SUCCEEDS), OUT.resolve("parse"),
                CoreCellsTest.seed(), Duration.ofSeconds(300),
                Map.<String, UnaryOperator<String>>of("MptcpCore", t -> t.replaceFirst("(?m)^Init ==", "Init == +")));
        assertEquals(Verdict.INCONCLUSIVE, r.verdict(), r.toString());
        assertTrue(r.reason().contains("TLC exit code"), r.reason());
    }

    /**
     * A state space that is not finished within the time given is INCONCLUSIVE (a timeout), never
     * HOLDS. The cell holds (draft-baerts / eavesdrop-all, proved for all trace lengths), so TLC
     * cannot end early on a violation: with rfc8684 / join-dos an idle machine found one at depth 7
     * within the second.
     */
    @Test
    void anUnfinishedStateSpaceIsInconclusive() {
        CellResult r = new CoreEngine(1).check(SchemeId.DRAFT_BAERTS, AttackId.EAVESDROP_ALL,
                new EngineOptions(CoreCellsTest.seed(), OUT.resolve("timeout").resolve("cx"), OUT.resolve("timeout").resolve("work"),
                        Duration.ofSeconds(1), 0, false, Bounds.parse("joins=4,injections=4,connections=2")));
        assertEquals(Verdict.INCONCLUSIVE, r.verdict(), r.toString());
        assertTrue(r.reason().contains("timeout"), r.reason());
        assertNull(r.counterexample());
    }

    /** Negative control of the replay gate: the same violation replayed on rfc8684's reference does not reproduce. */
    @Test
    void aViolationThatDoesNotReplayIsInconclusiveNotViolated() {
        CellResult r = CoreEngine.replayingOn(1, s -> Schemes.of(SchemeId.RFC8684))
                .check(SchemeId.BROKEN, AttackId.JOIN_DOS, options("broken-join-dos-on-rfc", Bounds.NONE));
        assertEquals(Verdict.INCONCLUSIVE, r.verdict(), r.toString());
        assertNull(r.counterexample());
        assertTrue(r.reason().contains("no counterexample replays"), r.reason());
    }

    @Test
    void aHoldsCarriesTheWitnessAndWithoutInjectionsIsVacuous() {
        CellResult holds = new CoreEngine(1).check(SchemeId.BOUND_KEY, AttackId.EAVESDROP_HANDSHAKE,
                options("bk-eh", Bounds.NONE));
        assertEquals(Verdict.HOLDS, holds.verdict(), holds.toString());
        assertEquals(1, holds.witness().get("attackerSegmentsChecked"), holds.witness().toString());
        assertEquals(1, holds.witness().get("relevantChecksReached"), holds.witness().toString());
        assertTrue((Integer) holds.witness().get("witnessSteps") > 0, holds.witness().toString());
        // the segment that reached the check is of a kind JoinAuthenticity depends on
        String last = (String) holds.witness().get("checkedSegment");
        assertTrue(PropertyId.JOIN_AUTHENTICITY.decidedBy().stream().anyMatch(k -> last.contains("m |-> \"" + k + "\"")), last);

        CellResult vacuous = new CoreEngine(1).check(SchemeId.BOUND_KEY, AttackId.EAVESDROP_HANDSHAKE,
                options("bk-eh-0", Bounds.parse("injections=0")));
        assertEquals(Verdict.VACUOUS, vacuous.verdict(), vacuous.toString());
        assertEquals(0, vacuous.witness().get("attackerSegmentsChecked"));
        assertEquals(0, vacuous.witness().get("relevantChecksReached"));
        assertEquals(0, vacuous.bounds().get("injections"));
    }

    @Test
    void boundsAreHonouredOrRefused() {
        CoreEngine e = new CoreEngine(1);
        Bounds r = e.resolve(SchemeId.RFC8684, AttackId.JOIN_DOS, Bounds.parse("joins=2,connections=2,rewrites=1"));
        assertEquals(2, r.get("joins").getAsInt());
        assertEquals(2, r.get("connections").getAsInt());
        assertEquals(1, r.get("rewrites").getAsInt());
        assertEquals(CoreBounds.standard(AttackId.JOIN_DOS).injections(), r.get("injections").getAsInt());
        CellResult bad = e.check(SchemeId.RFC8684, AttackId.JOIN_DOS, options("bad", Bounds.parse("nonces=2")));
        assertEquals(Verdict.INCONCLUSIVE, bad.verdict());
        assertTrue(bad.reason().startsWith("bounds: "), bad.reason());
    }
}
