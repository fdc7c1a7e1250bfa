package org.mptcpverify.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mptcpverify.wire.DecodeResult.DecodeError;
import org.mptcpverify.wire.DecodeResult.Decoded;
import org.mptcpverify.wire.DecodeResult.Reason;
import org.mptcpverify.wire.MptcpOption.*;

/**
 * Known-answer layouts: each expected byte string is written by hand from the option diagrams of
 * RFC 6824, RFC 8684 and draft-baerts (and docs/schemes.md for bound-key), field by field.
 */
class OptionCodecVectorTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final OptionalInt NO_I = OptionalInt.empty();
    private static final OptionalLong NO_L = OptionalLong.empty();

    /** Encoding gives exactly these bytes, and decoding them gives back the record. */
    private static void known(String hex, MptcpOption option) {
        byte[] expected = HEX.parseHex(hex.replace(" ", ""));
        assertEquals(HEX.formatHex(expected), HEX.formatHex(OptionCodec.encode(option)), "encode " + option);
        assertEquals(new Decoded(option, expected.length), OptionCodec.decode(expected), "decode " + hex);
    }

    private static Reason errorOf(String hex) {
        DecodeResult r = OptionCodec.decode(HEX.parseHex(hex.replace(" ", "")));
        assertInstanceOf(DecodeError.class, r, hex);
        return ((DecodeError) r).reason();
    }

    @Test
    void diffieHellmanLayouts() {
        // docs/schemes.md, ecdh: kind 1e, length 37 (0x25), subtype 0 | version 1, flags E|H (0x09),
        // EC type 9 (X25519, our reading), the 32-byte public value.
        String share = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
        Bytes value = Bytes.of(HEX.parseHex(share));
        known("1e 25 01 09 09 " + share, new MpCapableShare(1, 0x09, 9, value));
        // mptls: kind 1e, length 36 (0x24), subtype 0xf | flags 0, a zero octet, the public value.
        known("1e 24 f0 00 " + share, new KeyShare(0, value));
        assertEquals(Reason.BAD_FIELD, errorOf("1e 24 f0 01 " + share), "the octet after the subtype is reserved");
        assertEquals(Reason.BAD_LENGTH, errorOf("1e 25 01 01 09 " + share), "37 bytes without E is no layout");
    }

    @Test
    void mpCapable() {
        // kind 1e, length, subtype 0 | version, flags A..H, keys big-endian.
        known("1e 04 01 01", MpCapable.syn(1, 0x01));
        known("1e 04 01 81", MpCapable.syn(1, 0x81));
        // Thesis figure 5.3: key 753870420601154479 = 0x0a764927429b2baf (the dump shows "1e 0c 00 81 0a 76").
        known("1e 0c 00 81 0a764927429b2baf", MpCapable.withKey(0, 0x81, 753870420601154479L));
        known("1e 0c 01 01 1112131415161718", MpCapable.withKey(1, 0x01, 0x1112131415161718L));
        known("1e 14 01 01 0102030405060708 1112131415161718",
                MpCapable.withKeys(1, 0x01, 0x0102030405060708L, 0x1112131415161718L));
        known("1e 14 00 81 0102030405060708 1112131415161718",
                MpCapable.withKeys(0, 0x81, 0x0102030405060708L, 0x1112131415161718L));
        known("1e 16 01 01 0102030405060708 1112131415161718 0064",
                new MpCapable(1, 0x01, OptionalLong.of(0x0102030405060708L), OptionalLong.of(0x1112131415161718L),
                        OptionalInt.of(100), NO_I));
        known("1e 18 01 81 0102030405060708 1112131415161718 0064 beef",
                new MpCapable(1, 0x81, OptionalLong.of(0x0102030405060708L), OptionalLong.of(0x1112131415161718L),
                        OptionalInt.of(100), OptionalInt.of(0xbeef)));
        // G on v0 (draft-paasch's signalling bit) stays a keyed MP_CAPABLE.
        known("1e 0c 00 83 0102030405060708", MpCapable.withKey(0, 0x83, 0x0102030405060708L));
    }

    @Test
    void thesisFigure53SynAckOption() {
        // Thesis figure 5.3: "1e 0c 00 81 0a 76 ..." with Sender's Key 753870420601154479.
        byte[] prefix = HEX.parseHex("1e0c00810a76");
        byte[] enc = OptionCodec.encode(MpCapable.withKey(0, 0x81, 753870420601154479L));
        assertArrayEquals(prefix, java.util.Arrays.copyOf(enc, prefix.length));
    }

    @Test
    void mpCapableTokens() {
        // draft-baerts, flag E (0x08): SYN 4, SYN/ACK 8 (sender token), third ACK 12 (both).
        known("1e 04 01 09", MpCapableTokens.syn(0x09));
        known("1e 08 01 09 cafebabe", MpCapableTokens.external(0x09, 0xcafebabe, NO_I));
        known("1e 0c 01 09 11223344 cafebabe", MpCapableTokens.external(0x09, 0x11223344, OptionalInt.of(0xcafebabe)));
        // bound-key, flag G (0x02): SYN 4, SYN/ACK 16 (token + confirm), third ACK 20 (both + confirm).
        known("1e 04 01 03", MpCapableTokens.syn(0x03));
        known("1e 10 01 03 cafebabe 0102030405060708",
                MpCapableTokens.bound(0x03, 0xcafebabe, NO_I, 0x0102030405060708L));
        known("1e 14 01 03 11223344 cafebabe 0102030405060708",
                MpCapableTokens.bound(0x03, 0x11223344, OptionalInt.of(0xcafebabe), 0x0102030405060708L));
        // A v1 MP_CAPABLE with G at length 12 is the keyed layout, not a token one.
        known("1e 0c 01 03 0102030405060708", MpCapable.withKey(1, 0x03, 0x0102030405060708L));
        assertThrows(IllegalArgumentException.class, () -> MpCapable.syn(1, 0x09));
        assertThrows(IllegalArgumentException.class, () -> MpCapableTokens.syn(0x01));
    }

    @Test
    void mpJoin() {
        // SYN: subtype 1 | flags (K=2, B=1), address id, receiver token, sender random.
        known("1e 0c 11 05 ccad45ac a1a2a3a4", new MpJoinSyn(1, 5, 0xccad45ac, 0xa1a2a3a4));
        known("1e 0c 13 00 ccad45ac a1a2a3a4", new MpJoinSyn(3, 0, 0xccad45ac, 0xa1a2a3a4));
        // SYN/ACK: subtype 1 | flags, address id, truncated HMAC (64), sender random.
        known("1e 10 10 00 864b40428762fd06 b1b2b3b4", new MpJoinSynAck(0, 0, 0x864b40428762fd06L, 0xb1b2b3b4));
        // ACK: subtype 1, 12 reserved bits, 160-bit HMAC.
        known("1e 18 10 00 53037f2899475529844115fd07e665d23d3554fb",
                new MpJoinAck(Bytes.fromHex("53037f2899475529844115fd07e665d23d3554fb")));
        assertEquals(Reason.BAD_FIELD, errorOf("1e 18 10 01 53037f2899475529844115fd07e665d23d3554fb"));
        assertEquals(Reason.BAD_LENGTH, errorOf("1e 0d 11 05 ccad45ac a1a2a3a4 00"));
    }

    @Test
    void dss() {
        // subtype 2, reserved, flags 000 F m M a A.
        known("1e 08 20 01 00000064", new Dss(0x01, OptionalLong.of(100), NO_L, NO_L, NO_I, NO_I));
        known("1e 0c 20 03 0000000100000064", Dss.ack(0x0000000100000064L));
        // M with 4-byte DSN: DSN, SSN, data-level length (no checksum) = 4+4+4+2.
        known("1e 0e 20 04 f5a101d4 00000001 05dc",
                new Dss(0x04, NO_L, OptionalLong.of(0xf5a101d4L), OptionalLong.of(1), OptionalInt.of(1500), NO_I));
        // A + a + M + m + checksum: 4 + 8 + 8 + 4 + 2 + 2 = 28.
        known("1e 1c 20 0f 535beea38e087c8f f5a101d3d29d6f73 00000001 0010 abcd",
                new Dss(0x0f, OptionalLong.of(0x535beea38e087c8fL), OptionalLong.of(0xf5a101d3d29d6f73L),
                        OptionalLong.of(1), OptionalInt.of(16), OptionalInt.of(0xabcd)));
        known("1e 12 20 1c f5a101d3d29d6f73 00000001 0000",
                Dss.mapping(0xf5a101d3d29d6f73L, 1, 0, NO_I).withDataFin());
        assertEquals(Reason.BAD_FIELD, errorOf("1e 04 20 20"));
        assertEquals(Reason.BAD_LENGTH, errorOf("1e 09 20 01 00000064 00"));
    }

    @Test
    void addAddr() throws Exception {
        InetAddress v4 = InetAddress.getByName("198.51.100.2");
        InetAddress v6 = InetAddress.getByName("2001:db8::1");
        String v6hex = "20010db8000000000000000000000001";
        // v0: subtype 3 | IPVer, id, address, [port]; no HMAC.
        known("1e 08 34 01 c6336402", new AddAddr(0, 4, 1, v4, NO_I, NO_L));
        known("1e 0a 34 01 c6336402 1f90", new AddAddr(0, 4, 1, v4, OptionalInt.of(8080), NO_L));
        known("1e 14 36 02 " + v6hex, new AddAddr(0, 6, 2, v6, NO_I, NO_L));
        known("1e 16 36 02 " + v6hex + " 0050", new AddAddr(0, 6, 2, v6, OptionalInt.of(80), NO_L));
        // v1: subtype 3 | (r, K, E), id, address, [port], HMAC unless echo.
        known("1e 10 30 01 c6336402 c0e38f4d4b944417", new AddAddr(1, 0, 1, v4, NO_I, OptionalLong.of(0xc0e38f4d4b944417L)));
        known("1e 12 30 01 c6336402 1f90 c0e38f4d4b944417",
                new AddAddr(1, 0, 1, v4, OptionalInt.of(8080), OptionalLong.of(0xc0e38f4d4b944417L)));
        known("1e 1c 32 02 " + v6hex + " 0102030405060708", new AddAddr(1, 2, 2, v6, NO_I, OptionalLong.of(0x0102030405060708L)));
        known("1e 1e 30 02 " + v6hex + " 0050 0102030405060708",
                new AddAddr(1, 0, 2, v6, OptionalInt.of(80), OptionalLong.of(0x0102030405060708L)));
        known("1e 08 31 01 c6336402", new AddAddr(1, 1, 1, v4, NO_I, NO_L));
        known("1e 0a 31 01 c6336402 1f90", new AddAddr(1, 1, 1, v4, OptionalInt.of(8080), NO_L));
        known("1e 14 31 02 " + v6hex, new AddAddr(1, 1, 2, v6, NO_I, NO_L));
        known("1e 16 33 02 " + v6hex + " 0050", new AddAddr(1, 3, 2, v6, OptionalInt.of(80), NO_L));
        // An IPv4-mapped IPv6 address stays a 16-byte address.
        byte[] mapped = HEX.parseHex("00000000000000000000ffffc6336402");
        known("1e 14 31 07 00000000000000000000ffffc6336402", new AddAddr(1, 1, 7, OptionCodec.address(mapped), NO_I, NO_L));
        // Echo bit with an HMAC-length option, and v0 IPVer not matching the length.
        assertEquals(Reason.BAD_FIELD, errorOf("1e 10 31 01 c6336402 c0e38f4d4b944417"));
        assertEquals(Reason.BAD_FIELD, errorOf("1e 08 36 01 c6336402"));
        assertEquals(Reason.BAD_LENGTH, errorOf("1e 09 34 01 c6336402 00"));
    }

    @Test
    void removeAddrPrioFailFastcloseTcprstNewKey() {
        known("1e 04 40 05", new RemoveAddr(List.of(5)));
        known("1e 06 40 01 02 ff", new RemoveAddr(List.of(1, 2, 255)));
        known("1e 03 51", new MpPrio(true, NO_I));
        known("1e 03 50", new MpPrio(false, NO_I));
        known("1e 04 51 07", new MpPrio(true, OptionalInt.of(7)));
        known("1e 0c 60 00 f5a101d3d29d6f73", new MpFail(0xf5a101d3d29d6f73L));
        known("1e 0c 70 00 1112131415161718", new MpFastClose(0, 0x1112131415161718L));
        known("1e 0c 72 00 1112131415161718", new MpFastClose(2, 0x1112131415161718L));
        known("1e 04 88 01", new MpTcpRst(MpTcpRst.U, 1));
        known("1e 04 8f ff", new MpTcpRst(15, 255));
        known("1e 0c 92 00 0102030405060708", new NewKey(2, 0x0102030405060708L));
        assertEquals(Reason.BAD_LENGTH, errorOf("1e 03 40"));  // REMOVE_ADDR without any id
    }

    /**
     * The tagged REMOVE_ADDR and MP_PRIO of mptls and mptcpsec (docs/schemes.md, "Authenticated
     * REMOVE_ADDR and MP_PRIO"): the tag is the option's last 8 octets; REMOVE_ADDR announces it with
     * the low bit of its reserved nibble, MP_PRIO by its length (11, or 12 with RFC 6824's id).
     */
    @Test
    void taggedRemoveAddrAndMpPrio() {
        long tag = 0x0102030405060708L;
        known("1e 0c 41 05 0102030405060708", new RemoveAddr(List.of(5), OptionalLong.of(tag)));
        known("1e 0e 41 00 01 09 0102030405060708", new RemoveAddr(List.of(0, 1, 9), OptionalLong.of(tag)));
        // nine ids untagged: the same length as one id and a tag, told apart by the flag bit
        known("1e 0c 40 05 0102030405060708", new RemoveAddr(List.of(5, 1, 2, 3, 4, 5, 6, 7, 8)));
        known("1e 0b 51 0102030405060708", new MpPrio(true, NO_I, OptionalLong.of(tag)));
        known("1e 0b 50 0102030405060708", new MpPrio(false, NO_I, OptionalLong.of(tag)));
        known("1e 0c 51 07 0102030405060708", new MpPrio(true, OptionalInt.of(7), OptionalLong.of(tag)));
        assertEquals(Reason.BAD_LENGTH, errorOf("1e 0b 41 0102030405060708"));  // a tag and no id
        assertEquals(Reason.BAD_LENGTH, errorOf("1e 05 41 05 01"));             // flag set, no room for a tag
        assertEquals(Reason.BAD_FIELD, errorOf("1e 0c 43 05 0102030405060708")); // another reserved bit
        assertEquals(Reason.BAD_LENGTH, errorOf("1e 0a 51 01020304050607"));     // MP_PRIO of 10 octets
        assertEquals(Reason.BAD_FIELD, errorOf("1e 03 52"));
        assertEquals(Reason.BAD_FIELD, errorOf("1e 0c 61 00 f5a101d3d29d6f73"));
        assertEquals(Reason.BAD_FIELD, errorOf("1e 0c 70 01 1112131415161718"));
        assertEquals(Reason.BAD_FIELD, errorOf("1e 0c 90 01 0102030405060708"));
        assertEquals(Reason.BAD_LENGTH, errorOf("1e 05 88 01 00"));
    }

    @Test
    void framingErrors() {
        assertEquals(Reason.NOT_MPTCP, errorOf("02 04 05 b4"));
        assertEquals(Reason.TRUNCATED, errorOf(""));
        assertEquals(Reason.TRUNCATED, errorOf("1e"));
        assertEquals(Reason.BAD_LENGTH, errorOf("1e 02 00"));
        assertEquals(Reason.TRUNCATED, errorOf("1e 0c 01 01 11"));
        assertEquals(Reason.UNKNOWN_SUBTYPE, errorOf("1e 04 a0 00"));
        assertEquals(Reason.UNKNOWN_SUBTYPE, errorOf("1e 04 e0 00"));
        assertEquals(Reason.BAD_LENGTH, errorOf("1e 04 f0 00"), "subtype 0xf is the 36-byte key share only");
        assertEquals(Reason.BAD_VERSION, errorOf("1e 04 02 01"));
        assertEquals(Reason.BAD_LENGTH, errorOf("1e 04 00 81"));   // v0 has no 4-byte MP_CAPABLE
        assertEquals(Reason.BAD_LENGTH, errorOf("1e 0e 01 01 0102030405060708 0000"));
        // Error offsets are absolute: an option embedded at offset 3.
        byte[] buf = HEX.parseHex("0000001e0c0101");
        DecodeResult r = OptionCodec.decode(buf, 3, 4);
        assertEquals(new DecodeError(4, Reason.TRUNCATED, "length 12 but 4 bytes available"), r);
        assertInstanceOf(DecodeError.class, OptionCodec.decode(buf, 5, 10));
        assertInstanceOf(DecodeError.class, OptionCodec.decode(buf, -1, 2));
        assertInstanceOf(DecodeError.class, OptionCodec.decode(null, 0, 0));
    }

    @Test
    void tcpOptionsArea() {
        // MSS, NOP, NOP, SACK-permitted, MP_CAPABLE, EOL padding.
        byte[] area = HEX.parseHex("020405b4 0101 0402 1e040101".replace(" ", ""));
        List<TcpSegment.TcpOption> opts = OptionCodec.decodeTcpOptions(area, 0, area.length).orElseThrow();
        assertEquals(List.of(
                new TcpSegment.TcpOption.Raw(Bytes.fromHex("020405b4")),
                new TcpSegment.TcpOption.Raw(Bytes.fromHex("01")),
                new TcpSegment.TcpOption.Raw(Bytes.fromHex("01")),
                new TcpSegment.TcpOption.Raw(Bytes.fromHex("0402")),
                new TcpSegment.TcpOption.Mptcp(MpCapable.syn(1, 1))), opts);
        assertArrayEquals(area, OptionCodec.encodeTcpOptions(opts));
        // 7 bytes of options (MSS, window scale) are padded with one EOL; decoding stops at EOL.
        List<TcpSegment.TcpOption> seven = List.of(new TcpSegment.TcpOption.Raw(Bytes.fromHex("020405b4")),
                new TcpSegment.TcpOption.Raw(Bytes.fromHex("030307")));
        byte[] padded = HEX.parseHex("020405b403030700");
        assertArrayEquals(padded, OptionCodec.encodeTcpOptions(seven));
        assertEquals(seven, OptionCodec.decodeTcpOptions(padded, 0, padded.length).orElseThrow());
        // A malformed MPTCP option is kept raw; a length running past the area is an error.
        byte[] bad = HEX.parseHex("1e04a000");
        assertEquals(List.of(new TcpSegment.TcpOption.Raw(Bytes.fromHex("1e04a000"))),
                OptionCodec.decodeTcpOptions(bad, 0, 4).orElseThrow());
        byte[] over = HEX.parseHex("0101020a");
        assertEquals(new ParseResult.Error<>(3, Reason.TRUNCATED, "option kind 2 length 10 exceeds the options area"),
                OptionCodec.decodeTcpOptions(over, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> new TcpSegment.TcpOption.Raw(Bytes.fromHex("1e0401")));
    }
}
