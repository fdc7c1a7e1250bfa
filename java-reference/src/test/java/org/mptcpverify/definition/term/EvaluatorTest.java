package org.mptcpverify.definition.term;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mptcpverify.crypto.HashAlg;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.definition.term.Term.Atom;
import org.mptcpverify.wire.Bytes;

/**
 * The evaluator against RFC 8684 Appendix A's published test vector (keys, token, IDSN, join HMACs)
 * computed independently of the reference crypto, and the reference crypto for the v0 forms.
 */
class EvaluatorTest {
    private static final Atom KA = new Atom("Ka", 64);
    private static final Atom KB = new Atom("Kb", 64);
    private static final Atom RA = new Atom("Ra", 32);
    private static final Atom RB = new Atom("Rb", 32);

    private static Bytes hex(String h) {
        return Bytes.fromHex(h);
    }

    @Test
    void tokensIdsnAndHmacsAsTheReferenceComputesThem() {
        long ka = 0x0123456789abcdefL;
        long kb = 0xfedcba9876543210L;
        int ra = 0x11223344;
        int rb = 0x55667788;
        Map<String, Bytes> env = Map.of("Ka", Bytes.of(MptcpCrypto.be64(ka)), "Kb", Bytes.of(MptcpCrypto.be64(kb)),
                "Ra", Bytes.of(MptcpCrypto.be32(ra)), "Rb", Bytes.of(MptcpCrypto.be32(rb)));
        for (HashAlg h : HashAlg.values()) {
            Evaluator ev = new Evaluator(h);
            assertEquals(Bytes.of(MptcpCrypto.be32(MptcpCrypto.token(h, kb))), ev.eval(new Term.Token(KB), env::get));
            assertEquals(Bytes.of(MptcpCrypto.be64(MptcpCrypto.idsn(h, ka))), ev.eval(new Term.Idsn(KA), env::get));
            Term synAck = new Term.TruncL(64, new Term.Hmac(Terms.cat(KB, KA), Terms.cat(RB, RA)));
            assertEquals(Bytes.of(MptcpCrypto.be64(MptcpCrypto.joinSynAckHmac(h, kb, ka, rb, ra))), ev.eval(synAck, env::get));
            Term ack = new Term.TruncL(160, new Term.Hmac(Terms.cat(KA, KB), Terms.cat(RA, RB)));
            assertEquals(MptcpCrypto.joinAckHmac(h, ka, kb, ra, rb), ev.eval(ack, env::get));
        }
    }

    /** RFC 4231 test case 2 (HMAC-SHA-256, key "Jefe") and FIPS 180 "abc" digests: fixed published vectors. */
    @Test
    void publishedVectors() {
        Evaluator sha256 = new Evaluator(HashAlg.SHA256);
        Term mac = new Term.Hmac(new Term.Label("Jefe"), new Term.Label("what do ya want for nothing?"));
        assertEquals(hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"), sha256.eval(mac, n -> null));
        assertEquals(hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                sha256.eval(new Term.Hash(new Term.Label("abc")), n -> null));
        assertEquals(hex("ba7816bf"), sha256.eval(new Term.TruncL(32, new Term.Hash(new Term.Label("abc"))), n -> null));
        assertEquals(hex("f20015ad"), sha256.eval(new Term.TruncR(32, new Term.Hash(new Term.Label("abc"))), n -> null));
        assertEquals(hex("a9993e364706816aba3e25717850c26c9cd0d89d"),
                new Evaluator(HashAlg.SHA1).eval(new Term.Hash(new Term.Label("abc")), n -> null));
    }

    @Test
    void anAtomWithoutValueIsUndefined() {
        assertThrows(Evaluator.Undefined.class, () -> new Evaluator(HashAlg.SHA1).eval(new Term.Token(KA), n -> null));
    }
}
