package org.mptcpverify.scheme;

import java.nio.charset.StandardCharsets;
import org.mptcpverify.crypto.HashAlg;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.wire.Bytes;

/**
 * The schemes' shorthand for the reference crypto (org.mptcpverify.crypto.MptcpCrypto): every
 * hash, HMAC, truncation and comparison goes through it; nothing is computed here.
 */
public final class SchemeCrypto {
    private SchemeCrypto() {}

    public static byte[] hmac(HashAlg h, byte[] key, byte[] msg) {
        return MptcpCrypto.hmac(h, key, msg);
    }

    public static int token(HashAlg h, long key) {
        return MptcpCrypto.token(h, key);
    }

    public static long truncL64(byte[] mac) {
        return MptcpCrypto.truncLeft64(mac);
    }

    public static long truncR64(byte[] mac) {
        return MptcpCrypto.truncRight64(mac);
    }

    public static int first32(byte[] mac) {
        return MptcpCrypto.truncLeft32(mac);
    }

    public static Bytes truncL160(byte[] mac) {
        return Bytes.of(MptcpCrypto.truncLeft160(mac));
    }

    /** Constant-time equality of two secrets or authenticators. */
    public static boolean equal(byte[] a, byte[] b) {
        return MptcpCrypto.constantTimeEquals(a, b);
    }

    public static boolean equal(long a, long b) {
        return MptcpCrypto.constantTimeEquals(a, b);
    }

    public static boolean equal(int a, int b) {
        return MptcpCrypto.constantTimeEquals(be32(a), be32(b));
    }

    public static byte[] be64(long v) {
        return MptcpCrypto.be64(v);
    }

    public static byte[] be32(int v) {
        return MptcpCrypto.be32(v);
    }

    public static byte[] be16(int v) {
        return MptcpCrypto.be16(v);
    }

    /** Concatenation (the {@code ||} of docs/schemes.md). */
    public static byte[] cat(byte[]... parts) {
        return MptcpCrypto.concat(parts);
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
