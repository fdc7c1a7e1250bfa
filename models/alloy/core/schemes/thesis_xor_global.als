module scheme

/*
 * GENERATED from models/schemes/thesis-xor-global.scheme by AlloySchemeModule (via SchemeDataBuilder); do not edit.
 * Regenerate: mvn -pl models test -Dtest=GeneratedAlloySchemeTest -Dmptcp.core.write=true
 * thesis-xor-global as data for the Alloy generic core (interface: lang.als).
 */
open termsig
open dag
open terms
open lang

one sig M_plain_nokey, M_keyed extends Mode {}

pred usesKey { Y = Y }
pred hostKey { Y = Y }
fun negoA[ck, sk: YN]: Mode {
  (ck = N and sk = N) => M_plain_nokey else (ck = N and sk = Y) => M_plain_nokey else (ck = Y and sk = N) => M_keyed else (ck = Y and sk = Y) => M_keyed else TCP
}
fun negoB[ck, sk: YN]: Mode {
  (ck = N and sk = N) => M_plain_nokey else (ck = N and sk = Y) => M_keyed else (ck = Y and sk = N) => M_plain_nokey else (ck = Y and sk = Y) => M_keyed else TCP
}
fun sends: Mode -> MsgName { M_plain_nokey -> MPC_SYN + M_plain_nokey -> MPC_SYNACK + M_plain_nokey -> MPC_ACK + M_plain_nokey -> JOIN_SYN + M_plain_nokey -> JOIN_SYNACK + M_plain_nokey -> JOIN_ACK + M_plain_nokey -> ADD_ADDR + M_plain_nokey -> FASTCLOSE + M_keyed -> MPC_SYN + M_keyed -> MPC_SYNACK + M_keyed -> MPC_ACK + M_keyed -> JOIN_SYN + M_keyed -> JOIN_SYNACK + M_keyed -> JOIN_ACK + M_keyed -> ADD_ADDR + M_keyed -> FASTCLOSE }
fun jslots: set SlotName { S_Ra + S_Rb }
pred draws[m: Mode, g: MsgName] { m -> g in M_plain_nokey -> MPC_SYN + M_plain_nokey -> MPC_SYNACK + M_plain_nokey -> JOIN_SYN + M_plain_nokey -> JOIN_SYNACK + M_keyed -> MPC_SYN + M_keyed -> MPC_SYNACK + M_keyed -> JOIN_SYN + M_keyed -> JOIN_SYNACK }
fun keepNames[m: Mode, g: MsgName]: set SlotName { g.(m.(M_plain_nokey -> MPC_SYN -> S_Ka + M_plain_nokey -> MPC_SYNACK -> S_Kb + M_plain_nokey -> JOIN_SYN -> S_Ra + M_plain_nokey -> JOIN_SYNACK -> S_Rb + M_keyed -> MPC_SYN -> S_Ka + M_keyed -> MPC_SYNACK -> S_Kb + M_keyed -> JOIN_SYN -> S_Ra + M_keyed -> JOIN_SYNACK -> S_Rb)) }
fun fieldNames[m: Mode, g: MsgName]: set FieldName { g.(m.(M_plain_nokey -> MPC_SYN -> F_sender_key + M_plain_nokey -> MPC_SYNACK -> F_sender_key + M_plain_nokey -> MPC_ACK -> F_sender_key + M_plain_nokey -> MPC_ACK -> F_receiver_key + M_plain_nokey -> JOIN_SYN -> F_Ra + M_plain_nokey -> JOIN_SYN -> F_token + M_plain_nokey -> JOIN_SYNACK -> F_Rb + M_plain_nokey -> JOIN_SYNACK -> F_hmac + M_plain_nokey -> JOIN_ACK -> F_hmac + M_plain_nokey -> ADD_ADDR -> F_addr + M_plain_nokey -> ADD_ADDR -> F_id + M_plain_nokey -> FASTCLOSE -> F_key + M_keyed -> MPC_SYN -> F_sender_key + M_keyed -> MPC_SYNACK -> F_sender_key + M_keyed -> MPC_ACK -> F_sender_key + M_keyed -> MPC_ACK -> F_receiver_key + M_keyed -> JOIN_SYN -> F_Ra + M_keyed -> JOIN_SYN -> F_token + M_keyed -> JOIN_SYNACK -> F_Rb + M_keyed -> JOIN_SYNACK -> F_hmac + M_keyed -> JOIN_ACK -> F_hmac + M_keyed -> ADD_ADDR -> F_addr + M_keyed -> ADD_ADDR -> F_id + M_keyed -> FASTCLOSE -> F_key)) }
fun storeNames[m: Mode, g: MsgName]: set SlotName { g.(m.(M_plain_nokey -> MPC_SYN -> S_Ka + M_plain_nokey -> MPC_SYNACK -> S_Kb + M_plain_nokey -> MPC_ACK -> S_Ka + M_plain_nokey -> JOIN_SYN -> S_Ra + M_plain_nokey -> JOIN_SYNACK -> S_Rb + M_keyed -> MPC_SYN -> S_Ka + M_keyed -> MPC_SYNACK -> S_Kb + M_keyed -> MPC_ACK -> S_Ka + M_keyed -> JOIN_SYN -> S_Ra + M_keyed -> JOIN_SYNACK -> S_Rb)) }

