--------------------------- MODULE Scheme_bound_key ---------------------------
(* bound-key (docs/schemes.md) as data for MptcpCore. Mode "bk" when both  *)
(* ends hold the external key (G flag on both sides), rfc8684's "v1" when  *)
(* neither does, plain TCP when only one does (no downgrade to keyless).   *)
EXTENDS SchemeLang, Mode_rfc8684

KcA == Hmac(Ext, Cat(<<Lbl("bk-conn"), Slot("tokA"), Fld("tokB")>>))   \* at A, on the SYN/ACK
KcB == Hmac(Ext, Cat(<<Lbl("bk-conn"), Fld("tokA"), Slot("tokB")>>))   \* at B, on the third ACK
Ticket == TruncL("32", Hmac(Slot("Kc"), Cat(<<Lbl("bk-ticket"), Idx>>)))

BK == [
  MPC_SYN    |-> Msg({"tokA"}, [tokA |-> Fresh("tokA")], NoMap, <<>>, NoMap),
  MPC_SYNACK |-> Msg({"tokB"}, [tokB |-> Fresh("tokB")],
                     [tokB |-> Slot("tokB"),
                      confB |-> TruncL("64", Hmac(Ext, Cat(<<Lbl("bk-confirm-B"), Slot("tokB")>>)))],
                     << Check("confB", TruncL("64", Hmac(Ext, Cat(<<Lbl("bk-confirm-B"), Fld("tokB")>>))), "tcp") >>,
                     [tokB |-> Fld("tokB"), Kc |-> KcA]),
  MPC_ACK    |-> Msg({}, NoMap,
                     [tokA |-> Slot("tokA"), tokB |-> Slot("tokB"),
                      confA |-> TruncL("64", Hmac(Slot("Kc"), Lbl("bk-confirm-A")))],
                     << Check("tokB", Slot("tokB"), "tcp"),
                        Check("confA", TruncL("64", Hmac(KcB, Lbl("bk-confirm-A"))), "tcp") >>,
                     [tokA |-> Fld("tokA"), Kc |-> KcB]),
  JOIN_SYN   |-> JoinSyn({"Ra"}, [Ra |-> Fresh("Ra")], [token |-> Ticket, Ra |-> Slot("Ra")],
                     Lookup("token", Ticket, "token", 4, TRUE, 2), [Ra |-> Fld("Ra")]),
  JOIN_SYNACK |-> Msg({"Rb"}, [Rb |-> Fresh("Rb")],
                     [mac |-> TruncL("64", Hmac(Slot("Kc"), Cat(<<Lbl("bk-join-B"), Slot("Rb"), Slot("Ra")>>))),
                      Rb |-> Slot("Rb")],
                     << Check("mac", TruncL("64", Hmac(Slot("Kc"), Cat(<<Lbl("bk-join-B"), Fld("Rb"), Slot("Ra")>>))), "rst") >>,
                     [Rb |-> Fld("Rb")]),
  JOIN_ACK   |-> Msg({}, NoMap,
                     [mac |-> TruncL("160", Hmac(Slot("Kc"), Cat(<<Lbl("bk-join-A"), Slot("Ra"), Slot("Rb")>>)))],
                     << Check("mac", TruncL("160", Hmac(Slot("Kc"), Cat(<<Lbl("bk-join-A"), Slot("Ra"), Slot("Rb")>>))), "rst") >>,
                     NoMap),
  ADD_ADDR   |-> Msg({}, NoMap,
                     [addr |-> Atom("s.a2"), id |-> Int(2),
                      mac |-> TruncR("64", Hmac(Slot("Kc"), Cat(<<Lbl("bk-addr"), Lbl("B"), Int(2), Atom("s.a2")>>)))],
                     << Check("mac", TruncR("64", Hmac(Slot("Kc"), Cat(<<Lbl("bk-addr"), Lbl("B"), Fld("id"), Fld("addr")>>))), "drop") >>,
                     NoMap),
  FASTCLOSE  |-> Msg({}, NoMap, [mac |-> TruncL("64", Hmac(Slot("Kc"), Cat(<<Lbl("bk-close"), Lbl("A")>>)))],
                     << Check("mac", TruncL("64", Hmac(Slot("Kc"), Cat(<<Lbl("bk-close"), Lbl("A")>>))), "drop") >>, NoMap)
]

SchemeData == [
  name |-> "bound-key", version |-> 1, hash |-> "sha256", usesKey |-> TRUE, keySource |-> "socket",
  slots |-> {"Ka", "Kb", "tokA", "tokB", "Kc"}, jslots |-> {"Ra", "Rb"},
  negotiate |-> [k \in BOOLEAN \X BOOLEAN |->
                   IF k[1] /\ k[2] THEN Row("bk", "bk")
                   ELSE IF ~k[1] /\ ~k[2] THEN Row("v1", "v1") ELSE Row("tcp", "tcp")],
  modes |-> [v1 |-> V1, bk |-> BK]
]
=============================================================================
