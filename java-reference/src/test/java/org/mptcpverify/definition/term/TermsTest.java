package org.mptcpverify.definition.term;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mptcpverify.crypto.HashAlg;
import org.mptcpverify.definition.term.Term.Atom;
import org.mptcpverify.definition.term.Term.Num;
import org.mptcpverify.wire.Bytes;

/** XOR's equations hold on normal forms, and normal forms evaluate to the same bytes as the terms they replace. */
class TermsTest {
    private static final Atom A = new Atom("a", 32);
    private static final Atom B = new Atom("b", 32);
    private static final Atom C = new Atom("c", 32);

    private static Term xor(Term... t) {
        return Terms.xor(List.of(t), 32);
    }

    @Test
    void xorIsAssociativeCommutativeSelfCancellingWithUnitZero() {
        assertEquals(xor(A, xor(B, C)), xor(xor(A, B), C));
        assertEquals(xor(A, B), xor(B, A));
        assertEquals(new Num(0, 32), xor(A, A));
        assertEquals(A, xor(A, new Num(0, 32)));
        assertEquals(C, xor(A, B, C, B, A));
        assertEquals(xor(A, new Num(5, 32)), xor(new Num(1, 32), A, new Num(4, 32)));
        assertNotEquals(xor(A, B), xor(A, C));
    }

    @Test
    void catFlattens() {
        assertEquals(Terms.cat(A, B, C), Terms.cat(Terms.cat(A, B), C));
        assertEquals(A, Terms.cat(List.of(A)));
    }

    /** Random XOR expressions: the normal form and a naive left-to-right evaluation agree on random values. */
    @Test
    void normalFormsPreserveValues() {
        SplittableRandom rnd = new SplittableRandom(7);
        Evaluator ev = new Evaluator(HashAlg.SHA256);
        List<Atom> atoms = List.of(A, B, C);
        for (int n = 0; n < 200; n++) {
            Map<String, Bytes> env = Map.of("a", Bytes.of(Evaluator.number(rnd.nextInt(), 32)),
                    "b", Bytes.of(Evaluator.number(rnd.nextInt(), 32)), "c", Bytes.of(Evaluator.number(rnd.nextInt(), 32)));
            List<Term> parts = new ArrayList<>();
            byte[] naive = new byte[4];
            int len = 1 + rnd.nextInt(6);
            for (int k = 0; k < len; k++) {
                Term t = rnd.nextInt(4) == 0 ? new Num(rnd.nextInt(1 << 16), 32) : atoms.get(rnd.nextInt(3));
                Term wrapped = rnd.nextBoolean() ? new Term.Token(t) : t;
                parts.add(wrapped);
                naive = Evaluator.xor(List.of(naive, ev.eval(wrapped, env::get).toArray()));
            }
            assertEquals(Bytes.of(naive), ev.eval(Terms.xor(parts, 32), env::get), parts.toString());
        }
    }
}
