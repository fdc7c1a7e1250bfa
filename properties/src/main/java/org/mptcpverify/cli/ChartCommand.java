package org.mptcpverify.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mptcpverify.chart.Charts;
import org.mptcpverify.io.AtomicWrite;
import org.mptcpverify.trace.TraceJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The message sequence chart of a counterexample file, from its replay on the reference. */
@Command(name = "chart", mixinStandardHelpOptions = true,
        description = {"Replay a counterexample file (any engine's) on the Java reference and draw its message "
                + "sequence chart: one lifeline per host and the attacker, one arrow per segment with its MPTCP "
                + "options and values, the attacker's segments in red, and the property where it fails.",
                "Exit codes: 0 chart written and the violation reproduces; 1 chart written but the violation does "
                        + "not reproduce (the chart says so); 2 bad file or option (nothing written)."})
public final class ChartCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "A counterexample JSON file (counterexamples/<scheme>/<attack>/<engine>.json).")
    Path file;

    @Option(names = "--format", defaultValue = "svg", paramLabel = "F", description = "svg or tikz (a standalone tikzpicture; default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the chart to FILE instead of standard output.")
    Path out;

    @Option(names = "--scheme-file", paramLabel = "PATH", description = "Replay with this scheme definition (docs/scheme-definitions.md), as replay --scheme-file does: needed for a counterexample of a scheme that is not built in.")
    Path schemeFile;

    @Override
    public Integer call() {
        Charts.Format f;
        try {
            f = Charts.Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--format: unknown format '" + format + "' (svg, tikz)");
        }
        if (out != null && Files.isDirectory(out)) throw new UserInputException("--out: " + out + " is a folder, not a file");
        Charts.Drawn r;
        try {
            if (schemeFile == null) {
                r = Charts.draw(file);
            } else {
                r = SchemeFile.load(schemeFile).chart(file);
            }
        } catch (TraceJson.BadTraceFileException e) {
            throw new UserInputException(file + ": " + e.getMessage());
        }
        String chart = f.render(r.chart());
        if (out == null) System.out.print(chart);
        else AtomicWrite.text(out, chart);
        if (!r.reproduced()) {
            System.err.println("mptcp-verify: chart: " + r.property() + " is NOT violated when the reference replays " + file);
            return Main.EXIT_FAILED;
        }
        return Main.EXIT_OK;
    }
}
