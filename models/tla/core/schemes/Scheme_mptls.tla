---------------------------- MODULE Scheme_mptls ----------------------------
(* GENERATED from models/schemes/mptls.scheme by SchemeDataBuilder; do not edit.
   Regenerate: mvn -pl models test -Dtest=GeneratedSchemeDataTest -Dmptcp.core.write=true
   Format: docs/models.md, "Data form of a scheme". *)
EXTENDS SchemeLang

D_Negotiate ==
    (<<FALSE, FALSE>> :> Row("tls", "tls"))
 @@ (<<FALSE, TRUE>> :> Row("tls", "tls"))
 @@ (<<TRUE, FALSE>> :> Row("tls", "tls"))
 @@ (<<TRUE, TRUE>> :> Row("tls", "tls"))

D_Mode_tls == [
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
      [Rb |-> Slot("Rb"), hmac |-> TruncL("64", Hmac(Hmac(Hash(Dh(Slot("b"), Slot("pub_a"))), Lbl("server_write_MPTCP_key")), Cat(<<Slot("Rb"), Slot("Ra")>>)))],
      << Check("hmac", TruncL("64", Hmac(Hmac(Hash(Dh(Slot("a"), Slot("pub_b"))), Lbl("server_write_MPTCP_key")), Cat(<<Fld("Rb"), Slot("Ra")>>))), "rst") >>,
      [Rb |-> Fld("Rb")]),
  JOIN_ACK |-> Msg({}, NoMap,
      [hmac |-> TruncL("160", Hmac(Hmac(Hash(Dh(Slot("a"), Slot("pub_b"))), Lbl("client_write_MPTCP_key")), Cat(<<Slot("Ra"), Slot("Rb")>>)))],
      << Check("hmac", TruncL("160", Hmac(Hmac(Hash(Dh(Slot("b"), Slot("pub_a"))), Lbl("client_write_MPTCP_key")), Cat(<<Slot("Ra"), Slot("Rb")>>))), "rst") >>,
      NoMap),
  ADD_ADDR |-> Msg({}, NoMap,
      [addr |-> Atom("s.a2"), id |-> Num(2, "8"), hmac |-> TruncR("64", Hmac(Hmac(Hash(Dh(Slot("b"), Slot("pub_a"))), Lbl("server_write_MPTCP_key")), Cat(<<Num(2, "8"), Atom("s.a2"), Num(0, "16")>>)))],
      << Check("hmac", TruncR("64", Hmac(Hmac(Hash(Dh(Slot("a"), Slot("pub_b"))), Lbl("server_write_MPTCP_key")), Cat(<<Fld("id"), Fld("addr"), Num(0, "16")>>))), "drop") >>,
      NoMap),
  FASTCLOSE |-> Msg({}, NoMap,
      [key |-> TruncL("64", Hmac(Hmac(Hash(Dh(Slot("a"), Slot("pub_b"))), Lbl("client_write_MPTCP_key")), TruncR("64", Hash(Cat(<<Slot("Ta"), Slot("Tb")>>)))))],
      << Check("key", TruncL("64", Hmac(Hmac(Hash(Dh(Slot("b"), Slot("pub_a"))), Lbl("client_write_MPTCP_key")), TruncR("64", Hash(Cat(<<Slot("Ta"), Slot("Tb")>>))))), "drop") >>,
      NoMap),
  REMOVE_ADDR |-> Msg({}, NoMap,
      [id |-> Num(1, "8"), hmac |-> TruncR("64", Hmac(Hmac(Hash(Dh(Slot("a"), Slot("pub_b"))), Lbl("client_write_MPTCP_key")), Cat(<<Num(4, "8"), Num(1, "8")>>)))],
      << Check("hmac", TruncR("64", Hmac(Hmac(Hash(Dh(Slot("b"), Slot("pub_a"))), Lbl("client_write_MPTCP_key")), Cat(<<Num(4, "8"), Fld("id")>>))), "drop") >>,
      NoMap),
  MP_PRIO |-> Msg({}, NoMap,
      [backup |-> Num(1, "8"), hmac |-> TruncR("64", Hmac(Hmac(Hash(Dh(Slot("a"), Slot("pub_b"))), Lbl("client_write_MPTCP_key")), Cat(<<Num(5, "8"), Num(1, "8")>>)))],
      << Check("hmac", TruncR("64", Hmac(Hmac(Hash(Dh(Slot("b"), Slot("pub_a"))), Lbl("client_write_MPTCP_key")), Cat(<<Num(5, "8"), Fld("backup")>>))), "drop") >>,
      NoMap)
]

