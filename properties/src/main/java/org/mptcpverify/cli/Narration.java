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
                String text = java.nio.file.Files.readString(file);
                if (org.mptcpverify.segment.SegmentTraceJson.isSegmentFormat(org.mptcpverify.trace.TraceJson.tree(text))) {
                    // the generic core's segment-level files: the segment replayer's account, event by event
                    return new org.mptcpverify.segment.SegmentReplayer()
                            .replay(org.mptcpverify.segment.SegmentTraceJson.parse(text)).report();
                }
                return replayer.replay(file).report();
            } catch (java.io.IOException e) {
                return List.of("(the counterexample file could not be read: " + e.getMessage() + ")");
            } catch (BadTraceFileException e) {
                return List.of("(the counterexample file could not be replayed: " + e.getMessage() + ")");
            }
        };
    }
}
