--------------------------- MODULE Mode_draft_baerts ---------------------------
(* draft-baerts's "E" mode as data, both ends holding the external key:     *)
(* tokens instead of keys in MP_CAPABLE, NEW_KEY (KEY_A / KEY_B) activates  *)
(* the key, joins, ADD_ADDR and MP_FASTCLOSE keyed with K. `trunc` is the   *)
(* MP_FASTCLOSE truncation ("truncL" or "truncR"), the one reading that     *)
(* differs between draft-baerts and draft-baerts/low-order.                 *)
EXTENDS SchemeLang

NewKeyA == TruncR("64", Hmac(Cat(<<Slot("tokA"), Slot("tokB")>>), Ext))   \* "low order HMAC"
NewKeyB == TruncR("64", Hmac(Cat(<<Slot("tokB"), Slot("tokA")>>), Ext))
\* A's MP_FASTCLOSE value: "a truncated HMAC of the external key", truncated by `trunc`
CloseA(trunc) == T(trunc, "64", <<Hmac(Cat(<<Slot("tokA"), Slot("tokB")>>), Ext)>>, {})

E(trunc) == [
  MPC_SYN    |-> Msg({"tokA"}, [tokA |-> Fresh("tokA")], NoMap, <<>>, NoMap),
  MPC_SYNACK |-> Msg({"tokB"}, [tokB |-> Fresh("tokB")], [tokB |-> Slot("tokB")], <<>>, [tokB |-> Fld("tokB")]),
  MPC_ACK    |-> Msg({}, NoMap, [tokA |-> Slot("tokA"), tokB |-> Slot("tokB")],
                     << Check("tokB", Slot("tokB"), "tcp") >>, [tokA |-> Fld("tokA")]),
  KEY_A      |-> Msg({}, NoMap, [nk |-> NewKeyA], << Check("nk", NewKeyA, "drop") >>, NoMap),
  KEY_B      |-> Msg({}, NoMap, [nk |-> NewKeyB], << Check("nk", NewKeyB, "drop") >>, NoMap),
  JOIN_SYN   |-> JoinSyn({"Ra"}, [Ra |-> Fresh("Ra")], [token |-> Slot("tokB"), Ra |-> Slot("Ra")],
                     Lookup("token", Slot("tokB"), "token", 0, FALSE, 2), [Ra |-> Fld("Ra")]),
  JOIN_SYNACK |-> Msg({"Rb"}, [Rb |-> Fresh("Rb")],
                     [mac |-> TruncL("64", Hmac(Ext, Cat(<<Slot("Rb"), Slot("Ra")>>))), Rb |-> Slot("Rb")],
                     << Check("mac", TruncL("64", Hmac(Ext, Cat(<<Fld("Rb"), Slot("Ra")>>))), "rst") >>,
                     [Rb |-> Fld("Rb")]),
  JOIN_ACK   |-> Msg({}, NoMap, [mac |-> TruncL("160", Hmac(Ext, Cat(<<Slot("Ra"), Slot("Rb")>>)))],
                     << Check("mac", TruncL("160", Hmac(Ext, Cat(<<Slot("Ra"), Slot("Rb")>>))), "rst") >>, NoMap),
  ADD_ADDR   |-> Msg({}, NoMap,
                     [addr |-> Atom("s.a2"), id |-> Int(2), mac |-> TruncR("64", Hmac(Ext, Cat(<<Int(2), Atom("s.a2")>>)))],
                     << Check("mac", TruncR("64", Hmac(Ext, Cat(<<Fld("id"), Fld("addr")>>))), "drop") >>, NoMap),
  FASTCLOSE  |-> Msg({}, NoMap, [mac |-> CloseA(trunc)], << Check("mac", CloseA(trunc), "drop") >>, NoMap)
]

=============================================================================
