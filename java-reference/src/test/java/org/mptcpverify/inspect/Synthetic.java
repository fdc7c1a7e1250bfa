package org.mptcpverify.inspect;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hand-built IPv4/TCP packets with MPTCP options laid out byte by byte from RFC 8684 section 3,
 * independently of the reference codec, for the inspect tests.
 */
final class Synthetic {
    static final HexFormat HEX = HexFormat.of();
    static final int SYN = 0x02, RST = 0x04, ACK = 0x10, SYNACK = SYN | ACK;

    private final List<byte[]> packets = new ArrayList<>();

    List<byte[]> packets() {
        return packets;
    }

    /** Appends a TCP segment; {@code options} are whole options, padded here with leading NOPs. */
    Synthetic tcp(String src, int sport, String dst, int dport, long seq, long ack, int flags, byte[]... options) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] opt : options) {
            o.writeBytes(opt);
        }
        byte[] opts = o.toByteArray();
        int pad = (4 - opts.length % 4) % 4;
        int tcpLen = 20 + pad + opts.length;
        ByteBuffer b = ByteBuffer.allocate(20 + tcpLen);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + tcpLen)).putShort((short) 1).putShort((short) 0x4000);
        b.put((byte) 64).put((byte) 6).putShort((short) 0).put(v4(src)).put(v4(dst));
        b.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack);
        b.putShort((short) ((tcpLen / 4) << 12 | flags)).putShort((short) 65535).putInt(0);
        for (int i = 0; i < pad; i++) {
            b.put((byte) 1);
        }
        b.put(opts);
        packets.add(b.array());
        return this;
    }

    static byte[] v4(String dotted) {
        String[] p = dotted.split("\\.");
        return new byte[] {(byte) Integer.parseInt(p[0]), (byte) Integer.parseInt(p[1]),
                (byte) Integer.parseInt(p[2]), (byte) Integer.parseInt(p[3])};
    }

    // ---- options (kind 30, length, subtype << 4 | nibble, ...)

    static byte[] mpcSyn() {
        return new byte[] {30, 4, 0x01, 0x01};
    }

    static byte[] mpcSynAck(long keyB) {
        return ByteBuffer.allocate(12).put((byte) 30).put((byte) 12).put((byte) 0x01).put((byte) 0x01)
                .putLong(keyB).array();
    }

    static byte[] mpcAck(long keyA, long keyB) {
        return ByteBuffer.allocate(20).put((byte) 30).put((byte) 20).put((byte) 0x01).put((byte) 0x01)
                .putLong(keyA).putLong(keyB).array();
    }

    /** MP_CAPABLE version 0 (RFC 6824): 12 bytes with the sender's key, or 20 with both. */
    static byte[] mpcV0(long senderKey) {
        return ByteBuffer.allocate(12).put((byte) 30).put((byte) 12).put((byte) 0x00).put((byte) 0x01)
                .putLong(senderKey).array();
    }

    static byte[] mpcV0Ack(long keyA, long keyB) {
        return ByteBuffer.allocate(20).put((byte) 30).put((byte) 20).put((byte) 0x00).put((byte) 0x01)
                .putLong(keyA).putLong(keyB).array();
    }

    /** ADD_ADDR version 0, IPv4, no port: IPVer 4 in the low nibble, no HMAC (8 bytes). */
    static byte[] addAddrV0(int id, String addr) {
        return ByteBuffer.allocate(8).put((byte) 30).put((byte) 8).put((byte) 0x34).put((byte) id).put(v4(addr))
                .array();
    }

    static byte[] hmacSha1(byte[] key, byte[] msg) throws Exception {
        Mac m = Mac.getInstance("HmacSHA1");
        m.init(new SecretKeySpec(key, "HmacSHA1"));
        return m.doFinal(msg);
    }

    static byte[] joinSyn(int addrId, int token, int randA) {
        return ByteBuffer.allocate(12).put((byte) 30).put((byte) 12).put((byte) 0x10).put((byte) addrId)
                .putInt(token).putInt(randA).array();
    }

    static byte[] joinSynAck(int addrId, long hmac, int randB) {
        return ByteBuffer.allocate(16).put((byte) 30).put((byte) 16).put((byte) 0x10).put((byte) addrId)
                .putLong(hmac).putInt(randB).array();
    }

    static byte[] joinAck(byte[] hmac20) {
        return ByteBuffer.allocate(24).put((byte) 30).put((byte) 24).put((byte) 0x10).put((byte) 0)
                .put(hmac20).array();
    }

    /** ADD_ADDR v1, IPv4, with HMAC; {@code port} < 0 for none. */
    static byte[] addAddr(int id, String addr, int port, long hmac) {
        ByteBuffer b = ByteBuffer.allocate(port < 0 ? 16 : 18);
        b.put((byte) 30).put((byte) b.capacity()).put((byte) 0x30).put((byte) id).put(v4(addr));
        if (port >= 0) {
            b.putShort((short) port);
        }
        return b.putLong(hmac).array();
    }

    /** ADD_ADDR v1 echo, IPv4, no port: no HMAC. */
    static byte[] addAddrEcho(int id, String addr) {
        return ByteBuffer.allocate(8).put((byte) 30).put((byte) 8).put((byte) 0x31).put((byte) id).put(v4(addr))
                .array();
    }

    /** HMAC-SHA256 with the JDK, for expected values not in the shared test vectors. */
    static byte[] hmacSha256(byte[] key, byte[] msg) throws Exception {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(key, "HmacSHA256"));
        return m.doFinal(msg);
    }
}
