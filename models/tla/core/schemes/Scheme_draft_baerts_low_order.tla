--------------------------- MODULE Scheme_draft_baerts_low_order ---------------------------
(* draft-baerts/low-order as data for MptcpCore (docs/schemes.md). Mode "E" when    *)
(* both ends hold the external key: tokens instead of keys in MP_CAPABLE, *)
(* NEW_KEY (KEY_A / KEY_B) activates the key, joins, ADD_ADDR and         *)
(* MP_FASTCLOSE keyed with K. Otherwise rfc8684's "v1".                   *)
(* Variant: MP_FASTCLOSE truncated as ADD_ADDR (trunc_R64) = A's NEW_KEY.  *)
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

NewKeyA == TruncR("64", Hmac(Cat(<<Slot("tokA"), Slot("tokB")>>), Ext))   \* "low order HMAC"
NewKeyB == TruncR("64", Hmac(Cat(<<Slot("tokB"), Slot("tokA")>>), Ext))
CloseA == TruncR("64", Hmac(Cat(<<Slot("tokA"), Slot("tokB")>>), Ext))

E == [
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
  FASTCLOSE  |-> Msg({}, NoMap, [mac |-> CloseA], << Check("mac", CloseA, "drop") >>, NoMap)
]

SchemeData == [
  name |-> "draft-baerts/low-order", version |-> 1, hash |-> "sha256", usesKey |-> TRUE, keySource |-> "socket",
  slots |-> {"Ka", "Kb", "tokA", "tokB"}, jslots |-> {"Ra", "Rb"},
  negotiate |-> [k \in BOOLEAN \X BOOLEAN |-> IF k[1] /\ k[2] THEN Row("E", "E") ELSE Row("v1", "v1")],
  modes |-> [v1 |-> V1, E |-> E]
]
=============================================================================
