module induction

/*
 * The induction step of a proof (issue #12, item 3; docs/proofs.md, "Alloy induction"), checked
 * by the Alloy Analyzer. ONE module for every scheme and cell: the scheme is the generated data
 * module `scheme` (the same AlloySchemeModule text the Alloy generic core opens), the cell's term
 * universe is the generated `dag`, and the candidate invariant is the generated `inv` (its
 * knowledge, role states and segments per stage, computed from the definition in Java).
 * Nothing here names a scheme. The generated `mirror` module adds the client's ADD_ADDR
 * (ADD_ADDR_A) and the server's MP_FASTCLOSE (FASTCLOSE_B), proof-only (docs/proofs.md, "Both
 * ends"); the functions below in capitals read the scheme module's tables and the mirror's as one.
 *
 * A state of the role abstraction is Pre: what the attacker knows, one state (or none) per role,
 * the honest segments sent and those observed, and the stage. The checks quantify over EVERY
 * such state and every transition Tr (Alloy searches all of them for a counterexample):
 *   Base:     the initial state lies in the invariant;
 *   Step:     a state in the invariant and one transition from it give a state in the invariant
 *             (a role sends a message, a role receives an honest segment, a replay or a forgery,
 *             or the attacker makes its first injection);
 *   Property: a state in the invariant satisfies the property (ExternalKeySecrecy: the key is not
 *             synthesisable and no truncation of it is known; the authenticity family: a forgery
 *             of the protected kind is accepted only as a field-for-field copy of an observed
 *             segment of the receiver's peer, none at all before the first honest one, and no
 *             JOIN_ACK is accepted on a join state the attacker's SYN opened).
 */
open termsig
open dag
open terms
open lang
open scheme
open mirror
open proofsig
open inv

abstract sig How {}
one sig SEND, HONEST, REPLAY, FORGE, ACTIVATE extends How {}

