package org.mptcpverify.definition.term;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mptcpverify.crypto.HashAlg;
import org.mptcpverify.definition.term.Term.Atom;
import org.mptcpverify.wire.Bytes;

/** The Dolev-Yao deduction: what it must derive, what it must not, and the values it computes. */
class DeductionTest {
    private static final Evaluator EVAL = new Evaluator(HashAlg.SHA256);
    private static final Deduction D = new Deduction(EVAL);
    private static final Atom K = new Atom("K", 32);
    private static final Atom KA = new Atom("Ka", 64);
    private static final Atom KB = new Atom("Kb", 64);
    private static final Atom M = new Atom("m", 32);
    private static final Atom N = new Atom("n", 32);

    private static Term xor(Term... t) {
        return Terms.xor(List.of(t), Terms.width(t[0], 256));
    }

    @Test
    void synthesisBuildsEveryFunctionFromKnownArguments() {
        Set<Term> known = Set.of(KA, KB);
        assertTrue(D.canDerive(known, new Term.Token(KB)));
        assertTrue(D.canDerive(known, new Term.TruncL(64, new Term.Hmac(Terms.cat(KB, KA), new Term.Label("x")))));
        assertTrue(D.canDerive(known, new Term.Idsn(KA)));
        assertTrue(D.canDerive(Set.of(), new Term.Label("public")));
        assertFalse(D.canDerive(Set.of(KA), new Term.Hmac(KB, KA)));
    }

    @Test
    void hmacIsNeverInverted() {
        Term mac = new Term.Hmac(K, M);
        assertFalse(D.canDerive(Set.of(mac, M), K), "hmac(k, m) and m must not give k");
        assertFalse(D.canDerive(Set.of(mac, K), M), "hmac(k, m) and k must not give m");
        assertTrue(D.canDerive(Set.of(mac), mac));
        assertFalse(D.canDerive(Set.of(new Term.TruncL(64, mac), N), mac),
                "a truncation is not extended back to the full HMAC");
    }

    @Test
    void hashesTokensAndTruncationsAreNeverInverted() {
        assertFalse(D.canDerive(Set.of(new Term.Token(KB)), KB));
        assertFalse(D.canDerive(Set.of(new Term.Hash(KB)), KB));
        assertFalse(D.canDerive(Set.of(new Term.Idsn(KB)), KB));
        assertFalse(D.canDerive(Set.of(new Term.TruncR(32, KB)), KB));
    }

    @Test
    void concatenationsAreSplit() {
        assertTrue(D.canDerive(Set.of(Terms.cat(KA, KB)), KB));
        assertTrue(D.canDerive(Set.of(Terms.cat(KA, Terms.cat(M, N))), N));
        assertFalse(D.canDerive(Set.of(new Term.Hash(Terms.cat(KA, KB))), KA), "a cat under a hash stays there");
    }

    @Test
    void xorCancels() {
        // the thesis attack: token-B XOR key seen, token-B computable from Key-B seen in clear
        assertTrue(D.canDerive(Set.of(KB, xor(new Term.Token(KB), K)), K));
        assertFalse(D.canDerive(Set.of(xor(new Term.Token(KB), K)), K), "without Key-B the XOR hides K");
        assertTrue(D.canDerive(Set.of(xor(M, N), xor(N, K), M), K));
        assertFalse(D.canDerive(Set.of(xor(M, N), xor(N, K)), K));
        assertTrue(D.canDerive(Set.of(xor(M, N)), xor(N, M)));
        assertTrue(D.canDerive(Set.of(xor(K, new Term.Num(7, 32))), K), "a public constant cancels");
    }

    @Test
    void analysedKnowledgeFeedsSynthesisAndSynthesisFeedsAnalysis() {
        // K from a cat, then a hash of K; and a XOR whose other part must first be built
        Term c = Terms.cat(K, M);
        assertTrue(D.canDerive(Set.of(c), new Term.Hash(K)));
        assertTrue(D.canDerive(Set.of(c, xor(new Term.Token(Terms.cat(K, K)), N)), N));
    }

    @Test
    void derivedValuesAreTheRealOnes() {
        Bytes kb = Bytes.fromHex("0011223344556677");
        Bytes k = Bytes.fromHex("cafebabe");
        Term field = xor(new Term.Token(KB), K);
        Map<String, Bytes> env = Map.of("Kb", kb, "K", k);
        Map<Term, Bytes> known = new LinkedHashMap<>();
        known.put(KB, kb);
        known.put(field, EVAL.eval(field, env::get));
        assertEquals(k, D.derive(known, K).orElseThrow());
        Term forged = new Term.Hmac(K, Terms.cat(new Term.Label("x"), new Term.Token(KB)));
        assertEquals(EVAL.eval(forged, env::get), D.derive(known, forged).orElseThrow());
        Map<Term, Bytes> constant = Map.of(xor(K, new Term.Num(7, 32)), Bytes.fromHex("cafebab9"));
        assertEquals(k, D.derive(constant, K).orElseThrow());
        Map<Term, Bytes> split = Map.of(Terms.cat(KB, K), Bytes.fromHex("0011223344556677cafebabe"));
        assertEquals(k, D.derive(split, K).orElseThrow());
    }
}
