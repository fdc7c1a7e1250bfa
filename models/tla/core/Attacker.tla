------------------------------ MODULE Attacker ------------------------------
(***************************************************************************)
(* The generic Dolev-Yao attacker's knowledge (issue 10, item 2). One      *)
(* procedure for every scheme; nothing here names a scheme or a message.  *)
(*                                                                         *)
(* Knowledge is a finite set of terms kept closed under ANALYSIS:         *)
(*   - a known concatenation gives each of its parts (widths are public); *)
(*   - a known XOR sum gives an operand when every other operand can be   *)
(*     synthesised (cancellation), and two known sums give their XOR when *)
(*     it has fewer operands than either (elimination);                   *)
(* and SYNTHESIS is decided on demand (Synth), never enumerated:          *)
(*   - known terms, public labels, integers and 0;                        *)
(*   - any function application (hash, token, idsn, hmac, cat, truncation,*)
(*     pub) whose arguments are synthesisable;                            *)
(*   - a Diffie-Hellman secret dh(x, pub(y)) from x and pub(y), or, by    *)
(*     its equation, from y and pub(x) (Terms.tla: the set {x, y});       *)
(*   - an XOR sum whose operands are synthesisable, or that differs from  *)
(*     a known sum by synthesisable operands.                             *)
(* Nothing is inverted: no rule takes a hash, token, idsn, hmac, pub, dh *)
(* or truncation apart, and nothing is guessed. Which terms the attacker  *)
(* actually puts into injected fields is decided in MptcpCore (the values *)
(* honest checks compare against, filtered by Synth, plus its own atoms). *)
(***************************************************************************)
EXTENDS Terms

Parts(t) == IF t.op = "cat" THEN {t.a[i] : i \in DOMAIN t.a} ELSE {}
Sums(K) == {t \in K : t.op = "xor"}

RECURSIVE Synth(_, _)
Synth(t, K) ==
    \/ t \in K
    \/ t.op \in {"lbl", "int", "zero"}
    \/ t.op \in Applications /\ \A i \in DOMAIN t.a : Synth(t.a[i], K)
    \* dh(x, pub(y)) from x and pub(y), or by the equation from y and pub(x); never from the two public values
    \/ t.op = "dh" /\ t.a = <<>> /\ \E x \in t.s : Synth(x, K) /\ Synth(Pub(DhOther(t, x)), K)
    \/ t.op = "dh" /\ t.a # <<>> /\ Synth(t.a[1], K) /\ Synth(t.a[2], K)
    \/ t.op = "xor" /\ \A e \in t.s : Synth(e, K)
    \/ t.op = "xor" /\ \E X \in Sums(K) : \A e \in Operands(Xor(t, X)) : Synth(e, K)

\* eliminating Z from X leaves fewer operands than either had (so the closure ends)
Shrinks(X, Z) == LET n == Cardinality(Operands(Xor(X, Z)))
                 IN n < Cardinality(X.s) /\ n < Cardinality(Z.s)

Analyse(K) ==
    K \cup UNION {Parts(t) : t \in K}
      \cup UNION {{e \in X.s : \A o \in X.s \ {e} : Synth(o, K)} : X \in Sums(K)}
      \cup (UNION {{Xor(X, Y) : Y \in {Z \in Sums(K) : Shrinks(X, Z)}} : X \in Sums(K)} \ {Zero})

RECURSIVE Closure(_)
Closure(K) == LET K2 == Analyse(K) IN IF K2 = K THEN K ELSE Closure(K2)
=============================================================================
