package org.mptcpverify.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.mptcpverify.wire.DecodeResult.Reason;
import org.mptcpverify.wire.MptcpOption.*;

class SegmentCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    /** RFC 1071 sum written independently of SegmentCodec: 32-bit accumulate, then fold. */
    static int onesComplementSum(byte[]... parts) {
        byte[] all = new byte[java.util.Arrays.stream(parts).mapToInt(p -> p.length + (p.length & 1)).sum()];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, o, p.length);
            o += p.length + (p.length & 1); // each part padded to 16 bits, as in the pseudo-header sum
        }
        long s = 0;
        for (int i = 0; i < all.length; i += 2) s += ((all[i] & 0xff) << 8) | (all[i + 1] & 0xff);
        s = (s & 0xffff) + (s >> 16);
        s = (s & 0xffff) + (s >> 16);
        return (int) s;
    }

    /** Checks both checksums of an encoded packet from scratch. */
    static void assertChecksumsValid(byte[] p) {
        int version = (p[0] & 0xff) >> 4;
        byte[] src, dst, tcp;
        if (version == 4) {
            int ihl = (p[0] & 0x0f) * 4;
            assertEquals(0xffff, onesComplementSum(java.util.Arrays.copyOf(p, ihl)), "IPv4 header checksum");
            int total = ((p[2] & 0xff) << 8) | (p[3] & 0xff);
            assertEquals(p.length, total, "IPv4 total length");
            src = java.util.Arrays.copyOfRange(p, 12, 16);
            dst = java.util.Arrays.copyOfRange(p, 16, 20);
            tcp = java.util.Arrays.copyOfRange(p, ihl, total);
        } else {
            assertEquals(6, version);
            int plen = ((p[4] & 0xff) << 8) | (p[5] & 0xff);
            assertEquals(p.length - 40, plen, "IPv6 payload length");
            src = java.util.Arrays.copyOfRange(p, 8, 24);
            dst = java.util.Arrays.copyOfRange(p, 24, 40);
            tcp = java.util.Arrays.copyOfRange(p, 40, p.length);
        }
        byte[] pseudoTail = version == 4
                ? new byte[] {0, 6, (byte) (tcp.length >> 8), (byte) tcp.length}
                : new byte[] {(byte) (tcp.length >>> 24), (byte) (tcp.length >> 16), (byte) (tcp.length >> 8),
                        (byte) tcp.length, 0, 0, 0, 6};
        assertEquals(0xffff, onesComplementSum(src, dst, pseudoTail, tcp), "TCP checksum");
        int dataOffset = ((tcp[12] & 0xff) >> 4) * 4;
        assertTrue(dataOffset >= 20 && dataOffset <= 60 && dataOffset <= tcp.length, "data offset " + dataOffset);
    }

    @Test
    void independentSumAgreesWithThesisIpv4Headers() {
        // The IPv4 headers of the thesis's figures 5.2 and 5.3 (captured by Wireshark) verify.
        assertEquals(0xffff, onesComplementSum(HEX.parseHex("45000048a03e40004006164fc0a801c8c0a8010a")));
        assertEquals(0xffff, onesComplementSum(HEX.parseHex("4500004800004000400 6b68dc0a8010ac0a801c8".replace(" ", ""))));
    }

    @Test
    void ipv4HeaderMatchesThesisFigure53() throws Exception {
        // Same addresses, length 0x48 (20 IP + 52 TCP), ID 0, DF, TTL 64: the thesis's SYN/ACK header.
        TcpSegment s = new TcpSegment(InetAddress.getByName("192.168.1.10"), InetAddress.getByName("192.168.1.200"),
                80, 0x980a, 0xa58a60feL, 0x0204924dL, TcpSegment.SYN | TcpSegment.ACK, 0x6f90,
                List.of(new TcpSegment.TcpOption.Raw(Bytes.fromHex("020405b4")),
                        new TcpSegment.TcpOption.Raw(Bytes.fromHex("0402")),
                        new TcpSegment.TcpOption.Raw(Bytes.fromHex("080a304160428 4d4fe9d".replace(" ", ""))),
                        new TcpSegment.TcpOption.Raw(Bytes.fromHex("01")),
                        new TcpSegment.TcpOption.Raw(Bytes.fromHex("030307")),
                        new TcpSegment.TcpOption.Mptcp(MpCapable.withKey(0, 0x81, 753870420601154479L))),
                Bytes.empty());
        byte[] p = SegmentCodec.encode(s);
        assertEquals("45000048000040004006b68dc0a8010ac0a801c8", HEX.formatHex(p, 0, 20));
        // TCP header start of the figure: ports, seq, ack, offset 13 words + SYN/ACK, window.
        assertEquals("0050980aa58a60fe0204924dd0126f90", HEX.formatHex(p, 20, 36));
        // The capture shows TCP checksum 845d: with checksum offload the sender leaves the folded
        // pseudo-header sum in the field, so that sum must be 0x845d (checks our pseudo-header).
        assertEquals(0x845d, onesComplementSum(HEX.parseHex("c0a8010ac0a801c8"), new byte[] {0, 6, 0, 52}));
        assertChecksumsValid(p);
        assertEquals(s, SegmentCodec.decode(p).orElseThrow());
    }

    @Test
    void roundTripIpv6WithPayload() throws Exception {
        TcpSegment s = new TcpSegment(InetAddress.getByName("2001:db8::1"), InetAddress.getByName("2001:db8::2"),
                40000, 443, 0xffffffffL, 1, TcpSegment.ACK | TcpSegment.PSH, 65535,
                List.of(new TcpSegment.TcpOption.Mptcp(Dss.mapping(0xf5a101d3d29d6f73L, 1, 5, OptionalInt.empty()))),
                Bytes.fromHex("68656c6c6f"));
        byte[] p = SegmentCodec.encode(s);
        assertEquals(40 + 20 + 20 + 5, p.length); // DSS 18 bytes padded to 20
        assertChecksumsValid(p);
        assertEquals(s, SegmentCodec.decode(p).orElseThrow());
    }

    @Test
    void corruptedPacketsAreTypedErrors() throws Exception {
        TcpSegment s = new TcpSegment(InetAddress.getByName("10.0.0.1"), InetAddress.getByName("10.0.0.2"),
                1, 2, 3, 4, TcpSegment.SYN, 5, List.of(new TcpSegment.TcpOption.Mptcp(MpCapable.syn(1, 1))), Bytes.empty());
        byte[] p = SegmentCodec.encode(s);
        byte[] badIp = p.clone();
        badIp[8] ^= 1;
        assertEquals(new ParseResult.Error<TcpSegment>(10, Reason.BAD_FIELD, "IPv4 header checksum"), SegmentCodec.decode(badIp));
        byte[] badTcp = p.clone();
        badTcp[p.length - 1] ^= 1;
        assertEquals(new ParseResult.Error<TcpSegment>(36, Reason.BAD_FIELD, "TCP checksum"), SegmentCodec.decode(badTcp));
        assertInstanceOf(ParseResult.Ok.class, SegmentCodec.decode(badTcp, 0, badTcp.length, false));
        assertInstanceOf(ParseResult.Error.class, SegmentCodec.decode(java.util.Arrays.copyOf(p, p.length - 1)));
        assertInstanceOf(ParseResult.Error.class, SegmentCodec.decode(new byte[0]));
        // Trailing link-layer padding after the IP total length is ignored.
        assertEquals(s, SegmentCodec.decode(java.util.Arrays.copyOf(p, p.length + 6)).orElseThrow());
    }

    @Test
    void tooManyOptionsAreRejected() throws Exception {
        var join = new TcpSegment.TcpOption.Mptcp(new MpJoinAck(Bytes.of(new byte[20])));
        TcpSegment s = new TcpSegment(InetAddress.getByName("10.0.0.1"),
                InetAddress.getByName("10.0.0.2"), 1, 2, 3, 4, 0, 5, List.of(join, join), Bytes.empty());
        assertThrows(IllegalArgumentException.class, () -> SegmentCodec.encode(s));
    }
}
