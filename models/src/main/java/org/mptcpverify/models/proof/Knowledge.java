package org.mptcpverify.models.proof;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;

/**
 * The attacker's deduction (the rules of models/tla/core/Attacker.tla without XOR): analysis splits
 * known concatenations; synthesis applies any function to synthesisable arguments; the attacker's
 * own atoms ({@code x.*}) and public constants are always synthesisable. Nothing inverts a hash,
 * HMAC or truncation.
 */
final class Knowledge {
    private Knowledge() {}

    static Set<Term> close(Set<Term> k) {
        Set<Term> out = new TreeSet<>(k);
        Deque<Term> todo = new ArrayDeque<>(k);
        while (!todo.isEmpty()) {
            Term t = todo.pop();
            if (t.op().equals("cat")) {
                for (Term p : t.args()) {
                    if (out.add(p)) {
                        todo.push(p);
                    }
                }
            }
        }
        return out;
    }

    static boolean synth(Term t, Set<Term> k) {
        if (k.contains(t) || t.isPublicConstant() || (t.op().equals("atom") && t.n().startsWith("x."))) {
            return true;
        }
        if (t.op().equals("atom")) {
            return false;
        }
        return t.args().stream().allMatch(a -> synth(a, k));
    }
}
