-------------------------- MODULE Scheme_bound_key --------------------------
(* GENERATED from models/schemes/bound-key.scheme by SchemeDataBuilder; do not edit.
   Regenerate: mvn -pl models test -Dtest=GeneratedSchemeDataTest -Dmptcp.core.write=true
   Format: docs/models.md, "Data form of a scheme". *)
EXTENDS SchemeLang

D_Negotiate ==
    (<<FALSE, FALSE>> :> Row("keyless", "keyless"))
 @@ (<<FALSE, TRUE>> :> Row("tcp", "tcp"))
 @@ (<<TRUE, FALSE>> :> Row("tcp", "tcp"))
 @@ (<<TRUE, TRUE>> :> Row("bound", "bound"))

D_Mode_keyless == [
  MPC_SYN |-> Msg({"Ka"}, [Ka |-> Fresh("Ka")],
      NoMap,
      <<>>,
      NoMap),
  MPC_SYNACK |-> Msg({"Kb"}, [Kb |-> Fresh("Kb")],
      [sender_key |-> Slot("Kb")],
      <<>>,
      [Kb |-> Fld("sender_key")]),
  MPC_ACK |-> Msg({}, NoMap,
      [sender_key |-> Slot("Ka"), receiver_key |-> Slot("Kb")],
      << Check("receiver_key", Slot("Kb"), "tcp") >>,
      [Ka |-> Fld("sender_key")]),
  JOIN_SYN |-> JoinSyn({"Ra"}, [Ra |-> Fresh("Ra")],
      [Ra |-> Slot("Ra"), token |-> Token(Slot("Kb"))],
      Lookup("token", Token(Slot("Kb")), "token", 0, FALSE, 2),
      [Ra |-> Fld("Ra")]),
  JOIN_SYNACK |-> Msg({"Rb"}, [Rb |-> Fresh("Rb")],
      [Rb |-> Slot("Rb"), hmac |-> TruncL("64", Hmac(Cat(<<Slot("Kb"), Slot("Ka")>>), Cat(<<Slot("Rb"), Slot("Ra")>>)))],
      << Check("hmac", TruncL("64", Hmac(Cat(<<Slot("Kb"), Slot("Ka")>>), Cat(<<Fld("Rb"), Slot("Ra")>>))), "rst") >>,
      [Rb |-> Fld("Rb")]),
  JOIN_ACK |-> Msg({}, NoMap,
      [hmac |-> TruncL("160", Hmac(Cat(<<Slot("Ka"), Slot("Kb")>>), Cat(<<Slot("Ra"), Slot("Rb")>>)))],
      << Check("hmac", TruncL("160", Hmac(Cat(<<Slot("Ka"), Slot("Kb")>>), Cat(<<Slot("Ra"), Slot("Rb")>>))), "rst") >>,
      NoMap),
  ADD_ADDR |-> Msg({}, NoMap,
      [addr |-> Atom("s.a2"), id |-> Num(2, "8"), hmac |-> TruncR("64", Hmac(Cat(<<Slot("Kb"), Slot("Ka")>>), Cat(<<Num(2, "8"), Atom("s.a2"), Num(0, "16")>>)))],
      << Check("hmac", TruncR("64", Hmac(Cat(<<Slot("Kb"), Slot("Ka")>>), Cat(<<Fld("id"), Fld("addr"), Num(0, "16")>>))), "drop") >>,
      NoMap),
  FASTCLOSE |-> Msg({}, NoMap,
      [key |-> Slot("Kb")],
      << Check("key", Slot("Kb"), "drop") >>,
      NoMap)
]

