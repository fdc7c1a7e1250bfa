package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --bounds reaches the engines, is printed and recorded, and a bound nobody can honour is exit 2. */
class BoundsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void refused(CliRun r, String expected, Path out) {
        assertEquals(Main.EXIT_USAGE, r.code(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(Files.exists(out), "nothing is written for refused bounds");
    }

    @Test
    void boundsTheCurrentCoreCannotHonourAreRefusedBeforeAnyWork(@TempDir Path tmp) {
        Path out = tmp.resolve("out");
        String o = out.toString();
        refused(CliRun.run("check", "--engine", "tlc", "--scheme", "rfc8684", "--attack", "join-dos",
                "--bounds", "steps=4", "--out", o), "steps", out);
        refused(CliRun.run("check", "--engine", "alloy", "--scheme", "rfc8684", "--attack", "two-keys-one-host",
                "--bounds", "clients=3", "--out", o), "no bound 'clients'", out);
        refused(CliRun.run("check", "--engine", "tlc", "--scheme", "rfc8684", "--attack", "join-dos",
                "--bounds", "steps=4", "--out", o), "no bound 'steps'", out);
        refused(CliRun.run("check", "--engine", "alloy", "--scheme", "rfc8684", "--attack", "join-dos",
                "--bounds", "steps=1", "--out", o), "at least 2 states", out);
        refused(CliRun.run("check", "--engine", "traces", "--scheme", "rfc8684", "--attack", "join-dos",
                "--tries", "5", "--bounds", "tries=5", "--out", o), "--tries", out);
        refused(CliRun.run("matrix", "--engines", "tlc", "--bounds", "alloy.steps=5", "--out", o), "not selected", out);
        refused(CliRun.run("matrix", "--bounds", "joins=3", "--out", o), "no bound 'joins'", out);
        refused(CliRun.run("matrix", "--bounds", "joins=x", "--out", o), "KEY=N", out);
        // the traces command runs the traces engine (injections is one of its bounds since the generators went)
        refused(CliRun.run("traces", "--schemes", "rfc8684", "--bounds", "nonces=1", "--out", o), "no bound 'nonces'", out);
    }

    @Test
    void eachEngineChecksAndRecordsTheBoundsItWasGiven(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("m");
        CliRun r = CliRun.run("matrix", "--engines", "traces,tlc,alloy", "--schemes", "rfc8684", "--attacks", "join-dos",
                "--bounds", "tlc.joins=2,tlc.rewrites=1,alloy.steps=7,traces.steps=20,traces.tries=500", "--out", out.toString());
        assertEquals(Main.EXIT_OK, r.code(), r.out() + r.err());
        JsonNode e = JSON.readTree(out.resolve("matrix.json").toFile()).path("cells").get(0).path("engines");
        assertEquals(2, e.path("tlc").path("bounds").path("joins").asInt());
        assertEquals(1, e.path("tlc").path("bounds").path("rewrites").asInt());
        assertEquals(7, e.path("alloy").path("bounds").path("steps").asInt());
        assertEquals(20, e.path("traces").path("bounds").path("steps").asInt());
        assertEquals(500, e.path("traces").path("bounds").path("tries").asInt());
        assertTrue(r.out().contains("joins=2") && r.out().contains("rewrites=1"), "printed with the verdict: " + r.out());

        // the bound reaches the checker: more joins, more states
        CliRun two = CliRun.run("check", "--engine", "tlc", "--scheme", "bound-key", "--attack", "join-dos",
                "--bounds", "joins=1", "--out", tmp.resolve("c2").toString());
        CliRun three = CliRun.run("check", "--engine", "tlc", "--scheme", "bound-key", "--attack", "join-dos",
                "--bounds", "joins=2", "--out", tmp.resolve("c3").toString());
        assertTrue(states(two.out()) < states(three.out()), two.out() + three.out());
    }

    @Test
    void sweepShowsWhereAVerdictChanges(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("s");
        CliRun r = CliRun.run("sweep", "--engine", "tlc", "--scheme", "rfc8684", "--attack", "join-dos",
                "--bounds", "injections=0..2,joins=2", "--out", out.toString());
        assertEquals(Main.EXIT_FAILED, r.code(), r.out() + r.err());
        JsonNode levels = JSON.readTree(out.resolve("sweep.json").toFile()).path("levels");
        assertEquals(3, levels.size());
        assertEquals("VACUOUS", levels.get(0).path("verdict").asText(), "no attacker action: no claim");
        assertEquals("VIOLATED", levels.get(1).path("verdict").asText());
        assertEquals("VIOLATED", levels.get(2).path("verdict").asText());
        assertTrue(r.out().lines().count() >= 5, r.out());

        refused(CliRun.run("sweep", "--engine", "tlc", "--scheme", "rfc8684", "--attack", "join-dos",
                "--bounds", "joins=3..1", "--out", tmp.resolve("x").toString()), "must rise", tmp.resolve("x"));
        refused(CliRun.run("sweep", "--engine", "tlc", "--scheme", "rfc8684", "--attack", "join-dos",
                "--bounds", "joins=1..2,injections=1..2", "--out", tmp.resolve("x").toString()), "one key", tmp.resolve("x"));
        refused(CliRun.run("sweep", "--engine", "alloy", "--scheme", "rfc8684", "--attack", "join-dos",
                "--bounds", "connections=1..2", "--out", tmp.resolve("x").toString()), "no bound 'connections'", tmp.resolve("x"));
    }

    private static long states(String checkOutput) {
        var m = java.util.regex.Pattern.compile("distinctStates=([0-9]+)").matcher(checkOutput);
        assertTrue(m.find(), checkOutput);
        return Long.parseLong(m.group(1));
    }
}
