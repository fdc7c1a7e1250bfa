module lang

/*
 * The vocabulary of a scheme's DATA form (the Alloy twin of models/tla/core/SchemeLang.tla).
 * A scheme module (schemes/<scheme>.als, GENERATED from models/schemes/<scheme>.scheme by
 * AlloySchemeModule, opened by the core as `scheme`) declares its modes and defines exactly the
 * functions listed under "Interface" below as case tables over (mode, message) whose entries
 * are terms over the context arguments; its slot, field and label atoms are declared by the
 * cell's generated dag.als (termsig.als). It contains no attacker knowledge and no logic of the
 * core.
 *
 * Interface (every scheme module defines all of them):
 *   pred usesKey                          the scheme has an external key at all
 *   pred hostKey                          the server's key is host-wide (the last bound, the highest
 *                                          application's), not the connection's application's
 *   fun negoA[ck, sk: YN]: Mode            mode of the client (A) by who holds a key
 *   fun negoB[ck, sk: YN]: Mode            mode of the server (B)
 *   fun sends: Mode -> MsgName             which options a mode sends
 *   fun jslots: set SlotName               the per-join slots (the others are per connection)
 *   pred draws[m: Mode, g: MsgName]        the sender draws one fresh value for g
 *   fun keepNames[m, g]: set SlotName      slots the sender sets when it builds g
 *   fun keep[m, g, fr, ext]: SlotName -> Term         their values (fr: the fresh value)
 *   fun fieldNames[m, g]: set FieldName
 *   fun fields[m, g, sl, ext, idx, src, dst]: FieldName -> Term   over the sender's slots
 *   fun fail[m, g, sl, fld, ext, idx, src, dst]: lone Fail      the first failing check's outcome
 *   fun storeNames[m, g]: set SlotName
 *   fun stores[m, g, sl, fld, ext, idx, src, dst]: SlotName -> Term   receiver's slots after
 *   fun keep_G, fields_G, fail_G, stores_G  for each message G: the same tables restricted to G
 *                                          (arguments as above without g), what core.als calls:
 *                                          only G's cases are translated at a handler of G
 *   fun lkField[m]: lone FieldName; fun lkVal[m, sl, ext, idx]: lone Term; fun lkSelect[m]: Select;
 *   fun lkWindow[m]: Int; pred lkOnce[m]; fun lkLimit[m]: Int      the server's JOIN_SYN lookup
 *   fun lkIdx: set Num                     the join indices a lookup can match (I0 without a window)
 * Context: sl the evaluating end's slots (connection and join slots merged), fld the received
 * segment's fields, ext the end's external key (none without one), idx the join index (a Num),
 * src/dst the segment's addresses. A template that needs a term absent from the instance
 * evaluates to none; a missing field fails every check on it (terms/eq).
 */
open termsig
open terms

abstract sig YN {}
one sig Y, N extends YN {}

abstract sig Mode {}
one sig TCP extends Mode {}                           -- plain TCP: no option at all

abstract sig Phase {}
one sig HANDSHAKE, KEYS, JOIN, ADDR, CLOSE extends Phase {}
fun phaseOf: MsgName -> Phase {
  (MPC_SYN + MPC_SYNACK + MPC_ACK + HS_ACK) -> HANDSHAKE + (KEY_A + KEY_B) -> KEYS
    + (JOIN_SYN + JOIN_SYNACK + JOIN_ACK) -> JOIN + ADD_ADDR -> ADDR + FASTCLOSE -> CLOSE
}

abstract sig Fail {}
one sig F_TCP, F_RST, F_DROP extends Fail {}          -- fall back to TCP, reset the join, ignore

abstract sig Select {}
-- BY_TOKEN: the connection whose expected value equals the field; RECENT: only the connection the
-- server created last (open or not), and the field must equal its expected value; RECENT_OPEN:
-- the most recent open connection, the field is not looked at (SchemeLang.tla's selects)
one sig BY_TOKEN, RECENT, RECENT_OPEN extends Select {}
