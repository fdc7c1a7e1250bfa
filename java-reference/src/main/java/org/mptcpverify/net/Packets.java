package org.mptcpverify.net;

import java.util.Optional;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.ParseResult;
import org.mptcpverify.wire.SegmentCodec;
import org.mptcpverify.wire.TcpSegment;

/** IP packet bytes of segments, through the reference codec. */
public final class Packets {
    private Packets() {}

    public static Bytes encode(TcpSegment s) {
        return Bytes.of(SegmentCodec.encode(s));
    }

    /** The segment in a packet, or empty for bytes the codec rejects. */
    public static Optional<TcpSegment> decode(Bytes ip) {
        return SegmentCodec.decode(ip.toArray()) instanceof ParseResult.Ok<TcpSegment> ok
                ? Optional.of(ok.value()) : Optional.empty();
    }
}
