package org.mptcpverify.definition.term;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.mptcpverify.crypto.HashAlg;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.definition.term.Term.Atom;
import org.mptcpverify.definition.term.Term.Cat;
import org.mptcpverify.definition.term.Term.Dh;
import org.mptcpverify.definition.term.Term.Pub;
import org.mptcpverify.crypto.X25519;
import org.mptcpverify.definition.term.Term.Hash;
import org.mptcpverify.definition.term.Term.Hmac;
import org.mptcpverify.definition.term.Term.Idsn;
import org.mptcpverify.definition.term.Term.Label;
import org.mptcpverify.definition.term.Term.Num;
import org.mptcpverify.definition.term.Term.Token;
import org.mptcpverify.definition.term.Term.TruncL;
import org.mptcpverify.definition.term.Term.TruncR;
import org.mptcpverify.definition.term.Term.Xor;
import org.mptcpverify.wire.Bytes;

/**
 * Concrete evaluation of terms with real bytes and the reference crypto: big-endian integers,
 * {@code hash} and {@code hmac} with the scheme's hash, truncations to the leftmost / rightmost bits,
 * concatenation and bytewise XOR.
 */
public final class Evaluator {
    /** An atom without a value in the environment. */
    public static final class Undefined extends RuntimeException {
        public Undefined(String atom) {
            super("no value for " + atom, null, false, false);
        }
    }

    private final HashAlg hash;

    public Evaluator(HashAlg hash) {
        this.hash = hash;
    }

    public HashAlg hash() {
        return hash;
    }

    /** The value of {@code t}; atoms are looked up in {@code env} (null: {@link Undefined}). */
    public Bytes eval(Term t, Function<String, Bytes> env) {
        return Bytes.of(value(t, env));
    }

    private byte[] value(Term t, Function<String, Bytes> env) {
        if (t instanceof Atom a) {
            Bytes b = env.apply(a.name());
            if (b == null) {
                throw new Undefined(a.name());
            }
            return b.toArray();
        }
        if (t instanceof Label l) return l.text().getBytes(StandardCharsets.US_ASCII);
        if (t instanceof Num n) return number(n.value(), n.width());
        if (t instanceof Hash h) return MptcpCrypto.digest(hash, value(h.arg(), env));
        if (t instanceof Token k) return left(MptcpCrypto.digest(hash, value(k.arg(), env)), 32);
        if (t instanceof Idsn i) return right(MptcpCrypto.digest(hash, value(i.arg(), env)), 64);
        if (t instanceof Hmac m) return MptcpCrypto.hmac(hash, value(m.key(), env), value(m.msg(), env));
        if (t instanceof Cat c) {
            return MptcpCrypto.concat(c.parts().stream().map(p -> value(p, env)).toArray(byte[][]::new));
        }
        if (t instanceof Xor x) return xor(x.parts().stream().map(p -> value(p, env)).toList());
        if (t instanceof TruncL l) return left(value(l.arg(), env), l.bits());
        if (t instanceof Pub p) return publicValue(p, env);
        if (t instanceof Dh d) return shared(d, env);
        TruncR r = (TruncR) t;
        return right(value(r.arg(), env), r.bits());
    }

    /**
     * {@code pub(x)}: computed from x when this side holds it, else the value this side stored for
     * it on receipt (the slot named {@code pub(x)}, written by {@code store pub(x) := FIELD}).
     */
    private byte[] publicValue(Pub p, Function<String, Bytes> env) {
        try {
            return X25519.publicValue(value(p.priv(), env));
        } catch (Undefined e) {
            Bytes stored = env.apply(Terms.show(p));
            if (stored == null) {
                throw e;
            }
            return stored.toArray();
        }
    }

    /** {@code dh(x, pub(y))} from x and pub(y), or else, by the equation, from y and pub(x). */
    private byte[] shared(Dh d, Function<String, Bytes> env) {
        try {
            return agree(value(d.priv(), env), value(d.peer(), env));
        } catch (Undefined e) {
            if (!(d.peer() instanceof Pub p)) {
                throw e;
            }
            return agree(value(p.priv(), env), value(new Pub(d.priv()), env));
        }
    }

    private static byte[] agree(byte[] priv, byte[] peer) {
        if (priv.length != X25519.BYTES || peer.length != X25519.BYTES) {
            throw new IllegalArgumentException("dh takes 256-bit values");
        }
        return X25519.agree(priv, peer).orElseThrow(() -> new Undefined("dh (a low-order public value)"));
    }

    /** {@code value} as {@code width / 8} big-endian bytes. */
    public static byte[] number(long value, int width) {
        byte[] out = new byte[width / 8];
        for (int i = 0; i < out.length && i < 8; i++) {
            out[out.length - 1 - i] = (byte) (value >>> (8 * i));
        }
        return out;
    }

    public static byte[] left(byte[] v, int bits) {
        requireWidth(v, bits);
        return Arrays.copyOfRange(v, 0, bits / 8);
    }

    public static byte[] right(byte[] v, int bits) {
        requireWidth(v, bits);
        return Arrays.copyOfRange(v, v.length - bits / 8, v.length);
    }

    private static void requireWidth(byte[] v, int bits) {
        if (bits % 8 != 0 || bits / 8 > v.length) {
            throw new IllegalArgumentException("cannot truncate " + 8 * v.length + " bits to " + bits);
        }
    }

    public static byte[] xor(List<byte[]> parts) {
        byte[] out = new byte[parts.get(0).length];
        for (byte[] p : parts) {
            if (p.length != out.length) {
                throw new IllegalArgumentException("xor of different widths");
            }
            for (int i = 0; i < out.length; i++) {
                out[i] ^= p[i];
            }
        }
        return out;
    }
}
