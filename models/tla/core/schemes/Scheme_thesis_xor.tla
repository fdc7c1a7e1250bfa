------------------------- MODULE Scheme_thesis_xor --------------------------
(* GENERATED from models/schemes/thesis-xor.scheme by SchemeDataBuilder; do not edit.
   Regenerate: mvn -pl models test -Dtest=GeneratedSchemeDataTest -Dmptcp.core.write=true
   Format: docs/models.md, "Data form of a scheme". *)
EXTENDS SchemeLang

D_Negotiate ==
    (<<FALSE, FALSE>> :> Row("base_nokey", "base_nokey"))
 @@ (<<FALSE, TRUE>> :> Row("base_nokey", "base"))
 @@ (<<TRUE, FALSE>> :> Row("base", "base_nokey"))
 @@ (<<TRUE, TRUE>> :> Row("base", "base"))

D_Mode_base == [
  MPC_SYN |-> Msg({"Ka"}, [Ka |-> Fresh("Ka")],
      [sender_key |-> Slot("Ka")],
      <<>>,
      [Ka |-> Fld("sender_key")]),
  MPC_SYNACK |-> Msg({"Kb"}, [Kb |-> Fresh("Kb")],
      [sender_key |-> Slot("Kb")],
      <<>>,
      [Kb |-> Fld("sender_key")]),
  MPC_ACK |-> Msg({}, NoMap,
      [sender_key |-> Slot("Ka"), receiver_key |-> Slot("Kb")],
      << Check("receiver_key", Slot("Kb"), "tcp") >>,
      [Ka |-> Fld("sender_key")]),
  JOIN_SYN |-> JoinSyn({"Ra"}, [Ra |-> Fresh("Ra")],
      [Ra |-> Slot("Ra"), token |-> Xor(Ext, Token(Slot("Kb")))],
      Lookup("token", Xor(Ext, Token(Slot("Kb"))), "token", 0, FALSE, 2),
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
      [addr |-> Atom("s.a2"), id |-> Num(2, "8")],
      <<>>,
      NoMap),
  FASTCLOSE |-> Msg({}, NoMap,
      [key |-> Slot("Kb")],
      << Check("key", Slot("Kb"), "drop") >>,
      NoMap)
]

D_Mode_base_nokey == [
  MPC_SYN |-> Msg({"Ka"}, [Ka |-> Fresh("Ka")],
      [sender_key |-> Slot("Ka")],
      <<>>,
      [Ka |-> Fld("sender_key")]),
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
      [addr |-> Atom("s.a2"), id |-> Num(2, "8")],
      <<>>,
      NoMap),
  FASTCLOSE |-> Msg({}, NoMap,
      [key |-> Slot("Kb")],
      << Check("key", Slot("Kb"), "drop") >>,
      NoMap)
]

D_Mirror_base == [
  ADD_ADDR |-> Msg({}, NoMap,
      [addr |-> Atom("s.a2"), id |-> Num(2, "8")],
      <<>>,
      NoMap),
  FASTCLOSE |-> Msg({}, NoMap,
      [key |-> Slot("Ka")],
      << Check("key", Slot("Ka"), "drop") >>,
      NoMap)
]

D_Mirror_base_nokey == [
  ADD_ADDR |-> Msg({}, NoMap,
      [addr |-> Atom("s.a2"), id |-> Num(2, "8")],
      <<>>,
      NoMap),
  FASTCLOSE |-> Msg({}, NoMap,
      [key |-> Slot("Ka")],
      << Check("key", Slot("Ka"), "drop") >>,
      NoMap)
]

D_Signals == [m \in {} |-> [flag |-> 0, mismatch |-> "base"]]

SchemeData == [
  name |-> "thesis-xor", version |-> 0, hash |-> "sha1",
  usesKey |-> TRUE, keySource |-> "socket",
  slots |-> {"Ka", "Kb"}, jslots |-> {"Ra", "Rb"},
  negotiate |-> D_Negotiate, base |-> "base", signals |-> D_Signals,
  keyed |-> {"base"},
  modes |-> [base |-> D_Mode_base, base_nokey |-> D_Mode_base_nokey],
  mirror |-> [base |-> D_Mirror_base, base_nokey |-> D_Mirror_base_nokey]
]
=============================================================================
