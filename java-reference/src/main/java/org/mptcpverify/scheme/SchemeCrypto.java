package org.mptcpverify.scheme;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.mptcpverify.wire.Bytes;

/**
 * The one place the schemes reach crypto: hashes, HMACs, truncations, tokens, constant-time
 * comparison. It will delegate to org.mptcpverify.crypto once that package is merged; until then
 * it calls the JCA directly.
 */
public final class SchemeCrypto {
    private SchemeCrypto() {}

    public static byte[] digest(Hash h, byte[] data) {
        try {
            return MessageDigest.getInstance(h.digestName()).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] hmac(Hash h, byte[] key, byte[] msg) {
        try {
            Mac mac = Mac.getInstance(h.macName());
            mac.init(new SecretKeySpec(key, h.macName()));
            return mac.doFinal(msg);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Token: the first 32 bits of the hash of the 64-bit key (big-endian). */
    public static int token(Hash h, long key) {
        return ByteBuffer.wrap(digest(h, be64(key))).getInt(0);
    }

    /** IDSN: the last 64 bits of the hash of the key. */
    public static long idsn(Hash h, long key) {
        byte[] d = digest(h, be64(key));
        return ByteBuffer.wrap(d).getLong(d.length - 8);
    }

    public static long truncL64(byte[] mac) {
        return ByteBuffer.wrap(mac).getLong(0);
    }

    public static long truncR64(byte[] mac) {
        return ByteBuffer.wrap(mac).getLong(mac.length - 8);
    }

    public static int first32(byte[] mac) {
        return ByteBuffer.wrap(mac).getInt(0);
    }

    public static Bytes truncL160(byte[] mac) {
        return Bytes.of(Arrays.copyOf(mac, 20));
    }

    /** Constant-time equality of two secrets or authenticators. */
    public static boolean equal(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    public static boolean equal(long a, long b) {
        return MessageDigest.isEqual(be64(a), be64(b));
    }

    public static boolean equal(int a, int b) {
        return MessageDigest.isEqual(be32(a), be32(b));
    }

    public static byte[] be64(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    public static byte[] be32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    public static byte[] be16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    /** Concatenation of byte strings (the {@code ||} of docs/schemes.md). */
    public static byte[] cat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    public static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
