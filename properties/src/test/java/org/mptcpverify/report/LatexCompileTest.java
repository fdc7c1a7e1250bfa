package org.mptcpverify.report;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.matrix.CellOutcome;
import org.mptcpverify.matrix.MatrixFormats;
import org.mptcpverify.matrix.MatrixRun;
import org.mptcpverify.matrix.Versions;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * What a paper inputs compiles as is with pdflatex from Debian's texlive (installed by .ci/run):
 * the matrix table (texlive-latex-base + recommended) and the TikZ sequence charts
 * (+ texlive-pictures), each on exactly one page.
 */
class LatexCompileTest {
    private static final Tool PDFLATEX = new Tool("pdflatex");
    private static final Pattern PAGES = Pattern.compile("Output written on \\S+ \\((\\d+) pages?");

    @TempDir
    Path dir;

    @BeforeEach
    void needsPdflatex() {
        Assumptions.assumeTrue(PDFLATEX.installed(),
                "pdflatex is not installed (.ci/run installs texlive-latex-base, texlive-latex-recommended, texlive-pictures)");
    }

    /** A run with every verdict and a disagreement, so the table shows each legend entry (a format test, not verdicts). */
    static MatrixRun everyKindOfCell() {
        Map<String, String> versions = new LinkedHashMap<>(Versions.collect(List.of(SchemeId.RFC8684), List.of(AttackId.values())));
        Map<String, Object> b = Map.of("scope", "exactly 7 State", "states", 7);
        List<AttackId> attacks = List.of(AttackId.values());
        List<Verdict> kinds = List.of(Verdict.VIOLATED, Verdict.HOLDS, Verdict.NOT_APPLICABLE, Verdict.INCONCLUSIVE);
        List<CellOutcome> cells = new java.util.ArrayList<>();
        for (SchemeId s : List.of(SchemeId.RFC8684, SchemeId.DRAFT_BAERTS_LOW_ORDER)) {
            for (int i = 0; i < attacks.size(); i++) {
                boolean disagree = i == attacks.size() - 1; // the last column: alloy VIOLATED, tlc HOLDS
                Verdict v = disagree ? Verdict.VIOLATED : kinds.get(i % kinds.size());
                Map<String, CellResult> engines = new LinkedHashMap<>();
                engines.put("alloy", new CellResult(v, v == Verdict.VIOLATED ? List.of(PropertyId.JOIN_AUTHENTICITY) : List.of(), 1.0, b, null, null));
                engines.put("tlc", new CellResult(disagree ? Verdict.HOLDS : v, List.of(), 1.0, Map.of("maxJoins", 2), null, null));
                cells.add(new CellOutcome(s, attacks.get(i), engines));
            }
        }
        return new MatrixRun(List.of("alloy", "tlc"), cells, 20261127L, versions, 1.0);
    }

    @Test
    void theMatrixTableCompilesOnOnePage() throws Exception {
        MatrixRun run = everyKindOfCell();
        assertTrue(run.anyDisagreement(), "the sample must contain a disagreement");
        String tex = MatrixFormats.latex(run);
        assertTrue(tex.contains("\\caption{") && tex.contains("\\label{" + MatrixFormats.LATEX_LABEL + "}"), tex);
        assertTrue(tex.contains(commitShort(run)), "the footnote names the commit:\n" + tex);
        Files.writeString(dir.resolve("matrix.tex"), tex);
        // exactly the preamble the file's comment asks for
        Matcher needs = Pattern.compile("\\\\usepackage\\{[a-z]+\\}").matcher(tex.lines().filter(l -> l.startsWith("%"))
                .reduce("", (a, c) -> a + c + "\n"));
        StringBuilder preamble = new StringBuilder();
        while (needs.find()) preamble.append(needs.group()).append('\n');
        assertFalse(preamble.isEmpty(), "the packages are stated in a comment");
        assertEquals(1, compile("table", preamble + "\\begin{document}\nSee Table~\\ref{" + MatrixFormats.LATEX_LABEL
                + "}.\n\\input{matrix.tex}\n\\end{document}\n"));
    }

    @Test
    void theLongestCommittedChartsCompileOnOnePage() throws Exception {
        Assumptions.assumeTrue(new Tool("kpsewhich").run(dir, 30, List.of("tikz.sty")).code() == 0,
                "tikz.sty is missing (.ci/run installs texlive-pictures)");
        List<Path> charts;
        try (Stream<Path> s = Files.walk(Versions.repoRoot().resolve("counterexamples"))) {
            charts = s.filter(p -> p.toString().endsWith(".tex")).toList();
        }
        assertFalse(charts.isEmpty(), "no committed TikZ charts");
        List<Path> longest = charts.stream().sorted(Comparator.comparingLong(LatexCompileTest::size).reversed()
                .thenComparing(Comparator.naturalOrder())).limit(2).toList();
        for (Path chart : longest) {
            Files.copy(chart, dir.resolve("chart.tex"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertEquals(1, compile("figure", "\\usepackage{tikz}\n\\usepackage{graphicx}\n\\begin{document}\n"
                    + "\\resizebox{\\linewidth}{!}{\\input{chart.tex}}\n\\end{document}\n"), chart.toString());
        }
    }

    private int compile(String name, String body) throws Exception {
        Files.writeString(dir.resolve(name + ".tex"), "\\documentclass{article}\n" + body);
        Tool.Result r = PDFLATEX.run(dir, 120, List.of("-interaction=nonstopmode", "-halt-on-error", name + ".tex"));
        String log = Files.exists(dir.resolve(name + ".log")) ? Files.readString(dir.resolve(name + ".log")) : r.out();
        List<String> lines = log.lines().toList();
        String errors = lines.stream().filter(l -> l.startsWith("!") || l.startsWith("l.")).reduce("", (a, c) -> a + c + "\n");
        assertEquals(0, r.code(), "pdflatex failed:\n" + (errors.isEmpty()
                ? String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())) : errors));
        Matcher m = PAGES.matcher(log.replace("\n", ""));
        assertTrue(m.find(), "no page count in the log");
        return Integer.parseInt(m.group(1));
    }

    private static String commitShort(MatrixRun run) {
        String c = run.versions().get(Versions.GIT_COMMIT);
        return c.matches("[0-9a-f]{40}") ? c.substring(0, 12) : Latexish.of(c);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The commit text as the table escapes it, when it is not a hash. */
    private static final class Latexish {
        static String of(String s) {
            return org.mptcpverify.matrix.Latex.escape(s);
        }
    }
}
