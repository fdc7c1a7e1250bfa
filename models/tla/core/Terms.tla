------------------------------- MODULE Terms -------------------------------
(***************************************************************************)
(* The term algebra shared by every scheme (scheme-structure.md, item 2).  *)
(*                                                                         *)
(* A term is a record [op, n, a, s] of one shape, so TLC can compare any   *)
(* two terms (values of different TLC types are not comparable):          *)
(*   op  the function symbol or leaf kind,                                 *)
(*   n   a string: an atom's or label's name, a truncation width,         *)
(*       or the name of a template variable,                               *)
(*   a   the argument sequence of a function application,                 *)
(*   s   the operand SET of an XOR sum.                                    *)
(* Equality of terms is equality of normal forms: every constructor below *)
(* returns a normal form (XOR flattened into a set of non-XOR operands,   *)
(* pairs cancelled, 0 dropped, a one-operand sum is its operand; cat      *)
(* flattened). The set representation makes XOR associative and          *)
(* commutative for free: TLC's set equality is canonical.                 *)
(*                                                                         *)
(* Templates (what a scheme definition writes) are terms that may also    *)
(* contain variables (ops "slot", "fld", "fresh", "ext", "idx", "seg");   *)
(* Eval substitutes them in a context and re-normalises.                  *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, TLC

T(op, n, a, s) == [op |-> op, n |-> n, a |-> a, s |-> s]

\* ---- leaves -----------------------------------------------------------
Atom(name) == T("atom", name, <<>>, {})      \* fresh values, keys, addresses
Lbl(name) == T("lbl", name, <<>>, {})         \* public constant label, e.g. "bk-conn"
Int(i) == T("int", ToString(i), <<>>, {})     \* small public 32-bit integer (the join index)
\* a public integer of w bits (w a string): ADD_ADDR's 8-bit id and 16-bit port, as the
\* definition's widths say; the width only tells the exporter the octets (docs/models.md)
Num(i, w) == T("int", ToString(i), <<Lbl(w)>>, {})
Zero == T("zero", "", <<>>, {})
Nil == T("nil", "", <<>>, {})                 \* an empty state slot

\* ---- functions --------------------------------------------------------
Hash(t) == T("hash", "", <<t>>, {})
Token(t) == T("token", "", <<t>>, {})         \* = trunc_L32(hash t), kept as its own symbol
Idsn(t) == T("idsn", "", <<t>>, {})           \* = trunc_R64(hash t)
Hmac(k, m) == T("hmac", "", <<k, m>>, {})
TruncL(w, t) == T("truncL", w, <<t>>, {})     \* leftmost w bits; w a string ("64")
TruncR(w, t) == T("truncR", w, <<t>>, {})     \* rightmost w bits

\* Diffie-Hellman (issue 13: ecdh, mptls). Pub(x): the public value of private value x; nothing
\* inverts it. Dh(x, p): the shared secret of private value x and public value p, with the one
\* equation dh(x, pub(y)) = dh(y, pub(x)): its normal form is the SET {x, y} of the two private
\* values (s), so both sides' terms are one record, as XOR's operand set makes XOR commutative
\* (a one-element set is dh(x, pub(x))). A public value that is not Pub(y) (a template variable
\* before evaluation, or an empty slot) keeps the two arguments in order (a).
Pub(t) == T("pub", "", <<t>>, {})
Dh(x, p) == IF p.op = "pub" THEN T("dh", "", <<>>, {x, p.a[1]}) ELSE T("dh", "", <<x, p>>, {})
\* the other private value of a normal-form secret (itself for dh(x, pub(x)))
DhOther(t, x) == IF Cardinality(t.s) = 1 THEN x ELSE CHOOSE y \in t.s : y # x

\* concatenation, flattened one level (its arguments are normal forms)
RECURSIVE FlatCat(_)
FlatCat(ts) == IF ts = <<>> THEN <<>>
               ELSE (IF Head(ts).op = "cat" THEN Head(ts).a ELSE <<Head(ts)>>) \o FlatCat(Tail(ts))
Cat(ts) == LET f == FlatCat(ts) IN IF Len(f) = 1 THEN f[1] ELSE T("cat", "", f, {})

\* XOR: operand sets, symmetric difference cancels pairs
Operands(t) == CASE t.op = "xor" -> t.s [] t.op = "zero" -> {} [] OTHER -> {t}
XorOf(S) == IF S = {} THEN Zero
            ELSE IF Cardinality(S) = 1 THEN CHOOSE e \in S : TRUE
            ELSE T("xor", "", <<>>, S)
Xor(t1, t2) == LET A == Operands(t1)
                   B == Operands(t2)
               IN XorOf((A \ B) \cup (B \ A))

\* ---- template variables -----------------------------------------------
Slot(name) == T("slot", name, <<>>, {})   \* a state slot of the side evaluating the template
Fld(name) == T("fld", name, <<>>, {})     \* a field of the segment being received
Fresh(name) == T("fresh", name, <<>>, {}) \* a value drawn fresh by the sender of this segment
Ext == T("ext", "", <<>>, {})             \* the evaluating side's external key
Idx == T("idx", "", <<>>, {})             \* the join index i (client: its i-th join; server: a candidate)
Seg(name) == T("seg", name, <<>>, {})     \* "src" or "dst" address of this segment, as an atom

Leaves == {"atom", "lbl", "int", "zero", "nil"}
\* the free function symbols (dh is not one: its normal form has an equation, see Synth)
Applications == {"hash", "token", "idsn", "hmac", "truncL", "truncR", "cat", "pub"}

Apply(op, n, args) == CASE op = "cat" -> Cat(args)
                        [] op = "dh"  -> Dh(args[1], args[2])
                        [] OTHER      -> T(op, n, args, {})

(* ctx: [sl : slot name -> term, fld : field name -> term, fresh : name -> *)
(* term, ext : term, idx : Nat, seg : [src, dst]]                          *)
\* the XOR of a template's operands is folded over the TEMPLATE operands, so two
\* operands that evaluate to the same term cancel instead of collapsing in a set
RECURSIVE Eval(_, _), EvalXor(_, _)
EvalXor(S, ctx) == IF S = {} THEN Zero
                   ELSE LET e == CHOOSE x \in S : TRUE IN Xor(Eval(e, ctx), EvalXor(S \ {e}, ctx))
Eval(t, ctx) ==
    CASE t.op = "slot"  -> ctx.sl[t.n]
      [] t.op = "fld"   -> ctx.fld[t.n]
      [] t.op = "fresh" -> ctx.fresh[t.n]
      [] t.op = "ext"   -> ctx.ext
      [] t.op = "idx"   -> Int(ctx.idx)
      [] t.op = "seg"   -> Atom(ctx.seg[t.n])
      [] t.op = "xor"   -> EvalXor(t.s, ctx)
      \* a secret in normal form whose private values are still template variables
      [] t.op = "dh" /\ t.a = <<>> ->
            LET x == CHOOSE e \in t.s : TRUE IN Dh(Eval(x, ctx), Pub(Eval(DhOther(t, x), ctx)))
      [] t.op \in Leaves -> t
      [] OTHER -> Apply(t.op, t.n, [i \in DOMAIN t.a |-> Eval(t.a[i], ctx)])
=============================================================================
