module attacker

/*
 * The generic Dolev-Yao attacker's knowledge (issue 10, item 2; the Alloy twin of
 * models/tla/core/Attacker.tla). One procedure for every scheme; nothing here names a scheme,
 * a message or an attack. It works on the cell's constant term tables (dag.als), so each step
 * is a relational image, not a quantifier over term structures.
 *
 * SYNTHESIS from K: the least set that contains K, every public constant, and every term of
 * the universe built by hash/token/idsn/truncation, hmac, concatenation or XOR from
 * synthesisable arguments. Computed in explicit rounds from below (the cell's generated
 * knowledge.als, AlloyCoreKnowledge: as many rounds as its universe needs), so it is the
 * least fixpoint by construction, never a self-justifying one. A binary XOR step covers any sum
 * whose partial sums are in the universe (AlloyTermDag adds every partial sum of every sum).
 *
 * ANALYSIS: split a known concatenation; XOR a known term with a synthesisable one (cancels an
 * operand: from K xor t and t, K). Nothing is inverted: no rule takes a hash, token, idsn,
 * truncation or hmac apart. Each cell's knowledgeIsClosed (knowledge.als) confirms that the rounds reach
 * the fixpoint within its scope.
 */
open termsig
open dag

fun synthStep[K, S: set Term]: set Term {
  S + S.(Op.appT) + S.(S.hmacT) + S.(S.catT) + S.(S.xorT)
}
-- one round of analysis of K, given the synthesis SK of K
fun analyseStep[K, SK: set Term]: set Term {
  K + (K & Cat).(chd + ctl) + SK.(K.xorT)
}
