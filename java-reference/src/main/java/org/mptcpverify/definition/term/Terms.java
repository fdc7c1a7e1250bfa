package org.mptcpverify.definition.term;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.mptcpverify.definition.term.Term.Atom;
import org.mptcpverify.definition.term.Term.Cat;
import org.mptcpverify.definition.term.Term.Dh;
import org.mptcpverify.definition.term.Term.Pub;
import org.mptcpverify.definition.term.Term.Hash;
import org.mptcpverify.definition.term.Term.Hmac;
import org.mptcpverify.definition.term.Term.Idsn;
import org.mptcpverify.definition.term.Term.Label;
import org.mptcpverify.definition.term.Term.Num;
import org.mptcpverify.definition.term.Term.Token;
import org.mptcpverify.definition.term.Term.TruncL;
import org.mptcpverify.definition.term.Term.TruncR;
import org.mptcpverify.definition.term.Term.Xor;

/**
 * Smart constructors keeping terms in normal form (XOR flattened, constants folded, pairs cancelled,
 * unit dropped, parts sorted; concatenation flattened), widths, printing and substitution.
 */
public final class Terms {
    private Terms() {}

    /** The total order XOR parts are sorted by: their printed form. */
    public static final Comparator<Term> order = Comparator.comparing(Terms::show);

    /** {@code parts} with every part of the same kind replaced by its own parts (associativity). */
    private static List<Term> flatten(List<Term> parts, Class<? extends Term> kind) {
        List<Term> flat = new ArrayList<>();
        for (Term p : parts) {
            if (kind.isInstance(p)) {
                flat.addAll(args(p));
            } else {
                flat.add(p);
            }
        }
        return flat;
    }

    public static Term cat(List<Term> parts) {
        List<Term> flat = flatten(parts, Cat.class);
        if (flat.isEmpty()) {
            throw new IllegalArgumentException("cat of nothing");
        }
        return flat.size() == 1 ? flat.get(0) : new Cat(flat);
    }

    public static Term cat(Term... parts) {
        return cat(List.of(parts));
    }

    /**
     * XOR of {@code parts}, all {@code width} bits wide: associative and commutative (flattened and
     * sorted), self-cancelling (pairs removed), with unit 0 (dropped; the empty XOR is {@code Num(0)}).
     */
    public static Term xor(List<Term> parts, int width) {
        Map<Term, Integer> count = new LinkedHashMap<>();
        long constant = 0;
        for (Term p : flatten(parts, Xor.class)) {
            if (p instanceof Num n) {
                constant ^= n.value();
            } else {
                count.merge(p, 1, Integer::sum);
            }
        }
        List<Term> kept = new ArrayList<>();
        count.forEach((t, c) -> {
            if (c % 2 == 1) {
                kept.add(t);
            }
        });
        if (constant != 0) {
            kept.add(new Num(constant, width));
        }
        kept.sort(order);
        if (kept.isEmpty()) {
            return new Num(0, width);
        }
        return kept.size() == 1 ? kept.get(0) : new Xor(kept);
    }

    /** Diffie-Hellman in normal form: {@code dh(x, pub(y))} and {@code dh(y, pub(x))} are one term. */
    public static Term dh(Term priv, Term peer) {
        if (peer instanceof Pub p && order.compare(p.priv(), priv) < 0) {
            return new Dh(p.priv(), new Pub(priv));
        }
        return new Dh(priv, peer);
    }

    /** Width in bits; {@code hashBits} is the scheme hash's output width (160 or 256). */
    public static int width(Term t, int hashBits) {
        if (t instanceof Atom a) return a.width();
        if (t instanceof Label l) return 8 * l.text().length();
        if (t instanceof Num n) return n.width();
        if (t instanceof Hash || t instanceof Hmac) return hashBits;
        if (t instanceof Token) return 32;
        if (t instanceof Pub || t instanceof Dh) return 256;
        if (t instanceof Idsn) return 64;
        if (t instanceof Cat c) return c.parts().stream().mapToInt(p -> width(p, hashBits)).sum();
        if (t instanceof Xor x) return width(x.parts().get(0), hashBits);
        if (t instanceof TruncL l) return l.bits();
        return ((TruncR) t).bits();
    }

