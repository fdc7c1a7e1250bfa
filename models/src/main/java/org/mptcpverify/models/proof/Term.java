package org.mptcpverify.models.proof;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A ground term of the proof (the algebra of models/tla/core/Terms.tla without XOR): an atom, a
 * public label or integer, or a function application. Concatenation is kept flat, so equality of
 * records is equality of terms.
 */
public record Term(String op, String n, List<Term> args) implements Comparable<Term> {
    public Term {
        args = List.copyOf(args);
    }

    static Term atom(String name) {
        return new Term("atom", name, List.of());
    }

    static Term leaf(String op, String n) {
        return new Term(op, n, List.of());
    }

    static Term app(String op, String n, List<Term> args) {
        if (!op.equals("cat")) {
            return new Term(op, n, args);
        }
        List<Term> flat = new ArrayList<>();
        for (Term a : args) {
            if (a.op.equals("cat")) {
                flat.addAll(a.args);
            } else {
                flat.add(a);
            }
        }
        return flat.size() == 1 ? flat.get(0) : new Term("cat", "", flat);
    }

    /** Public without any knowledge: labels, integers, zero. */
    boolean isPublicConstant() {
        return op.equals("lbl") || op.equals("int") || op.equals("zero");
    }

    @Override
    public String toString() {
        return switch (op) {
            case "atom" -> n;
            case "lbl" -> "\"" + n + "\"";
            case "int" -> args.isEmpty() ? n : n + "/" + args.get(0).n;
            case "zero" -> "ZERO";
            default -> op + (n.isEmpty() ? "" : n) + "(" + args.stream().map(Term::toString)
                    .collect(Collectors.joining(", ")) + ")";
        };
    }

    /** The term as Terms.tla writes it (the constructors of models/tla/core/Terms.tla). */
    String tla() {
        return switch (op) {
            case "atom" -> "Atom(" + q(n) + ")";
            case "lbl" -> "Lbl(" + q(n) + ")";
            case "int" -> args.isEmpty() ? "Int(" + n + ")" : "Num(" + n + ", " + q(args.get(0).n) + ")";
            case "zero" -> "Zero";
            case "hash" -> "Hash(" + args.get(0).tla() + ")";
            case "token" -> "Token(" + args.get(0).tla() + ")";
            case "idsn" -> "Idsn(" + args.get(0).tla() + ")";
            case "hmac" -> "Hmac(" + args.get(0).tla() + ", " + args.get(1).tla() + ")";
            case "cat" -> "Cat(<<" + args.stream().map(Term::tla).collect(Collectors.joining(", ")) + ">>)";
            case "truncL" -> "TruncL(" + q(n) + ", " + args.get(0).tla() + ")";
            case "truncR" -> "TruncR(" + q(n) + ", " + args.get(0).tla() + ")";
            default -> throw new IllegalStateException("no TLA+ constructor for " + op);
        };
    }

    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public int compareTo(Term o) {
        return toString().compareTo(o.toString());
    }
}
