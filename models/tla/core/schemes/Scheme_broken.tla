--------------------------- MODULE Scheme_broken ----------------------------
(* GENERATED from models/schemes/broken.scheme by SchemeDataBuilder; do not edit.
   Regenerate: mvn -pl models test -Dtest=GeneratedSchemeDataTest -Dmptcp.core.write=true
   Format: docs/models.md, "Data form of a scheme". *)
EXTENDS SchemeLang

D_Negotiate ==
    (<<FALSE, FALSE>> :> Row("keyless", "keyless"))
 @@ (<<FALSE, TRUE>> :> Row("keyless", "keyed"))
 @@ (<<TRUE, FALSE>> :> Row("keyed", "keyless"))
 @@ (<<TRUE, TRUE>> :> Row("keyed", "keyed"))

D_Mode_keyless == [
  MPC_SYN |-> Msg({"Ka"}, [Ka |-> Fresh("Ka")],
      NoMap,
      <<>>,
      NoMap),
  MPC_SYNACK |-> Msg({"Kb"}, [Kb |-> Fresh("Kb")],
      [sender_key |-> Slot("Kb")],
      <<>>,
      [srv |-> Seg("src"), Kb |-> Fld("sender_key")]),
  MPC_ACK |-> Msg({}, NoMap,
      [sender_key |-> Slot("Ka"), receiver_key |-> Slot("Kb")],
      << Check("receiver_key", Slot("Kb"), "tcp") >>,
      [Ka |-> Fld("sender_key")]),
  JOIN_SYN |-> JoinSyn({"Ra"}, [Ra |-> Fresh("Ra")],
      [Ra |-> Slot("Ra"), token |-> Token(Slot("Kb"))],
      Lookup("token", Nil, "recent-open", 0, FALSE, 0),
      [Ra |-> Fld("Ra"), laddr |-> Seg("dst")]),
  JOIN_SYNACK |-> Msg({"Rb"}, [Rb |-> Fresh("Rb")],
      [Rb |-> Slot("Rb"), hmac |-> TruncL("64", Hmac(Cat(<<Slot("Kb"), Slot("Ka")>>), Cat(<<Slot("Rb"), Slot("Ra"), Slot("laddr")>>)))],
      << Check("hmac", TruncL("64", Hmac(Cat(<<Slot("Kb"), Slot("Ka")>>), Cat(<<Fld("Rb"), Slot("Ra"), Slot("srv")>>))), "rst") >>,
      [Rb |-> Fld("Rb")]),
  JOIN_ACK |-> Msg({}, NoMap,
      [hmac |-> TruncL("160", Hmac(Cat(<<Slot("Ka"), Slot("Kb")>>), Cat(<<Slot("Ra"), Slot("Rb")>>)))],
      <<>>,
      NoMap),
  ADD_ADDR |-> Msg({}, NoMap,
      [addr |-> Atom("s.a2"), id |-> Num(2, "8"), hmac |-> TruncR("64", Hmac(Cat(<<Slot("Kb"), Slot("Ka")>>), Cat(<<Num(2, "8"), Atom("s.a2"), Num(0, "16")>>)))],
      << Check("hmac", TruncR("64", Hmac(Cat(<<Slot("Kb"), Slot("Ka")>>), Cat(<<Fld("id"), Fld("addr"), Num(0, "16")>>))), "drop") >>,
      NoMap),
  FASTCLOSE |-> Msg({}, NoMap,
      [key |-> Slot("Kb")],
      <<>>,
      NoMap)
]

