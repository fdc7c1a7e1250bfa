-------------------------- MODULE Scheme_mptcpsec ---------------------------
(* GENERATED from models/schemes/mptcpsec.scheme by SchemeDataBuilder; do not edit.
   Regenerate: mvn -pl models test -Dtest=GeneratedSchemeDataTest -Dmptcp.core.write=true
   Format: docs/models.md, "Data form of a scheme". *)
EXTENDS SchemeLang

D_Negotiate ==
    (<<FALSE, FALSE>> :> Row("esn", "esn"))
 @@ (<<FALSE, TRUE>> :> Row("esn", "esn"))
 @@ (<<TRUE, FALSE>> :> Row("esn", "esn"))
 @@ (<<TRUE, TRUE>> :> Row("esn", "esn"))

D_Mode_esn == [
  MPC_SYN |-> Msg({"Ta", "a"}, [Ta |-> Fresh("Ta"), a |-> Fresh("a")],
      [sender_token |-> Slot("Ta")],
      <<>>,
      [Ta |-> Fld("sender_token")]),
  MPC_SYNACK |-> Msg({"Tb", "b"}, [Tb |-> Fresh("Tb"), b |-> Fresh("b")],
      [sender_token |-> Slot("Tb")],
      <<>>,
      [Tb |-> Fld("sender_token")]),
  MPC_ACK |-> Msg({}, NoMap,
      [sender_token |-> Slot("Ta"), receiver_token |-> Slot("Tb")],
      << Check("sender_token", Slot("Ta"), "tcp"),
             Check("receiver_token", Slot("Tb"), "tcp") >>,
      NoMap),
  KEY_A |-> Msg({}, NoMap,
      [share |-> Pub(Slot("a"))],
      <<>>,
      [pub_a |-> Fld("share")]),
  KEY_B |-> Msg({}, NoMap,
      [share |-> Pub(Slot("b"))],
      <<>>,
      [pub_b |-> Fld("share")]),
  JOIN_SYN |-> JoinSyn({"Ra"}, [Ra |-> Fresh("Ra")],
      [Ra |-> Slot("Ra"), token |-> Slot("Tb")],
      Lookup("token", Slot("Tb"), "token", 0, FALSE, 2),
      [Ra |-> Fld("Ra")]),
  JOIN_SYNACK |-> Msg({"Rb"}, [Rb |-> Fresh("Rb")],
      [Rb |-> Slot("Rb"), hmac |-> TruncL("64", Hmac(Hmac(Hmac(Hmac(Slot("Ta"), Cat(<<Slot("Ta"), Slot("Tb"), Slot("pub_a"), Pub(Slot("b")), Dh(Slot("b"), Slot("pub_a"))>>)), Cat(<<Num(3, "8"), Zero, Num(1, "8")>>)), Cat(<<Num(5, "8"), Num(1, "8")>>)), Cat(<<Slot("Rb"), Slot("Ra")>>)))],
      << Check("hmac", TruncL("64", Hmac(Hmac(Hmac(Hmac(Slot("Ta"), Cat(<<Slot("Ta"), Slot("Tb"), Pub(Slot("a")), Slot("pub_b"), Dh(Slot("a"), Slot("pub_b"))>>)), Cat(<<Num(3, "8"), Zero, Num(1, "8")>>)), Cat(<<Num(5, "8"), Num(1, "8")>>)), Cat(<<Fld("Rb"), Slot("Ra")>>))), "rst") >>,
      [Rb |-> Fld("Rb")]),
  JOIN_ACK |-> Msg({}, NoMap,
      [hmac |-> TruncL("160", Hmac(Hmac(Hmac(Hmac(Slot("Ta"), Cat(<<Slot("Ta"), Slot("Tb"), Pub(Slot("a")), Slot("pub_b"), Dh(Slot("a"), Slot("pub_b"))>>)), Cat(<<Num(3, "8"), Zero, Num(1, "8")>>)), Cat(<<Num(4, "8"), Num(1, "8")>>)), Cat(<<Slot("Ra"), Slot("Rb")>>)))],
      << Check("hmac", TruncL("160", Hmac(Hmac(Hmac(Hmac(Slot("Ta"), Cat(<<Slot("Ta"), Slot("Tb"), Slot("pub_a"), Pub(Slot("b")), Dh(Slot("b"), Slot("pub_a"))>>)), Cat(<<Num(3, "8"), Zero, Num(1, "8")>>)), Cat(<<Num(4, "8"), Num(1, "8")>>)), Cat(<<Slot("Ra"), Slot("Rb")>>))), "rst") >>,
      NoMap),
  ADD_ADDR |-> Msg({}, NoMap,
      [addr |-> Atom("s.a2"), id |-> Num(2, "8"), hmac |-> TruncR("64", Hmac(Hmac(Hmac(Hmac(Slot("Ta"), Cat(<<Slot("Ta"), Slot("Tb"), Slot("pub_a"), Pub(Slot("b")), Dh(Slot("b"), Slot("pub_a"))>>)), Cat(<<Num(3, "8"), Zero, Num(1, "8")>>)), Cat(<<Num(5, "8"), Num(1, "8")>>)), Cat(<<Num(3, "8"), Num(2, "8"), Atom("s.a2"), Num(0, "16")>>)))],
      << Check("hmac", TruncR("64", Hmac(Hmac(Hmac(Hmac(Slot("Ta"), Cat(<<Slot("Ta"), Slot("Tb"), Pub(Slot("a")), Slot("pub_b"), Dh(Slot("a"), Slot("pub_b"))>>)), Cat(<<Num(3, "8"), Zero, Num(1, "8")>>)), Cat(<<Num(5, "8"), Num(1, "8")>>)), Cat(<<Num(3, "8"), Fld("id"), Fld("addr"), Num(0, "16")>>))), "drop") >>,
      NoMap),
  FASTCLOSE |-> Msg({}, NoMap,
      [key |-> TruncL("64", Hmac(Hmac(Hmac(Hmac(Slot("Ta"), Cat(<<Slot("Ta"), Slot("Tb"), Pub(Slot("a")), Slot("pub_b"), Dh(Slot("a"), Slot("pub_b"))>>)), Cat(<<Num(3, "8"), Zero, Num(1, "8")>>)), Cat(<<Num(4, "8"), Num(1, "8")>>)), Num(7, "8")))],
      << Check("key", TruncL("64", Hmac(Hmac(Hmac(Hmac(Slot("Ta"), Cat(<<Slot("Ta"), Slot("Tb"), Slot("pub_a"), Pub(Slot("b")), Dh(Slot("b"), Slot("pub_a"))>>)), Cat(<<Num(3, "8"), Zero, Num(1, "8")>>)), Cat(<<Num(4, "8"), Num(1, "8")>>)), Num(7, "8"))), "drop") >>,
      NoMap),
  REMOVE_ADDR |-> Msg({}, NoMap,
      [id |-> Num(1, "8"), hmac |-> TruncR("64", Hmac(Hmac(Hmac(Hmac(Slot("Ta"), Cat(<<Slot("Ta"), Slot("Tb"), Pub(Slot("a")), Slot("pub_b"), Dh(Slot("a"), Slot("pub_b"))>>)), Cat(<<Num(3, "8"), Zero, Num(1, "8")>>)), Cat(<<Num(4, "8"), Num(1, "8")>>)), Cat(<<Num(4, "8"), Num(1, "8")>>)))],
      << Check("hmac", TruncR("64", Hmac(Hmac(Hmac(Hmac(Slot("Ta"), Cat(<<Slot("Ta"), Slot("Tb"), Slot("pub_a"), Pub(Slot("b")), Dh(Slot("b"), Slot("pub_a"))>>)), Cat(<<Num(3, "8"), Zero, Num(1, "8")>>)), Cat(<<Num(4, "8"), Num(1, "8")>>)), Cat(<<Num(4, "8"), Fld("id")>>))), "drop") >>,
      NoMap),
  MP_PRIO |-> Msg({}, NoMap,
      [backup |-> Num(1, "8"), hmac |-> TruncR("64", Hmac(Hmac(Hmac(Hmac(Slot("Ta"), Cat(<<Slot("Ta"), Slot("Tb"), Pub(Slot("a")), Slot("pub_b"), Dh(Slot("a"), Slot("pub_b"))>>)), Cat(<<Num(3, "8"), Zero, Num(1, "8")>>)), Cat(<<Num(4, "8"), Num(1, "8")>>)), Cat(<<Num(5, "8"), Num(1, "8")>>)))],
      << Check("hmac", TruncR("64", Hmac(Hmac(Hmac(Hmac(Slot("Ta"), Cat(<<Slot("Ta"), Slot("Tb"), Slot("pub_a"), Pub(Slot("b")), Dh(Slot("b"), Slot("pub_a"))>>)), Cat(<<Num(3, "8"), Zero, Num(1, "8")>>)), Cat(<<Num(4, "8"), Num(1, "8")>>)), Cat(<<Num(5, "8"), Fld("backup")>>))), "drop") >>,
      NoMap)
]

