module modes/v1

/*
 * The rfc8684 (MPTCP v1) mode as data (the Alloy twin of models/tla/core/schemes/Mode_rfc8684.tla):
 * keys in clear in MP_CAPABLE, joins by token(Key-B), HMACs keyed with Key-A||Key-B, the
 * ADD_ADDR HMAC, the receiver's key in MP_FASTCLOSE. Shared by rfc8684 and by the external-key
 * schemes that fall back to it. Each function is one column of the scheme interface (lang.als)
 * restricted to this mode: a case table over the message name.
 */
open terms
open lang

one sig V1 extends Mode {}
one sig Ka, Kb, Ra, Rb extends SlotName {}
one sig F_Ka, F_Kb, F_token, F_Ra, F_Rb, F_mac, F_id, F_key extends FieldName {}

fun v1Sends: set MsgName { MPC_SYN + MPC_SYNACK + MPC_ACK + JOIN_SYN + JOIN_SYNACK + JOIN_ACK + ADD_ADDR + FASTCLOSE }
pred v1Draws[g: MsgName] { g in MPC_SYN + MPC_SYNACK + JOIN_SYN + JOIN_SYNACK }
fun v1KeepNames[g: MsgName]: set SlotName {
  g = MPC_SYN => Ka else g = MPC_SYNACK => Kb else g = JOIN_SYN => Ra else g = JOIN_SYNACK => Rb else none
}
fun v1Keep[g: MsgName, fr: lone Term]: SlotName -> Term { v1KeepNames[g] -> fr }
fun v1FieldNames[g: MsgName]: set FieldName {
  g = MPC_SYNACK => F_Kb else g = MPC_ACK => F_Ka + F_Kb else g = JOIN_SYN => F_token + F_Ra
  else g = JOIN_SYNACK => F_mac + F_Rb else g = JOIN_ACK => F_mac else g = ADD_ADDR => F_addr + F_id + F_mac
  else g = FASTCLOSE => F_key else none
}
fun v1Fields[g: MsgName, sl: SlotName -> Term]: FieldName -> Term {
  g = MPC_SYNACK => F_Kb -> sl[Kb]
  else g = MPC_ACK => F_Ka -> sl[Ka] + F_Kb -> sl[Kb]
  else g = JOIN_SYN => F_token -> token[sl[Kb]] + F_Ra -> sl[Ra]
  else g = JOIN_SYNACK => F_mac -> tl64[hmac[cat[sl[Kb], sl[Ka]], cat[sl[Rb], sl[Ra]]]] + F_Rb -> sl[Rb]
  else g = JOIN_ACK => F_mac -> tl160[hmac[cat[sl[Ka], sl[Kb]], cat[sl[Ra], sl[Rb]]]]
  else g = ADD_ADDR => F_addr -> SA2 + F_id -> I2 + F_mac -> tr64[hmac[cat[sl[Kb], sl[Ka]], cat[I2, SA2]]]
  else g = FASTCLOSE => F_key -> sl[Kb]
  else none -> none
}
fun v1Fail[g: MsgName, sl: SlotName -> Term, fld: FieldName -> Term]: lone Fail {
  g = MPC_ACK => (not eq[fld[F_Kb], sl[Kb]] => F_TCP else none)
  else g = JOIN_SYNACK => (not eq[fld[F_mac], tl64[hmac[cat[sl[Kb], sl[Ka]], cat[fld[F_Rb], sl[Ra]]]]] => F_RST else none)
  else g = JOIN_ACK => (not eq[fld[F_mac], tl160[hmac[cat[sl[Ka], sl[Kb]], cat[sl[Ra], sl[Rb]]]]] => F_RST else none)
  else g = ADD_ADDR => (not eq[fld[F_mac], tr64[hmac[cat[sl[Kb], sl[Ka]], cat[fld[F_id], fld[F_addr]]]]] => F_DROP else none)
  else g = FASTCLOSE => (not eq[fld[F_key], sl[Kb]] => F_DROP else none)
  else none
}
fun v1StoreNames[g: MsgName]: set SlotName {
  g = MPC_SYNACK => Kb else g = MPC_ACK => Ka else g = JOIN_SYN => Ra else g = JOIN_SYNACK => Rb else none
}
fun v1Stores[g: MsgName, fld: FieldName -> Term]: SlotName -> Term {
  g = MPC_SYNACK => Kb -> fld[F_Kb] else g = MPC_ACK => Ka -> fld[F_Ka]
  else g = JOIN_SYN => Ra -> fld[F_Ra] else g = JOIN_SYNACK => Rb -> fld[F_Rb] else none -> none
}
fun v1LkVal[sl: SlotName -> Term]: lone Term { token[sl[Kb]] }
