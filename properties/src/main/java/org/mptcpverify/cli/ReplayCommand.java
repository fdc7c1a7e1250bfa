package org.mptcpverify.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mptcpverify.trace.Replayer;
import org.mptcpverify.trace.TraceJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Re-runs a counterexample file on the Java reference. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Re-run a counterexample file (any engine's) on the Java reference: print what each side did "
                + "per action and whether the recorded property is violated again.",
                "Exit codes: 0 the violation reproduces; 1 it does not; 2 bad file."})
public final class ReplayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "A counterexample JSON file (counterexamples/<scheme>/<attack>/<engine>.json).")
    Path file;

    @picocli.CommandLine.Option(names = "--scheme-file", paramLabel = "PATH", description = "Replay with this scheme definition (docs/scheme-definitions.md) in place of the built-in implementation of the scheme it names.")
    Path schemeFile;

    @Override
    public Integer call() {
        Replayer.Replay r;
        try {
            r = (schemeFile == null ? new Replayer() : new Replayer(SchemeFile.load(schemeFile).runner())).replay(file);
        } catch (TraceJson.BadTraceFileException e) {
            throw new UserInputException(file + ": " + e.getMessage());
        }
        r.report().forEach(System.out::println);
        return r.reproduced() ? Main.EXIT_OK : Main.EXIT_FAILED;
    }
}
