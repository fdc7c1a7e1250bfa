---------------------------- MODULE Scheme_ecdh -----------------------------
(* GENERATED from models/schemes/ecdh.scheme by SchemeDataBuilder; do not edit.
   Regenerate: mvn -pl models test -Dtest=GeneratedSchemeDataTest -Dmptcp.core.write=true
   Format: docs/models.md, "Data form of a scheme". *)
EXTENDS SchemeLang

D_Negotiate ==
    (<<FALSE, FALSE>> :> Row("base", "base"))
 @@ (<<FALSE, TRUE>> :> Row("base", "base"))
 @@ (<<TRUE, FALSE>> :> Row("base", "base"))
 @@ (<<TRUE, TRUE>> :> Row("base", "base"))

D_Mode_base == [
  MPC_SYN |-> Msg({"a"}, [a |-> Fresh("a")],
      [share |-> Pub(Slot("a"))],
      <<>>,
      [pub_a |-> Fld("share")]),
  MPC_SYNACK |-> Msg({"b"}, [b |-> Fresh("b")],
      [share |-> Pub(Slot("b"))],
      <<>>,
      [pub_b |-> Fld("share")]),
  MPC_ACK |-> Msg({}, NoMap,
      [share |-> Pub(Slot("a"))],
      << Check("share", Slot("pub_a"), "tcp") >>,
      NoMap),
  JOIN_SYN |-> JoinSyn({"Ra"}, [Ra |-> Fresh("Ra")],
      [Ra |-> Slot("Ra"), token |-> TruncR("32", Hash(Slot("pub_b")))],
      Lookup("token", TruncR("32", Hash(Pub(Slot("b")))), "token", 0, FALSE, 2),
      [Ra |-> Fld("Ra")]),
  JOIN_SYNACK |-> Msg({"Rb"}, [Rb |-> Fresh("Rb")],
      [Rb |-> Slot("Rb"), hmac |-> TruncL("64", Hmac(Hash(Dh(Slot("b"), Slot("pub_a"))), Cat(<<Slot("Rb"), Slot("Ra")>>)))],
      << Check("hmac", TruncL("64", Hmac(Hash(Dh(Slot("a"), Slot("pub_b"))), Cat(<<Fld("Rb"), Slot("Ra")>>))), "rst") >>,
      [Rb |-> Fld("Rb")]),
  JOIN_ACK |-> Msg({}, NoMap,
      [hmac |-> TruncL("160", Hmac(Hash(Dh(Slot("a"), Slot("pub_b"))), Cat(<<Slot("Ra"), Slot("Rb")>>)))],
      << Check("hmac", TruncL("160", Hmac(Hash(Dh(Slot("b"), Slot("pub_a"))), Cat(<<Slot("Ra"), Slot("Rb")>>))), "rst") >>,
      NoMap),
  ADD_ADDR |-> Msg({}, NoMap,
      [addr |-> Atom("s.a2"), id |-> Num(2, "8"), hmac |-> TruncR("64", Hmac(Hash(Dh(Slot("b"), Slot("pub_a"))), Cat(<<Num(2, "8"), Atom("s.a2"), Num(0, "16")>>)))],
      << Check("hmac", TruncR("64", Hmac(Hash(Dh(Slot("a"), Slot("pub_b"))), Cat(<<Fld("id"), Fld("addr"), Num(0, "16")>>))), "drop") >>,
      NoMap),
  FASTCLOSE |-> Msg({}, NoMap,
      [key |-> TruncL("64", Hmac(Hash(Dh(Slot("a"), Slot("pub_b"))), Slot("pub_b")))],
      << Check("key", TruncL("64", Hmac(Hash(Dh(Slot("b"), Slot("pub_a"))), Pub(Slot("b")))), "drop") >>,
      NoMap)
]

D_Mirror_base == [
  ADD_ADDR |-> Msg({}, NoMap,
      [addr |-> Atom("s.a2"), id |-> Num(2, "8"), hmac |-> TruncR("64", Hmac(Hash(Dh(Slot("a"), Slot("pub_b"))), Cat(<<Num(2, "8"), Atom("s.a2"), Num(0, "16")>>)))],
      << Check("hmac", TruncR("64", Hmac(Hash(Dh(Slot("b"), Slot("pub_a"))), Cat(<<Fld("id"), Fld("addr"), Num(0, "16")>>))), "drop") >>,
      NoMap),
  FASTCLOSE |-> Msg({}, NoMap,
      [key |-> TruncL("64", Hmac(Hash(Dh(Slot("b"), Slot("pub_a"))), Slot("pub_a")))],
      << Check("key", TruncL("64", Hmac(Hash(Dh(Slot("a"), Slot("pub_b"))), Pub(Slot("a")))), "drop") >>,
      NoMap)
]

D_Signals == [m \in {} |-> [flag |-> 0, mismatch |-> "base"]]

SchemeData == [
  name |-> "ecdh", version |-> 1, hash |-> "sha256",
  usesKey |-> FALSE, keySource |-> "socket",
  slots |-> {"a", "b", "pub_a", "pub_b"}, jslots |-> {"Ra", "Rb"},
  negotiate |-> D_Negotiate, base |-> "base", signals |-> D_Signals,
  keyed |-> {},
  modes |-> [base |-> D_Mode_base],
  mirror |-> [base |-> D_Mirror_base]
]
=============================================================================
