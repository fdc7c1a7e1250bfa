package org.mptcpverify.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mptcpverify.io.AtomicWrite;
import org.mptcpverify.report.ReportSite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A static HTML report of a matrix run. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a static, self-contained HTML site (inline CSS and SVG, no scripts, no network) of a "
                + "matrix run: the matrix, and per cell its engines' verdicts and bounds as recorded, the sequence "
                + "chart of every counterexample (drawn from its replay on the Java reference), its files, and the "
                + "commands that reproduce it.",
                "Without --matrix it first runs the default matrix (all schemes, attacks and engines) into DIR/matrix.",
                "Exit codes: 0 written; 2 bad option or unreadable matrix.json (nothing written); otherwise the "
                        + "matrix run's own code (1 the engines disagree, 3 inconclusive) after writing the site."})
public final class ReportCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "target/report", paramLabel = "DIR", description = "Where the site goes (default: ${DEFAULT-VALUE}); open DIR/index.html.")
    Path out;

    @Option(names = "--matrix", paramLabel = "FILE", description = "A matrix.json written by ./mptcp-verify matrix (its counterexample paths are relative to its folder).")
    Path matrix;

    @Option(names = "--scheme-file", paramLabel = "PATH", description = "With --matrix: the scheme definition a matrix --scheme-file run was made with (docs/scheme-definitions.md), so that its counterexamples replay and are charted.")
    Path schemeFile;

    @Option(names = "--jobs", defaultValue = "1", paramLabel = "N", description = "Without --matrix: checks in parallel (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Mixin
    ForceOption force;

    @Override
    public Integer call() {
        if (jobs < 1) throw new UserInputException("--jobs: must be at least 1, got " + jobs);
        if (matrix != null && !Files.isRegularFile(matrix)) throw new UserInputException("--matrix: " + matrix + ": no such file");
        if (schemeFile != null && matrix == null) throw new UserInputException("--scheme-file: only with --matrix (the default matrix has built-in schemes only)");
        // a scheme file's counterexamples name its own scheme: replayed with its definition
        ReportSite.ChartSource charts = schemeFile == null ? org.mptcpverify.chart.Charts::of : chartsOf(SchemeFile.load(schemeFile));
        JsonNode m = matrix == null ? null : read(matrix);
        OutputFolder folder = force.claim(out);
        Path dir = folder.dir();
        try {
            int code = Main.EXIT_OK;
            Path json = matrix;
            if (json == null) {
                json = dir.resolve("matrix").resolve("matrix.json");
                code = Main.execute("matrix", "--out", dir.resolve("matrix").toString(), "--jobs", String.valueOf(jobs));
                if (code == Main.EXIT_USAGE || !Files.isRegularFile(json)) return code;
                m = read(json);
            }
            Map<String, byte[]> site = ReportSite.render(m, json.toAbsolutePath().getParent(), charts);
            site.forEach((name, bytes) -> AtomicWrite.bytes(dir.resolve(name), bytes));
            System.err.println("report: wrote " + site.size() + " files; open " + dir.resolve("index.html"));
            return code;
        } finally {
            folder.seal();
        }
    }

    private static ReportSite.ChartSource chartsOf(SchemeFile sf) {
        return file -> sf.chart(file).chart();
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode n = new ObjectMapper().readTree(file.toFile());
            if (n == null || !n.path("cells").isArray()) throw new UserInputException(file + ": not a matrix.json (no cells)");
            return n;
        } catch (IOException e) {
            throw new UserInputException(file + ": not readable JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
