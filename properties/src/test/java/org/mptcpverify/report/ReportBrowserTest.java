package org.mptcpverify.report;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.cli.Main;

/**
 * The report renders in a real browser: headless Chromium (Debian's chromium, installed by
 * .ci/run) loads the site a small real matrix run produced, and the matrix and a sequence chart
 * come out non-empty, with no console message (the pages carry no script, so any is an error).
 */
class ReportBrowserTest {
    private static final Tool CHROMIUM = new Tool("chromium");

    @TempDir
    static Path dir;
    static Path site;
    static JsonNode matrix;

    @BeforeAll
    static void buildSite() throws Exception {
        Path run = dir.resolve("matrix");
        int code = Main.execute("matrix", "--timeout", "1800", "--engines", "traces", "--schemes", "rfc8684,bound-key",
                "--attacks", "eavesdrop-handshake,legit-join,one-sided-key", "--out", run.toString());
        // any verdict will do (bound-key / eavesdrop-handshake is VACUOUS, exit 3): the run must complete
        assertTrue(code == Main.EXIT_OK || code == Main.EXIT_FAILED || code == Main.EXIT_INCONCLUSIVE, "the sample matrix run: exit " + code);
        assertTrue(java.nio.file.Files.isRegularFile(run.resolve("matrix.json")), "the sample matrix run wrote matrix.json");
        site = dir.resolve("site");
        assertEquals(0, Main.execute("report", "--matrix", run.resolve("matrix.json").toString(), "--out", site.toString()));
        matrix = new ObjectMapper().readTree(run.resolve("matrix.json").toFile());
    }

    /** Chromium with the flags of a clean, offline, sandbox-free headless run and a fresh profile. */
    private static Tool.Result chromium(String what, Path page) throws Exception {
        Path profile = Files.createTempDirectory(dir, "profile");
        List<String> args = new ArrayList<>(List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
        args.add(what);
        args.add(page.toUri().toString());
        return CHROMIUM.run(dir, 120, args);
    }

    private static List<String> consoleLines(Tool.Result r) {
        return r.err().lines().filter(l -> l.contains(":CONSOLE")).toList();
    }

    private static void needsChromium() {
        Assumptions.assumeTrue(CHROMIUM.installed(), "chromium is not installed (.ci/run installs Debian's chromium)");
    }

    @Test
    void theMatrixRendersWithEveryCellAndNoConsoleMessage() throws Exception {
        needsChromium();
        Tool.Result r = chromium("--dump-dom", site.resolve("index.html"));
        assertEquals(0, r.code(), r.err());
        String dom = r.out();
        Matcher table = Pattern.compile("<table id=\"matrix\">(.*?)</table>", Pattern.DOTALL).matcher(dom);
        assertTrue(table.find(), "no matrix table in the rendered page");
        long rows = Pattern.compile("<tr>").matcher(table.group(1)).results().count();
        long cells = Pattern.compile("<td class=\"cell ").matcher(table.group(1)).results().count();
        assertEquals(matrix.path("cells").size(), cells, "one rendered cell per matrix.json cell");
        long schemes = java.util.stream.StreamSupport.stream(matrix.path("cells").spliterator(), false)
                .map(c -> c.path("scheme").asText()).distinct().count();
        assertEquals(schemes + 1, rows, "a header row and one row per scheme");
        assertEquals(List.of(), consoleLines(r));
    }

    @Test
    void aViolatedCellsChartRendersAndIsNotBlank() throws Exception {
        needsChromium();
        JsonNode violated = null;
        for (JsonNode c : matrix.path("cells")) if (c.path("verdict").asText().equals("VIOLATED")) violated = c;
        assertNotNull(violated, "the sample run has a violated cell");
        Path page = site.resolve(ReportSite.cellPage(violated));
        Tool.Result dom = chromium("--dump-dom", page);
        assertEquals(0, dom.code(), dom.err());
        assertTrue(dom.out().contains("<svg"), "no chart in the rendered cell page");
        assertTrue(dom.out().contains("marker-end"), "the chart has no arrows");
        assertEquals(List.of(), consoleLines(dom));
        Path png = dir.resolve("cell.png");
        Tool.Result shot = chromium("--screenshot=" + png, page);
        assertEquals(0, shot.code(), shot.err());
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "no screenshot written");
        long inked = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xffffff) != 0xffffff) inked++;
        }
        assertTrue(inked > img.getWidth() * img.getHeight() / 100, "the rendered page is (nearly) blank: " + inked + " inked pixels");
    }

    @Test
    void controlAConsoleErrorIsSeen() throws Exception {
        needsChromium();
        Path bad = dir.resolve("control.html");
        Files.writeString(bad, "<!DOCTYPE html><html><body><p>control</p><script>console.error('control error')</script></body></html>");
        assertFalse(consoleLines(chromium("--dump-dom", bad)).isEmpty(), "the console check would miss an error");
    }

    @Test
    void everyCellPageNamesTheCommandThatReproducesIt() throws Exception {
        for (JsonNode c : matrix.path("cells")) {
            String html = Files.readString(site.resolve(ReportSite.cellPage(c)));
            assertTrue(html.contains("./mptcp-verify matrix --engines traces --schemes " + c.path("scheme").asText()
                    + " --attacks " + c.path("attack").asText() + " --seed " + matrix.path("seed").asText()), ReportSite.cellPage(c));
            if (c.path("verdict").asText().equals("VIOLATED")) {
                String cx = c.path("engines").path("traces").path("counterexample").asText();
                assertTrue(html.contains("./mptcp-verify replay " + cx), html);
                assertTrue(Files.isRegularFile(site.resolve("files").resolve(cx)), "the counterexample file is in the site");
            }
            assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "a page refers to the network");
        }
    }
}
