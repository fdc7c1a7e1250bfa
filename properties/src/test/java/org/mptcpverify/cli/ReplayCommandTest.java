package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    /** An exchange-level file as the deleted action-level engines wrote it (format mptcp-verify-counterexample/1). */
    private static final String EXCHANGE_LEVEL = """
            {
              "format" : "mptcp-verify-counterexample/1",
              "engine" : "alloy",
              "scheme" : "draft-baerts-low-order",
              "attack" : "fastclose-forge",
              "property" : "CloseAuthenticity",
              "seed" : 20261127,
              "attackerHasKey" : false,
              "actions" : [ { "action" : "Connect", "client" : "c1" }, { "action" : "ForgeFastClose", "client" : "c1" } ]
            }
            """;

    /** Since session 14 no engine writes that format and nothing replays it: replay and chart refuse it in one line. */
    @Test
    void exchangeLevelFileIsExitTwoNamingItsFormat(@TempDir Path dir) throws Exception {
        Path old = Files.writeString(dir.resolve("alloy.json"), EXCHANGE_LEVEL);
        for (String command : List.of("replay", "chart")) {
            CliRun r = run(command, old.toString());
            assertEquals(2, r.code(), command + ": " + r.out() + r.err());
            assertEquals("", r.out(), command);
            assertEquals(1, r.err().strip().lines().count(), command + ": " + r.err());
            assertTrue(r.err().contains("alloy.json") && r.err().contains("'mptcp-verify-counterexample/1'")
                    && r.err().contains("no longer supported"), command + ": " + r.err());
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), command + ": " + r.err());
        }
    }

    /** Issue #16.7: trailing garbage after the object gave exit 0 (the foreign-event twin is below). */
    @Test
    void trailingGarbageIsExitTwo(@TempDir Path dir) throws Exception {
        Path trailing = Files.writeString(dir.resolve("trailing.json"), Files.readString(segmentFile()) + "}{");
        CliRun r = run("replay", trailing.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
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
     * The segment-level twins of the exchange-level cases this class had until session 14: the committed
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
