package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.trace.TraceJson;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

class ReplayCommandTest {
    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    private static Path write(Path dir, SchemeId s) {
        Path p = dir.resolve(s.wireName().replace('/', '_') + ".json");
        TraceJson.writeFile(p, new TraceJson.CounterexampleFile("traces", s, AttackId.FASTCLOSE_FORGE,
                PropertyId.CLOSE_AUTHENTICITY, 20261127, null, false,
                List.of(new TraceAction.Connect("c1"), new TraceAction.ForgeFastClose("c1"))), Map.of());
        return p;
    }

    @Test
    void reproducedViolationIsExitZeroWithStepsAndVerdict(@TempDir Path dir) {
        CliRun r = run("replay", write(dir, SchemeId.DRAFT_BAERTS_LOW_ORDER).toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains(" 1. Connect(c1): "), r.out());
        assertTrue(r.out().contains(" 2. ForgeFastClose(c1): "), r.out());
        assertTrue(r.out().contains("CloseAuthenticity: VIOLATED again"), r.out());
    }

    @Test
    void notReproducedIsExitOne(@TempDir Path dir) {
        CliRun r = run("replay", write(dir, SchemeId.DRAFT_BAERTS).toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("CloseAuthenticity: NOT violated on replay"), r.out());
    }

    /** Issue #16.7: an action outside the attack's profile ran and gave exit 1; trailing garbage gave exit 0. */
    @Test
    void foreignActionsAndTrailingGarbageAreExitTwo(@TempDir Path dir) throws Exception {
        Path good = write(dir, SchemeId.DRAFT_BAERTS_LOW_ORDER);
        String text = Files.readString(good);
        Path foreign = Files.writeString(dir.resolve("foreign.json"), text.replace("ForgeFastClose", "ForgeJoin"));
        Path trailing = Files.writeString(dir.resolve("trailing.json"), text + "}{");
        for (Path p : List.of(foreign, trailing)) {
            CliRun r = run("replay", p.toString());
            assertEquals(2, r.code(), p + ": " + r.out() + r.err());
            assertEquals("", r.out());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }

    @Test
    void badFileIsExitTwoWithOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\": \"something-else\"}");
        CliRun r = run("replay", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad.json") && r.err().contains("format"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"));
        CliRun missing = run("replay", dir.resolve("nope.json").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.json"), missing.err());
    }

    /** A generic-core counterexample (format mptcp-verify-segments/1), committed with java-reference's tests. */
    static Path segmentFile() {
        return Path.of(System.getProperty("mptcp.repoRoot", "..")).resolve(
                "java-reference/src/test/resources/segments/rfc8684_eavesdrop-handshake.json");
    }

    @Test
    void segmentLevelFileReplaysEventByEvent() {
        CliRun r = run("replay", segmentFile().toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("segment level"), r.out());
        assertTrue(r.out().contains("x injects #5 JOIN_SYN"), r.out());
        assertTrue(r.out().contains("JoinAuthenticity: VIOLATED again"), r.out());
    }

    /** A term over a segment the attacker never read is bad input, as is --scheme-file on this format. */
    @Test
    void segmentLevelFileWithAnUnderivableTermIsExitTwo(@TempDir Path dir) throws Exception {
        String text = Files.readString(segmentFile());
        String unread = text.replaceAll("\\{\\s*\"event\" : \"observe\",\\s*\"seg\" : 3\\s*},", "");
        assertFalse(unread.equals(text), "the fixture has no observe of #3");
        Path bad = Files.writeString(dir.resolve("unread.json"), unread);
        CliRun r = run("replay", bad.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("has not read"), r.err());
        // a scheme file replays a segment-level file on the definition-driven implementation: the
        // committed rfc8684 definition decides it as the built-in rfc8684 does
        CliRun builtIn = run("replay", segmentFile().toString());
        CliRun withScheme = run("replay", segmentFile().toString(), "--scheme-file", "../models/schemes/rfc8684.scheme");
        assertEquals(builtIn.code(), withScheme.code(), withScheme.out() + withScheme.err());
        assertEquals(builtIn.out().lines().reduce((a, b) -> b).orElse(""),
                withScheme.out().lines().reduce((a, b) -> b).orElse(""), "the same verdict line");
    }

    /**
     * The segment-level twins of the exchange-level cases above (which go with that format,
     * docs/traces-engine.md "Exchange-level attacker: remaining users"): the committed
     * counterexample without its last delivery (the forged third ACK never arrives) is not
     * reproduced, exit 1; the same events under an attack whose profile does not inject are bad
     * input, exit 2.
     */
    @Test
    void segmentLevelNotReproducedIsExitOneAndAnEventOutsideTheProfileIsExitTwo(@TempDir Path dir) throws Exception {
        String text = Files.readString(segmentFile());
        String cut = text.replaceAll(",\\s*\\{\\s*\"event\" : \"deliver\",\\s*\"seg\" : 7\\s*}", "");
        assertFalse(cut.equals(text), "the fixture has no delivery of #7");
        CliRun r = run("replay", Files.writeString(dir.resolve("cut.json"), cut).toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("JoinAuthenticity: NOT violated on replay"), r.out());
        String foreign = text.replace("\"attack\" : \"eavesdrop-handshake\"", "\"attack\" : \"legit-join\"");
        assertFalse(foreign.equals(text), "the fixture names no eavesdrop-handshake");
        CliRun f = run("replay", Files.writeString(dir.resolve("foreign.json"), foreign).toString());
        assertEquals(2, f.code(), f.out() + f.err());
        assertEquals("", f.out());
        assertEquals(1, f.err().strip().lines().count(), f.err());
    }
}
