---------------------------- MODULE Mode_rfc8684 ----------------------------
(* The rfc8684 (MPTCP v1) mode as data: keys in clear in MP_CAPABLE, joins  *)
(* by token(Key-B), HMACs keyed with Key-A||Key-B, ADD_ADDR HMAC, the       *)
(* receiver's key in MP_FASTCLOSE. Shared by rfc8684 and by the external-  *)
(* key schemes that fall back to it (draft-baerts, bound-key without keys). *)
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

=============================================================================
