--------------------------- MODULE Scheme_rfc8684 ---------------------------
(* rfc8684 (MPTCP v1) as data for MptcpCore (format: docs/models.md,        *)
(* "Generic core"). Keys in clear in MP_CAPABLE; joins by token(Key-B),   *)
(* HMACs keyed with Key-A||Key-B; ADD_ADDR HMAC; MP_FASTCLOSE carries the *)
(* receiver's key. No external key.                                       *)
EXTENDS SchemeLang

V1 == [
  MPC_SYN    |-> Msg({"Ka"}, [Ka |-> Fresh("Ka")], NoMap, <<>>, NoMap),
  MPC_SYNACK |-> Msg({"Kb"}, [Kb |-> Fresh("Kb")], [Kb |-> Slot("Kb")], <<>>, [Kb |-> Fld("Kb")]),
  MPC_ACK    |-> Msg({}, NoMap, [Ka |-> Slot("Ka"), Kb |-> Slot("Kb")],
                     << Check("Kb", Slot("Kb"), "tcp") >>, [Ka |-> Fld("Ka")]),
  JOIN_SYN   |-> JoinSyn({"Ra"}, [Ra |-> Fresh("Ra")], [token |-> Token(Slot("Kb")), Ra |-> Slot("Ra")],
                     Lookup("token", Token(Slot("Kb")), "token", 0, FALSE, 2), [Ra |-> Fld("Ra")]),
  JOIN_SYNACK |-> Msg({"Rb"}, [Rb |-> Fresh("Rb")],
                     [mac |-> TruncL("64", Hmac(Cat(<<Slot("Kb"), Slot("Ka")>>), Cat(<<Slot("Rb"), Slot("Ra")>>))),
                      Rb |-> Slot("Rb")],
                     << Check("mac", TruncL("64", Hmac(Cat(<<Slot("Kb"), Slot("Ka")>>), Cat(<<Fld("Rb"), Slot("Ra")>>))), "rst") >>,
                     [Rb |-> Fld("Rb")]),
  JOIN_ACK   |-> Msg({}, NoMap,
                     [mac |-> TruncL("160", Hmac(Cat(<<Slot("Ka"), Slot("Kb")>>), Cat(<<Slot("Ra"), Slot("Rb")>>)))],
                     << Check("mac", TruncL("160", Hmac(Cat(<<Slot("Ka"), Slot("Kb")>>), Cat(<<Slot("Ra"), Slot("Rb")>>))), "rst") >>,
                     NoMap),
  ADD_ADDR   |-> Msg({}, NoMap,
                     [addr |-> Atom("s.a2"), id |-> Int(2),
                      mac |-> TruncR("64", Hmac(Cat(<<Slot("Kb"), Slot("Ka")>>), Cat(<<Int(2), Atom("s.a2")>>)))],
                     << Check("mac", TruncR("64", Hmac(Cat(<<Slot("Kb"), Slot("Ka")>>), Cat(<<Fld("id"), Fld("addr")>>))), "drop") >>,
                     NoMap),
  FASTCLOSE  |-> Msg({}, NoMap, [key |-> Slot("Kb")], << Check("key", Slot("Kb"), "drop") >>, NoMap)
]

SchemeData == [
  name |-> "rfc8684", version |-> 1, hash |-> "sha256", usesKey |-> FALSE, keySource |-> "socket",
  slots |-> {"Ka", "Kb"}, jslots |-> {"Ra", "Rb"},
  negotiate |-> [k \in BOOLEAN \X BOOLEAN |-> Row("v1", "v1")],
  modes |-> [v1 |-> V1]
]
=============================================================================
