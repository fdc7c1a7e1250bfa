--------------------------- MODULE Scheme_broken ---------------------------
(* broken, the negative control (docs/schemes.md), as data for MptcpCore.  *)
(* Nothing is signalled: each end runs "keyed" when it holds a key, else   *)
(* "plain". A keyed client's Key-A IS its external key (in clear). The     *)
(* server attaches every join to its most recent open connection, keeps   *)
(* any number of half-open joins and checks no third ACK, ADD_ADDR or     *)
(* MP_FASTCLOSE. The SYN/ACK HMAC covers the server address the join went *)
(* to (server: where the SYN arrived; client: the connection's server).    *)
EXTENDS SchemeLang

Broken(kA, hk) == [
  MPC_SYN    |-> Msg({"Ka"}, [Ka |-> kA], NoMap, <<>>, NoMap),
  MPC_SYNACK |-> Msg({"Kb"}, [Kb |-> Fresh("Kb")], [Kb |-> Slot("Kb")], <<>>,
                     [Kb |-> Fld("Kb"), srv |-> Seg("src")]),
  MPC_ACK    |-> Msg({}, NoMap, [Ka |-> Slot("Ka"), Kb |-> Slot("Kb")], <<>>, [Ka |-> Fld("Ka")]),
  JOIN_SYN   |-> JoinSyn({"Ra"}, [Ra |-> Fresh("Ra")], [token |-> Token(Slot("Kb")), Ra |-> Slot("Ra")],
                     Lookup("token", Nil, "recent-open", 0, FALSE, 0), [Ra |-> Fld("Ra"), laddr |-> Seg("dst")]),
  JOIN_SYNACK |-> Msg({"Rb"}, [Rb |-> Fresh("Rb")],
                     [mac |-> TruncL("64", Hmac(hk, Cat(<<Slot("Rb"), Slot("Ra"), Slot("laddr")>>))), Rb |-> Slot("Rb")],
                     << Check("mac", TruncL("64", Hmac(hk, Cat(<<Fld("Rb"), Slot("Ra"), Slot("srv")>>))), "rst") >>,
                     [Rb |-> Fld("Rb")]),
  JOIN_ACK   |-> Msg({}, NoMap, [mac |-> TruncL("160", Hmac(hk, Cat(<<Slot("Ra"), Slot("Rb")>>)))], <<>>, NoMap),
  ADD_ADDR   |-> Msg({}, NoMap, [addr |-> Atom("s.a2"), id |-> Int(2)], <<>>, NoMap),
  FASTCLOSE  |-> Msg({}, NoMap, [key |-> Slot("Kb")], <<>>, NoMap)
]

SchemeData == [
  name |-> "broken", version |-> 1, hash |-> "sha256", usesKey |-> TRUE, keySource |-> "socket",
  slots |-> {"Ka", "Kb", "srv"}, jslots |-> {"Ra", "Rb", "laddr"},
  negotiate |-> [k \in BOOLEAN \X BOOLEAN |->
                   Row(IF k[1] THEN "keyed" ELSE "plain", IF k[2] THEN "keyed" ELSE "plain")],
  modes |-> [keyed |-> Broken(Ext, Ext), plain |-> Broken(Fresh("Ka"), Cat(<<Slot("Kb"), Slot("Ka")>>))]
]
=============================================================================
