package org.mptcpverify.models.proof;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A ground term of the proof (the algebra of models/tla/core/Terms.tla without XOR): an atom, a
 * public label or integer, or a function application. Concatenation is kept flat, so equality of
 * records is equality of terms.
 */
record Term(String op, String n, List<Term> args) implements Comparable<Term> {
    Term {
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
            case "int" -> n;
            case "zero" -> "ZERO";
            default -> op + (n.isEmpty() ? "" : n) + "(" + args.stream().map(Term::toString)
                    .collect(Collectors.joining(", ")) + ")";
        };
    }

    @Override
    public int compareTo(Term o) {
        return toString().compareTo(o.toString());
    }
}
