module terms

/*
 * The term algebra's constructors over the cell's finite universe (the Alloy twin of
 * models/tla/core/Terms.tla). The universe and its tables are the generated dag.als: every
 * constructor below is a lookup in a constant relation, so Kodkod folds it to the few tuples the
 * scheme needs instead of a circuit over every possible term structure. A constructor whose
 * result is not in the universe gives none; a check comparing against none fails (eq), so a
 * step that needs a term outside the universe cannot be taken (the universe is a bound of the
 * search like `steps`; AlloyTermDag states which values it contains and why).
 */
open termsig
open dag

fun nx: Num -> Num { I0 -> I1 + I1 -> I2 + I2 -> I3 + I3 -> I4 + I4 -> I5 + I5 -> I6 }
fun lt: Num -> Num { ^nx }

fun app[o: Op, t: lone Term]: lone Term { t.(o.appT) }
fun hash[t: lone Term]: lone Term { app[HASH, t] }
fun token[t: lone Term]: lone Term { app[TOKEN, t] }
fun hmac[k, m: lone Term]: lone Term { m.(k.hmacT) }
-- a then b (flattened: the table holds the normal form)
fun cat[a, b: lone Term]: lone Term { b.(a.catT) }
-- the symmetric difference of the operand sets (x xor x = 0 and x xor 0 = x by the table)
fun xor[a, b: lone Term]: lone Term { (some a and some b) => (a = b => Zero else (a = Zero => b else (b = Zero => a else b.(a.xorT)))) else none }

-- equality of a received value with an expected one: both defined and the same term
pred eq[a, b: set Term] { some a and a = b }
