package org.mptcpverify.net;

import java.util.Optional;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.TcpSegment;

/**
 * IP packet bytes of segments, through the reference codec (org.mptcpverify.wire.SegmentCodec).
 * Until that codec is merged, packets carry no bytes and observers decode nothing.
 */
public final class Packets {
    private Packets() {}

    public static Bytes encode(TcpSegment s) {
        return Bytes.empty();
    }

    public static Optional<TcpSegment> decode(Bytes ip) {
        return Optional.empty();
    }
}
