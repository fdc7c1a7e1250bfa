--------------------------- MODULE Scheme_draft_baerts_low_order ---------------------------
(* draft-baerts/low-order as data for MptcpCore (docs/schemes.md). Mode "E" when    *)
(* both ends hold the external key: tokens instead of keys in MP_CAPABLE, *)
(* NEW_KEY (KEY_A / KEY_B) activates the key, joins, ADD_ADDR and         *)
(* MP_FASTCLOSE keyed with K. Otherwise rfc8684's "v1".                   *)
(* Variant: MP_FASTCLOSE truncated as ADD_ADDR (trunc_R64) = A's NEW_KEY.  *)
EXTENDS SchemeLang, Mode_rfc8684, Mode_draft_baerts

SchemeData == [
  name |-> "draft-baerts/low-order", version |-> 1, hash |-> "sha256", usesKey |-> TRUE, keySource |-> "socket",
  slots |-> {"Ka", "Kb", "tokA", "tokB"}, jslots |-> {"Ra", "Rb"},
  negotiate |-> [k \in BOOLEAN \X BOOLEAN |-> IF k[1] /\ k[2] THEN Row("E", "E") ELSE Row("v1", "v1")],
  modes |-> [v1 |-> V1, E |-> E("truncR")]
]
=============================================================================
