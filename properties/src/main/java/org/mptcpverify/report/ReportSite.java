package org.mptcpverify.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mptcpverify.chart.Charts;
import org.mptcpverify.chart.SequenceChart;
import org.mptcpverify.chart.SvgChart;
import org.mptcpverify.matrix.MatrixFormats;
import org.mptcpverify.trace.TraceJson;

/**
 * A static, self-contained HTML site from a matrix.json: the matrix, a page per cell with what
 * each engine reported (verdict, bounds and whatever else the engine recorded, shown as recorded),
 * every counterexample's sequence chart drawn from its replay, its files, and the commands that
 * reproduce the cell. Pure: the same matrix.json and counterexample files give the same bytes.
 */
public final class ReportSite {
    private ReportSite() {}

    /**
     * @param matrix the parsed matrix.json
     * @param base   the folder its counterexample paths are relative to (the matrix's --out)
     * @return relative file name to content
     */
    public static Map<String, byte[]> render(JsonNode matrix, Path base) {
        return render(matrix, base, Charts::of);
    }

    /** How a counterexample file becomes its chart: replayed with the built-in schemes, or with a scheme file's too. */
    @FunctionalInterface
    public interface ChartSource {
        SequenceChart of(Path counterexample) throws TraceJson.BadTraceFileException;
    }

