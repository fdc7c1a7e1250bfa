--------------------------- MODULE Scheme_draft_baerts ---------------------------
(* draft-baerts           as data for MptcpCore (docs/schemes.md). Mode "E" when    *)
(* both ends hold the external key: tokens instead of keys in MP_CAPABLE, *)
(* NEW_KEY (KEY_A / KEY_B) activates the key, joins, ADD_ADDR and         *)
(* MP_FASTCLOSE keyed with K. Otherwise rfc8684's "v1".                   *)
(* MP_FASTCLOSE: "a truncated HMAC of the external key", read trunc_L64.  *)
EXTENDS SchemeLang, Mode_rfc8684, Mode_draft_baerts

SchemeData == [
  name |-> "draft-baerts", version |-> 1, hash |-> "sha256", usesKey |-> TRUE, keySource |-> "socket",
  slots |-> {"Ka", "Kb", "tokA", "tokB"}, jslots |-> {"Ra", "Rb"},
  negotiate |-> [k \in BOOLEAN \X BOOLEAN |-> IF k[1] /\ k[2] THEN Row("E", "E") ELSE Row("v1", "v1")],
  modes |-> [v1 |-> V1, E |-> E("truncL")]
]
=============================================================================
