module terms

/*
 * The term algebra shared by every scheme (issue 10, item 1; the Alloy twin of
 * models/tla/core/Terms.tla). Terms are atoms of a bounded universe whose structure is given
 * by the fields below; the facts make that universe a FREE algebra modulo the equations of
 * XOR and concatenation:
 *   - extensionality: no two atoms of one constructor have the same arguments, so term
 *     equality is atom identity and every constructor function below returns at most one atom;
 *   - well-foundedness: no term is its own subterm;
 *   - normal forms: a Cat is right-nested, its head never a Cat (concatenation is
 *     associative, flattened); an Xor has a SET of at least two operands, none of them an Xor
 *     or Zero (associative, commutative; x xor x = 0 and x xor 0 = x by symmetric difference).
 * Which compound terms exist in an instance is up to the solver, within the Term scope: a term
 * that does not exist cannot be built, so a step that needs it cannot be taken (the Term scope
 * is a bound of the search, stated with every verdict).
 */

abstract sig Term {}

-- leaves
abstract sig Name extends Term {}               -- secret unless observed: keys, nonces, the attacker's own atoms
abstract sig Pub extends Term {}         -- public constants
abstract sig Label extends Pub {}        -- labels such as "bk-conn" (schemes declare them)
abstract sig Addr extends Pub {}         -- IP addresses (public: every header carries them)
one sig Zero extends Pub {}
abstract sig Num extends Pub { nx: lone Num }   -- small public integers (join index, address id)
one sig I0, I1, I2, I3, I4, I5, I6 extends Num {}
fact numbers { I0.nx = I1 and I1.nx = I2 and I2.nx = I3 and I3.nx = I4 and I4.nx = I5 and I5.nx = I6 and no I6.nx }
fun lt: Num -> Num { ^nx }

-- function symbols
abstract sig Op {}
one sig HASH, TOKEN, IDSN extends Op {}              -- token = truncL32(hash), idsn = truncR64(hash): own symbols
one sig TL32, TL64, TL160, TR64 extends Op {}        -- left / right truncations to a width
sig App extends Term { op: one Op, arg: one Term }   -- unary applications
sig Hmac extends Term { key: one Term, msg: one Term }
sig Cat extends Term { hd: one Term, tl: one Term }   -- hd || tl, right-nested
sig Xor extends Term { ops: set Term }

fact normalForms {
  all disj a, b: App | a.op != b.op or a.arg != b.arg
  all disj a, b: Hmac | a.key != b.key or a.msg != b.msg
  all disj a, b: Cat | a.hd != b.hd or a.tl != b.tl
  all disj a, b: Xor | a.ops != b.ops
  no Cat.hd & Cat
  all x: Xor | #x.ops > 1 and no (x.ops & (Xor + Zero))
  no t: Term | t in t.^sub
}

-- immediate subterms
fun sub: Term -> Term { App <: arg + Hmac <: key + Hmac <: msg + Cat <: hd + Cat <: tl + Xor <: ops }

-- constructors: the normal form of the application, if that term exists (else none);
-- an undefined argument gives none
fun app[o: Op, t: lone Term]: lone Term { {a: App | a.op = o and a.arg = t} }
fun hash[t: lone Term]: lone Term { app[HASH, t] }
fun token[t: lone Term]: lone Term { app[TOKEN, t] }
fun idsn[t: lone Term]: lone Term { app[IDSN, t] }
fun tl32[t: lone Term]: lone Term { app[TL32, t] }
fun tl64[t: lone Term]: lone Term { app[TL64, t] }
fun tl160[t: lone Term]: lone Term { app[TL160, t] }
fun tr64[t: lone Term]: lone Term { app[TR64, t] }
fun hmac[k, m: lone Term]: lone Term { {h: Hmac | h.key = k and h.msg = m} }

-- cat[a, b]: a then b, right-nested. A head that is itself a concatenation is not flattened
-- (the normal-form fact forbids such a term, so cat gives none): no covered template puts a
-- concatenation first, and no field carries one (core.als), so nothing reachable needs it.
fun cat[a, b: lone Term]: lone Term { {c: Cat | c.hd = a and c.tl = b} }
fun cat3[a, b, c: lone Term]: lone Term { cat[a, cat[b, c]] }
fun cat4[a, b, c, d: lone Term]: lone Term { cat[a, cat[b, cat[c, d]]] }

fun operands[t: Term]: set Term { t in Xor => t.ops else (t in Zero => none else t) }
fun xorOf[s: set Term]: lone Term { no s => Zero else (one s => s else {x: Xor | x.ops = s}) }
fun xor[a, b: lone Term]: lone Term {
  (some a and some b) => xorOf[(operands[a] - operands[b]) + (operands[b] - operands[a])] else none
}

-- equality of a received value with an expected one: both defined and the same term
pred eq[a, b: set Term] { some a and a = b }
