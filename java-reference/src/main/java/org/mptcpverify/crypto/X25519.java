package org.mptcpverify.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Optional;
import javax.crypto.KeyAgreement;

/**
 * X25519 (RFC 7748) through the JDK's XDH provider. Values are the RFC's 32-byte little-endian
 * strings: a private scalar (clamped by the provider), a public u-coordinate, a shared secret.
 * The public value is the function applied to the base point u = 9, so both directions use the
 * provider's one code path.
 */
public final class X25519 {
    public static final int BYTES = 32;
    private static final byte[] BASE_POINT = basePoint();

    private X25519() {}

    private static byte[] basePoint() {
        byte[] u = new byte[BYTES];
        u[0] = 9;
        return u;
    }

    /** The public value of a private scalar. */
    public static byte[] publicValue(byte[] scalar) {
        return agree(scalar, BASE_POINT).orElseThrow(() -> new IllegalStateException("X25519 of the base point failed"));
    }

    /**
     * The shared secret of a private scalar and a peer's public value; empty when the provider
     * refuses the pair (a low-order point gives the all-zero secret, RFC 7748 section 6.1).
     */
    public static Optional<byte[]> agree(byte[] scalar, byte[] peerPublic) {
        if (scalar.length != BYTES || peerPublic.length != BYTES) {
            throw new IllegalArgumentException("X25519 values are " + BYTES + " bytes");
        }
        try {
            KeyFactory kf = KeyFactory.getInstance("XDH");
            PrivateKey priv = kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar.clone()));
            PublicKey pub = kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, littleEndian(peerPublic)));
            KeyAgreement ka = KeyAgreement.getInstance("XDH");
            ka.init(priv);
            ka.doPhase(pub, true);
            return Optional.of(ka.generateSecret());
        } catch (java.security.InvalidKeyException | IllegalStateException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no XDH provider", e);
        }
    }

    /** RFC 7748 5: the u-coordinate is little-endian; the top bit of the last byte is ignored. */
    private static BigInteger littleEndian(byte[] u) {
        byte[] be = new byte[BYTES];
        for (int i = 0; i < BYTES; i++) {
            be[i] = u[BYTES - 1 - i];
        }
        be[0] &= 0x7f;
        return new BigInteger(1, be);
    }
}
