module scheme

/*
 * GENERATED from models/schemes/draft-paasch/unsignalled.scheme by AlloySchemeModule (via SchemeDataBuilder); do not edit.
 * Regenerate: mvn -pl models test -Dtest=GeneratedAlloySchemeTest -Dmptcp.core.write=true
 * draft-paasch/unsignalled as data for the Alloy generic core (interface: lang.als).
 */
open termsig
open dag
open terms
open lang

one sig M_keyless, M_app extends Mode {}

pred usesKey { Y = Y }
pred hostKey { Y = N }
fun negoA[ck, sk: YN]: Mode {
  (ck = N and sk = N) => M_keyless else (ck = N and sk = Y) => M_keyless else (ck = Y and sk = N) => M_app else (ck = Y and sk = Y) => M_app else TCP
}
fun negoB[ck, sk: YN]: Mode {
  (ck = N and sk = N) => M_keyless else (ck = N and sk = Y) => M_app else (ck = Y and sk = N) => M_keyless else (ck = Y and sk = Y) => M_app else TCP
}
fun sends: Mode -> MsgName { M_keyless -> MPC_SYN + M_keyless -> MPC_SYNACK + M_keyless -> MPC_ACK + M_keyless -> JOIN_SYN + M_keyless -> JOIN_SYNACK + M_keyless -> JOIN_ACK + M_keyless -> ADD_ADDR + M_keyless -> FASTCLOSE + M_app -> MPC_SYN + M_app -> MPC_SYNACK + M_app -> MPC_ACK + M_app -> JOIN_SYN + M_app -> JOIN_SYNACK + M_app -> JOIN_ACK + M_app -> ADD_ADDR + M_app -> FASTCLOSE }
fun jslots: set SlotName { S_Ra + S_Rb }
pred draws[m: Mode, g: MsgName] { m -> g in M_keyless -> MPC_SYN + M_keyless -> MPC_SYNACK + M_keyless -> JOIN_SYN + M_keyless -> JOIN_SYNACK + M_app -> MPC_SYN + M_app -> MPC_SYNACK + M_app -> JOIN_SYN + M_app -> JOIN_SYNACK }
fun keepNames[m: Mode, g: MsgName]: set SlotName { g.(m.(M_keyless -> MPC_SYN -> S_Ka + M_keyless -> MPC_SYNACK -> S_Kb + M_keyless -> JOIN_SYN -> S_Ra + M_keyless -> JOIN_SYNACK -> S_Rb + M_app -> MPC_SYN -> S_Ka + M_app -> MPC_SYNACK -> S_Kb + M_app -> JOIN_SYN -> S_Ra + M_app -> JOIN_SYNACK -> S_Rb)) }
fun fieldNames[m: Mode, g: MsgName]: set FieldName { g.(m.(M_keyless -> MPC_SYN -> F_sender_key + M_keyless -> MPC_SYNACK -> F_sender_key + M_keyless -> MPC_ACK -> F_sender_key + M_keyless -> MPC_ACK -> F_receiver_key + M_keyless -> JOIN_SYN -> F_Ra + M_keyless -> JOIN_SYN -> F_token + M_keyless -> JOIN_SYNACK -> F_Rb + M_keyless -> JOIN_SYNACK -> F_hmac + M_keyless -> JOIN_ACK -> F_hmac + M_keyless -> ADD_ADDR -> F_addr + M_keyless -> ADD_ADDR -> F_id + M_keyless -> FASTCLOSE -> F_key + M_app -> MPC_SYN -> F_sender_key + M_app -> MPC_SYNACK -> F_sender_key + M_app -> MPC_ACK -> F_sender_key + M_app -> MPC_ACK -> F_receiver_key + M_app -> JOIN_SYN -> F_Ra + M_app -> JOIN_SYN -> F_token + M_app -> JOIN_SYNACK -> F_Rb + M_app -> JOIN_SYNACK -> F_hmac + M_app -> JOIN_ACK -> F_hmac + M_app -> ADD_ADDR -> F_addr + M_app -> ADD_ADDR -> F_id + M_app -> FASTCLOSE -> F_key)) }
fun storeNames[m: Mode, g: MsgName]: set SlotName { g.(m.(M_keyless -> MPC_SYN -> S_Ka + M_keyless -> MPC_SYNACK -> S_Kb + M_keyless -> MPC_ACK -> S_Ka + M_keyless -> JOIN_SYN -> S_Ra + M_keyless -> JOIN_SYNACK -> S_Rb + M_app -> MPC_SYN -> S_Ka + M_app -> MPC_SYNACK -> S_Kb + M_app -> MPC_ACK -> S_Ka + M_app -> JOIN_SYN -> S_Ra + M_app -> JOIN_SYNACK -> S_Rb)) }

