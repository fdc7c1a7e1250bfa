module scheme

/*
 * rfc8684 (MPTCP v1) as data for the Alloy generic core (format: lang.als; the twin of
 * models/tla/core/schemes/Scheme_rfc8684.tla). One mode, v1, at both ends; no external key.
 */
open terms
open lang
open modes/v1

pred usesKey { Y = N }   -- false: rfc8684 has no external key
fun negoA[ck, sk: YN]: Mode { V1 }
fun negoB[ck, sk: YN]: Mode { V1 }
fun sends: Mode -> MsgName { V1 -> v1Sends }
fun jslots: set SlotName { Ra + Rb }
pred draws[m: Mode, g: MsgName] { m = V1 and v1Draws[g] }
fun keepNames[m: Mode, g: MsgName]: set SlotName { m = V1 => v1KeepNames[g] else none }
fun keep[m: Mode, g: MsgName, fr, ext: lone Term]: SlotName -> Term { m = V1 => v1Keep[g, fr] else none -> none }
fun fieldNames[m: Mode, g: MsgName]: set FieldName { m = V1 => v1FieldNames[g] else none }
fun fields[m: Mode, g: MsgName, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {
  m = V1 => v1Fields[g, sl] else none -> none
}
fun fail[m: Mode, g: MsgName, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {
  m = V1 => v1Fail[g, sl, fld] else none
}
fun storeNames[m: Mode, g: MsgName]: set SlotName { m = V1 => v1StoreNames[g] else none }
fun stores[m: Mode, g: MsgName, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {
  m = V1 => v1Stores[g, fld] else none -> none
}
fun lkField[m: Mode]: lone FieldName { F_token }
fun lkVal[m: Mode, sl: SlotName -> Term, ext, idx: lone Term]: lone Term { v1LkVal[sl] }
fun lkSelect[m: Mode]: Select { BY_TOKEN }
fun lkWindow[m: Mode]: Int { 0 }
pred lkOnce[m: Mode] { Y = N }
fun lkLimit[m: Mode]: Int { 2 }