D_Mode_keyed == [
  MPC_SYN |-> Msg({}, [Ka |-> Ext],
      NoMap,
      <<>>,
      NoMap),
  MPC_SYNACK |-> Msg({"Kb"}, [Kb |-> Fresh("Kb")],
      [sender_key |-> Slot("Kb")],
      <<>>,
      [srv |-> Seg("src"), Kb |-> Fld("sender_key")]),
  MPC_ACK |-> Msg({}, NoMap,
      [sender_key |-> Ext, receiver_key |-> Slot("Kb")],
      << Check("receiver_key", Slot("Kb"), "tcp") >>,
      [Ka |-> Fld("sender_key")]),
  JOIN_SYN |-> JoinSyn({"Ra"}, [Ra |-> Fresh("Ra")],
      [Ra |-> Slot("Ra"), token |-> Token(Slot("Kb"))],
      Lookup("token", Nil, "recent-open", 0, FALSE, 0),
      [Ra |-> Fld("Ra"), laddr |-> Seg("dst")]),
  JOIN_SYNACK |-> Msg({"Rb"}, [Rb |-> Fresh("Rb")],
      [Rb |-> Slot("Rb"), hmac |-> TruncL("64", Hmac(Ext, Cat(<<Slot("Rb"), Slot("Ra"), Slot("laddr")>>)))],
      << Check("hmac", TruncL("64", Hmac(Ext, Cat(<<Fld("Rb"), Slot("Ra"), Slot("srv")>>))), "rst") >>,
      [Rb |-> Fld("Rb")]),
  JOIN_ACK |-> Msg({}, NoMap,
      [hmac |-> TruncL("160", Hmac(Cat(<<Slot("Ka"), Slot("Kb")>>), Cat(<<Slot("Ra"), Slot("Rb")>>)))],
      <<>>,
      NoMap),
  ADD_ADDR |-> Msg({}, NoMap,
      [addr |-> Atom("s.a2"), id |-> Num(2, "8"), hmac |-> TruncR("64", Hmac(Cat(<<Slot("Kb"), Slot("Ka")>>), Cat(<<Num(2, "8"), Atom("s.a2"), Num(0, "16")>>)))],
      << Check("hmac", TruncR("64", Hmac(Cat(<<Slot("Kb"), Slot("Ka")>>), Cat(<<Fld("id"), Fld("addr"), Num(0, "16")>>))), "drop") >>,
      NoMap),
  FASTCLOSE |-> Msg({}, NoMap,
      [key |-> Slot("Kb")],
      <<>>,
      NoMap)
]

D_Mirror_keyless == [
  ADD_ADDR |-> Msg({}, NoMap,
      [addr |-> Atom("s.a2"), id |-> Num(2, "8"), hmac |-> TruncR("64", Hmac(Cat(<<Slot("Ka"), Slot("Kb")>>), Cat(<<Num(2, "8"), Atom("s.a2"), Num(0, "16")>>)))],
      <<>>,
      NoMap),
  FASTCLOSE |-> Msg({}, NoMap,
      [key |-> Slot("Ka")],
      << Check("key", Slot("Ka"), "drop") >>,
      NoMap)
]

D_Mirror_keyed == [
  ADD_ADDR |-> Msg({}, NoMap,
      [addr |-> Atom("s.a2"), id |-> Num(2, "8"), hmac |-> TruncR("64", Hmac(Cat(<<Slot("Ka"), Slot("Kb")>>), Cat(<<Num(2, "8"), Atom("s.a2"), Num(0, "16")>>)))],
      <<>>,
      NoMap),
  FASTCLOSE |-> Msg({}, NoMap,
      [key |-> Slot("Ka")],
      << Check("key", Slot("Ka"), "drop") >>,
      NoMap)
]

D_Signals == [m \in {} |-> [flag |-> 0, mismatch |-> "base"]]

SchemeData == [
  name |-> "broken", version |-> 1, hash |-> "sha256",
  usesKey |-> TRUE, keySource |-> "socket",
  slots |-> {"Ka", "Kb", "srv"}, jslots |-> {"Ra", "Rb", "laddr"},
  negotiate |-> D_Negotiate, base |-> "keyless", signals |-> D_Signals,
  keyed |-> {},
  modes |-> [keyless |-> D_Mode_keyless, keyed |-> D_Mode_keyed],
  mirror |-> [keyless |-> D_Mirror_keyless, keyed |-> D_Mirror_keyed]
]
=============================================================================
