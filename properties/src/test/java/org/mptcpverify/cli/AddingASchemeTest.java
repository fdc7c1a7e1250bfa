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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.matrix.EngineRegistry;

/**
 * docs/adding-a-scheme.md, followed: its example definition (extracted from the page) written to a
 * temporary folder, its matrix row run through {@code --scheme-file} with every engine that accepts
 * a scheme file (an engine that does not must say so with exit 2; one that does must agree with the
 * others, or this test fails), and every violated cell's counterexample replayed on the definition.
 */
class AddingASchemeTest {
    private static final Path DOC = Path.of("..", "docs", "adding-a-scheme.md");
    private static final String MARK = "<!-- example: psk-join.scheme -->";
    private static final String REFUSAL = "cannot run a scheme file yet";

    private String alloyModel;

    /**
     * The legacy Alloy model (which refuses a scheme file) whichever is the default: the Alloy core
     * would solve the example's whole row live (CPU minutes per cell at its standard scope); its
     * run of the example is AlloySchemeFileTest's one cell, the row a documented command
     * (docs/adding-a-scheme.md).
     */
    @org.junit.jupiter.api.BeforeEach
    void legacyAlloy() {
        alloyModel = System.getProperty(EngineRegistry.ALLOY_MODEL);
        System.setProperty(EngineRegistry.ALLOY_MODEL, "legacy");
    }

    @org.junit.jupiter.api.AfterEach
    void restoreAlloy() {
        if (alloyModel == null) {
            System.clearProperty(EngineRegistry.ALLOY_MODEL);
        } else {
            System.setProperty(EngineRegistry.ALLOY_MODEL, alloyModel);
        }
    }

    static String example() throws IOException {
        String doc = Files.readString(DOC);
        int at = doc.indexOf(MARK);
        assertTrue(at >= 0, "the page marks its example");
        int open = doc.indexOf("```\n", at) + 4;
        return doc.substring(open, doc.indexOf("```", open));
    }

    @Test
    void theExampleRunsItsRowInEveryEngineThatTakesSchemeFilesAndItsViolationsReplay(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("psk-join.scheme"), example());
        List<String> engines = new ArrayList<>();
        for (String e : EngineRegistry.all().keySet()) {
            Path probe = tmp.resolve("probe-" + e);
            CliRun r = CliRun.run("check", "--engine", e, "--scheme", "psk-join", "--attack", "legit-join",
                    "--scheme-file", file.toString(), "--tries", "200", "--out", probe.toString());
            if (r.code() == 2) {
                assertTrue(r.err().contains(REFUSAL), e + " refuses with a reason: " + r.err());
                assertFalse(Files.exists(probe), "nothing written on refusal");
            } else {
                engines.add(e);
            }
        }
        assertTrue(engines.containsAll(java.util.List.of("traces", "tlc")), "traces and tlc run scheme files: " + engines);
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