    /** As {@link #render(JsonNode, Path)}, each counterexample charted by {@code charts}. */
    public static Map<String, byte[]> render(JsonNode matrix, Path base, ChartSource charts) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<String> schemes = new ArrayList<>();
        List<String> attacks = new ArrayList<>();
        for (JsonNode c : matrix.path("cells")) {
            if (!schemes.contains(c.path("scheme").asText())) schemes.add(c.path("scheme").asText());
            if (!attacks.contains(c.path("attack").asText())) attacks.add(c.path("attack").asText());
        }
        files.put("index.html", utf8(index(matrix, schemes, attacks)));
        for (JsonNode c : matrix.path("cells")) {
            files.put(cellPage(c), utf8(cell(matrix, c, base, files, charts)));
        }
        return files;
    }

    static String cellPage(JsonNode c) {
        return "cells/" + c.path("scheme").asText().replace('/', '-') + "__" + c.path("attack").asText() + ".html";
    }

    private static String index(JsonNode m, List<String> schemes, List<String> attacks) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>mptcp-verify: verdict matrix</h1>\n<p>Engines: ").append(Html.esc(engines(m)))
                .append("; seed ").append(m.path("seed").asText())
                .append(". Rows are schemes, columns attacks; each cell links to its engines' reports, bounds, ")
                .append("charts and counterexample files. HOLDS means no violation within the bounds on the cell's page.</p>\n");
        b.append("<table id=\"matrix\">\n<tr><th>scheme</th>");
        for (String a : attacks) b.append("<th class=\"attack\"><code>").append(Html.esc(a)).append("</code></th>");
        b.append("</tr>\n");
        for (String s : schemes) {
            b.append("<tr><th><code>").append(Html.esc(s)).append("</code></th>");
            for (String a : attacks) {
                JsonNode c = find(m, s, a);
                if (c == null) {
                    b.append("<td></td>");
                    continue;
                }
                boolean agree = c.path("agree").asBoolean(true);
                String v = c.path("verdict").asText();
                b.append("<td class=\"cell ").append(agree ? "v-" + v : "disagree").append("\"><a href=\"")
                        .append(cellPage(c)).append("\">").append(agree ? shortVerdict(v) : "DISAGREE").append("</a><br><span class=\"engines\">");
                List<String> parts = new ArrayList<>();
                c.path("engines").fields().forEachRemaining(e -> parts.add(Html.esc(e.getKey()) + " " + shortVerdict(e.getValue().path("verdict").asText())));
                b.append(String.join(" &middot; ", parts)).append("</span></td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n<p>VIOLATED: a counterexample that replays on the Java reference. HOLDS: within the ")
                .append("bounds listed per cell. ").append(Html.esc(MatrixFormats.NA_LEGEND)).append(". ")
                .append("INCONCLUSIVE: some engine could not decide. VACUOUS: no violation, but the attacker never acted, so no claim. DISAGREE: the engines that decided differ.</p>\n");
        b.append(versions(m));
        return Html.page("mptcp-verify verdict matrix", null, b.toString());
    }

    private static String cell(JsonNode m, JsonNode c, Path base, Map<String, byte[]> files, ChartSource source) {
        String s = c.path("scheme").asText();
        String a = c.path("attack").asText();
        StringBuilder b = new StringBuilder();
        b.append("<h1><code>").append(Html.esc(s)).append("</code> / <code>").append(Html.esc(a)).append("</code>: ")
                .append(c.path("agree").asBoolean(true) ? Html.esc(c.path("verdict").asText()) : "engines DISAGREE").append("</h1>\n");
        List<String> props = new ArrayList<>();
        c.path("properties").forEach(p -> props.add("<code>" + Html.esc(p.asText()) + "</code>"));
        b.append("<p>Properties: ").append(props.isEmpty() ? Html.esc(MatrixFormats.NO_PROPERTY)
                : String.join(", ", props)).append(" (docs/properties.md).</p>\n");
        b.append("<h2>Engines</h2>\n<table class=\"engines-table\">\n<tr><th>engine</th><th>verdict</th><th>violated</th>")
                .append("<th>seconds</th><th>bounds and what the engine recorded</th><th>counterexample</th></tr>\n");
        Iterator<Map.Entry<String, JsonNode>> it = c.path("engines").fields();
        List<String[]> charts = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode r = e.getValue();
            List<String> violated = new ArrayList<>();
            r.path("violated").forEach(p -> violated.add(Html.esc(p.asText())));
            b.append("<tr><td>").append(Html.esc(e.getKey())).append("</td><td class=\"v-").append(Html.esc(r.path("verdict").asText()))
                    .append("\">").append(Html.esc(r.path("verdict").asText())).append("</td><td>").append(String.join(", ", violated))
                    .append("</td><td>").append(Html.esc(r.path("seconds").asText())).append("</td><td>").append(bounds(r.path("bounds")));
            if (!r.path("reason").isNull() && !r.path("reason").isMissingNode()) {
                b.append("<p>reason: ").append(Html.esc(r.path("reason").asText())).append("</p>");
            }
            b.append("</td><td>");
            String cx = r.path("counterexample").isTextual() ? r.path("counterexample").asText() : null;
            if (cx != null && !insideBase(cx)) {
                // a path outside the matrix folder is shown, never copied (the site must not write outside itself)
                b.append("<code>").append(Html.esc(cx)).append("</code> (outside the matrix folder: not copied)");
            } else if (cx != null) {
                Path file = base.resolve(cx);
                copyFolder(file.getParent(), base, files);
                b.append("<a href=\"../files/").append(Html.esc(cx)).append("\"><code>").append(Html.esc(cx)).append("</code></a>");
                charts.add(new String[] {e.getKey(), cx, chart(file, "files/" + cx, files, source)});
            }
            b.append("</td></tr>\n");
        }
        b.append("</table>\n");
        if (!charts.isEmpty()) {
            b.append("<h2>Counterexamples, as the Java reference replays them</h2>\n");
            for (String[] ch : charts) {
                b.append("<h3>").append(Html.esc(ch[0])).append(": <code>").append(Html.esc(ch[1])).append("</code></h3>\n")
                        .append("<div class=\"chart\">\n").append(ch[2]).append("</div>\n");
            }
            String first = charts.get(0)[1];
            List<String> folder = new ArrayList<>();
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                String dir = "files/" + first.substring(0, first.lastIndexOf('/') + 1);
                if (f.getKey().startsWith(dir)) {
                    String rel = f.getKey().substring("files/".length());
                    folder.add("<li><a href=\"../files/" + Html.esc(rel) + "\"><code>" + Html.esc(rel) + "</code></a></li>");
                }
            }
            b.append("<h2>Counterexample files</h2>\n<ul>\n").append(String.join("\n", folder)).append("\n</ul>\n");
        }
        b.append("<h2>Reproduce</h2>\n<p>From the repository root; counterexample paths are relative to the folder that ")
                .append("holds matrix.json (the matrix's <code>--out</code>).</p>\n<pre>").append(Html.esc(reproduce(m, c, charts))).append("</pre>\n");
        return Html.page(s + " / " + a, "../index.html", b.toString());
    }

    /** The commands that rerun this cell with the same engines, seed and trace budget, and replay its counterexamples. */
    static String reproduce(JsonNode m, JsonNode c, List<String[]> charts) {
        List<String> engines = new ArrayList<>();
        c.path("engines").fieldNames().forEachRemaining(engines::add);
        StringBuilder sb = new StringBuilder("./mptcp-verify matrix --engines ").append(String.join(",", engines))
                .append(" --schemes ").append(c.path("scheme").asText()).append(" --attacks ").append(c.path("attack").asText())
                .append(" --seed ").append(m.path("seed").asText());
        JsonNode tries = c.path("engines").path("traces").path("bounds").path("tries");
        if (tries.isNumber()) sb.append(" --tries ").append(tries.asText());
        sb.append('\n');
        for (String[] ch : charts) sb.append("./mptcp-verify replay ").append(ch[1]).append('\n');
        return sb.toString();
    }

    /** The chart's SVG for the page; its SVG and TikZ files join the counterexample's files when not there yet. */
    private static String chart(Path counterexample, String siteName, Map<String, byte[]> files, ChartSource source) {
        SequenceChart chart;
        try {
            chart = source.of(counterexample);
        } catch (TraceJson.BadTraceFileException e) {
            return "<p>This counterexample cannot be read by the reference: " + Html.esc(e.getMessage()) + "</p>\n";
        }
        String stem = siteName.substring(0, siteName.length() - ".json".length());
        for (Charts.Format f : Charts.Format.values()) files.putIfAbsent(stem + "." + f.extension, utf8(f.render(chart)));
        return SvgChart.render(chart);
    }

    private static boolean insideBase(String relative) {
        Path p = Path.of(relative);
        return !p.isAbsolute() && p.normalize().equals(p) && !p.startsWith("..");
    }

    private static void copyFolder(Path dir, Path base, Map<String, byte[]> files) {
        if (dir == null || !Files.isDirectory(dir)) return;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                files.putIfAbsent("files/" + base.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bounds exactly as recorded, nested maps as nested lists. */
    static String bounds(JsonNode b) {
        if (!b.isObject() || b.size() == 0) return "";
        StringBuilder sb = new StringBuilder("<dl class=\"bounds\">");
        b.fields().forEachRemaining(e -> {
            sb.append("<dt>").append(Html.esc(e.getKey())).append("</dt><dd>");
            if (e.getValue().isObject()) sb.append(bounds(e.getValue()));
            else sb.append(Html.esc(e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
            sb.append("</dd>");
        });
        return sb.append("</dl>").toString();
    }

    private static String versions(JsonNode m) {
        StringBuilder b = new StringBuilder("<h2>Versions</h2>\n<p>The tools, the git commit, and the SHA-256 of every model input and of the reference build these verdicts rest on.</p>\n<table id=\"versions\">\n");
        m.path("versions").fields().forEachRemaining(e -> b.append("<tr><td><code>").append(Html.esc(e.getKey()))
                .append("</code></td><td><code>").append(Html.esc(e.getValue().asText())).append("</code></td></tr>\n"));
        return b.append("</table>\n").toString();
    }

    private static String engines(JsonNode m) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : m.path("cells")) c.path("engines").fieldNames().forEachRemaining(n -> {
            if (!out.contains(n)) out.add(n);
        });
        return String.join(", ", out);
    }

    private static JsonNode find(JsonNode m, String s, String a) {
        for (JsonNode c : m.path("cells")) {
            if (c.path("scheme").asText().equals(s) && c.path("attack").asText().equals(a)) return c;
        }
        return null;
    }

    /** The table's short form: n/a for NOT_APPLICABLE (documented in the legend), else the verdict. */
    static String shortVerdict(String v) {
        return v.equals("NOT_APPLICABLE") ? "n/a" : v;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
