----------------------------- MODULE SchemeLang -----------------------------
(***************************************************************************)
(* Constructors for the DATA form of a scheme definition (docs/models.md,  *)
(* "Generic core"). A scheme module EXTENDS this and defines exactly one   *)
(* operator, SchemeData; it contains no TLA+ logic, only these records.    *)
(***************************************************************************)
EXTENDS Terms

NoMap == [x \in {} |-> Nil]                       \* no fields / keeps / stores

\* a receiver check: received field f must equal template t, else `fail`
\* ("tcp" = fall back to plain TCP, "rst" = reset this subflow, "drop")
Check(f, t, fail) == [f |-> f, t |-> t, fail |-> fail]

NoLookup == [field |-> "", t |-> Nil, select |-> "none", window |-> 0, once |-> FALSE, limit |-> 0]

\* the server's join lookup (JOIN_SYN only): which connection a SYN attaches to.
\*  select "token": a live connection C with  fld(field) = t  evaluated over C's slots
\*                  (and, if window > 0, over each of C's next `window` unused indices);
\*         "recent": only the connection created last on the host (open or not);
\*         "recent-open": the most recent open connection, the field is not looked at.
\*  once: an index matches once (marked used when the half-open state is created).
\*  limit: half-open joins per connection (0 = no limit). No match: the SYN is dropped (RST).
Lookup(field, t, select, window, once, limit) ==
    [field |-> field, t |-> t, select |-> select, window |-> window, once |-> once, limit |-> limit]

\* one segment of the figure, as both ends of one mode read it:
\*  fresh   names of values the SENDER draws fresh for this segment,
\*  keep    sender's slot := template (evaluated after drawing, before the fields),
\*  fields  field name := template over the sender's slots and fresh values,
\*  checks  at the receiver, in order; the first failing one gives the outcome,
\*  stores  receiver's slot := template (after the checks pass).
Msg(fresh, keep, fields, checks, stores) ==
    [fresh |-> fresh, keep |-> keep, fields |-> fields, checks |-> checks, stores |-> stores,
     lookup |-> NoLookup]
JoinSyn(fresh, keep, fields, lookup, stores) ==
    [fresh |-> fresh, keep |-> keep, fields |-> fields, checks |-> <<>>, stores |-> stores,
     lookup |-> lookup]

\* the negotiation outcome: which mode each side runs, by who holds an external key
Row(a, b) == [A |-> a, B |-> b]
=============================================================================
