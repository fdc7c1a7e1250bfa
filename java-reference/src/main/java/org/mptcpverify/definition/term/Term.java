package org.mptcpverify.definition.term;

import java.util.List;

/**
 * A term of the scheme-definition algebra (docs/scheme-definitions.md, "Term algebra"). Terms are
 * built through {@link Terms}, which keeps them in normal form: equality of terms is then equality
 * of records. Widths are in bits; the hash width is the scheme's ({@link Terms#width}).
 */
public sealed interface Term {
    /** A named value: a fresh key or token, the external key, a join nonce, an address, an attacker atom. */
    record Atom(String name, int width) implements Term {}

    /** A constant ASCII label such as {@code "bk-conn"}: public, {@code 8 * length} bits. */
    record Label(String text) implements Term {}

    /** A public integer constant of a given width (big-endian on the wire); 0 is XOR's unit. */
    record Num(long value, int width) implements Term {}

    /** The scheme's hash. */
    record Hash(Term arg) implements Term {}

    /** {@code truncL(32, hash(t))}: the MPTCP token. */
    record Token(Term arg) implements Term {}

    /** {@code truncR(64, hash(t))}: the MPTCP initial data sequence number. */
    record Idsn(Term arg) implements Term {}

    /** HMAC with the scheme's hash. */
    record Hmac(Term key, Term msg) implements Term {}

    /** Concatenation; normal form: at least two parts, none of them a Cat. */
    record Cat(List<Term> parts) implements Term {
        public Cat {
            parts = List.copyOf(parts);
        }
    }

    /**
     * Exclusive or of equal-width parts; normal form: at least two parts, none a Xor, none repeated,
     * at most one Num and never a zero Num, sorted by {@link Terms#order}.
     */
    record Xor(List<Term> parts) implements Term {
        public Xor {
            parts = List.copyOf(parts);
        }
    }

    /** The leftmost {@code bits} bits of {@code arg}. */
    record TruncL(int bits, Term arg) implements Term {}

    /** The rightmost {@code bits} bits of {@code arg}. */
    record TruncR(int bits, Term arg) implements Term {}

    /** The X25519 public value of the private value {@code priv} (256 bits). */
    record Pub(Term priv) implements Term {}

    /**
     * The X25519 shared secret of the private value {@code priv} and the public value {@code peer}
     * (256 bits). Normal form ({@link Terms#dh}): {@code dh(x, pub(y)) = dh(y, pub(x))}, kept with
     * the smaller of x, y (in {@link Terms#order}) first.
     */
    record Dh(Term priv, Term peer) implements Term {}
}