-- an arbitrary state; `syn` is derived (the attacker's synthesis from `know`)
one sig Pre {
  know: set Term,
  syn: set Term,
  val: Role -> lone Val,
  sent: set ISeg,
  obs: set ISeg,
  stage: one Stage
}

-- an arbitrary transition from Pre
one sig Tr {
  how: one How,
  role: one Role,          -- the sender, or the receiver
  g: one MsgName,
  from: one Val,           -- the state it acts in
  seg: lone ISeg,          -- the honest segment delivered or replayed
  forged: FieldName -> lone Term,
  ix: one Num              -- the join index (the lookup's candidate for a JOIN_SYN)
}

-- Synthesis (Dolev-Yao, the rules of Attacker.tla without XOR): known terms, public constants,
-- the attacker's own atoms, and every constructor applied to synthesisable arguments. The term
-- universe is a finite dag, so this recursive equation has exactly one solution, the least one.
fact synthesis {
  Pre.syn = Pre.know + Pub + XAtom
    + { t: App | t.aarg in Pre.syn } + { t: Hmac | t.hkey + t.hmsg in Pre.syn }
    + { t: Cat | t.chd + t.ctl in Pre.syn }
}

fun KEY: Term { Key }
-- the scheme module's per-(mode, message) tables united with the mirror module's (disjoint message names)
fun SENDS: Mode -> MsgName { sends + msends }
fun KEEPN[m: Mode, gg: MsgName]: set SlotName { keepNames[m, gg] + mkeepNames[m, gg] }
fun FIELDN[m: Mode, gg: MsgName]: set FieldName { fieldNames[m, gg] + mfieldNames[m, gg] }
fun KEEP[m: Mode, gg: MsgName, fr, ext: lone Term]: SlotName -> Term { keep[m, gg, fr, ext] + mkeep[m, gg, fr, ext] }
fun FIELDS[m: Mode, gg: MsgName, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {
  fields[m, gg, sl, ext, idx, src, dst] + mfields[m, gg, sl, ext, idx, src, dst]
}
fun FAIL[m: Mode, gg: MsgName, sl: SlotName -> Term, fl: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {
  fail[m, gg, sl, fl, ext, idx, src, dst] + mfail[m, gg, sl, fl, ext, idx, src, dst]
}
fun STORES[m: Mode, gg: MsgName, sl: SlotName -> Term, fl: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {
  stores[m, gg, sl, fl, ext, idx, src, dst] + mstores[m, gg, sl, fl, ext, idx, src, dst]
}
-- the option kind on the wire: a mirror message shares its core kind's (a replay may reflect it)
fun wire[gg: MsgName]: MsgName { some gg.wireOf => gg.wireOf else gg }
fun cm: Mode { negoA[Y, Y] }
fun sm: Mode { negoB[Y, Y] }
fun modeOf[r: Role]: Mode { r in RC + cjoins => cm else sm }
fun senderMode[m: MsgName]: Mode { m in MPC_SYN + MPC_ACK + KEY_A + JOIN_SYN + JOIN_ACK + FASTCLOSE + ADD_ADDR_A => cm else sm }
fun answerOf[m: MsgName]: lone MsgName {
  m = MPC_SYN => MPC_SYNACK else m = MPC_SYNACK => MPC_ACK else m = JOIN_SYN => JOIN_SYNACK
    else m = JOIN_SYNACK => JOIN_ACK else none
}
fun FORGEABLE: set MsgName { JOIN_SYN + JOIN_SYNACK + JOIN_ACK + ADD_ADDR + FASTCLOSE + ADD_ADDR_A + FASTCLOSE_B }
fun idxOf[v: Val]: Num { some v.vidx => v.vidx else I0 }

-- the state lies in the invariant of stage st
pred within[st: Stage] {
  Pre.know in st.invKnow
  all r: Role | Pre.val[r] in st.invVal[r]
  Pre.sent in st.invSent
  Pre.obs in st.invObs
}
pred invariant { within[Pre.stage] }

pred initial {
  Pre.know = initKnow
  all r: RC + RS | one Pre.val[r] and no Pre.val[r].vsl and no Pre.val[r].vidx and no Pre.val[r].vorig
  no (Role - RC - RS).(Pre.val)
  no Pre.sent and no Pre.obs
  Pre.stage = Passive
}

pred seen[st: Stage, m: MsgName] { st = Active => m in seenAlways else m in seenAlways + seenUntilActive }

-- the stage-st invariant holds a role state / an honest segment / an observation equal to these
pred valIn[st: Stage, r: Role, sl: SlotName -> Term, ix: lone Num, og: lone Ghost] {
  some v: st.invVal[r] | v.vsl = sl and v.vidx = ix and v.vorig = og
}
pred segIn[ss: set ISeg, m: MsgName, r: Role, f: FieldName -> Term] {
  some s: ss | s.skind = m and s.sfrom = r and s.sfld = f
}
pred observedIn[st: Stage, m: MsgName, r: Role, f: FieldName -> Term] {
  segIn[st.invObs, m, r, f]
  FieldName.f.*(chd + ctl) in st.invKnow     -- what the attacker learns, analysed
}

-- sending g in mode m from slots sl: the slots after (keep) and the fields
fun kept[r: Role, m: Mode, gg: MsgName, sl: SlotName -> Term]: SlotName -> Term { sl ++ KEEP[m, gg, gg.(r.fresh), KEY] }
fun flds[m: Mode, gg: MsgName, sl: SlotName -> Term, ix: Num]: FieldName -> Term { FIELDS[m, gg, sl, KEY, ix, C1A1, SA1] }
-- the end sends g from here: its mode has g, g is not silenced, the slots its templates read are set
pred sendable[m: Mode, gg: MsgName, sl: SlotName -> Term] { gg in m.SENDS and gg not in silenced and needs[m][gg] in sl.Term }
-- every kept slot and every field has a value in the universe (else the universe is too small: a failure)
pred defined[r: Role, m: Mode, gg: MsgName, sl: SlotName -> Term, ix: Num] {
  KEEPN[m, gg] in KEEP[m, gg, gg.(r.fresh), KEY].Term
  all f: FIELDN[m, gg] | one flds[m, gg, kept[r, m, gg, sl], ix][f]
}
-- the emission stays in the invariant of stage st
pred emits[st: Stage, r: Role, m: Mode, gg: MsgName, sl: SlotName -> Term, ix: Num, gix: lone Num, og: lone Ghost, toX: Int] {
  defined[r, m, gg, sl, ix]
  let a = kept[r, m, gg, sl], f = flds[m, gg, a, ix] {
    valIn[st, r, a, gix, og]
    segIn[st.invSent, gg, r, f]
    (toX = 1 or seen[st, gg]) => observedIn[st, gg, r, f]
  }
}

----------------------------------------------------------------------------- originations
pred origination {
  Tr.how = SEND
  (Tr.role in RC and Tr.from = Pre.val[Tr.role] and Tr.ix = I0
     and Tr.g in KEY_A + FASTCLOSE + ADD_ADDR_A + (no Tr.from.vsl => MPC_SYN else none))
  or (Tr.role in cjoins and Tr.from = Pre.val[Tr.role.conn] and some Tr.from.vsl and Tr.g = JOIN_SYN and Tr.ix = Tr.role.jix)
  or (Tr.role in RS and Tr.from = Pre.val[Tr.role] and Tr.ix = I0 and Tr.g in KEY_B + ADD_ADDR + FASTCLOSE_B)
  sendable[modeOf[Tr.role], Tr.g, kept[Tr.role, modeOf[Tr.role], Tr.g, Tr.from.vsl]]
}
pred originationStays {
  emits[Pre.stage, Tr.role, modeOf[Tr.role], Tr.g, Tr.from.vsl, Tr.ix,
        (Tr.g = JOIN_SYN and Tr.ix != I0) => Tr.ix else Tr.from.vidx, Tr.from.vorig, 0]
}

----------------------------------------------------------------------------- deliveries
fun fld: FieldName -> Term { Tr.how = FORGE => Tr.forged else Tr.seg.sfld }
pred delivery {
  Tr.how in HONEST + REPLAY + FORGE
  let r = Tr.role, m = modeOf[Tr.role] {
    (r in RS and Tr.g = MPC_SYN and no Tr.from.vsl and no Tr.from.vidx and no Tr.from.vorig)
      or (r in RC and Tr.g in MPC_SYNACK + KEY_B + ADD_ADDR + FASTCLOSE_B and Tr.from = Pre.val[r])
      or (r in RS and Tr.g in MPC_ACK + KEY_A + FASTCLOSE + ADD_ADDR_A and Tr.from = Pre.val[r])
      or (r in sjoins and Tr.g = JOIN_SYN and Tr.from = Pre.val[r.conn])
      or (r in sjoins and Tr.g = JOIN_ACK and Tr.from = Pre.val[r])
      or (r in cjoins and Tr.g = JOIN_SYNACK and Tr.from = Pre.val[r])
    Tr.g in m.SENDS                                -- else the receiver ignores the option
    -- a client join's server state is opened only by that join's own SYN; hx<k> only by the attacker's
    Tr.how = HONEST => (Tr.seg in Pre.sent and Tr.seg.skind = Tr.g and Tr.seg.sfrom = r.peer
                        and not (Tr.g = JOIN_SYN and no r.peer))
    Tr.how in REPLAY + FORGE => (Pre.stage = Active and not (Tr.g = JOIN_SYN and some r.peer))
    -- a replay of any observed segment of the option's kind, either direction (a reflection too)
    Tr.how = REPLAY => (Tr.seg in Pre.obs and wire[Tr.seg.skind] = wire[Tr.g])
    Tr.how = FORGE => {
      no Tr.seg
      Tr.g in FORGEABLE and Tr.g in senderMode[Tr.g].SENDS
      Tr.forged.Term = FIELDN[senderMode[Tr.g], Tr.g]
      FieldName.(Tr.forged) in Pre.syn
      -- a field no check compares carries the attacker's own atom (the core's attacker)
      all f: FIELDN[senderMode[Tr.g], Tr.g] - checked[m][Tr.g] | Tr.forged[f] = f.xat
    }
    Tr.g = JOIN_SYN => Tr.ix in cands[m] else Tr.ix = idxOf[Tr.from]
  }
}
-- every check passes, and a JOIN_SYN's token lookup matches the index
pred accepted {
  let m = modeOf[Tr.role] {
    no FAIL[m, Tr.g, Tr.from.vsl, fld, KEY, Tr.ix, C1A1, SA1]
    (Tr.g = JOIN_SYN and lkSelect[m] = BY_TOKEN) => eq[fld[lkField[m]], lkVal[m, Tr.from.vsl, KEY, Tr.ix]]
  }
}
fun rSl: SlotName -> Term { Tr.from.vsl ++ STORES[modeOf[Tr.role], Tr.g, Tr.from.vsl, fld, KEY, Tr.ix, C1A1, SA1] }
fun rIdx: lone Num { Tr.g = JOIN_SYN => Tr.ix else Tr.from.vidx }
-- who built the SYN that opened a join state: the attacker (a forgery) or the host that sent the honest SYN
fun rOrig: lone Ghost { Tr.g = JOIN_SYN => (Tr.how = FORGE => GAttacker else Tr.seg.sfrom.host) else Tr.from.vorig }
pred deliveryStays {
  let r = Tr.role, m = modeOf[Tr.role], a = answerOf[Tr.g], st = Pre.stage {
    (some a and sendable[m, a, kept[r, m, a, rSl]])
      => emits[st, r, m, a, rSl, some rIdx => rIdx else I0, rIdx, rOrig,
               (Tr.how in REPLAY + FORGE and Tr.g in JOIN_SYN + MPC_SYN) => 1 else 0]
      else valIn[st, r, rSl, rIdx, rOrig]
  }
}

----------------------------------------------------------------------------- the checks
pred activation { Tr.how = ACTIVATE and Pre.stage = Passive }

check Base { initial => invariant } for 1 but 5 Int

check Step {
  invariant => {
    origination => originationStays
    (delivery and accepted) => deliveryStays
    activation => within[Active]
  }
} for 1 but 5 Int

pred keySecret {
  KEY not in Pre.syn
  no t: Pre.know & App | t.aarg in KEY and t.aop in TL32 + TL64 + TL160 + TR64
}
pred authentic {
  (delivery and accepted and Tr.g in guarded) => {
    Tr.how = FORGE => (no silenced and segIn[Active.invObs, Tr.g, Tr.role.peer, Tr.forged])
    -- a replay keeps its origin: with several clients, another client's segment is not the owner's
    Tr.how in HONEST + REPLAY => Tr.seg.sfrom.host = Tr.role.owner
    Tr.g = JOIN_ACK => Tr.from.vorig in Tr.role.owner
  }
}
check Property { (invariant and Pre.stage = Active) => ((secrecy => keySecret) and authentic) } for 1 but 5 Int

-- the witness: an attacker-delivered segment reaches a receiver's checks from a state of the invariant
run Witness { invariant and delivery and Tr.how in REPLAY + FORGE } for 1 but 5 Int