D_Mode_bound == [
  MPC_SYN |-> Msg({}, NoMap,
      NoMap,
      <<>>,
      NoMap),
  MPC_SYNACK |-> Msg({"Tb"}, [Tb |-> Fresh("Tb")],
      [sender_token |-> Slot("Tb"), confirm |-> TruncL("64", Hmac(Ext, Cat(<<Lbl("bk-confirm-B"), Slot("Tb")>>)))],
      << Check("confirm", TruncL("64", Hmac(Ext, Cat(<<Lbl("bk-confirm-B"), Fld("sender_token")>>))), "tcp") >>,
      [Tb |-> Fld("sender_token")]),
  MPC_ACK |-> Msg({"Ta"}, [Ta |-> Fresh("Ta")],
      [sender_token |-> Slot("Ta"), receiver_token |-> Slot("Tb"), confirm |-> TruncL("64", Hmac(Hmac(Ext, Cat(<<Lbl("bk-conn"), Slot("Ta"), Slot("Tb")>>)), Lbl("bk-confirm-A")))],
      << Check("receiver_token", Slot("Tb"), "tcp"),
             Check("confirm", TruncL("64", Hmac(Hmac(Ext, Cat(<<Lbl("bk-conn"), Fld("sender_token"), Slot("Tb")>>)), Lbl("bk-confirm-A"))), "tcp") >>,
      [Ta |-> Fld("sender_token")]),
  JOIN_SYN |-> JoinSyn({"Ra"}, [Ra |-> Fresh("Ra")],
      [Ra |-> Slot("Ra"), token |-> TruncL("32", Hmac(Hmac(Ext, Cat(<<Lbl("bk-conn"), Slot("Ta"), Slot("Tb")>>)), Cat(<<Lbl("bk-ticket"), Idx>>)))],
      Lookup("token", TruncL("32", Hmac(Hmac(Ext, Cat(<<Lbl("bk-conn"), Slot("Ta"), Slot("Tb")>>)), Cat(<<Lbl("bk-ticket"), Idx>>))), "token", 4, TRUE, 2),
      [Ra |-> Fld("Ra")]),
  JOIN_SYNACK |-> Msg({"Rb"}, [Rb |-> Fresh("Rb")],
      [Rb |-> Slot("Rb"), hmac |-> TruncL("64", Hmac(Hmac(Ext, Cat(<<Lbl("bk-conn"), Slot("Ta"), Slot("Tb")>>)), Cat(<<Lbl("bk-join-B"), Slot("Rb"), Slot("Ra")>>)))],
      << Check("hmac", TruncL("64", Hmac(Hmac(Ext, Cat(<<Lbl("bk-conn"), Slot("Ta"), Slot("Tb")>>)), Cat(<<Lbl("bk-join-B"), Fld("Rb"), Slot("Ra")>>))), "rst") >>,
      [Rb |-> Fld("Rb")]),
  JOIN_ACK |-> Msg({}, NoMap,
      [hmac |-> TruncL("160", Hmac(Hmac(Ext, Cat(<<Lbl("bk-conn"), Slot("Ta"), Slot("Tb")>>)), Cat(<<Lbl("bk-join-A"), Slot("Ra"), Slot("Rb")>>)))],
      << Check("hmac", TruncL("160", Hmac(Hmac(Ext, Cat(<<Lbl("bk-conn"), Slot("Ta"), Slot("Tb")>>)), Cat(<<Lbl("bk-join-A"), Slot("Ra"), Slot("Rb")>>))), "rst") >>,
      NoMap),
  ADD_ADDR |-> Msg({}, NoMap,
      [addr |-> Atom("s.a2"), id |-> Num(2, "8"), hmac |-> TruncR("64", Hmac(Hmac(Ext, Cat(<<Lbl("bk-conn"), Slot("Ta"), Slot("Tb")>>)), Cat(<<Lbl("bk-addr"), Lbl("B"), Num(2, "8"), Atom("s.a2"), Num(0, "16")>>)))],
      << Check("hmac", TruncR("64", Hmac(Hmac(Ext, Cat(<<Lbl("bk-conn"), Slot("Ta"), Slot("Tb")>>)), Cat(<<Lbl("bk-addr"), Lbl("B"), Fld("id"), Fld("addr"), Num(0, "16")>>))), "drop") >>,
      NoMap),
  FASTCLOSE |-> Msg({}, NoMap,
      [key |-> TruncL("64", Hmac(Hmac(Ext, Cat(<<Lbl("bk-conn"), Slot("Ta"), Slot("Tb")>>)), Cat(<<Lbl("bk-close"), Lbl("A")>>)))],
      << Check("key", TruncL("64", Hmac(Hmac(Ext, Cat(<<Lbl("bk-conn"), Slot("Ta"), Slot("Tb")>>)), Cat(<<Lbl("bk-close"), Lbl("A")>>))), "drop") >>,
      NoMap)
]

D_Mirror_keyless == [
  ADD_ADDR |-> Msg({}, NoMap,
      [addr |-> Atom("s.a2"), id |-> Num(2, "8"), hmac |-> TruncR("64", Hmac(Cat(<<Slot("Ka"), Slot("Kb")>>), Cat(<<Num(2, "8"), Atom("s.a2"), Num(0, "16")>>)))],
      << Check("hmac", TruncR("64", Hmac(Cat(<<Slot("Ka"), Slot("Kb")>>), Cat(<<Fld("id"), Fld("addr"), Num(0, "16")>>))), "drop") >>,
      NoMap),
  FASTCLOSE |-> Msg({}, NoMap,
      [key |-> Slot("Ka")],
      << Check("key", Slot("Ka"), "drop") >>,
      NoMap)
]

D_Mirror_bound == [
  ADD_ADDR |-> Msg({}, NoMap,
      [addr |-> Atom("s.a2"), id |-> Num(2, "8"), hmac |-> TruncR("64", Hmac(Hmac(Ext, Cat(<<Lbl("bk-conn"), Slot("Ta"), Slot("Tb")>>)), Cat(<<Lbl("bk-addr"), Lbl("A"), Num(2, "8"), Atom("s.a2"), Num(0, "16")>>)))],
      << Check("hmac", TruncR("64", Hmac(Hmac(Ext, Cat(<<Lbl("bk-conn"), Slot("Ta"), Slot("Tb")>>)), Cat(<<Lbl("bk-addr"), Lbl("A"), Fld("id"), Fld("addr"), Num(0, "16")>>))), "drop") >>,
      NoMap),
  FASTCLOSE |-> Msg({}, NoMap,
      [key |-> TruncL("64", Hmac(Hmac(Ext, Cat(<<Lbl("bk-conn"), Slot("Ta"), Slot("Tb")>>)), Cat(<<Lbl("bk-close"), Lbl("B")>>)))],
      << Check("key", TruncL("64", Hmac(Hmac(Ext, Cat(<<Lbl("bk-conn"), Slot("Ta"), Slot("Tb")>>)), Cat(<<Lbl("bk-close"), Lbl("B")>>))), "drop") >>,
      NoMap)
]

D_Signals == ("bound" :> [flag |-> 2, mismatch |-> "tcp"])

SchemeData == [
  name |-> "bound-key", version |-> 1, hash |-> "sha256",
  usesKey |-> TRUE, keySource |-> "socket",
  slots |-> {"Ka", "Kb", "Ta", "Tb"}, jslots |-> {"Ra", "Rb"},
  negotiate |-> D_Negotiate, base |-> "keyless", signals |-> D_Signals,
  keyed |-> {"bound"},
  modes |-> [keyless |-> D_Mode_keyless, bound |-> D_Mode_bound],
  mirror |-> [keyless |-> D_Mirror_keyless, bound |-> D_Mirror_bound]
]
=============================================================================
