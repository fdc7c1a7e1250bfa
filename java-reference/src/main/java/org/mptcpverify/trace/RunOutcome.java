package org.mptcpverify.trace;

import org.mptcpverify.wire.Bytes;

/** What crossed the reference's simulated wire: the record the segment replayer, its charts and its pcaps share. */
public final class RunOutcome {
    private RunOutcome() {}

    /**
     * One segment on the wire: its IP packet bytes, the path, and who really sent it.
     *
     * @param step the trace event that put it on the wire
     * @param id the segment's identity on the network: a relayed or rewritten copy keeps the id of
     *           the segment it was made from (how a chart tells a rewrite from a new segment); -1 unknown
     */
    public record WireRecord(int step, String path, String origin, Bytes ipPacket, long id) {
        public WireRecord(int step, String path, String origin, Bytes ipPacket) {
            this(step, path, origin, ipPacket, -1);
        }
    }
}
