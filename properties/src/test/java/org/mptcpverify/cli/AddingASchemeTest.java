package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.matrix.EngineRegistry;

/**
 * docs/adding-a-scheme.md, followed: its example definition (extracted from the page) written to a
 * temporary folder, its matrix row run through {@code --scheme-file} with traces and tlc (which must
 * agree, or this test fails), and every violated cell's counterexample replayed on the definition.
 * The alloy engine's cell of the example is AlloySchemeFileTest's.
 */
class AddingASchemeTest {
    private static final Path DOC = Path.of("..", "docs", "adding-a-scheme.md");
    private static final String MARK = "<!-- example: psk-join.scheme -->";

    static String example() throws IOException {
        String doc = Files.readString(DOC);
        int at = doc.indexOf(MARK);
        assertTrue(at >= 0, "the page marks its example");
        int open = doc.indexOf("```\n", at) + 4;
        return doc.substring(open, doc.indexOf("```", open));
    }

    @Test
    void theExampleRunsItsRowInTracesAndTlcAndItsViolationsReplay(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("psk-join.scheme"), example());
        // alloy takes scheme files too, but solves each cell live for CPU minutes at its standard scope:
        // its run of the example is AlloySchemeFileTest's cell, the whole row a documented command
        List<String> engines = List.of("traces", "tlc");
        assertTrue(EngineRegistry.all().keySet().containsAll(engines));
        Path out = tmp.resolve("row");
        CliRun m = CliRun.run("matrix", "--engines", String.join(",", engines), "--scheme-file", file.toString(),
                "--tries", "400", "--jobs", "1", "--out", out.toString());
        assertNotEquals(2, m.code(), m.err());
        assertNotEquals(1, m.code(), "the engines that take scheme files disagree on the example's row: " + m.out());
        JsonNode doc = new ObjectMapper().readTree(Files.readString(out.resolve("matrix.json")));
        int replayed = 0;
        for (JsonNode cell : doc.get("cells")) {
            assertEquals("psk-join", cell.get("scheme").asText(), "the row carries the design's own name");
            assertTrue(cell.get("agree").asBoolean(), cell.toString());
            for (String e : engines) {
                JsonNode r = cell.get("engines").get(e);
                if (!r.get("verdict").asText().equals("VIOLATED")) continue;
                Path cex = out.resolve(r.get("counterexample").asText());
                CliRun replay = CliRun.run("replay", cex.toString(), "--scheme-file", file.toString());
                assertEquals(0, replay.code(), "violated cell replays on the reference: " + cex + "\n" + replay.out());
                replayed++;
            }
        }
        assertTrue(replayed > 0, "the example's row has violated cells to replay");
    }

    @Test
    void theErrorThePageShowsIsTheOneTheParserGives(@TempDir Path tmp) throws IOException {
        String text = example();
        String addr = "message add-addr-a : add-addr A->B ADD_ADDR\n";
        assertTrue(text.contains(addr));
        Path file = Files.writeString(tmp.resolve("psk-join.scheme"), text.replace(addr, ""));
        CliRun r = CliRun.run("matrix", "--engines", "traces", "--scheme-file", file.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code());
        String shown = "psk-join.scheme:1: no add-addr message A->B for mode plain";
        assertTrue(Files.readString(DOC).contains(shown));
        assertEquals("mptcp-verify: " + file.getParent().resolve(shown), r.err().strip());
    }
}
