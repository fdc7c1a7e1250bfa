module scheme

/*
 * broken, the negative control (docs/schemes.md), as data for the Alloy generic core (the twin
 * of models/tla/core/schemes/Scheme_broken.tla). Nothing is signalled: each end runs KEYED when
 * it holds a key, else PLAIN. A keyed client's Key-A IS its external key (in clear). The server
 * attaches every join to its most recent open connection, keeps any number of half-open joins
 * and checks no third ACK, ADD_ADDR or MP_FASTCLOSE. The SYN/ACK HMAC covers the server address
 * the join went to (server: where the SYN arrived; client: the connection's server).
 */
open terms
open lang
open modes/v1

one sig KEYED, PLAIN extends Mode {}
one sig Srv, Laddr extends SlotName {}

pred usesKey { Y = Y }
fun negoA[ck, sk: YN]: Mode { ck = Y => KEYED else PLAIN }
fun negoB[ck, sk: YN]: Mode { sk = Y => KEYED else PLAIN }
fun sends: Mode -> MsgName { (KEYED + PLAIN) -> v1Sends }
fun jslots: set SlotName { Ra + Rb + Laddr }
pred draws[m: Mode, g: MsgName] { g in MPC_SYNACK + JOIN_SYN + JOIN_SYNACK or (m = PLAIN and g = MPC_SYN) }
fun keepNames[m: Mode, g: MsgName]: set SlotName {
  g = MPC_SYN => Ka else g = MPC_SYNACK => Kb else g = JOIN_SYN => Ra else g = JOIN_SYNACK => Rb else none
}
fun keep[m: Mode, g: MsgName, fr, ext: lone Term]: SlotName -> Term {
  (m = KEYED and g = MPC_SYN) => Ka -> ext else keepNames[m, g] -> fr
}
fun fieldNames[m: Mode, g: MsgName]: set FieldName {
  g = MPC_SYNACK => F_Kb else g = MPC_ACK => F_Ka + F_Kb else g = JOIN_SYN => F_token + F_Ra
  else g = JOIN_SYNACK => F_mac + F_Rb else g = JOIN_ACK => F_mac else g = ADD_ADDR => F_addr + F_id
  else g = FASTCLOSE => F_key else none
}
-- the join HMAC key: the external key when keyed, Key-B || Key-A when plain
fun hk[m: Mode, sl: SlotName -> Term, ext: lone Term]: lone Term { m = KEYED => ext else cat[sl[Kb], sl[Ka]] }
fun fields[m: Mode, g: MsgName, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {
  g = MPC_SYNACK => F_Kb -> sl[Kb]
  else g = MPC_ACK => F_Ka -> sl[Ka] + F_Kb -> sl[Kb]
  else g = JOIN_SYN => F_token -> token[sl[Kb]] + F_Ra -> sl[Ra]
  else g = JOIN_SYNACK => F_mac -> tl64[hmac[hk[m, sl, ext], cat3[sl[Rb], sl[Ra], sl[Laddr]]]] + F_Rb -> sl[Rb]
  else g = JOIN_ACK => F_mac -> tl160[hmac[hk[m, sl, ext], cat[sl[Ra], sl[Rb]]]]
  else g = ADD_ADDR => F_addr -> SA2 + F_id -> I2
  else g = FASTCLOSE => F_key -> sl[Kb]
  else none -> none
}
fun fail[m: Mode, g: MsgName, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {
  g = JOIN_SYNACK => (not eq[fld[F_mac], tl64[hmac[hk[m, sl, ext], cat3[fld[F_Rb], sl[Ra], sl[Srv]]]]] => F_RST else none)
  else none
}
fun storeNames[m: Mode, g: MsgName]: set SlotName {
  g = MPC_SYNACK => Kb + Srv else g = MPC_ACK => Ka else g = JOIN_SYN => Ra + Laddr else g = JOIN_SYNACK => Rb else none
}
fun stores[m: Mode, g: MsgName, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {
  g = MPC_SYNACK => Kb -> fld[F_Kb] + Srv -> src
  else g = MPC_ACK => Ka -> fld[F_Ka]
  else g = JOIN_SYN => Ra -> fld[F_Ra] + Laddr -> dst
  else g = JOIN_SYNACK => Rb -> fld[F_Rb] else none -> none
}
fun lkField[m: Mode]: lone FieldName { F_token }
fun lkVal[m: Mode, sl: SlotName -> Term, ext, idx: lone Term]: lone Term { none }
fun lkSelect[m: Mode]: Select { RECENT_OPEN }
fun lkWindow[m: Mode]: Int { 0 }
pred lkOnce[m: Mode] { Y = N }
fun lkLimit[m: Mode]: Int { 0 }