fun keep[m: Mode, g: MsgName, fr, ext: lone Term]: SlotName -> Term {
  (m = M_keyless and g = MPC_SYN) => (S_Ka -> fr)
  else (m = M_keyless and g = MPC_SYNACK) => (S_Kb -> fr)
  else (m = M_keyless and g = JOIN_SYN) => (S_Ra -> fr)
  else (m = M_keyless and g = JOIN_SYNACK) => (S_Rb -> fr)
  else (m = M_app and g = MPC_SYN) => (S_Ka -> fr)
  else (m = M_app and g = MPC_SYNACK) => (S_Kb -> fr)
  else (m = M_app and g = JOIN_SYN) => (S_Ra -> fr)
  else (m = M_app and g = JOIN_SYNACK) => (S_Rb -> fr)
  else none -> none
}
fun fields[m: Mode, g: MsgName, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {
  (m = M_keyless and g = MPC_SYN) => (F_sender_key -> sl[S_Ka])
  else (m = M_keyless and g = MPC_SYNACK) => (F_sender_key -> sl[S_Kb])
  else (m = M_keyless and g = MPC_ACK) => (F_sender_key -> sl[S_Ka] + F_receiver_key -> sl[S_Kb])
  else (m = M_keyless and g = JOIN_SYN) => (F_Ra -> sl[S_Ra] + F_token -> app[TOKEN, sl[S_Kb]])
  else (m = M_keyless and g = JOIN_SYNACK) => (F_Rb -> sl[S_Rb] + F_hmac -> app[TL64, hmac[cat[sl[S_Kb], sl[S_Ka]], cat[sl[S_Rb], sl[S_Ra]]]])
  else (m = M_keyless and g = JOIN_ACK) => (F_hmac -> app[TL160, hmac[cat[sl[S_Ka], sl[S_Kb]], cat[sl[S_Ra], sl[S_Rb]]]])
  else (m = M_keyless and g = ADD_ADDR) => (F_addr -> SA2 + F_id -> I2)
  else (m = M_keyless and g = FASTCLOSE) => (F_key -> sl[S_Kb])
  else (m = M_app and g = MPC_SYN) => (F_sender_key -> sl[S_Ka])
  else (m = M_app and g = MPC_SYNACK) => (F_sender_key -> sl[S_Kb])
  else (m = M_app and g = MPC_ACK) => (F_sender_key -> sl[S_Ka] + F_receiver_key -> sl[S_Kb])
  else (m = M_app and g = JOIN_SYN) => (F_Ra -> sl[S_Ra] + F_token -> app[TOKEN, sl[S_Kb]])
  else (m = M_app and g = JOIN_SYNACK) => (F_Rb -> sl[S_Rb] + F_hmac -> app[TL64, hmac[ext, cat[sl[S_Rb], sl[S_Ra]]]])
  else (m = M_app and g = JOIN_ACK) => (F_hmac -> app[TL160, hmac[ext, cat[sl[S_Ra], sl[S_Rb]]]])
  else (m = M_app and g = ADD_ADDR) => (F_addr -> SA2 + F_id -> I2)
  else (m = M_app and g = FASTCLOSE) => (F_key -> sl[S_Kb])
  else none -> none
}
fun fail[m: Mode, g: MsgName, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {
  (m = M_keyless and g = MPC_ACK) => (not eq[fld[F_receiver_key], sl[S_Kb]] => F_TCP else none)
  else (m = M_keyless and g = JOIN_SYNACK) => (not eq[fld[F_hmac], app[TL64, hmac[cat[sl[S_Kb], sl[S_Ka]], cat[fld[F_Rb], sl[S_Ra]]]]] => F_RST else none)
  else (m = M_keyless and g = JOIN_ACK) => (not eq[fld[F_hmac], app[TL160, hmac[cat[sl[S_Ka], sl[S_Kb]], cat[sl[S_Ra], sl[S_Rb]]]]] => F_RST else none)
  else (m = M_keyless and g = FASTCLOSE) => (not eq[fld[F_key], sl[S_Kb]] => F_DROP else none)
  else (m = M_app and g = MPC_ACK) => (not eq[fld[F_receiver_key], sl[S_Kb]] => F_TCP else none)
  else (m = M_app and g = JOIN_SYNACK) => (not eq[fld[F_hmac], app[TL64, hmac[ext, cat[fld[F_Rb], sl[S_Ra]]]]] => F_RST else none)
  else (m = M_app and g = JOIN_ACK) => (not eq[fld[F_hmac], app[TL160, hmac[ext, cat[sl[S_Ra], sl[S_Rb]]]]] => F_RST else none)
  else (m = M_app and g = FASTCLOSE) => (not eq[fld[F_key], sl[S_Kb]] => F_DROP else none)
  else none
}
fun stores[m: Mode, g: MsgName, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {
  (m = M_keyless and g = MPC_SYN) => (S_Ka -> fld[F_sender_key])
  else (m = M_keyless and g = MPC_SYNACK) => (S_Kb -> fld[F_sender_key])
  else (m = M_keyless and g = MPC_ACK) => (S_Ka -> fld[F_sender_key])
  else (m = M_keyless and g = JOIN_SYN) => (S_Ra -> fld[F_Ra])
  else (m = M_keyless and g = JOIN_SYNACK) => (S_Rb -> fld[F_Rb])
  else (m = M_app and g = MPC_SYN) => (S_Ka -> fld[F_sender_key])
  else (m = M_app and g = MPC_SYNACK) => (S_Kb -> fld[F_sender_key])
  else (m = M_app and g = MPC_ACK) => (S_Ka -> fld[F_sender_key])
  else (m = M_app and g = JOIN_SYN) => (S_Ra -> fld[F_Ra])
  else (m = M_app and g = JOIN_SYNACK) => (S_Rb -> fld[F_Rb])
  else none -> none
}
fun keep_MPC_SYN[m: Mode, fr, ext: lone Term]: SlotName -> Term {
  m = M_keyless => (S_Ka -> fr)
  else m = M_app => (S_Ka -> fr)
  else none -> none
}
fun fields_MPC_SYN[m: Mode, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {
  m = M_keyless => (F_sender_key -> sl[S_Ka])
  else m = M_app => (F_sender_key -> sl[S_Ka])
  else none -> none
}
fun fail_MPC_SYN[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {
  none
}
fun stores_MPC_SYN[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {
  m = M_keyless => (S_Ka -> fld[F_sender_key])
  else m = M_app => (S_Ka -> fld[F_sender_key])
  else none -> none
}
fun keep_MPC_SYNACK[m: Mode, fr, ext: lone Term]: SlotName -> Term {
  m = M_keyless => (S_Kb -> fr)
  else m = M_app => (S_Kb -> fr)
  else none -> none
}
fun fields_MPC_SYNACK[m: Mode, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {
  m = M_keyless => (F_sender_key -> sl[S_Kb])
  else m = M_app => (F_sender_key -> sl[S_Kb])
  else none -> none
}
fun fail_MPC_SYNACK[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {
  none
}
fun stores_MPC_SYNACK[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {
  m = M_keyless => (S_Kb -> fld[F_sender_key])
  else m = M_app => (S_Kb -> fld[F_sender_key])
  else none -> none
}
fun keep_MPC_ACK[m: Mode, fr, ext: lone Term]: SlotName -> Term {
  none -> none
}
fun fields_MPC_ACK[m: Mode, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {
  m = M_keyless => (F_sender_key -> sl[S_Ka] + F_receiver_key -> sl[S_Kb])
  else m = M_app => (F_sender_key -> sl[S_Ka] + F_receiver_key -> sl[S_Kb])
  else none -> none
}
fun fail_MPC_ACK[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {
  m = M_keyless => (not eq[fld[F_receiver_key], sl[S_Kb]] => F_TCP else none)
  else m = M_app => (not eq[fld[F_receiver_key], sl[S_Kb]] => F_TCP else none)
  else none
}
fun stores_MPC_ACK[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {
  m = M_keyless => (S_Ka -> fld[F_sender_key])
  else m = M_app => (S_Ka -> fld[F_sender_key])
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
  m = M_keyless => (S_Ra -> fr)
  else m = M_app => (S_Ra -> fr)
  else none -> none
}
fun fields_JOIN_SYN[m: Mode, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {
  m = M_keyless => (F_Ra -> sl[S_Ra] + F_token -> app[TOKEN, sl[S_Kb]])
  else m = M_app => (F_Ra -> sl[S_Ra] + F_token -> app[TOKEN, sl[S_Kb]])
  else none -> none
}
fun fail_JOIN_SYN[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {
  none
}
fun stores_JOIN_SYN[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {
  m = M_keyless => (S_Ra -> fld[F_Ra])
  else m = M_app => (S_Ra -> fld[F_Ra])
  else none -> none
}
fun keep_JOIN_SYNACK[m: Mode, fr, ext: lone Term]: SlotName -> Term {
  m = M_keyless => (S_Rb -> fr)
  else m = M_app => (S_Rb -> fr)
  else none -> none
}
fun fields_JOIN_SYNACK[m: Mode, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {
  m = M_keyless => (F_Rb -> sl[S_Rb] + F_hmac -> app[TL64, hmac[cat[sl[S_Kb], sl[S_Ka]], cat[sl[S_Rb], sl[S_Ra]]]])
  else m = M_app => (F_Rb -> sl[S_Rb] + F_hmac -> app[TL64, hmac[ext, cat[sl[S_Rb], sl[S_Ra]]]])
  else none -> none
}
fun fail_JOIN_SYNACK[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {
  m = M_keyless => (not eq[fld[F_hmac], app[TL64, hmac[cat[sl[S_Kb], sl[S_Ka]], cat[fld[F_Rb], sl[S_Ra]]]]] => F_RST else none)
  else m = M_app => (not eq[fld[F_hmac], app[TL64, hmac[ext, cat[fld[F_Rb], sl[S_Ra]]]]] => F_RST else none)
  else none
}
fun stores_JOIN_SYNACK[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {
  m = M_keyless => (S_Rb -> fld[F_Rb])
  else m = M_app => (S_Rb -> fld[F_Rb])
  else none -> none
}
fun keep_JOIN_ACK[m: Mode, fr, ext: lone Term]: SlotName -> Term {
  none -> none
}
fun fields_JOIN_ACK[m: Mode, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {
  m = M_keyless => (F_hmac -> app[TL160, hmac[cat[sl[S_Ka], sl[S_Kb]], cat[sl[S_Ra], sl[S_Rb]]]])
  else m = M_app => (F_hmac -> app[TL160, hmac[ext, cat[sl[S_Ra], sl[S_Rb]]]])
  else none -> none
}
fun fail_JOIN_ACK[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {
  m = M_keyless => (not eq[fld[F_hmac], app[TL160, hmac[cat[sl[S_Ka], sl[S_Kb]], cat[sl[S_Ra], sl[S_Rb]]]]] => F_RST else none)
  else m = M_app => (not eq[fld[F_hmac], app[TL160, hmac[ext, cat[sl[S_Ra], sl[S_Rb]]]]] => F_RST else none)
  else none
}
fun stores_JOIN_ACK[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {
  none -> none
}
fun keep_ADD_ADDR[m: Mode, fr, ext: lone Term]: SlotName -> Term {
  none -> none
}
fun fields_ADD_ADDR[m: Mode, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {
  m = M_keyless => (F_addr -> SA2 + F_id -> I2)
  else m = M_app => (F_addr -> SA2 + F_id -> I2)
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
  m = M_keyless => (F_key -> sl[S_Kb])
  else m = M_app => (F_key -> sl[S_Kb])
  else none -> none
}
fun fail_FASTCLOSE[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {
  m = M_keyless => (not eq[fld[F_key], sl[S_Kb]] => F_DROP else none)
  else m = M_app => (not eq[fld[F_key], sl[S_Kb]] => F_DROP else none)
  else none
}
fun stores_FASTCLOSE[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {
  none -> none
}
fun lkField[m: Mode]: lone FieldName { m = M_keyless => F_token else m = M_app => F_token else none }
fun lkVal[m: Mode, sl: SlotName -> Term, ext, idx: lone Term]: lone Term {
    m = M_keyless => app[TOKEN, sl[S_Kb]]
    else m = M_app => app[TOKEN, sl[S_Kb]]
    else none
}
fun lkSelect[m: Mode]: Select { m = M_keyless => BY_TOKEN else m = M_app => BY_TOKEN else BY_TOKEN }
fun lkWindow[m: Mode]: Int { m = M_keyless => 0 else m = M_app => 0 else 0 }
pred lkOnce[m: Mode] { m in none }
fun lkLimit[m: Mode]: Int { m = M_keyless => 2 else m = M_app => 2 else 0 }
fun lkIdx: set Num { I0 }
