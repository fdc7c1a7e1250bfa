package org.mptcpverify.cli;

import java.util.List;
import org.mptcpverify.matrix.CounterexampleReadme;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.trace.TraceJson;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;

/** Narrates a counterexample by replaying it on the Java reference. */
final class Narration {
    private Narration() {}

    static CounterexampleReadme.Narrator onReference() {
        return file -> {
            try {
                // the segment replayer's account, event by event
                return new SegmentReplayer().replay(SegmentTraceJson.parse(TraceJson.readText(file))).report();
            } catch (BadTraceFileException e) {
                return List.of("(the counterexample file could not be replayed: " + e.getMessage() + ")");
            }
        };
    }
}
