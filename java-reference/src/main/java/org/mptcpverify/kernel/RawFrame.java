package org.mptcpverify.kernel;

import java.util.Arrays;

/**
 * One Ethernet frame seen or sent on the attacker's interface.
 *
 * @param timestampNanos wall-clock time of capture, nanoseconds since the Unix epoch
 * @param outgoing       true for frames this host transmitted (AF_PACKET's PACKET_OUTGOING)
 */
public record RawFrame(long timestampNanos, boolean outgoing, byte[] data) {
    public RawFrame {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public int length() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawFrame f && f.timestampNanos == timestampNanos && f.outgoing == outgoing
                && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timestampNanos) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "RawFrame[" + data.length + " bytes" + (outgoing ? ", outgoing" : "") + "]";
    }
}
