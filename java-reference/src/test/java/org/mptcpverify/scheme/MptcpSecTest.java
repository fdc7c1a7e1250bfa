package org.mptcpverify.scheme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;

/**
 * MptcpSec's key schedule (docs/schemes.md, mptcpsec): the two ends agree; the keys follow the
 * documented HKDF steps, recomputed here with the JDK's HMAC and the JDK's own X25519 (not the
 * reference's); the transcript (the tokens) enters the key; an attacker given one private value gets
 * the same key, one with none gets nothing.
 */
class MptcpSecTest {
    record Pair(ConnKeys a, ConnKeys b) {}

    /** A handshake and key exchange of a key-share row (mptls, mptcpsec) between two honest ends. */
    static Pair connect(KeyShareMptcp s, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        AuthScheme.Hello syn = s.clientSyn(null, rnd);
        AuthScheme.Hello synAck = s.serverSynAck(syn.option(), null, rnd, t -> false);
        AuthScheme.Hello ack = s.clientThirdAck(syn.keys(), synAck.option(), rnd);
        ConnKeys b = s.serverEstablished(synAck.keys(), ack.option());
        ConnKeys a = ack.keys();
        MptcpOption shareA = s.keyAgreement(a).orElseThrow();
        MptcpOption shareB = s.keyAgreement(b).orElseThrow();
        return new Pair(s.onKeyAgreement(a, shareB), s.onKeyAgreement(b, shareA));
    }

    private static byte[] hmac(byte[] key, byte[]... parts) throws Exception {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(key, "HmacSHA256"));
        for (byte[] p : parts) {
            m.update(p);
        }
        return m.doFinal();
    }

    private static byte[] be32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    /** X25519 through the JDK's XDH KeyAgreement, independent of the reference's implementation. */
    private static byte[] jdkX25519(byte[] scalar, byte[] peerU) throws Exception {
        var kf = java.security.KeyFactory.getInstance("XDH");
        var params = new java.security.spec.NamedParameterSpec("X25519");
        var priv = kf.generatePrivate(new java.security.spec.XECPrivateKeySpec(params, scalar));
        byte[] le = peerU.clone();
        for (int i = 0; i < le.length / 2; i++) {
            byte t = le[i];
            le[i] = le[le.length - 1 - i];
            le[le.length - 1 - i] = t;
        }
        le[0] &= 0x7f; // RFC 7748: the top bit of u is masked (le is now big-endian)
        var pub = kf.generatePublic(new java.security.spec.XECPublicKeySpec(params, new java.math.BigInteger(1, le)));
        var ka = javax.crypto.KeyAgreement.getInstance("XDH");
        ka.init(priv);
        ka.doPhase(pub, true);
        return ka.generateSecret();
    }

    @Test
    void bothEndsAgreeOnTheDocumentedSchedule() throws Exception {
        MptcpSec s = new MptcpSec();
        for (long seed = 1; seed <= 5; seed++) {
            Pair p = connect(s, seed);
            assertTrue(p.a().keyActive() && p.b().keyActive(), "the shares crossed: keys active");
            assertArrayEquals(p.a().connKey().toArray(), p.b().connKey().toArray(), "both ends hold mk[0]");
            Bytes privA = s.privateValues(p.a()).iterator().next();
            Bytes privB = s.privateValues(p.b()).iterator().next();
            byte[] pubA = DiffieHellman.pub(privA).toArray();
            byte[] pubB = DiffieHellman.pub(privB).toArray();
            byte[] es = jdkX25519(privA.toArray(), pubB);
            byte[] na = be32(p.a().tokenA());
            byte[] prk = hmac(na, na, be32(p.a().tokenB()), pubA, pubB, es);
            byte[] mk0 = hmac(prk, new byte[] {3, 0, 0, 0, 0, 1});
            assertArrayEquals(mk0, p.a().connKey().toArray(), "mk[0] = CPRF(Extract(N_A, transcript|Init1|Init2|ES), CONST_REKEY|sn0)");
            assertArrayEquals(hmac(mk0, new byte[] {4, 1}), s.writeKey(p.a(), Role.A), "k_ab = CPRF(mk0, CONST_KEY_A)");
            assertArrayEquals(hmac(mk0, new byte[] {5, 1}), s.writeKey(p.b(), Role.B), "k_ba = CPRF(mk0, CONST_KEY_B)");
            assertFalse(java.util.Arrays.equals(s.writeKey(p.a(), Role.A), s.writeKey(p.a(), Role.B)), "direction keys differ");
        }
    }

    @Test
    void theTranscriptEntersTheKey() {
        MptcpSec s = new MptcpSec();
        Pair p = connect(s, 7);
        Bytes privA = s.privateValues(p.a()).iterator().next();
        Bytes privB = s.privateValues(p.b()).iterator().next();
        Bytes z = Bytes.of(org.mptcpverify.crypto.X25519.agree(privA.toArray(), DiffieHellman.pub(privB).toArray()).orElseThrow());
        Bytes honest = s.connKeyFrom(p.a().tokenA(), p.a().tokenB(), DiffieHellman.pub(privA), DiffieHellman.pub(privB), z).orElseThrow();
        Bytes otherToken = s.connKeyFrom(p.a().tokenA(), p.a().tokenB() ^ 1, DiffieHellman.pub(privA), DiffieHellman.pub(privB), z).orElseThrow();
        assertArrayEquals(honest.toArray(), p.a().connKey().toArray());
        assertNotEquals(honest, otherToken, "a different SYN/ACK token gives a different key");
    }
}
