module attacker

/*
 * The generic Dolev-Yao attacker's knowledge (issue 10, item 2; the Alloy twin of
 * models/tla/core/Attacker.tla). One procedure for every scheme; nothing here names a scheme,
 * a message or an attack.
 *
 * SYNTHESIS from K: the least set that contains K, every public constant, every application
 * (hash, token, idsn, truncation, hmac, cat, xor) of synthesisable arguments, and every XOR sum
 * that differs from a known sum by synthesisable operands. Computed in explicit rounds from below
 * (synthRounds), so it is the least fixpoint by construction, never a self-justifying one.
 *
 * ANALYSIS: from the observed base, split a known concatenation, cancel a known XOR sum down to
 * one operand when every other operand is synthesisable, eliminate one known sum against
 * another when that shrinks it; also in explicit rounds, each using the synthesis of the round
 * before. The core keeps every round as a relation of the state (linear formulas; a nested
 * function would be expanded exponentially), and each cell's KnowledgeIsClosed check confirms
 * that the rounds reach the fixpoint within its scope.
 *
 * Nothing is inverted: no rule takes a hash, token, idsn, truncation or hmac apart.
 */
open terms

fun synthStep[K, S: set Term]: set Term {
  S + {a: App | a.arg in S} + {h: Hmac | h.key + h.msg in S} + {c: Cat | c.hd + c.tl in S}
    + {x: Xor | x.ops in S}
    + {x: Xor | some y: K & Xor | (x.ops - y.ops) + (y.ops - x.ops) in S}
}
-- six rounds: the deepest term the covered schemes build (a bound-key ticket) has depth five
pred synthRounds[K, s0, s1, s2, s3, s4, s5, s6: set Term] {
  s0 = K + Pub and s1 = synthStep[K, s0] and s2 = synthStep[K, s1] and s3 = synthStep[K, s2]
  s4 = synthStep[K, s3] and s5 = synthStep[K, s4] and s6 = synthStep[K, s5]
}

-- one round of analysis of K, given the synthesis SK of K
fun analyseStep[K, SK: set Term]: set Term {
  K + (K & Cat).(hd + tl)
    + {e: Term | some x: K & Xor | e in x.ops and x.ops - e in SK}
    + {z: Term | some x, y: K & Xor | z = xorOf[(x.ops - y.ops) + (y.ops - x.ops)] and z != Zero
                   and #operands[z] < #x.ops and #operands[z] < #y.ops}
}
