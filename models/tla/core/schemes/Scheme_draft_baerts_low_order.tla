------------------- MODULE Scheme_draft_baerts_low_order --------------------
(* GENERATED from models/schemes/draft-baerts/low-order.scheme by SchemeDataBuilder; do not edit.
   Regenerate: mvn -pl models test -Dtest=GeneratedSchemeDataTest -Dmptcp.core.write=true
   Format: docs/models.md, "Data form of a scheme". *)
EXTENDS SchemeLang

D_Negotiate ==
    (<<FALSE, FALSE>> :> Row("keyless", "keyless"))
 @@ (<<FALSE, TRUE>> :> Row("keyless", "keyless"))
 @@ (<<TRUE, FALSE>> :> Row("keyless", "keyless"))
 @@ (<<TRUE, TRUE>> :> Row("ext", "ext"))

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

D_Mode_ext == [
  MPC_SYN |-> Msg({"Ka"}, [Ka |-> Fresh("Ka")],
      NoMap,
      <<>>,
      NoMap),
  MPC_SYNACK |-> Msg({"Tb"}, [Tb |-> Fresh("Tb")],
      [sender_token |-> Slot("Tb")],
      <<>>,
      [Tb |-> Fld("sender_token")]),
  MPC_ACK |-> Msg({"Ta"}, [Ta |-> Fresh("Ta")],
      [sender_token |-> Slot("Ta"), receiver_token |-> Slot("Tb")],
      << Check("receiver_token", Slot("Tb"), "tcp") >>,
      [Ta |-> Fld("sender_token")]),
  KEY_A |-> Msg({}, NoMap,
      [hmac |-> TruncR("64", Hmac(Cat(<<Slot("Ta"), Slot("Tb")>>), Ext))],
      << Check("hmac", TruncR("64", Hmac(Cat(<<Slot("Ta"), Slot("Tb")>>), Ext)), "drop") >>,
      NoMap),
  KEY_B |-> Msg({}, NoMap,
      [hmac |-> TruncR("64", Hmac(Cat(<<Slot("Tb"), Slot("Ta")>>), Ext))],
      << Check("hmac", TruncR("64", Hmac(Cat(<<Slot("Tb"), Slot("Ta")>>), Ext)), "drop") >>,
      NoMap),
  JOIN_SYN |-> JoinSyn({"Ra"}, [Ra |-> Fresh("Ra")],
      [Ra |-> Slot("Ra"), token |-> Slot("Tb")],
      Lookup("token", Slot("Tb"), "token", 0, FALSE, 2),
      [Ra |-> Fld("Ra")]),
  JOIN_SYNACK |-> Msg({"Rb"}, [Rb |-> Fresh("Rb")],
      [Rb |-> Slot("Rb"), hmac |-> TruncL("64", Hmac(Ext, Cat(<<Slot("Rb"), Slot("Ra")>>)))],
      << Check("hmac", TruncL("64", Hmac(Ext, Cat(<<Fld("Rb"), Slot("Ra")>>))), "rst") >>,
      [Rb |-> Fld("Rb")]),
  JOIN_ACK |-> Msg({}, NoMap,
      [hmac |-> TruncL("160", Hmac(Ext, Cat(<<Slot("Ra"), Slot("Rb")>>)))],
      << Check("hmac", TruncL("160", Hmac(Ext, Cat(<<Slot("Ra"), Slot("Rb")>>))), "rst") >>,
      NoMap),
  ADD_ADDR |-> Msg({}, NoMap,
      [addr |-> Atom("s.a2"), id |-> Num(2, "8"), hmac |-> TruncR("64", Hmac(Ext, Cat(<<Num(2, "8"), Atom("s.a2"), Num(0, "16")>>)))],
      << Check("hmac", TruncR("64", Hmac(Ext, Cat(<<Fld("id"), Fld("addr"), Num(0, "16")>>))), "drop") >>,
      NoMap),
  FASTCLOSE |-> Msg({}, NoMap,
      [key |-> TruncR("64", Hmac(Cat(<<Slot("Ta"), Slot("Tb")>>), Ext))],
      << Check("key", TruncR("64", Hmac(Cat(<<Slot("Ta"), Slot("Tb")>>), Ext)), "drop") >>,
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

D_Mirror_ext == [
  ADD_ADDR |-> Msg({}, NoMap,
      [addr |-> Atom("s.a2"), id |-> Num(2, "8"), hmac |-> TruncR("64", Hmac(Ext, Cat(<<Num(2, "8"), Atom("s.a2"), Num(0, "16")>>)))],
      << Check("hmac", TruncR("64", Hmac(Ext, Cat(<<Fld("id"), Fld("addr"), Num(0, "16")>>))), "drop") >>,
      NoMap),
  FASTCLOSE |-> Msg({}, NoMap,
      [key |-> TruncR("64", Hmac(Cat(<<Slot("Tb"), Slot("Ta")>>), Ext))],
      << Check("key", TruncR("64", Hmac(Cat(<<Slot("Tb"), Slot("Ta")>>), Ext)), "drop") >>,
      NoMap)
]

D_Signals == ("ext" :> [flag |-> 8, mismatch |-> "base"])

SchemeData == [
  name |-> "draft-baerts/low-order", version |-> 1, hash |-> "sha256",
  usesKey |-> TRUE, keySource |-> "socket",
  slots |-> {"Ka", "Kb", "Ta", "Tb"}, jslots |-> {"Ra", "Rb"},
  negotiate |-> D_Negotiate, base |-> "keyless", signals |-> D_Signals,
  keyed |-> {"ext"},
  modes |-> [keyless |-> D_Mode_keyless, ext |-> D_Mode_ext],
  mirror |-> [keyless |-> D_Mirror_keyless, ext |-> D_Mirror_ext]
]
=============================================================================