    /** The term in definition syntax. */
    public static String show(Term t) {
        if (t instanceof Atom a) return a.name();
        if (t instanceof Label l) return "\"" + l.text() + "\"";
        if (t instanceof Num n) return n.value() + ":" + n.width();
        if (t instanceof Hash h) return "hash(" + show(h.arg()) + ")";
        if (t instanceof Token k) return "token(" + show(k.arg()) + ")";
        if (t instanceof Idsn i) return "idsn(" + show(i.arg()) + ")";
        if (t instanceof Hmac m) return "hmac(" + show(m.key()) + ", " + show(m.msg()) + ")";
        if (t instanceof Cat c) return "cat(" + String.join(", ", c.parts().stream().map(Terms::show).toList()) + ")";
        if (t instanceof Xor x) return "xor(" + String.join(", ", x.parts().stream().map(Terms::show).toList()) + ")";
        if (t instanceof TruncL l) return "truncL(" + l.bits() + ", " + show(l.arg()) + ")";
        if (t instanceof Pub p) return "pub(" + show(p.priv()) + ")";
        if (t instanceof Dh d) return "dh(" + show(d.priv()) + ", " + show(d.peer()) + ")";
        TruncR r = (TruncR) t;
        return "truncR(" + r.bits() + ", " + show(r.arg()) + ")";
    }

    /** The direct subterms of {@code t}. */
    public static List<Term> args(Term t) {
        if (t instanceof Hash h) return List.of(h.arg());
        if (t instanceof Token k) return List.of(k.arg());
        if (t instanceof Idsn i) return List.of(i.arg());
        if (t instanceof Hmac m) return List.of(m.key(), m.msg());
        if (t instanceof Cat c) return c.parts();
        if (t instanceof Xor x) return x.parts();
        if (t instanceof TruncL l) return List.of(l.arg());
        if (t instanceof TruncR r) return List.of(r.arg());
        if (t instanceof Pub p) return List.of(p.priv());
        if (t instanceof Dh d) return List.of(d.priv(), d.peer());
        return List.of();
    }

    /** {@code t} with its direct subterms replaced by {@code a} (same arity), renormalised. */
    public static Term withArgs(Term t, List<Term> a, int hashBits) {
        if (t instanceof Hash) return new Hash(a.get(0));
        if (t instanceof Token) return new Token(a.get(0));
        if (t instanceof Idsn) return new Idsn(a.get(0));
        if (t instanceof Hmac) return new Hmac(a.get(0), a.get(1));
        if (t instanceof Cat) return cat(a);
        if (t instanceof Xor x) return xor(a, width(x, hashBits));
        if (t instanceof TruncL l) return new TruncL(l.bits(), a.get(0));
        if (t instanceof TruncR r) return new TruncR(r.bits(), a.get(0));
        if (t instanceof Pub) return new Pub(a.get(0));
        if (t instanceof Dh) return dh(a.get(0), a.get(1));
        return t;
    }

    /** Rebuilds {@code t} bottom-up with {@code atoms} applied to every atom, renormalising. */
    public static Term mapAtoms(Term t, UnaryOperator<Term> atoms, int hashBits) {
        if (t instanceof Atom a) {
            return atoms.apply(a);
        }
        List<Term> a = args(t);
        return a.isEmpty() ? t : withArgs(t, a.stream().map(p -> mapAtoms(p, atoms, hashBits)).toList(), hashBits);
    }

    /** The atoms of {@code t}, in first-occurrence order. */
    public static List<Atom> atoms(Term t) {
        List<Atom> out = new ArrayList<>();
        collect(t, out);
        return out.stream().distinct().toList();
    }

    private static void collect(Term t, List<Atom> out) {
        if (t instanceof Atom a) {
            out.add(a);
        }
        args(t).forEach(p -> collect(p, out));
    }
}
