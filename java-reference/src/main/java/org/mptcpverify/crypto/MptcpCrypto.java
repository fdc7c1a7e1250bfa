package org.mptcpverify.crypto;

import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.OptionalInt;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.mptcpverify.wire.Bytes;

/**
 * MPTCP key derivations and HMACs (RFC 6824 / RFC 8684, checked against Linux), plus the generic
 * helpers the schemes build on. JDK MessageDigest / Mac only. Keys are 64-bit and hashed as 8
 * bytes big-endian; nonces and tokens as 4 bytes big-endian. Stateless and thread-safe.
 */
public final class MptcpCrypto {
    private MptcpCrypto() {}

    // ---- generic helpers ----

    public static byte[] digest(HashAlg alg, byte[] msg) {
        try {
            return MessageDigest.getInstance(alg.digestName()).digest(msg);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks " + alg.digestName(), e);
        }
    }

    /** Full-length HMAC. The key may be any length, including empty. */
    public static byte[] hmac(HashAlg alg, byte[] key, byte[] msg) {
        try {
            Mac mac = Mac.getInstance(alg.macName());
            // SecretKeySpec rejects empty keys; HMAC treats an empty key as all zero bytes.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, alg.macName()));
            return mac.doFinal(msg);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks " + alg.macName(), e);
        }
    }

    public static byte[] hmac(int version, byte[] key, byte[] msg) {
        return hmac(HashAlg.forVersion(version), key, msg);
    }

    /** Leftmost 64 bits, big-endian. */
    public static long truncLeft64(byte[] h) {
        return readLong(h, 0);
    }

    /** Rightmost 64 bits, big-endian. */
    public static long truncRight64(byte[] h) {
        return readLong(h, h.length - 8);
    }

    /** Leftmost 160 bits (20 bytes). */
    public static byte[] truncLeft160(byte[] h) {
        if (h.length < 20) throw new IllegalArgumentException("need 20 bytes, got " + h.length);
        return Arrays.copyOf(h, 20);
    }

    /** Leftmost 32 bits, big-endian. */
    public static int truncLeft32(byte[] h) {
        return (int) (readLong(h, 0) >>> 32);
    }

    /** Constant-time comparison of secrets (MessageDigest.isEqual). */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    public static boolean constantTimeEquals(long a, long b) {
        return MessageDigest.isEqual(be64(a), be64(b));
    }

    public static boolean constantTimeEquals(Bytes a, Bytes b) {
        return MessageDigest.isEqual(a.toArray(), b.toArray());
    }

    public static byte[] be64(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[i] = (byte) (v >>> (56 - 8 * i));
        return b;
    }

    public static byte[] be32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    public static byte[] be16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] r = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, r, o, p.length);
            o += p.length;
        }
        return r;
    }

    private static long readLong(byte[] h, int off) {
        if (off < 0 || off + 8 > h.length) throw new IllegalArgumentException("need 8 bytes at " + off);
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (h[off + i] & 0xff);
        return v;
    }

    // ---- MPTCP derivations ----

    /** Token: leftmost 32 bits of H(key). */
    public static int token(HashAlg alg, long key) {
        return truncLeft32(digest(alg, be64(key)));
    }

    /** Initial data sequence number: rightmost 64 bits of H(key). The first DSN sent is IDSN + 1. */
    public static long idsn(HashAlg alg, long key) {
        return truncRight64(digest(alg, be64(key)));
    }

    /** Join SYN/ACK (from B): trunc_L64(HMAC(Key-B || Key-A, R-B || R-A)). */
    public static long joinSynAckHmac(HashAlg alg, long keyB, long keyA, int randomB, int randomA) {
        return truncLeft64(hmac(alg, concat(be64(keyB), be64(keyA)), concat(be32(randomB), be32(randomA))));
    }

    /** Join third ACK (from A): trunc_L160(HMAC(Key-A || Key-B, R-A || R-B)). */
    public static Bytes joinAckHmac(HashAlg alg, long keyA, long keyB, int randomA, int randomB) {
        return Bytes.of(truncLeft160(hmac(alg, concat(be64(keyA), be64(keyB)), concat(be32(randomA), be32(randomB)))));
    }

    /** The ADD_ADDR HMAC message: address id (1) || address (4 or 16) || port (2, zero if absent). */
    public static byte[] addAddrMessage(int addressId, InetAddress address, OptionalInt port) {
        return concat(new byte[] {(byte) addressId}, address.getAddress(), be16(port.orElse(0)));
    }

    /** ADD_ADDR v1 (sender S, receiver R): trunc_R64(HMAC(Key-S || Key-R, id || addr || port)). */
    public static long addAddrHmac(HashAlg alg, long keySender, long keyReceiver, int addressId,
                                   InetAddress address, OptionalInt port) {
        return truncRight64(hmac(alg, concat(be64(keySender), be64(keyReceiver)),
                addAddrMessage(addressId, address, port)));
    }
}
