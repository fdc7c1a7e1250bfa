package org.mptcpverify.definition.term;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mptcpverify.definition.term.Term.Atom;
import org.mptcpverify.definition.term.Term.Cat;
import org.mptcpverify.definition.term.Term.Label;
import org.mptcpverify.definition.term.Term.Num;
import org.mptcpverify.definition.term.Term.Xor;
import org.mptcpverify.wire.Bytes;

/**
 * The Dolev-Yao attacker's deduction over the term algebra, one procedure for every scheme.
 *
 * <p>Analysis closes what is known under splitting concatenations (widths are known) and cancelling
 * XOR (Gaussian elimination over GF(2), where every part that can be built counts as known).
 * Synthesis builds a target from known terms with any function of the algebra. Nothing inverts a
 * hash, HMAC, token, IDSN or truncation: those are only ever computed forwards.
 *
 * <p>Known terms may carry their concrete values ({@link #derive}), in which case the derived value
 * is computed along the way; {@link #canDerive} answers the symbolic question alone.
 */
public final class Deduction {
    /** Stands for "known, value not tracked" in symbolic use (no term has width 0). */
    private static final Bytes SYMBOLIC = Bytes.empty();

    private final Evaluator eval;
    private final int hashBits;

    /** {@code eval} supplies the scheme's hash (for values and for the hash width). */
    public Deduction(Evaluator eval) {
        this.eval = eval;
        this.hashBits = eval.hash().outputLength() * 8;
    }

    /** Whether {@code target} is derivable from {@code known}. */
    public boolean canDerive(Set<Term> known, Term target) {
        Map<Term, Bytes> k = new LinkedHashMap<>();
        known.forEach(t -> k.put(t, SYMBOLIC));
        return new Closure(k).synth(target, 0).isPresent();
    }

    /** The value of {@code target} when derivable from the known terms and their values. */
    public Optional<Bytes> derive(Map<Term, Bytes> known, Term target) {
        return new Closure(new LinkedHashMap<>(known)).synth(target, 0);
    }

    /** Everything analysis yields from {@code known} (for tests and for explaining a derivation). */
    public Set<Term> analyse(Set<Term> known) {
        Map<Term, Bytes> k = new LinkedHashMap<>();
        known.forEach(t -> k.put(t, SYMBOLIC));
        return new Closure(k).known.keySet();
    }

    private static boolean symbolic(Bytes... vs) {
        return Arrays.stream(vs).anyMatch(v -> v.length() == 0);
    }

    /** The analysed knowledge of one question. */
    private final class Closure {
        final Map<Term, Bytes> known;

        Closure(Map<Term, Bytes> initial) {
            known = initial;
            analyse();
        }

        private void analyse() {
            boolean changed = true;
            while (changed) {
                changed = false;
                for (Map.Entry<Term, Bytes> e : List.copyOf(known.entrySet())) {
                    if (e.getKey() instanceof Cat c) {
                        changed |= split(c, e.getValue());
                    }
                }
                for (Term f : universe(null)) {
                    if (!known.containsKey(f) && !(f instanceof Num)) {
                        Optional<Bytes> v = solveXor(List.of(f), f, 0);
                        if (v.isPresent()) {
                            known.put(f, v.get());
                            changed = true;
                        }
                    }
                }
            }
        }

        private boolean split(Cat c, Bytes v) {
            boolean changed = false;
            int off = 0;
            for (Term p : c.parts()) {
                int len = Terms.width(p, hashBits) / 8;
                if (!known.containsKey(p)) {
                    known.put(p, symbolic(v) ? SYMBOLIC : Bytes.of(v.toArray(), off, len));
                    changed = true;
                }
                off += len;
            }
            return changed;
        }

        /** XOR parts of a term (a non-XOR term is its own single part). */
        private List<Term> factors(Term t) {
            return t instanceof Xor x ? x.parts() : List.of(t);
        }

        /** Every XOR part of a known term and of {@code target}. */
        private Set<Term> universe(Term target) {
            Set<Term> u = new LinkedHashSet<>();
            known.keySet().forEach(t -> u.addAll(factors(t)));
            if (target != null) {
                u.addAll(factors(target));
            }
            return u;
        }

        /** Synthesis: {@code target} from known terms by building (depth bounds pathological recursion). */
        Optional<Bytes> synth(Term target, int depth) {
            Bytes v = known.get(target);
            if (v != null) {
                return Optional.of(v);
            }
            if (depth > 64) {
                return Optional.empty();
            }
            if (target instanceof Label || target instanceof Num) {
                return Optional.of(eval.eval(target, n -> null));
            }
            if (target instanceof Atom) {
                return Optional.empty(); // an unknown atom cannot be built
            }
            if (target instanceof Xor x) {
                return solveXor(x.parts(), target, depth);
            }
            if (target instanceof Term.Dh d && d.peer() instanceof Term.Pub p) {
                // dh(x, pub(y)) = dh(y, pub(x)): either private value with the other's public value
                Optional<Bytes> one = build(target, depth);
                return one.isPresent() ? one : build(new Term.Dh(p.priv(), new Term.Pub(d.priv())), depth);
            }
            return build(target, depth);
        }

