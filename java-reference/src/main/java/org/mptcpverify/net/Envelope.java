package org.mptcpverify.net;

import java.net.InetAddress;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.TcpSegment;

/**
 * A segment in flight with its ground truth, which the protocol never reads and the monitors do.
 *
 * @param id         unique, in sending order
 * @param segment    the segment as it now is (after any rewriting on the way)
 * @param ipPacket   its exact IP packet bytes
 * @param path       the path it crosses
 * @param origin     the actor that really created it ("c1", "s", "x", ...); relaying and address
 *                   rewriting keep it, a replay by the attacker is the attacker's
 * @param originSrc  the source address its origin sent it from
 */
public record Envelope(long id, TcpSegment segment, Bytes ipPacket, String path, String origin,
                       InetAddress originSrc, int originSrcPort) {
    public boolean rewritten() {
        return !segment.src().equals(originSrc) || segment.srcPort() != originSrcPort;
    }
}
