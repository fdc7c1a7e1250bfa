--------------------------- MODULE Scheme_rfc8684 ---------------------------
(* rfc8684 (MPTCP v1) as data for MptcpCore (format: docs/models.md,        *)
(* "Generic core"). Keys in clear in MP_CAPABLE; joins by token(Key-B),   *)
(* HMACs keyed with Key-A||Key-B; ADD_ADDR HMAC; MP_FASTCLOSE carries the *)
(* receiver's key. No external key.                                       *)
EXTENDS SchemeLang, Mode_rfc8684

SchemeData == [
  name |-> "rfc8684", version |-> 1, hash |-> "sha256", usesKey |-> FALSE, keySource |-> "socket",
  slots |-> {"Ka", "Kb"}, jslots |-> {"Ra", "Rb"},
  negotiate |-> [k \in BOOLEAN \X BOOLEAN |-> Row("v1", "v1")],
  modes |-> [v1 |-> V1]
]
=============================================================================
