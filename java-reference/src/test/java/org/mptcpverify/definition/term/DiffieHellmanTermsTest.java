package org.mptcpverify.definition.term;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mptcpverify.crypto.HashAlg;
import org.mptcpverify.crypto.X25519;
import org.mptcpverify.definition.term.Term.Atom;
import org.mptcpverify.definition.term.Term.Pub;
import org.mptcpverify.wire.Bytes;

/**
 * The Diffie-Hellman extension of the term algebra (docs/scheme-definitions.md): {@code pub(x)},
 * {@code dh(x, pub(y)) = dh(y, pub(x))}, evaluated with the JDK's X25519 (RFC 7748 6.1 vectors),
 * and an attacker that needs one private value to compute a shared secret.
 */
class DiffieHellmanTermsTest {
    private static final HexFormat HEX = HexFormat.of();
    // RFC 7748 section 6.1
    private static final byte[] ALICE = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    private static final byte[] ALICE_PUB = HEX.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    private static final byte[] BOB = HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    private static final byte[] BOB_PUB = HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    private static final byte[] SHARED = HEX.parseHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");

    private static final Evaluator EVAL = new Evaluator(HashAlg.SHA256);
    private static final Deduction D = new Deduction(EVAL);
    private static final Atom A = new Atom("a", 256);
    private static final Atom B = new Atom("b", 256);
    private static final Atom X = new Atom("x", 256);

    @Test
    void theJdkProviderGivesTheRfc7748Vectors() {
        assertArrayEquals(ALICE_PUB, X25519.publicValue(ALICE));
        assertArrayEquals(BOB_PUB, X25519.publicValue(BOB));
        assertArrayEquals(SHARED, X25519.agree(ALICE, BOB_PUB).orElseThrow());
        assertArrayEquals(SHARED, X25519.agree(BOB, ALICE_PUB).orElseThrow());
        assertTrue(X25519.agree(ALICE, new byte[32]).isEmpty(), "u = 0 is of low order: no secret");
    }

    @Test
    void theEquationIsOneNormalForm() {
        assertEquals(Terms.dh(A, new Pub(B)), Terms.dh(B, new Pub(A)));
        assertEquals("dh(a, pub(b))", Terms.show(Terms.dh(B, new Pub(A))));
        assertFalse(Terms.dh(A, new Pub(B)).equals(Terms.dh(A, new Pub(X))));
        assertEquals(256, Terms.width(Terms.dh(A, B), 160));
        assertEquals(256, Terms.width(new Pub(A), 160));
    }

    @Test
    void eachSideEvaluatesTheSecretFromItsOwnPrivateValueAndTheStoredPublicOne() {
        Term secret = Terms.dh(A, new Pub(B));
        Map<String, Bytes> atA = Map.of("a", Bytes.of(ALICE), "pub(b)", Bytes.of(BOB_PUB));
        Map<String, Bytes> atB = Map.of("b", Bytes.of(BOB), "pub(a)", Bytes.of(ALICE_PUB));
        assertArrayEquals(SHARED, EVAL.eval(secret, atA::get).toArray());
        assertArrayEquals(SHARED, EVAL.eval(secret, atB::get).toArray());
        assertArrayEquals(ALICE_PUB, EVAL.eval(new Pub(A), atB::get).toArray(), "B reads pub(a) from its store");
        Map<String, Bytes> publicOnly = Map.of("pub(a)", Bytes.of(ALICE_PUB), "pub(b)", Bytes.of(BOB_PUB));
        assertThrows(Evaluator.Undefined.class, () -> EVAL.eval(secret, publicOnly::get));
    }

    @Test
    void theAttackerNeedsOnePrivateValue() {
        Term secret = Terms.dh(A, new Pub(B));
        Term key = new Term.Hmac(new Term.Hash(secret), new Term.Label("k"));
        assertFalse(D.canDerive(Set.of(new Pub(A), new Pub(B)), secret), "both public values are not enough");
        assertFalse(D.canDerive(Set.of(new Pub(A), new Pub(B), X), secret), "its own private value neither");
        assertTrue(D.canDerive(Set.of(A, new Pub(B)), key));
        assertTrue(D.canDerive(Set.of(B, new Pub(A)), key), "by the equation, from the other side");
        assertTrue(D.canDerive(Set.of(A, B), secret));
        assertTrue(D.canDerive(Set.of(A), new Pub(A)));
        assertFalse(D.canDerive(Set.of(new Pub(A)), A), "pub is not inverted");
    }

    @Test
    void derivedValuesAreTheRealOnes() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int n = 0; n < 20; n++) {
            byte[] a = new byte[32];
            byte[] b = new byte[32];
            rnd.nextBytes(a);
            rnd.nextBytes(b);
            byte[] pa = X25519.publicValue(a);
            byte[] pb = X25519.publicValue(b);
            Map<Term, Bytes> known = new LinkedHashMap<>();
            known.put(new Pub(A), Bytes.of(pa));
            known.put(new Pub(B), Bytes.of(pb));
            known.put(n % 2 == 0 ? A : B, Bytes.of(n % 2 == 0 ? a : b));
            byte[] want = X25519.agree(a, pb).orElseThrow();
            assertArrayEquals(want, D.derive(known, Terms.dh(B, new Pub(A))).orElseThrow().toArray());
            Map<String, Bytes> env = new HashMap<>();
            env.put("a", Bytes.of(a));
            env.put("b", Bytes.of(b));
            assertArrayEquals(pb, EVAL.eval(new Pub(B), env::get).toArray());
        }
    }
}