D_Mirror_tls == [
  ADD_ADDR |-> Msg({}, NoMap,
      [addr |-> Atom("s.a2"), id |-> Num(2, "8"), hmac |-> TruncR("64", Hmac(Hmac(Hash(Dh(Slot("a"), Slot("pub_b"))), Lbl("client_write_MPTCP_key")), Cat(<<Num(2, "8"), Atom("s.a2"), Num(0, "16")>>)))],
      << Check("hmac", TruncR("64", Hmac(Hmac(Hash(Dh(Slot("b"), Slot("pub_a"))), Lbl("client_write_MPTCP_key")), Cat(<<Fld("id"), Fld("addr"), Num(0, "16")>>))), "drop") >>,
      NoMap),
  FASTCLOSE |-> Msg({}, NoMap,
      [key |-> TruncL("64", Hmac(Hmac(Hash(Dh(Slot("b"), Slot("pub_a"))), Lbl("server_write_MPTCP_key")), TruncR("64", Hash(Cat(<<Slot("Tb"), Slot("Ta")>>)))))],
      << Check("key", TruncL("64", Hmac(Hmac(Hash(Dh(Slot("a"), Slot("pub_b"))), Lbl("server_write_MPTCP_key")), TruncR("64", Hash(Cat(<<Slot("Tb"), Slot("Ta")>>))))), "drop") >>,
      NoMap),
  REMOVE_ADDR |-> Msg({}, NoMap,
      [id |-> Num(1, "8"), hmac |-> TruncR("64", Hmac(Hmac(Hash(Dh(Slot("b"), Slot("pub_a"))), Lbl("server_write_MPTCP_key")), Cat(<<Num(4, "8"), Num(1, "8")>>)))],
      << Check("hmac", TruncR("64", Hmac(Hmac(Hash(Dh(Slot("a"), Slot("pub_b"))), Lbl("server_write_MPTCP_key")), Cat(<<Num(4, "8"), Fld("id")>>))), "drop") >>,
      NoMap),
  MP_PRIO |-> Msg({}, NoMap,
      [backup |-> Num(1, "8"), hmac |-> TruncR("64", Hmac(Hmac(Hash(Dh(Slot("b"), Slot("pub_a"))), Lbl("server_write_MPTCP_key")), Cat(<<Num(5, "8"), Num(1, "8")>>)))],
      << Check("hmac", TruncR("64", Hmac(Hmac(Hash(Dh(Slot("a"), Slot("pub_b"))), Lbl("server_write_MPTCP_key")), Cat(<<Num(5, "8"), Fld("backup")>>))), "drop") >>,
      NoMap)
]

D_Signals == [m \in {} |-> [flag |-> 0, mismatch |-> "base"]]

SchemeData == [
  name |-> "mptls", version |-> 1, hash |-> "sha256",
  usesKey |-> FALSE, keySource |-> "socket",
  slots |-> {"Ta", "Tb", "a", "b", "pub_a", "pub_b"}, jslots |-> {"Ra", "Rb"},
  negotiate |-> D_Negotiate, base |-> "tls", signals |-> D_Signals,
  keyed |-> {},
  modes |-> [tls |-> D_Mode_tls],
  mirror |-> [tls |-> D_Mirror_tls]
]
=============================================================================
