package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.matrix.Versions;

/** `chart` and `report` on the command line: outputs, exit codes, and bad input that writes nothing. */
class ChartCommandTest {
    // a segment-level file of the TLA+ core (its "events" are cut below)
    private static final Path CX = Versions.repoRoot().resolve("counterexamples/rfc8684/eavesdrop-handshake/tlc.json");

    @TempDir
    Path dir;

    @Test
    void drawsSvgAndTikzOfACommittedCounterexample() throws Exception {
        Path svg = dir.resolve("c.svg");
        CliRun r = CliRun.run("chart", CX.toString(), "--out", svg.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(svg).startsWith("<svg "));
        CliRun t = CliRun.run("chart", CX.toString(), "--format", "tikz");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("\\begin{tikzpicture}") && t.out().contains("JoinAuthenticity fails here"), t.out());
    }

    @Test
    void aTraceThatDoesNotViolateIsChartedAndExitsOne() throws Exception {
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(CX.toFile());
        ArrayNode events = (ArrayNode) json.get("events");
        while (events.size() > 1) events.remove(events.size() - 1); // the first send alone violates nothing
        Path cut = dir.resolve("cut.json");
        Files.writeString(cut, json.toString());
        CliRun r = CliRun.run("chart", cut.toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains("NOT violated"), r.out());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void badInputIsOneLineExitTwoAndOverwritesNothing() throws Exception {
        Path out = dir.resolve("keep.svg");
        Files.writeString(out, "mine");
        for (String[] args : new String[][] {
                {"chart", CX.toString(), "--format", "png", "--out", out.toString()},
                {"chart", dir.resolve("missing.json").toString(), "--out", out.toString()},
                {"chart", out.toString(), "--out", out.toString()},
                {"chart", CX.toString(), "--out", dir.toString()}}) {
            CliRun r = CliRun.run(args);
            assertEquals(2, r.code(), String.join(" ", args));
            assertEquals(1, r.err().lines().count(), r.err());
            assertEquals("mine", Files.readString(out));
        }
    }

    @Test
    void reportRefusesAMissingOrBrokenMatrixAndWritesNothing() throws Exception {
        Path site = dir.resolve("site");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"cells\": 3");
        for (Path m : new Path[] {dir.resolve("none.json"), broken}) {
            CliRun r = CliRun.run("report", "--matrix", m.toString(), "--out", site.toString());
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertFalse(Files.exists(site), "nothing written");
        }
    }

    /**
     * A counterexample of a scheme that is not built in is drawn from its definition (session 13:
     * chart had no --scheme-file, so no counterexample of a definition of one's own could be
     * charted). rfc8684's own definition and counterexamples, under the name "probe".
     */
    @Test
    void aCounterexampleOfADefinedSchemeIsDrawnFromItsDefinition() throws Exception {
        Path def = dir.resolve("probe.scheme");
        Files.writeString(def, Files.readString(Versions.repoRoot().resolve("models/schemes/rfc8684.scheme"))
                .replace("scheme rfc8684\n", "scheme probe\n"));
        for (String engine : new String[] {"traces", "tlc"}) { // both segment-level, written by two engines
            ObjectNode json = (ObjectNode) new ObjectMapper().readTree(
                    CX.resolveSibling(engine + ".json").toFile());
            json.put("scheme", "probe");
            Path cx = dir.resolve(engine + ".json");
            Files.writeString(cx, json.toString());
            Path svg = dir.resolve(engine + ".svg");
            CliRun without = CliRun.run("chart", cx.toString(), "--out", svg.toString());
            assertEquals(2, without.code(), without.err());
            assertTrue(without.err().contains("probe"), without.err());
            assertFalse(Files.exists(svg));
            CliRun r = CliRun.run("chart", cx.toString(), "--scheme-file", def.toString(), "--out", svg.toString());
            assertEquals(0, r.code(), engine + ": " + r.err());
            assertTrue(Files.readString(svg).contains("JoinAuthenticity"), engine);
        }
    }
}
