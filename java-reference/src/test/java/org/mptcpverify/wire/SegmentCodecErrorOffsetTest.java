package org.mptcpverify.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.InetAddress;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mptcpverify.wire.DecodeResult.Reason;

/**
 * The absolute offset each decoding error points at, for a packet that starts inside a larger
 * buffer (as in a capture): the expected offsets are the header fields of RFC 791 (total length
 * at byte 2, fragment offset at 6, protocol at 9, header checksum at 10), RFC 8200 (payload
 * length at 4, next header at 6) and RFC 9293 (data offset at 12, checksum at 16). The other
 * codec tests assert the error kind, not always where it is (found by mutation testing).
 */
class SegmentCodecErrorOffsetTest {
    static final int AT = 7; // the packet's first byte in the buffer

    static byte[] packet(String src, String dst) throws Exception {
        TcpSegment s = new TcpSegment(InetAddress.getByName(src), InetAddress.getByName(dst), 40000, 80, 1, 0,
                TcpSegment.SYN, 65535, List.of(), Bytes.fromHex("0102030405"));
        return SegmentCodec.encode(s);
    }

    /** The packet at offset AT of a buffer with junk before and after, changed by {@code edit}. */
    static ParseResult<TcpSegment> decodeEdited(byte[] p, int length, Consumer<byte[]> edit) {
        byte[] buf = new byte[AT + p.length + 5];
        java.util.Arrays.fill(buf, (byte) 0x5a);
        System.arraycopy(p, 0, buf, AT, p.length);
        edit.accept(buf);
        return SegmentCodec.decode(buf, AT, length, true);
    }

    static void assertError(ParseResult<TcpSegment> r, int offset, Reason reason) {
        ParseResult.Error<TcpSegment> e = assertInstanceOf(ParseResult.Error.class, r);
        assertEquals(reason, e.reason(), e.detail());
        assertEquals(offset, e.offset(), e.detail());
    }

    @Test
    void ipv4ErrorsPointAtTheirField() throws Exception {
        byte[] p = packet("10.0.0.1", "10.0.0.2");
        int n = p.length;
        assertInstanceOf(ParseResult.Ok.class, decodeEdited(p, n, b -> {}), "exactly the packet's window");
        assertError(decodeEdited(p, n, b -> b[AT] = 0x44), AT, Reason.BAD_LENGTH); // IHL 16 bytes
        assertError(decodeEdited(p, n, b -> { b[AT + 2] = 0; b[AT + 3] = 19; }), AT + 2, Reason.BAD_LENGTH);
        assertError(decodeEdited(p, n - 1, b -> {}), AT + 2, Reason.TRUNCATED); // total length beyond the window
        assertError(decodeEdited(p, n, b -> b[AT + 7] = 1), AT + 6, Reason.BAD_FIELD); // fragment offset 1
        assertError(decodeEdited(p, n, b -> b[AT + 6] = 0x20), AT + 6, Reason.BAD_FIELD); // more fragments
        assertError(decodeEdited(p, n, b -> b[AT + 9] = 17), AT + 9, Reason.BAD_FIELD); // UDP
        assertError(decodeEdited(p, n, b -> b[AT + 10] ^= 1), AT + 10, Reason.BAD_FIELD);
        assertError(decodeEdited(p, n, b -> b[AT + 20 + 12] = 0x40), AT + 20 + 12, Reason.BAD_LENGTH); // data offset 16
        assertError(decodeEdited(p, n, b -> b[AT + n - 1] ^= 1), AT + 20 + 16, Reason.BAD_FIELD); // payload changed
        assertError(decodeEdited(p, 19, b -> {}), AT, Reason.TRUNCATED);
    }

    @Test
    void aTcpHeaderShorterThan20BytesIsTruncatedAtItsStart() throws Exception {
        byte[] p = packet("10.0.0.1", "10.0.0.2");
        // total length 20: an IPv4 header with no TCP at all, checksum recomputed so that only TCP is wrong
        assertError(decodeEdited(p, p.length, b -> {
            b[AT + 2] = 0;
            b[AT + 3] = 20;
            b[AT + 10] = 0;
            b[AT + 11] = 0;
            int sum = 0;
            for (int i = 0; i < 20; i += 2) sum += ((b[AT + i] & 0xff) << 8) | (b[AT + i + 1] & 0xff);
            while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
            b[AT + 10] = (byte) (~sum >>> 8);
            b[AT + 11] = (byte) ~sum;
        }), AT + 20, Reason.TRUNCATED);
    }

    @Test
    void ipv6ErrorsPointAtTheirField() throws Exception {
        byte[] p = packet("2001:db8::1", "2001:db8::2");
        int n = p.length;
        assertInstanceOf(ParseResult.Ok.class, decodeEdited(p, n, b -> {}));
        assertError(decodeEdited(p, n - 1, b -> {}), AT + 4, Reason.TRUNCATED);
        assertError(decodeEdited(p, n, b -> b[AT + 6] = 0), AT + 6, Reason.BAD_FIELD); // hop-by-hop header
        assertError(decodeEdited(p, n, b -> b[AT + 40 + 12] = 0x40), AT + 40 + 12, Reason.BAD_LENGTH);
        assertError(decodeEdited(p, n, b -> b[AT + n - 1] ^= 1), AT + 40 + 16, Reason.BAD_FIELD);
        assertError(decodeEdited(p, 39, b -> {}), AT, Reason.TRUNCATED);
    }

    @Test
    void bytesEqualityHashAndTextAreByContent() {
        Bytes a = Bytes.fromHex("00ff10");
        assertEquals(Bytes.of(new byte[] {0, (byte) 0xff, 0x10}).hashCode(), a.hashCode());
        assertNotEquals(Bytes.fromHex("00ff11").hashCode(), a.hashCode(), "differs for these two values");
        assertEquals("00ff10", a.toString(), "lower-case hex, no separators");
    }
}
