package org.mptcpverify.wire;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.mptcpverify.wire.DecodeResult.Reason;

/**
 * {@link TcpSegment} to and from a whole IPv4 or IPv6 packet (no link layer). Encoding writes a
 * 20-byte IPv4 header (DF, TTL 64, ID 0) or a 40-byte IPv6 header (hop limit 64, no extension
 * headers), the TCP header with options padded to 4 bytes, urgent pointer 0, and correct IPv4
 * header and TCP (pseudo-header) checksums. Same segment, same bytes.
 *
 * <p>Decoding accepts what encoding produces and ordinary captured packets: IPv4 options are
 * skipped, trailing bytes after the IP total length (link padding) are ignored; fragments, IPv6
 * extension headers, non-TCP protocols and bad checksums are typed errors. Fields the record
 * does not hold (TTL, ID, DSCP, flow label, urgent pointer) are not returned. Never throws.
 */
public final class SegmentCodec {
    public static final int IPV4_HEADER = 20;
    public static final int IPV6_HEADER = 40;
    public static final int TCP_HEADER = 20;
    private static final int PROTO_TCP = 6;
    private static final int TTL = 64;

    private SegmentCodec() {}

    public static byte[] encode(TcpSegment s) {
        byte[] opts = OptionCodec.encodeTcpOptions(s.options());
        byte[] payload = s.payload().toArray();
        int tcpLen = TCP_HEADER + opts.length + payload.length;
        boolean v4 = s.src() instanceof Inet4Address;
        int ipLen = v4 ? IPV4_HEADER : IPV6_HEADER;
        if (ipLen + tcpLen > 0xffff) throw new IllegalArgumentException("packet of " + (ipLen + tcpLen) + " bytes");
        byte[] p = new byte[ipLen + tcpLen];
        byte[] src = s.src().getAddress();
        byte[] dst = s.dst().getAddress();
        if (v4) {
            p[0] = 0x45;
            put16(p, 2, p.length);
            put16(p, 6, 0x4000); // DF, no fragmentation
            p[8] = TTL;
            p[9] = PROTO_TCP;
            System.arraycopy(src, 0, p, 12, 4);
            System.arraycopy(dst, 0, p, 16, 4);
            put16(p, 10, checksum(0, p, 0, IPV4_HEADER));
        } else {
            p[0] = 0x60;
            put16(p, 4, tcpLen);
            p[6] = PROTO_TCP;
            p[7] = TTL;
            System.arraycopy(src, 0, p, 8, 16);
            System.arraycopy(dst, 0, p, 24, 16);
        }
        int t = ipLen;
        put16(p, t, s.srcPort());
        put16(p, t + 2, s.dstPort());
        put32(p, t + 4, s.seq());
        put32(p, t + 8, s.ack());
        int dataOffset = (TCP_HEADER + opts.length) / 4;
        put16(p, t + 12, (dataOffset << 12) | s.flags());
        put16(p, t + 14, s.window());
        System.arraycopy(opts, 0, p, t + TCP_HEADER, opts.length);
        System.arraycopy(payload, 0, p, t + TCP_HEADER + opts.length, payload.length);
        put16(p, t + 16, tcpChecksum(src, dst, p, t, tcpLen));
        return p;
    }

    public static ParseResult<TcpSegment> decode(byte[] packet) {
        return decode(packet, 0, packet == null ? 0 : packet.length, true);
    }

    /**
     * Decodes the IP packet in [offset, offset + length). With {@code verifyChecksums} false, bad
     * checksums are accepted (for looking at corrupted captures).
     */
    public static ParseResult<TcpSegment> decode(byte[] buf, int offset, int length, boolean verifyChecksums) {
        if (buf == null || offset < 0 || length < 0 || offset > buf.length || length > buf.length - offset) {
            return err(offset, Reason.TRUNCATED, "window outside the buffer");
        }
        try {
            return decodeIp(buf, offset, length, verifyChecksums);
        } catch (RuntimeException e) {
            return err(offset, Reason.BAD_FIELD, "internal: " + e);
        }
    }

