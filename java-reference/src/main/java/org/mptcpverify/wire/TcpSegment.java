package org.mptcpverify.wire;

import java.net.InetAddress;
import java.util.List;

/**
 * A TCP segment inside an IPv4 or IPv6 packet, as it crosses the (simulated or real) wire.
 * {@link SegmentCodec} turns it into a whole IP packet with correct IP and TCP checksums and
 * back. Non-MPTCP TCP options are kept as raw bytes so round trips are exact.
 */
public record TcpSegment(InetAddress src, InetAddress dst, int srcPort, int dstPort,
                         long seq, long ack, int flags, int window,
                         List<TcpOption> options, Bytes payload) {
    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;

    /** One TCP option: an MPTCP option, or any other kind kept raw. */
    public sealed interface TcpOption {
        record Mptcp(MptcpOption option) implements TcpOption {}
        /** Any non-MPTCP option, including NOP (kind 1, one byte) and the whole option bytes. */
        record Raw(Bytes bytes) implements TcpOption {}
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }
}
