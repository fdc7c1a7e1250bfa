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

    /** flags holds the 12 bits after the data offset (reserved, AE/NS, CWR ... FIN). */
    public TcpSegment {
        java.util.Objects.requireNonNull(src, "src");
        java.util.Objects.requireNonNull(dst, "dst");
        if (!SegmentCodec.sameFamily(src, dst)) throw new IllegalArgumentException("src and dst families differ");
        Check.u16("srcPort", srcPort);
        Check.u16("dstPort", dstPort);
        Check.u32("seq", seq);
        Check.u32("ack", ack);
        Check.range("flags", flags, 0, 0x0fff);
        Check.u16("window", window);
        options = List.copyOf(options);
        java.util.Objects.requireNonNull(payload, "payload");
    }

    /** One TCP option: an MPTCP option, or any other kind kept raw. */
    public sealed interface TcpOption {
        record Mptcp(MptcpOption option) implements TcpOption {}
        /** Any non-MPTCP option, including NOP (kind 1, one byte) and the whole option bytes. */
        record Raw(Bytes bytes) implements TcpOption {
            /**
             * NOP is one byte; any other kind is a whole kind-length-value option. EOL is not an
             * option here (the codec pads with it), and a Raw of kind 30 must not be a valid MPTCP
             * option (use {@link Mptcp}), so every options area has one representation.
             */
            public Raw {
                if (bytes.length() == 0) throw new IllegalArgumentException("empty option");
                int kind = bytes.get(0) & 0xff;
                if (kind == 0) throw new IllegalArgumentException("EOL is padding, not an option");
                if (kind == 1) {
                    if (bytes.length() != 1) throw new IllegalArgumentException("NOP is one byte");
                } else if (bytes.length() < 2 || (bytes.get(1) & 0xff) != bytes.length()) {
                    throw new IllegalArgumentException("option kind " + kind + ": length byte must equal "
                            + bytes.length());
                } else if (kind == MptcpOption.KIND
                        && OptionCodec.decode(bytes.toArray()) instanceof DecodeResult.Decoded) {
                    throw new IllegalArgumentException("a valid MPTCP option must be TcpOption.Mptcp");
                }
            }
        }
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }
}
