module scheme

/*
 * bound-key (docs/schemes.md) as data for the Alloy generic core (format: lang.als; the twin of
 * models/tla/core/schemes/Scheme_bound_key.tla). Mode BK when both ends hold the external key,
 * rfc8684's V1 when neither does, plain TCP when only one does (no downgrade to keyless).
 * Written by hand in the form a generator emits: one case table per interface function.
 */
open terms
open lang
open modes/v1

one sig BK extends Mode {}
one sig TokA, TokB, Kc extends SlotName {}
one sig F_tokA, F_tokB, F_confA, F_confB extends FieldName {}
one sig bk_conn, bk_confirm_A, bk_confirm_B, bk_ticket, bk_join_A, bk_join_B, bk_addr, bk_close, L_A, L_B
  extends Label {}

pred usesKey { Y = Y }
fun negoA[ck, sk: YN]: Mode { (ck = Y and sk = Y) => BK else ((ck = N and sk = N) => V1 else TCP) }
fun negoB[ck, sk: YN]: Mode { negoA[ck, sk] }
fun sends: Mode -> MsgName { V1 -> v1Sends + BK -> v1Sends }
fun jslots: set SlotName { Ra + Rb }
pred draws[m: Mode, g: MsgName] { (m = V1 and v1Draws[g]) or (m = BK and g in MPC_SYN + MPC_SYNACK + JOIN_SYN + JOIN_SYNACK) }
fun bkKeepNames[g: MsgName]: set SlotName {
  g = MPC_SYN => TokA else g = MPC_SYNACK => TokB else g = JOIN_SYN => Ra else g = JOIN_SYNACK => Rb else none
}
fun keepNames[m: Mode, g: MsgName]: set SlotName { m = V1 => v1KeepNames[g] else (m = BK => bkKeepNames[g] else none) }
fun keep[m: Mode, g: MsgName, fr, ext: lone Term]: SlotName -> Term {
  m = V1 => v1Keep[g, fr] else (m = BK => bkKeepNames[g] -> fr else none -> none)
}
fun bkFieldNames[g: MsgName]: set FieldName {
  g = MPC_SYNACK => F_tokB + F_confB else g = MPC_ACK => F_tokA + F_tokB + F_confA
  else g = JOIN_SYN => F_token + F_Ra else g = JOIN_SYNACK => F_mac + F_Rb else g = JOIN_ACK => F_mac
  else g = ADD_ADDR => F_addr + F_id + F_mac else g = FASTCLOSE => F_mac else none
}
fun fieldNames[m: Mode, g: MsgName]: set FieldName { m = V1 => v1FieldNames[g] else (m = BK => bkFieldNames[g] else none) }
-- the i-th join's ticket: trunc_L32(HMAC(Kc, "bk-ticket" || i))
fun ticket[sl: SlotName -> Term, idx: lone Term]: lone Term { tl32[hmac[sl[Kc], cat[bk_ticket, idx]]] }
fun bkFields[g: MsgName, sl: SlotName -> Term, ext, idx: lone Term]: FieldName -> Term {
  g = MPC_SYNACK => F_tokB -> sl[TokB] + F_confB -> tl64[hmac[ext, cat[bk_confirm_B, sl[TokB]]]]
  else g = MPC_ACK => F_tokA -> sl[TokA] + F_tokB -> sl[TokB] + F_confA -> tl64[hmac[sl[Kc], bk_confirm_A]]
  else g = JOIN_SYN => F_token -> ticket[sl, idx] + F_Ra -> sl[Ra]
  else g = JOIN_SYNACK => F_mac -> tl64[hmac[sl[Kc], cat3[bk_join_B, sl[Rb], sl[Ra]]]] + F_Rb -> sl[Rb]
  else g = JOIN_ACK => F_mac -> tl160[hmac[sl[Kc], cat3[bk_join_A, sl[Ra], sl[Rb]]]]
  else g = ADD_ADDR => F_addr -> SA2 + F_id -> I2 + F_mac -> tr64[hmac[sl[Kc], cat4[bk_addr, L_B, I2, SA2]]]
  else g = FASTCLOSE => F_mac -> tl64[hmac[sl[Kc], cat[bk_close, L_A]]]
  else none -> none
}
fun fields[m: Mode, g: MsgName, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {
  m = V1 => v1Fields[g, sl] else (m = BK => bkFields[g, sl, ext, idx] else none -> none)
}
-- Kc as A computes it on the SYN/ACK and as B computes it on the third ACK
fun kcA[sl: SlotName -> Term, fld: FieldName -> Term, ext: lone Term]: lone Term { hmac[ext, cat3[bk_conn, sl[TokA], fld[F_tokB]]] }
fun kcB[sl: SlotName -> Term, fld: FieldName -> Term, ext: lone Term]: lone Term { hmac[ext, cat3[bk_conn, fld[F_tokA], sl[TokB]]] }
fun bkFail[g: MsgName, sl: SlotName -> Term, fld: FieldName -> Term, ext: lone Term]: lone Fail {
  g = MPC_SYNACK => (not eq[fld[F_confB], tl64[hmac[ext, cat[bk_confirm_B, fld[F_tokB]]]]] => F_TCP else none)
  else g = MPC_ACK => (not eq[fld[F_tokB], sl[TokB]] => F_TCP
                       else (not eq[fld[F_confA], tl64[hmac[kcB[sl, fld, ext], bk_confirm_A]]] => F_TCP else none))
  else g = JOIN_SYNACK => (not eq[fld[F_mac], tl64[hmac[sl[Kc], cat3[bk_join_B, fld[F_Rb], sl[Ra]]]]] => F_RST else none)
  else g = JOIN_ACK => (not eq[fld[F_mac], tl160[hmac[sl[Kc], cat3[bk_join_A, sl[Ra], sl[Rb]]]]] => F_RST else none)
  else g = ADD_ADDR => (not eq[fld[F_mac], tr64[hmac[sl[Kc], cat4[bk_addr, L_B, fld[F_id], fld[F_addr]]]]] => F_DROP else none)
  else g = FASTCLOSE => (not eq[fld[F_mac], tl64[hmac[sl[Kc], cat[bk_close, L_A]]]] => F_DROP else none)
  else none
}
fun fail[m: Mode, g: MsgName, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {
  m = V1 => v1Fail[g, sl, fld] else (m = BK => bkFail[g, sl, fld, ext] else none)
}
fun bkStoreNames[g: MsgName]: set SlotName {
  g = MPC_SYNACK => TokB + Kc else g = MPC_ACK => TokA + Kc else g = JOIN_SYN => Ra else g = JOIN_SYNACK => Rb else none
}
fun storeNames[m: Mode, g: MsgName]: set SlotName { m = V1 => v1StoreNames[g] else (m = BK => bkStoreNames[g] else none) }
fun bkStores[g: MsgName, sl: SlotName -> Term, fld: FieldName -> Term, ext: lone Term]: SlotName -> Term {
  g = MPC_SYNACK => TokB -> fld[F_tokB] + Kc -> kcA[sl, fld, ext]
  else g = MPC_ACK => TokA -> fld[F_tokA] + Kc -> kcB[sl, fld, ext]
  else g = JOIN_SYN => Ra -> fld[F_Ra] else g = JOIN_SYNACK => Rb -> fld[F_Rb] else none -> none
}
fun stores[m: Mode, g: MsgName, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {
  m = V1 => v1Stores[g, fld] else (m = BK => bkStores[g, sl, fld, ext] else none -> none)
}
fun lkField[m: Mode]: lone FieldName { F_token }
fun lkVal[m: Mode, sl: SlotName -> Term, ext, idx: lone Term]: lone Term { m = BK => ticket[sl, idx] else v1LkVal[sl] }
fun lkSelect[m: Mode]: Select { BY_TOKEN }
fun lkWindow[m: Mode]: Int { m = BK => 4 else 0 }
pred lkOnce[m: Mode] { m = BK }
fun lkLimit[m: Mode]: Int { 2 }
