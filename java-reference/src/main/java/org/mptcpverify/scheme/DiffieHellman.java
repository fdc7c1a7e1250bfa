package org.mptcpverify.scheme;

import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.mptcpverify.crypto.HashAlg;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.crypto.X25519;
import org.mptcpverify.wire.Bytes;

/** The X25519 steps the key-agreement schemes (ecdh, mptls, mptcpsec) share: drawing, public values, the hashed secret. */
final class DiffieHellman {
    private DiffieHellman() {}

    /** A fresh X25519 private value: 32 bytes, four draws of the caller's random stream, big-endian. */
    static Bytes drawPrivate(SplittableRandom rnd) {
        byte[] p = new byte[X25519.BYTES];
        for (int i = 0; i < p.length; i += 8) {
            System.arraycopy(SchemeCrypto.be64(rnd.nextLong()), 0, p, i, 8);
        }
        return Bytes.of(p);
    }

    /** The private value a connection holds in {@code slot}, as the key control hands it over (none before it is drawn). */
    static Set<Bytes> privateValues(ConnKeys keys, String slot) {
        Bytes p = keys.slots().get(slot);
        return p == null ? Set.of() : Set.of(p);
    }

    static Bytes pub(Bytes priv) {
        return Bytes.of(X25519.publicValue(priv.toArray()));
    }

    /** hash(X25519 secret); empty when X25519 refuses the peer's value (low order). */
    static Optional<Bytes> hashedSecret(HashAlg hash, Bytes priv, Bytes peerShare) {
        return X25519.agree(priv.toArray(), peerShare.toArray()).map(z -> Bytes.of(MptcpCrypto.digest(hash, z)));
    }

    /**
     * The attacker's hashed secret of a connection whose two public values it saw, when it was given
     * the private value of one of them (the key control); empty otherwise.
     */
    static Optional<Bytes> attackerSecret(HashAlg hash, Bytes shareA, Bytes shareB, Set<Bytes> given) {
        return attackerRawSecret(shareA, shareB, given).map(z -> Bytes.of(MptcpCrypto.digest(hash, z.toArray())));
    }

    /** As {@link #attackerSecret}, the X25519 secret itself (for a row that feeds it to a key schedule). */
    static Optional<Bytes> attackerRawSecret(Bytes shareA, Bytes shareB, Set<Bytes> given) {
        for (Bytes p : given.stream().sorted(Comparator.comparing(Bytes::hex)).toList()) {
            Bytes pp = pub(p);
            Optional<byte[]> z = pp.equals(shareA) ? X25519.agree(p.toArray(), shareB.toArray())
                    : pp.equals(shareB) ? X25519.agree(p.toArray(), shareA.toArray()) : Optional.empty();
            if (z.isPresent()) {
                return z.map(Bytes::of);
            }
        }
        return Optional.empty();
    }
}