fun keep[m: Mode, g: MsgName, fr, ext: lone Term]: SlotName -> Term {
  (m = M_plain_nokey and g = MPC_SYN) => (S_Ka -> fr)
  else (m = M_plain_nokey and g = MPC_SYNACK) => (S_Kb -> fr)
  else (m = M_plain_nokey and g = JOIN_SYN) => (S_Ra -> fr)
  else (m = M_plain_nokey and g = JOIN_SYNACK) => (S_Rb -> fr)
  else (m = M_keyed and g = MPC_SYN) => (S_Ka -> fr)
  else (m = M_keyed and g = MPC_SYNACK) => (S_Kb -> fr)
  else (m = M_keyed and g = JOIN_SYN) => (S_Ra -> fr)
  else (m = M_keyed and g = JOIN_SYNACK) => (S_Rb -> fr)
  else none -> none
}
fun fields[m: Mode, g: MsgName, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {
  (m = M_plain_nokey and g = MPC_SYN) => (F_sender_key -> sl[S_Ka])
  else (m = M_plain_nokey and g = MPC_SYNACK) => (F_sender_key -> sl[S_Kb])
  else (m = M_plain_nokey and g = MPC_ACK) => (F_sender_key -> sl[S_Ka] + F_receiver_key -> sl[S_Kb])
  else (m = M_plain_nokey and g = JOIN_SYN) => (F_Ra -> sl[S_Ra] + F_token -> app[TOKEN, sl[S_Kb]])
  else (m = M_plain_nokey and g = JOIN_SYNACK) => (F_Rb -> sl[S_Rb] + F_hmac -> app[TL64, hmac[cat[sl[S_Kb], sl[S_Ka]], cat[sl[S_Rb], sl[S_Ra]]]])
  else (m = M_plain_nokey and g = JOIN_ACK) => (F_hmac -> app[TL160, hmac[cat[sl[S_Ka], sl[S_Kb]], cat[sl[S_Ra], sl[S_Rb]]]])
  else (m = M_plain_nokey and g = ADD_ADDR) => (F_addr -> SA2 + F_id -> I2)
  else (m = M_plain_nokey and g = FASTCLOSE) => (F_key -> sl[S_Kb])
  else (m = M_keyed and g = MPC_SYN) => (F_sender_key -> sl[S_Ka])
  else (m = M_keyed and g = MPC_SYNACK) => (F_sender_key -> sl[S_Kb])
  else (m = M_keyed and g = MPC_ACK) => (F_sender_key -> sl[S_Ka] + F_receiver_key -> sl[S_Kb])
  else (m = M_keyed and g = JOIN_SYN) => (F_Ra -> sl[S_Ra] + F_token -> xor[ext, app[TOKEN, sl[S_Kb]]])
  else (m = M_keyed and g = JOIN_SYNACK) => (F_Rb -> sl[S_Rb] + F_hmac -> app[TL64, hmac[cat[sl[S_Kb], sl[S_Ka]], cat[sl[S_Rb], sl[S_Ra]]]])
  else (m = M_keyed and g = JOIN_ACK) => (F_hmac -> app[TL160, hmac[cat[sl[S_Ka], sl[S_Kb]], cat[sl[S_Ra], sl[S_Rb]]]])
  else (m = M_keyed and g = ADD_ADDR) => (F_addr -> SA2 + F_id -> I2)
  else (m = M_keyed and g = FASTCLOSE) => (F_key -> sl[S_Kb])
  else none -> none
}
fun fail[m: Mode, g: MsgName, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {
  (m = M_plain_nokey and g = MPC_ACK) => (not eq[fld[F_receiver_key], sl[S_Kb]] => F_TCP else none)
  else (m = M_plain_nokey and g = JOIN_SYNACK) => (not eq[fld[F_hmac], app[TL64, hmac[cat[sl[S_Kb], sl[S_Ka]], cat[fld[F_Rb], sl[S_Ra]]]]] => F_RST else none)
  else (m = M_plain_nokey and g = JOIN_ACK) => (not eq[fld[F_hmac], app[TL160, hmac[cat[sl[S_Ka], sl[S_Kb]], cat[sl[S_Ra], sl[S_Rb]]]]] => F_RST else none)
  else (m = M_plain_nokey and g = FASTCLOSE) => (not eq[fld[F_key], sl[S_Kb]] => F_DROP else none)
  else (m = M_keyed and g = MPC_ACK) => (not eq[fld[F_receiver_key], sl[S_Kb]] => F_TCP else none)
  else (m = M_keyed and g = JOIN_SYNACK) => (not eq[fld[F_hmac], app[TL64, hmac[cat[sl[S_Kb], sl[S_Ka]], cat[fld[F_Rb], sl[S_Ra]]]]] => F_RST else none)
  else (m = M_keyed and g = JOIN_ACK) => (not eq[fld[F_hmac], app[TL160, hmac[cat[sl[S_Ka], sl[S_Kb]], cat[sl[S_Ra], sl[S_Rb]]]]] => F_RST else none)
  else (m = M_keyed and g = FASTCLOSE) => (not eq[fld[F_key], sl[S_Kb]] => F_DROP else none)
  else none
}
fun stores[m: Mode, g: MsgName, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {
  (m = M_plain_nokey and g = MPC_SYN) => (S_Ka -> fld[F_sender_key])
  else (m = M_plain_nokey and g = MPC_SYNACK) => (S_Kb -> fld[F_sender_key])
  else (m = M_plain_nokey and g = MPC_ACK) => (S_Ka -> fld[F_sender_key])
  else (m = M_plain_nokey and g = JOIN_SYN) => (S_Ra -> fld[F_Ra])
  else (m = M_plain_nokey and g = JOIN_SYNACK) => (S_Rb -> fld[F_Rb])
  else (m = M_keyed and g = MPC_SYN) => (S_Ka -> fld[F_sender_key])
  else (m = M_keyed and g = MPC_SYNACK) => (S_Kb -> fld[F_sender_key])
  else (m = M_keyed and g = MPC_ACK) => (S_Ka -> fld[F_sender_key])
  else (m = M_keyed and g = JOIN_SYN) => (S_Ra -> fld[F_Ra])
  else (m = M_keyed and g = JOIN_SYNACK) => (S_Rb -> fld[F_Rb])
  else none -> none
}
fun keep_MPC_SYN[m: Mode, fr, ext: lone Term]: SlotName -> Term {
  m = M_plain_nokey => (S_Ka -> fr)
  else m = M_keyed => (S_Ka -> fr)
  else none -> none
}
fun fields_MPC_SYN[m: Mode, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {
  m = M_plain_nokey => (F_sender_key -> sl[S_Ka])
  else m = M_keyed => (F_sender_key -> sl[S_Ka])
  else none -> none
}
fun fail_MPC_SYN[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {
  none
}
fun stores_MPC_SYN[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {
  m = M_plain_nokey => (S_Ka -> fld[F_sender_key])
  else m = M_keyed => (S_Ka -> fld[F_sender_key])
  else none -> none
}
fun keep_MPC_SYNACK[m: Mode, fr, ext: lone Term]: SlotName -> Term {
  m = M_plain_nokey => (S_Kb -> fr)
  else m = M_keyed => (S_Kb -> fr)
  else none -> none
}
fun fields_MPC_SYNACK[m: Mode, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {
  m = M_plain_nokey => (F_sender_key -> sl[S_Kb])
  else m = M_keyed => (F_sender_key -> sl[S_Kb])
  else none -> none
}
fun fail_MPC_SYNACK[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {
  none
}
fun stores_MPC_SYNACK[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {
  m = M_plain_nokey => (S_Kb -> fld[F_sender_key])
  else m = M_keyed => (S_Kb -> fld[F_sender_key])
  else none -> none
}
fun keep_MPC_ACK[m: Mode, fr, ext: lone Term]: SlotName -> Term {
  none -> none
}
fun fields_MPC_ACK[m: Mode, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {
  m = M_plain_nokey => (F_sender_key -> sl[S_Ka] + F_receiver_key -> sl[S_Kb])
  else m = M_keyed => (F_sender_key -> sl[S_Ka] + F_receiver_key -> sl[S_Kb])
  else none -> none
}
fun fail_MPC_ACK[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {
  m = M_plain_nokey => (not eq[fld[F_receiver_key], sl[S_Kb]] => F_TCP else none)
  else m = M_keyed => (not eq[fld[F_receiver_key], sl[S_Kb]] => F_TCP else none)
  else none
}
fun stores_MPC_ACK[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {
  m = M_plain_nokey => (S_Ka -> fld[F_sender_key])
  else m = M_keyed => (S_Ka -> fld[F_sender_key])
  else none -> none
}
fun keep_KEY_A[m: Mode, fr, ext: lone Term]: SlotName -> Term {
  none -> none
}
fun fields_KEY_A[m: Mode, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {
  none -> none
}
fun fail_KEY_A[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {
  none
}
fun stores_KEY_A[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {
  none -> none
}
fun keep_KEY_B[m: Mode, fr, ext: lone Term]: SlotName -> Term {
  none -> none
}
fun fields_KEY_B[m: Mode, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {
  none -> none
}
fun fail_KEY_B[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {
  none
}
fun stores_KEY_B[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {
  none -> none
}
fun keep_JOIN_SYN[m: Mode, fr, ext: lone Term]: SlotName -> Term {
  m = M_plain_nokey => (S_Ra -> fr)
  else m = M_keyed => (S_Ra -> fr)
  else none -> none
}
fun fields_JOIN_SYN[m: Mode, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {
  m = M_plain_nokey => (F_Ra -> sl[S_Ra] + F_token -> app[TOKEN, sl[S_Kb]])
  else m = M_keyed => (F_Ra -> sl[S_Ra] + F_token -> xor[ext, app[TOKEN, sl[S_Kb]]])
  else none -> none
}
fun fail_JOIN_SYN[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {
  none
}
fun stores_JOIN_SYN[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {
  m = M_plain_nokey => (S_Ra -> fld[F_Ra])
  else m = M_keyed => (S_Ra -> fld[F_Ra])
  else none -> none
}
fun keep_JOIN_SYNACK[m: Mode, fr, ext: lone Term]: SlotName -> Term {
  m = M_plain_nokey => (S_Rb -> fr)
  else m = M_keyed => (S_Rb -> fr)
  else none -> none
}
fun fields_JOIN_SYNACK[m: Mode, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {
  m = M_plain_nokey => (F_Rb -> sl[S_Rb] + F_hmac -> app[TL64, hmac[cat[sl[S_Kb], sl[S_Ka]], cat[sl[S_Rb], sl[S_Ra]]]])
  else m = M_keyed => (F_Rb -> sl[S_Rb] + F_hmac -> app[TL64, hmac[cat[sl[S_Kb], sl[S_Ka]], cat[sl[S_Rb], sl[S_Ra]]]])
  else none -> none
}
fun fail_JOIN_SYNACK[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {
  m = M_plain_nokey => (not eq[fld[F_hmac], app[TL64, hmac[cat[sl[S_Kb], sl[S_Ka]], cat[fld[F_Rb], sl[S_Ra]]]]] => F_RST else none)
  else m = M_keyed => (not eq[fld[F_hmac], app[TL64, hmac[cat[sl[S_Kb], sl[S_Ka]], cat[fld[F_Rb], sl[S_Ra]]]]] => F_RST else none)
  else none
}
fun stores_JOIN_SYNACK[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {
  m = M_plain_nokey => (S_Rb -> fld[F_Rb])
  else m = M_keyed => (S_Rb -> fld[F_Rb])
  else none -> none
}
fun keep_JOIN_ACK[m: Mode, fr, ext: lone Term]: SlotName -> Term {
  none -> none
}
fun fields_JOIN_ACK[m: Mode, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {
  m = M_plain_nokey => (F_hmac -> app[TL160, hmac[cat[sl[S_Ka], sl[S_Kb]], cat[sl[S_Ra], sl[S_Rb]]]])
  else m = M_keyed => (F_hmac -> app[TL160, hmac[cat[sl[S_Ka], sl[S_Kb]], cat[sl[S_Ra], sl[S_Rb]]]])
  else none -> none
}
fun fail_JOIN_ACK[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {
  m = M_plain_nokey => (not eq[fld[F_hmac], app[TL160, hmac[cat[sl[S_Ka], sl[S_Kb]], cat[sl[S_Ra], sl[S_Rb]]]]] => F_RST else none)
  else m = M_keyed => (not eq[fld[F_hmac], app[TL160, hmac[cat[sl[S_Ka], sl[S_Kb]], cat[sl[S_Ra], sl[S_Rb]]]]] => F_RST else none)
  else none
}
fun stores_JOIN_ACK[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {
  none -> none
}
fun keep_ADD_ADDR[m: Mode, fr, ext: lone Term]: SlotName -> Term {
  none -> none
}
fun fields_ADD_ADDR[m: Mode, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {
  m = M_plain_nokey => (F_addr -> SA2 + F_id -> I2)
  else m = M_keyed => (F_addr -> SA2 + F_id -> I2)
  else none -> none
}
fun fail_ADD_ADDR[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {
  none
}
fun stores_ADD_ADDR[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {
  none -> none
}
fun keep_FASTCLOSE[m: Mode, fr, ext: lone Term]: SlotName -> Term {
  none -> none
}
fun fields_FASTCLOSE[m: Mode, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {
  m = M_plain_nokey => (F_key -> sl[S_Kb])
  else m = M_keyed => (F_key -> sl[S_Kb])
  else none -> none
}
fun fail_FASTCLOSE[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {
  m = M_plain_nokey => (not eq[fld[F_key], sl[S_Kb]] => F_DROP else none)
  else m = M_keyed => (not eq[fld[F_key], sl[S_Kb]] => F_DROP else none)
  else none
}
fun stores_FASTCLOSE[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {
  none -> none
}
fun lkField[m: Mode]: lone FieldName { m = M_plain_nokey => F_token else m = M_keyed => F_token else none }
fun lkVal[m: Mode, sl: SlotName -> Term, ext, idx: lone Term]: lone Term {
    m = M_plain_nokey => app[TOKEN, sl[S_Kb]]
    else m = M_keyed => xor[ext, app[TOKEN, sl[S_Kb]]]
    else none
}
fun lkSelect[m: Mode]: Select { m = M_plain_nokey => BY_TOKEN else m = M_keyed => RECENT else BY_TOKEN }
fun lkWindow[m: Mode]: Int { m = M_plain_nokey => 0 else m = M_keyed => 0 else 0 }
pred lkOnce[m: Mode] { m in none }
fun lkLimit[m: Mode]: Int { m = M_plain_nokey => 2 else m = M_keyed => 2 else 0 }
fun lkIdx: set Num { I0 }
