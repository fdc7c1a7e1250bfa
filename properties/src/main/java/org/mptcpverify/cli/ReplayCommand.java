package org.mptcpverify.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.trace.TraceJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Re-runs a counterexample file on the Java reference. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Re-run a counterexample file (any engine's, format " + SegmentTraceJson.FORMAT + ") on the Java "
                + "reference: print what each side did per segment event and whether the recorded property is violated again.",
                "Exit codes: 0 the violation reproduces; 1 it does not; 2 bad file."})
public final class ReplayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "A counterexample JSON file (counterexamples/<scheme>/<attack>/<engine>.json).")
    Path file;

    @picocli.CommandLine.Option(names = "--scheme-file", paramLabel = "PATH", description = "Replay with this scheme definition (docs/scheme-definitions.md): the file's scheme, under the name it gives.")
    Path schemeFile;

    @Override
    public Integer call() {
        try {
            String text = TraceJson.readText(file);
            SchemeFile sf = schemeFile == null ? null : SchemeFile.load(schemeFile);
            SegmentReplayer replayer = sf == null ? new SegmentReplayer() : new SegmentReplayer(sf.schemes());
            SegmentReplayer.Result r = replayer.replay(sf == null ? SegmentTraceJson.parse(text)
                    : SegmentTraceJson.parse(text, sf::byName));
            r.report().forEach(System.out::println);
            return r.reproduced() ? Main.EXIT_OK : Main.EXIT_FAILED;
        } catch (TraceJson.BadTraceFileException e) {
            throw new UserInputException(file + ": " + e.getMessage());
        }
    }
}