    private static ParseResult<TcpSegment> decodeIp(byte[] b, int off, int avail, boolean verify) {
        if (avail < 1) return err(off, Reason.TRUNCATED, "empty packet");
        int version = (b[off] & 0xff) >>> 4;
        int tcpOff;
        int tcpLen;
        byte[] src;
        byte[] dst;
        if (version == 4) {
            if (avail < IPV4_HEADER) return err(off, Reason.TRUNCATED, "IPv4 header needs 20 bytes, have " + avail);
            int ihl = (b[off] & 0x0f) * 4;
            if (ihl < IPV4_HEADER) return err(off, Reason.BAD_LENGTH, "IPv4 IHL " + ihl);
            int total = get16(b, off + 2);
            if (total < ihl) return err(off + 2, Reason.BAD_LENGTH, "IPv4 total length " + total + " < IHL " + ihl);
            if (total > avail) return err(off + 2, Reason.TRUNCATED, "IPv4 total length " + total + ", have " + avail);
            if ((get16(b, off + 6) & 0x3fff) != 0) return err(off + 6, Reason.BAD_FIELD, "IPv4 fragment");
            if ((b[off + 9] & 0xff) != PROTO_TCP) return err(off + 9, Reason.BAD_FIELD, "IP protocol " + (b[off + 9] & 0xff));
            if (verify && checksum(0, b, off, ihl) != 0) return err(off + 10, Reason.BAD_FIELD, "IPv4 header checksum");
            src = Arrays.copyOfRange(b, off + 12, off + 16);
            dst = Arrays.copyOfRange(b, off + 16, off + 20);
            tcpOff = off + ihl;
            tcpLen = total - ihl;
        } else if (version == 6) {
            if (avail < IPV6_HEADER) return err(off, Reason.TRUNCATED, "IPv6 header needs 40 bytes, have " + avail);
            int payloadLen = get16(b, off + 4);
            if (payloadLen > avail - IPV6_HEADER) {
                return err(off + 4, Reason.TRUNCATED, "IPv6 payload length " + payloadLen + ", have " + (avail - IPV6_HEADER));
            }
            if ((b[off + 6] & 0xff) != PROTO_TCP) {
                return err(off + 6, Reason.BAD_FIELD, "IPv6 next header " + (b[off + 6] & 0xff) + " (only TCP, no extension headers)");
            }
            src = Arrays.copyOfRange(b, off + 8, off + 24);
            dst = Arrays.copyOfRange(b, off + 24, off + 40);
            tcpOff = off + IPV6_HEADER;
            tcpLen = payloadLen;
        } else {
            return err(off, Reason.BAD_VERSION, "IP version " + version);
        }
        if (tcpLen < TCP_HEADER) return err(tcpOff, Reason.TRUNCATED, "TCP header needs 20 bytes, have " + tcpLen);
        int dataOffset = ((b[tcpOff + 12] & 0xff) >>> 4) * 4;
        if (dataOffset < TCP_HEADER || dataOffset > tcpLen) {
            return err(tcpOff + 12, Reason.BAD_LENGTH, "TCP data offset " + dataOffset + " with " + tcpLen + " TCP bytes");
        }
        if (verify && tcpChecksum(src, dst, b, tcpOff, tcpLen) != 0) {
            return err(tcpOff + 16, Reason.BAD_FIELD, "TCP checksum");
        }
        ParseResult<List<TcpSegment.TcpOption>> opts =
                OptionCodec.decodeTcpOptions(b, tcpOff + TCP_HEADER, dataOffset - TCP_HEADER);
        if (opts instanceof ParseResult.Error<List<TcpSegment.TcpOption>> e) return e.cast();
        TcpSegment seg = new TcpSegment(OptionCodec.address(src), OptionCodec.address(dst),
                get16(b, tcpOff), get16(b, tcpOff + 2),
                get32(b, tcpOff + 4), get32(b, tcpOff + 8),
                get16(b, tcpOff + 12) & 0x0fff, get16(b, tcpOff + 14),
                ((ParseResult.Ok<List<TcpSegment.TcpOption>>) opts).value(),
                Bytes.of(b, tcpOff + dataOffset, tcpLen - dataOffset));
        return new ParseResult.Ok<>(seg);
    }

    private static ParseResult<TcpSegment> err(int offset, Reason r, String detail) {
        return new ParseResult.Error<>(offset, r, detail);
    }

    /**
     * The TCP checksum field value for the segment in [off, off + len) with this pseudo-header; 0
     * when computed over a segment whose checksum field is already correct.
     */
    static int tcpChecksum(byte[] src, byte[] dst, byte[] b, int off, int len) {
        long sum = 0;
        sum = add(sum, src, 0, src.length);
        sum = add(sum, dst, 0, dst.length);
        if (src.length == 4) {
            sum += PROTO_TCP;
            sum += len;
        } else {
            sum += (len >>> 16) & 0xffff;
            sum += len & 0xffff;
            sum += PROTO_TCP;
        }
        return fold(add(sum, b, off, len));
    }

    /** Internet checksum (RFC 1071) of [off, off + len) on top of {@code initial}. */
    static int checksum(long initial, byte[] b, int off, int len) {
        return fold(add(initial, b, off, len));
    }

    private static long add(long sum, byte[] b, int off, int len) {
        int i = 0;
        for (; i + 1 < len; i += 2) sum += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
        if (i < len) sum += (b[off + i] & 0xff) << 8;
        return sum;
    }

    private static int fold(long sum) {
        while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
        return (int) (~sum & 0xffff);
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    private static void put32(byte[] b, int off, long v) {
        put16(b, off, (int) (v >>> 16));
        put16(b, off + 2, (int) v);
    }

    private static int get16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    private static long get32(byte[] b, int off) {
        return ((long) get16(b, off) << 16) | get16(b, off + 2);
    }

    /** Whether both addresses are of one family (IPv4 or IPv6). */
    static boolean sameFamily(InetAddress a, InetAddress b) {
        return a.getAddress().length == b.getAddress().length;
    }
}