        /** {@code target}'s own function applied to its arguments, each synthesised. */
        private Optional<Bytes> build(Term target, int depth) {
            List<Bytes> args = new ArrayList<>();
            for (Term a : Terms.args(target)) {
                Optional<Bytes> av = synth(a, depth + 1);
                if (av.isEmpty()) {
                    return Optional.empty();
                }
                args.add(av.get());
            }
            if (symbolic(args.toArray(Bytes[]::new))) {
                return Optional.of(SYMBOLIC);
            }
            List<Term> argTerms = Terms.args(target);
            Map<String, Bytes> env = new LinkedHashMap<>();
            List<Term> placeholders = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String name = "#" + i;
                env.put(name, args.get(i));
                placeholders.add(new Atom(name, Terms.width(argTerms.get(i), hashBits)));
            }
            return Optional.of(eval.eval(Terms.withArgs(target, placeholders, hashBits), env::get));
        }

        /**
         * Whether the XOR of {@code parts} lies in the span of the known terms plus every part that can
         * be built on its own; Gaussian elimination over GF(2) with the values carried along.
         */
        private Optional<Bytes> solveXor(List<Term> parts, Term target, int depth) {
            List<Term> u = new ArrayList<>(universe(target));
            List<BitSet> rows = new ArrayList<>();
            List<Bytes> values = new ArrayList<>();
            for (Map.Entry<Term, Bytes> e : known.entrySet()) {
                rows.add(vector(factors(e.getKey()), u));
                values.add(withoutConstant(factors(e.getKey()), e.getValue()));
            }
            for (Term f : u) {
                if (!known.containsKey(f) && !f.equals(target) && !(f instanceof Xor)) {
                    Optional<Bytes> fv = f instanceof Atom ? Optional.empty() : synth(f, depth + 1);
                    if (fv.isPresent()) {
                        rows.add(vector(List.of(f), u));
                        values.add(fv.get());
                    }
                }
            }
            BitSet goal = vector(parts, u);
            Bytes acc = null;
            // Reduce the goal against an echelon form built incrementally.
            List<BitSet> basis = new ArrayList<>();
            List<Bytes> basisValues = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                BitSet row = (BitSet) rows.get(r).clone();
                Bytes val = values.get(r);
                for (int b = 0; b < basis.size(); b++) {
                    int pivot = basis.get(b).nextSetBit(0);
                    if (row.get(pivot)) {
                        row.xor(basis.get(b));
                        val = combine(val, basisValues.get(b));
                    }
                }
                if (!row.isEmpty()) {
                    // keep basis rows with distinct leading bits
                    int pivot = row.nextSetBit(0);
                    for (int b = 0; b < basis.size(); b++) {
                        if (basis.get(b).get(pivot)) {
                            basis.get(b).xor(row);
                            basisValues.set(b, combine(basisValues.get(b), val));
                        }
                    }
                    basis.add(row);
                    basisValues.add(val);
                }
            }
            for (int b = 0; b < basis.size(); b++) {
                int pivot = basis.get(b).nextSetBit(0);
                if (goal.get(pivot)) {
                    goal.xor(basis.get(b));
                    acc = acc == null ? basisValues.get(b) : combine(acc, basisValues.get(b));
                }
            }
            if (!goal.isEmpty() || acc == null) {
                return Optional.empty();
            }
            return Optional.of(withoutConstant(parts, acc));
        }

        private BitSet vector(List<Term> parts, List<Term> u) {
            BitSet v = new BitSet();
            for (Term p : parts) {
                if (p instanceof Num) {
                    continue; // a constant part is public: it never decides derivability
                }
                v.flip(u.indexOf(p));
            }
            return v;
        }

        /** {@code v} XOR the constant part of {@code parts}, if any (rows and goals hold the variable parts). */
        private Bytes withoutConstant(List<Term> parts, Bytes v) {
            for (Term p : parts) {
                if (p instanceof Num n && !symbolic(v)) {
                    v = combine(v, Bytes.of(Evaluator.number(n.value(), n.width())));
                }
            }
            return v;
        }

        private Bytes combine(Bytes a, Bytes b) {
            if (symbolic(a, b)) {
                return SYMBOLIC;
            }
            return Bytes.of(Evaluator.xor(List.of(a.toArray(), b.toArray())));
        }
    }
}
