package org.mptcpverify.cli;

import java.util.List;
import org.mptcpverify.matrix.CounterexampleReadme;
import org.mptcpverify.trace.Replayer;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;

/** Narrates a counterexample by replaying it on the Java reference. */
final class Narration {
    private Narration() {}

    static CounterexampleReadme.Narrator onReference() {
        Replayer replayer = new Replayer();
        return file -> {
            try {
                return replayer.replay(file).report();
            } catch (BadTraceFileException e) {
                return List.of("(the counterexample file could not be replayed: " + e.getMessage() + ")");
            }
        };
    }
}