D_Mirror_esn == [
  ADD_ADDR |-> Msg({}, NoMap,
      [addr |-> Atom("s.a2"), id |-> Num(2, "8"), hmac |-> TruncR("64", Hmac(Hmac(Hmac(Hmac(Slot("Ta"), Cat(<<Slot("Ta"), Slot("Tb"), Pub(Slot("a")), Slot("pub_b"), Dh(Slot("a"), Slot("pub_b"))>>)), Cat(<<Num(3, "8"), Zero, Num(1, "8")>>)), Cat(<<Num(4, "8"), Num(1, "8")>>)), Cat(<<Num(3, "8"), Num(2, "8"), Atom("s.a2"), Num(0, "16")>>)))],
      << Check("hmac", TruncR("64", Hmac(Hmac(Hmac(Hmac(Slot("Ta"), Cat(<<Slot("Ta"), Slot("Tb"), Slot("pub_a"), Pub(Slot("b")), Dh(Slot("b"), Slot("pub_a"))>>)), Cat(<<Num(3, "8"), Zero, Num(1, "8")>>)), Cat(<<Num(4, "8"), Num(1, "8")>>)), Cat(<<Num(3, "8"), Fld("id"), Fld("addr"), Num(0, "16")>>))), "drop") >>,
      NoMap),
  FASTCLOSE |-> Msg({}, NoMap,
      [key |-> TruncL("64", Hmac(Hmac(Hmac(Hmac(Slot("Ta"), Cat(<<Slot("Ta"), Slot("Tb"), Slot("pub_a"), Pub(Slot("b")), Dh(Slot("b"), Slot("pub_a"))>>)), Cat(<<Num(3, "8"), Zero, Num(1, "8")>>)), Cat(<<Num(5, "8"), Num(1, "8")>>)), Num(7, "8")))],
      << Check("key", TruncL("64", Hmac(Hmac(Hmac(Hmac(Slot("Ta"), Cat(<<Slot("Ta"), Slot("Tb"), Pub(Slot("a")), Slot("pub_b"), Dh(Slot("a"), Slot("pub_b"))>>)), Cat(<<Num(3, "8"), Zero, Num(1, "8")>>)), Cat(<<Num(5, "8"), Num(1, "8")>>)), Num(7, "8"))), "drop") >>,
      NoMap),
  REMOVE_ADDR |-> Msg({}, NoMap,
      [id |-> Num(1, "8"), hmac |-> TruncR("64", Hmac(Hmac(Hmac(Hmac(Slot("Ta"), Cat(<<Slot("Ta"), Slot("Tb"), Slot("pub_a"), Pub(Slot("b")), Dh(Slot("b"), Slot("pub_a"))>>)), Cat(<<Num(3, "8"), Zero, Num(1, "8")>>)), Cat(<<Num(5, "8"), Num(1, "8")>>)), Cat(<<Num(4, "8"), Num(1, "8")>>)))],
      << Check("hmac", TruncR("64", Hmac(Hmac(Hmac(Hmac(Slot("Ta"), Cat(<<Slot("Ta"), Slot("Tb"), Pub(Slot("a")), Slot("pub_b"), Dh(Slot("a"), Slot("pub_b"))>>)), Cat(<<Num(3, "8"), Zero, Num(1, "8")>>)), Cat(<<Num(5, "8"), Num(1, "8")>>)), Cat(<<Num(4, "8"), Fld("id")>>))), "drop") >>,
      NoMap),
  MP_PRIO |-> Msg({}, NoMap,
      [backup |-> Num(1, "8"), hmac |-> TruncR("64", Hmac(Hmac(Hmac(Hmac(Slot("Ta"), Cat(<<Slot("Ta"), Slot("Tb"), Slot("pub_a"), Pub(Slot("b")), Dh(Slot("b"), Slot("pub_a"))>>)), Cat(<<Num(3, "8"), Zero, Num(1, "8")>>)), Cat(<<Num(5, "8"), Num(1, "8")>>)), Cat(<<Num(5, "8"), Num(1, "8")>>)))],
      << Check("hmac", TruncR("64", Hmac(Hmac(Hmac(Hmac(Slot("Ta"), Cat(<<Slot("Ta"), Slot("Tb"), Pub(Slot("a")), Slot("pub_b"), Dh(Slot("a"), Slot("pub_b"))>>)), Cat(<<Num(3, "8"), Zero, Num(1, "8")>>)), Cat(<<Num(5, "8"), Num(1, "8")>>)), Cat(<<Num(5, "8"), Fld("backup")>>))), "drop") >>,
      NoMap)
]

D_Signals == [m \in {} |-> [flag |-> 0, mismatch |-> "base"]]

SchemeData == [
  name |-> "mptcpsec", version |-> 1, hash |-> "sha256",
  usesKey |-> FALSE, keySource |-> "socket",
  slots |-> {"Ta", "Tb", "a", "b", "pub_a", "pub_b"}, jslots |-> {"Ra", "Rb"},
  negotiate |-> D_Negotiate, base |-> "esn", signals |-> D_Signals,
  keyed |-> {},
  modes |-> [esn |-> D_Mode_esn],
  mirror |-> [esn |-> D_Mirror_esn]
]
=============================================================================
