module core

/*
 * The Alloy generic core (issue 10, items 1-3; the Alloy twin of models/tla/core/MptcpCore.tla).
 * ONE model for every scheme: the scheme is the module `scheme` (schemes/<scheme>.als, generated
 * from the definition, copied as scheme.als beside this file; data only, see lang.als), the
 * cell's term universe is the generated `dag` (termsig.als), the attacker is a Profile plus the
 * generic knowledge of attacker.als, and every segment sent and every segment received is its
 * own step of an Alloy 6 trace (var relations, `steps` scope). Nothing here names a scheme.
 *
 * Network: segments in flight form a set (`Net`), so any of them may be delivered next
 * (reordering; delay = not yet delivered). A receiver's answer leaves in the step that
 * delivers what it answers. An on-path attacker may drop a segment of its path or rewrite its
 * source address; any attacker with `injects` may put into flight a segment of its own, any
 * field any value it can synthesise (of the field's domain in dag.als), from any source address (spoofed, blind), or replay any
 * segment it observed (origin unchanged: ground truth is who built the option) from and to any
 * address, on the original or a fresh 4-tuple. It receives every segment sent to XA.
 *
 * Population (fixed in this core): one connection per client, the client C1 of application 1
 * (key K1) and, in two-keys-one-host, C2 of application 2 (key K2); MaxJoins = the CJ atoms of
 * a client. Left out (docs/models.md, "Alloy generic core"): loss (Lossy), the attacker as an
 * MPTCP peer, several connections per client or clients per application,
 * injection of MP_CAPABLE and key-agreement segments, data, RST segments, REMOVE_ADDR, MP_PRIO.
 */
open termsig
open dag
open terms
open lang
open attacker
open knowledge
open scheme
open util/ordering[Seg] as SO
open util/ordering[HS] as HO

-----------------------------------------------------------------------------
-- Population, addresses, keys

abstract sig Actor {}
one sig S, X extends Actor {}                         -- the server, the attacker
abstract sig Client extends Actor { a1, a2: one Addr, key: one Key,
  -- the client's end (c*) and the server's end (s*) of its connection, the indices of its
  -- tickets used, connections the server created before it, addresses it accepted (and who
  -- built that ADD_ADDR: the server, raccS, or anyone else, raccX), who closed it
  -- (slot values are typed by dag.als's SlotVal, the union of the slot domains, so Kodkod's
  -- matrices are domain-sized; fields of Client, not of one global sig: every relation has
  -- arity <= 3, which keeps the universe^arity of the translation within Kodkod's capacity)
  var cst: one St, var cmode: one Mode,
  var sst: one St, var smode: one Mode,
  var used: set Num, var older: set Client,
  var raccS, raccX: set Addr, var closedBy: lone Actor }
-- The slots of each end as binary var relations over (owner, slot name) atoms, read through the
-- ternary functions ccs, scs (per client) and jjs (per join). Kodkod's capacity: Pardinus adds a
-- state column to every var relation, so a ternary var relation is a 4-ary matrix, and
-- universe^4 must stay below 2^31 (at most 215 atoms); a scheme with a ticket chain can have
-- more than 200 terms alone and exceed it
-- ("Translation capacity exceeded", docs/models.md). Binary var relations need universe^3 only.
-- The command scope gives exactly one CS atom per (client, slot name) and one JS atom per
-- (join, slot name) (AlloyCoreScope), and the fact below makes them that product.
sig CS { csc: one Client, csn: one SlotName, var cv, sv: set SlotVal }
sig JS { jsj: one CJ, jsn: one SlotName, var jv: set SlotVal }
fact slotCells {
  all c: Client, n: SlotName | one x: CS | x.csc = c and x.csn = n
  all j: CJ, n: SlotName | one x: JS | x.jsj = j and x.jsn = n
}
fun ccs: Client -> SlotName -> SlotVal { {c: Client, n: SlotName, v: SlotVal | v in (csc.c & csn.n).cv} }
fun scs: Client -> SlotName -> SlotVal { {c: Client, n: SlotName, v: SlotVal | v in (csc.c & csn.n).sv} }
one sig C1 extends Client {}
lone sig C2 extends Client {}
-- keys (K1, and K2 with two clients), role nonces and the attacker's atoms: declared by dag.als
fact population {
  C1.a1 = C1A1 and C1.a2 = C1A2 and C1.key = K1
  all c: C2 | c.a1 = C2A1 and c.a2 = C2A2 and c.key = Key - K1
  #Client = #Key
}

abstract sig Path {}
one sig P1, P2, PX extends Path {}                    -- initial subflow, join path, attacker's

abstract sig Sf {}                                    -- a subflow (4-tuple identity)
sig Sf0 extends Sf { c0: one Client }                 -- a client's initial subflow
sig CJ extends Sf { owner: one Client, jn: one Num,    -- a client's join number jn (its idx)
  var jst: lone JSt, var jdst: lone Addr }   -- its slots: jjs (below)
sig ISf extends Sf {}                                 -- fresh 4-tuples of injected SYNs
fact subflows {
  c0 in Sf0 one -> one Client
  all j: CJ | j.jn != I0 and (j.jn != I1 => some k: joinsOf[j.owner] | k.jn.nx = j.jn)
  all disj j, k: CJ | j.owner = k.owner => j.jn != k.jn
}
fun sfClient: Sf -> Client { c0 + owner }
fun jjs: CJ -> SlotName -> SlotVal { {j: CJ, n: SlotName, v: SlotVal | v in (jsj.j & jsn.n).jv} }
fun joinsOf[c: Client]: set CJ { owner.c }

-----------------------------------------------------------------------------
-- The cell: profile, who holds the external key, negative control, attacker bounds

abstract sig Side {}
one sig BOTH, CLIENT, SERVER extends Side {}
-- A profile is selected by the cell's scope (exactly 1 of these atoms, 0 of the others), so its
-- capabilities below are constants the translator folds: only the chosen cell is encoded.
abstract sig Profile {}
lone sig eavesdrop_handshake, eavesdrop_all, syn_join_rewrite, join_dos, add_addr_mitm,
         fastclose_forge, legit_join, nat_join, one_sided_key, two_keys_one_host extends Profile {}
fact oneProfile { one Profile }
-- docs/threat-model.md, "Attacker profiles" (the same table as MptcpCore.tla's Profiles):
-- the paths and phases it observes, whether only until its first injection, whether it injects,
-- where it drops and rewrites, whether a NAT rewrites the client's p2 source
fun paths: Profile -> Path {
  (eavesdrop_handshake + add_addr_mitm) -> P1 + (eavesdrop_all + join_dos + fastclose_forge) -> (P1 + P2)
    + syn_join_rewrite -> P2
}
fun phases: Profile -> Phase {
  (eavesdrop_handshake + add_addr_mitm) -> (HANDSHAKE + KEYS)
    + (eavesdrop_all + join_dos + fastclose_forge + syn_join_rewrite) -> Phase
}
fun untilActive: set Profile { eavesdrop_all + join_dos + fastclose_forge }
fun injectors: set Profile {
  eavesdrop_handshake + eavesdrop_all + syn_join_rewrite + join_dos + add_addr_mitm + fastclose_forge
}
fun onpath: Profile -> Path { syn_join_rewrite -> P2 }
fun natted: set Profile { nat_join }
one sig Cell { keyedSide: one Side, attackerHasKey: one YN, maxInj, maxRew: one Int }
fun P: Profile { Profile }

pred clientHas[c: Client] { usesKey and Cell.keyedSide in BOTH + CLIENT }
pred serverHas { usesKey and Cell.keyedSide in BOTH + SERVER }
fun ckey[c: Client]: lone Key { clientHas[c] => c.key else none }
-- per socket: the key of the connection's application; host-wide (lang.als hostKey): the key bound
-- last on the host, the highest application's, for every connection (MptcpCore.tla's ServerKey)
fun hostK: Key { some C2 => C2.key else C1.key }
fun skey[c: Client]: lone Key { serverHas => (hostKey => hostK else c.key) else none }
fun yn[b: Int]: YN { b = 1 => Y else N }
fun ckHas[c: Client]: YN { clientHas[c] => Y else N }
fun skHas: YN { serverHas => Y else N }

-----------------------------------------------------------------------------
-- Segments and state

sig Seg {
  m: one MsgName, opt: one YN, path: one Path, src, dst: one Addr, sf: one Sf,
  fld: FieldName -> lone FieldVal, orig: one Actor
}
abstract sig St {}
one sig NONE, SYNSENT, SYNRCVD, MPTCP, PLAIN, CLOSED extends St {}
abstract sig JSt {}
one sig J_SENT, J_EST, J_FAILED extends JSt {}
abstract sig HSt {}
one sig H_HALF, H_EST extends HSt {}

-- the server's join state, created once from a SYN (static attributes) and then live or gone
sig HS { hno: one Num, hc: one Client, hsf: one Sf, hsrc, hloc: one Addr, horig: one Actor, hidx: one Num,
         hjs: SlotName -> lone SlotVal, var hst: lone HSt, var hack: lone Actor }

-- client end (A) and server end (B) of each client's connection
var sig CKx, CKok, CFe, SKx, SKok, Advd in Client {}   -- own key msg sent, peer's accepted,
                                                        -- third ACK acknowledged, ADD_ADDR sent
var sig Net, Sent, Seen, Injd, Rewd, Reached in Seg {} -- in flight, ever sent, observed by the
                                                        -- attacker, injected, dropped/rewritten,
                                                        -- injected and processed by an honest end
var sig Drawn in Nonce {}
-- the in-flight segment a step acts on (delivers, drops, rewrites or replays): a state relation
-- instead of a quantifier over Seg, so each handler is translated once per state, not once per
-- segment atom (measured: docs/models.md, "Alloy generic core")
var sig Cur in Seg {}
var sig Touched in Sf {}                                -- a segment lost, dropped or rewritten
var sig HBorn in HS {}
var sig SBorn in Client {}                              -- connections the server created

-- new atoms are taken in a fixed order (no symmetric choice for the solver)
fun nextSeg: lone Seg { SO/min[Seg - Sent] }
-- the value a role draws for message g: one nonce atom per role (dag.als), so which nonce a
-- slot holds is never the solver's choice: client c's connection, its join j, join state h
fun cIdx: Client -> Num { C1 -> I1 + C2 -> I2 }
fun cN[c: Client, g: MsgName]: lone Nonce { g.((c.cIdx).cNonce) }
fun jN[j: CJ, g: MsgName]: lone Nonce { g.(((j.jn).((j.owner.cIdx).jKey)).jNonce) }
fun hN[h: HS, g: MsgName]: lone Nonce { g.((h.hno).hNonce) }
fact hsNumbers { HO/first.hno = I1 and all h: HS - HO/last | HO/next[h].hno = h.hno.nx }
fun nextHs: lone HS { HO/min[HS - HBorn] }
fun freshISf: set ISf { ISf - Sent.sf }   -- (util/ordering cannot order an empty sig)

-- the attacker's knowledge (Base, know, synthK, knowledgeIsClosed) is the cell's generated
-- knowledge.als (AlloyCoreKnowledge): explicit synthesis and analysis rounds of attacker.als over
-- Base, as many synthesis rounds as the cell's universe needs, and none at all in a cell that
-- nothing reads them in (no attacker profile, no ExternalKeySecrecy)

-----------------------------------------------------------------------------
-- Helpers

fun merge[cs, js: SlotName -> Term]: SlotName -> Term { ((SlotName - jslots) <: cs) + (jslots <: js) }
fun connPart[sl: SlotName -> Term]: SlotName -> Term { (SlotName - jslots) <: sl }
fun joinPart[sl: SlotName -> Term]: SlotName -> Term { jslots <: sl }
fun pathOf[f: Sf]: Path { f in Sf0 => P1 else (f in CJ => P2 else PX) }
-- a NAT on p2 (nat-join) rewrites the client's source address, and back
fun natS[p: Path, f: Sf, a: Addr]: Addr {
  (P in natted and p = P2 and some f.sfClient and a = f.sfClient.a2) => NAT else a
}
fun natD[p: Path, f: Sf, a: Addr]: Addr {
  (P in natted and p = P2 and some f.sfClient and a = NAT) => f.sfClient.a2 else a
}

pred readyEnd[st: St, md: Mode, kx, kok: Bool, own, peer: MsgName] {
  st = MPTCP and (own in md.sends => kx = True) and (peer in md.sends => kok = True)
}
abstract sig Bool {}
one sig True, False extends Bool {}
fun b[p: set Client, c: Client]: Bool { c in p => True else False }
pred readyA[c: Client] { readyEnd[c.(cst), c.(cmode), b[CKx, c], b[CKok, c], KEY_A, KEY_B] and c in CFe }
pred readyB[c: Client] { readyEnd[c.(sst), c.(smode), b[SKx, c], b[SKok, c], KEY_B, KEY_A] }
pred live[c: Client] { c.(sst) = MPTCP }

-- the attacker sees a segment: sent to or by XA, or on a path and phase of its profile
-- (with untilActive: only before its first injection)
pred observes[s: Seg] {
  s.dst = XA or s.src = XA
  or (s.path in P.paths and s.m.phaseOf in P.phases and (P in untilActive => no Injd))
}

-- one step's effect on the wire: `gone` leaves the network, `out` (0 or 1 new segment) enters
pred wire[gone, out: set Seg] {
  -- `no out & Sent`, not `out not in Sent`: with out = none the latter is false (none is in
  -- every set), which made every delivery without an answer impossible (found in session 7:
  -- no MP_FASTCLOSE, ADD_ADDR, JOIN_ACK, key message or dropped SYN was ever received)
  no out & Sent
  Sent' = Sent + out
  Net' = (Net - gone) + {s: out | s.dst != XA}      -- segments to XA reach only the attacker
  let obs = {s: out | observes[s]} | Base' = Base + FieldName.(obs.fld) and Seen' = Seen + obs
}

-- draw the fresh value of a message (if it draws one)
pred fresh[md: Mode, g: MsgName, fr: lone Nonce] {
  draws[md, g] => (fr not in Drawn and Drawn' = Drawn + fr) else Drawn' = Drawn
}
-- The scheme's tables enter as VALUES: each handler knows its message g and evaluates that
-- message's own functions of the scheme module (keep_G, fields_G, fail_G, stores_G) once, so
-- only g's entries are translated. (Kodkod translates both branches of every if-then-else: with
-- the generic tables over (mode, message) every call site cost every case of every message;
-- measured: docs/models.md, "Session 9 (alloyfast)".)
-- kp: the slots the sender keeps when it builds g (keep_G); fv: g's fields over the kept slots
-- (fields_G); fl: the first failing check's outcome (fail_G); st: the receiver's stores (stores_G)

-- s is message g built by an end running md, or the step's plain TCP segment if md does not
-- send g; every field must evaluate to a term of the instance
pred build[s: Seg, md: Mode, g: MsgName, fv: FieldName -> Term, p: Path, a, d: Addr, f: Sf, o: Actor] {
  s.m = g and s.path = p and s.src = natS[p, f, a] and s.dst = natD[p, f, d] and s.sf = f and s.orig = o
  g in md.sends => (s.opt = Y and s.fld = fv and (s.fld).Term = fieldNames[md, g])
            else (s.opt = N and no s.fld)
}
pred emit[s: Seg, fr: lone Nonce, md: Mode, g: MsgName, kp: SlotName -> Term, fv: FieldName -> Term,
          p: Path, a, d: Addr, f: Sf, o: Actor] {
  fresh[md, g, fr]
  kp.Term = keepNames[md, g]
  build[s, md, g, fv, p, a, d, f, o]
}

-- receiving s (message g) at an end running md: the first failing check's outcome (none:
-- accepted); a plain segment where md expects the option, or the reverse, falls back (F_TCP)
fun rfail[md: Mode, s: Seg, g: MsgName, fl: lone Fail]: lone Fail {
  (g in md.sends and s.opt = Y) => fl
  else ((g not in md.sends and s.opt = N) => none else F_TCP)
}
pred accepted[md: Mode, s: Seg, g: MsgName, fl: lone Fail] {
  s.opt = Y and g in md.sends and no fl
}
fun rstore[md: Mode, s: Seg, g: MsgName, fl: lone Fail, sl, st: SlotName -> Term]: SlotName -> Term {
  accepted[md, s, g, fl] => sl ++ st else sl
}
-- an accepted segment's stores must evaluate to terms of the instance
pred storesOk[md: Mode, s: Seg, g: MsgName, fl: lone Fail, st: SlotName -> Term] {
  accepted[md, s, g, fl] => st.Term = storeNames[md, g]
}

-----------------------------------------------------------------------------
-- Frame conditions

pred keepCli { cst' = cst and cmode' = cmode and cv' = cv and CKx' = CKx and CKok' = CKok and CFe' = CFe }
pred keepJoins { jst' = jst and jdst' = jdst and jv' = jv }
pred keepSrv { sst' = sst and smode' = smode and sv' = sv and SKx' = SKx and SKok' = SKok
               and used' = used and Advd' = Advd and older' = older and SBorn' = SBorn }
pred keepHs { hst' = hst and hack' = hack and HBorn' = HBorn }
pred keepOut { raccS' = raccS and raccX' = raccX and closedBy' = closedBy }
pred keepAtt { Injd' = Injd and Rewd' = Rewd and Touched' = Touched and Reached' = Reached }
pred keepWire { Net' = Net and Sent' = Sent and Seen' = Seen and Base' = Base and Drawn' = Drawn }

-----------------------------------------------------------------------------
-- Whether an end has state for segment s (its 4-tuple and the end's phase)

pred fits[s: Seg] {
  let c = s.sf.sfClient, g = s.m {
    g = MPC_SYN => (s.sf in Sf0 and c.(sst) = NONE and s.dst = SA1)
    else g = MPC_SYNACK => (s.sf in Sf0 and c.(cst) = SYNSENT and s.src = SA1 and s.dst = c.a1)
    else g = MPC_ACK => (s.sf in Sf0 and c.(sst) = SYNRCVD and s.dst = SA1 and s.src = c.a1)
    else g = HS_ACK => (s.sf in Sf0 and c.(cst) in MPTCP + PLAIN and s.src = SA1 and s.dst = c.a1)
    else g = KEY_A => (s.sf in Sf0 and c.(sst) in MPTCP + SYNRCVD and s.dst = SA1 and s.src = c.a1)
    else g = KEY_B => (s.sf in Sf0 and c.(cst) = MPTCP and s.src = SA1 and s.dst = c.a1)
    else g = JOIN_SYN => s.dst in SA1 + SA2
    else g = JOIN_SYNACK => (s.sf in CJ and s.sf.(jst) = J_SENT and s.src = s.sf.(jdst) and s.dst = c.a2)
    else g = JOIN_ACK => (some h: HS | h.hst = H_HALF and h.hsf = s.sf and h.hsrc = s.src and h.hloc = s.dst)
    else g = ADD_ADDR => (s.sf in Sf0 and readyA[c] and s.src = SA1 and s.dst = c.a1)
    -- MP_FASTCLOSE only once the server is ready (readyB: after the key agreement where the mode
    -- has one; before it nothing authenticates an MP_FASTCLOSE, the reference ignores it, and
    -- MptcpCore.tla's Fits says ReadyB), as ADD_ADDR fits the client only once it is ready
    else (s.sf in Sf0 and (readyB[c] or c.(sst) = SYNRCVD) and s.dst = SA1 and s.src = c.a1)
  }
}
-- A client-to-server segment on the initial subflow other than the third ACK (KEY_A, or an
-- MP_FASTCLOSE, overtaking a delayed third ACK) that reaches a server still in SYNRCVD is an ACK
-- of its SYN/ACK without MP_CAPABLE: the server completes the handshake with it as TCP does, as a
-- plain TCP connection, and reads none of its options (the reference: MptcpEndpoint's third ACK
-- without MP_CAPABLE, "s: third ACK: plain TCP connection"; before session 10 the core discarded
-- it, and an instance with a fast close overtaking the third ACK did not replay)
pred earlyAck[s: Seg, c: Client] { s.m in KEY_A + FASTCLOSE and c.(sst) = SYNRCVD }

-----------------------------------------------------------------------------
-- Honest endpoints: every segment an end originates is one step

pred connect[c: Client] {
  c.(cst) = NONE
  let fr = cN[c, MPC_SYN], o = nextSeg, md = c.(cmode), kp = keep_MPC_SYN[md, fr, ckey[c]], sl = c.(ccs) ++ kp {
    emit[o, fr, md, MPC_SYN, kp, fields_MPC_SYN[md, sl, ckey[c], I0, c.a1, SA1], P1, c.a1, SA1, c0.c, c]
    cst' = cst ++ c -> SYNSENT and ccs' = ccs - c -> SlotName -> Term + c -> connPart[sl]
    wire[none, o]
  }
  cmode' = cmode and CKx' = CKx and CKok' = CKok and CFe' = CFe
  keepJoins and keepSrv and keepHs and keepOut and keepAtt
}

pred sendKeyA[c: Client] {
  c.(cst) = MPTCP and KEY_A in c.(cmode).sends and c not in CKx
  let fr = cN[c, KEY_A], o = nextSeg, md = c.(cmode), kp = keep_KEY_A[md, fr, ckey[c]], sl = c.(ccs) ++ kp {
    emit[o, fr, md, KEY_A, kp, fields_KEY_A[md, sl, ckey[c], I0, c.a1, SA1], P1, c.a1, SA1, c0.c, c]
    ccs' = ccs - c -> SlotName -> Term + c -> connPart[sl]
    wire[none, o]
  }
  CKx' = CKx + c and cst' = cst and cmode' = cmode and CKok' = CKok and CFe' = CFe
  keepJoins and keepSrv and keepHs and keepOut and keepAtt
}

-- B sends its key message in answer to A's (the order of the key-exchange figures we model)
pred sendKeyB[c: Client] {
  c.(sst) = MPTCP and KEY_B in c.(smode).sends and c not in SKx
  KEY_A in c.(smode).sends => c in SKok
  let fr = cN[c, KEY_B], o = nextSeg, md = c.(smode), kp = keep_KEY_B[md, fr, skey[c]], sl = c.(scs) ++ kp {
    emit[o, fr, md, KEY_B, kp, fields_KEY_B[md, sl, skey[c], I0, SA1, c.a1], P1, SA1, c.a1, c0.c, S]
    scs' = scs - c -> SlotName -> Term + c -> connPart[sl]
    wire[none, o]
  }
  SKx' = SKx + c and sst' = sst and smode' = smode and SKok' = SKok
  used' = used and Advd' = Advd and older' = older and SBorn' = SBorn
  keepCli and keepJoins and keepHs and keepOut and keepAtt
}

-- the client's next join, from its p2 address to SA1 or an address it accepted
pred startJoin[c: Client, d: Addr] {
  readyA[c] and JOIN_SYN in c.(cmode).sends
  d in SA1 + c.(raccS + raccX)
  some j: joinsOf[c] | no j.(jst) and (all k: joinsOf[c] | k.jn -> j.jn in lt => some k.(jst)) and
  (let fr = jN[j, JOIN_SYN], o = nextSeg, md = c.(cmode), kp = keep_JOIN_SYN[md, fr, ckey[c]], sl = c.(ccs) ++ kp {
    emit[o, fr, md, JOIN_SYN, kp, fields_JOIN_SYN[md, sl, ckey[c], j.jn, c.a2, d], P2, c.a2, d, j, c]
    ccs' = ccs - c -> SlotName -> Term + c -> connPart[sl]
    jst' = jst ++ j -> J_SENT and jdst' = jdst ++ j -> d and jjs' = jjs ++ j -> joinPart[sl]
    wire[none, o]
  })
  cst' = cst and cmode' = cmode and CKx' = CKx and CKok' = CKok and CFe' = CFe
  keepSrv and keepHs and keepOut and keepAtt
}

-- ADD_ADDR: the server advertises its second address once per connection
pred advertise[c: Client] {
  readyB[c] and c not in Advd and ADD_ADDR in c.(smode).sends
  let fr = cN[c, ADD_ADDR], o = nextSeg, md = c.(smode), kp = keep_ADD_ADDR[md, fr, skey[c]] {
    emit[o, fr, md, ADD_ADDR, kp, fields_ADD_ADDR[md, c.(scs) ++ kp, skey[c], I0, SA1, c.a1], P1, SA1, c.a1, c0.c, S]
    wire[none, o]
  }
  Advd' = Advd + c
  sst' = sst and smode' = smode and sv' = sv and SKx' = SKx and SKok' = SKok
  used' = used and older' = older and SBorn' = SBorn
  keepCli and keepJoins and keepHs and keepOut and keepAtt
}

-- MP_FASTCLOSE from the client; its end is gone once it is sent
pred close[c: Client] {
  readyA[c] and FASTCLOSE in c.(cmode).sends
  let fr = cN[c, FASTCLOSE], o = nextSeg, md = c.(cmode), kp = keep_FASTCLOSE[md, fr, ckey[c]] {
    emit[o, fr, md, FASTCLOSE, kp, fields_FASTCLOSE[md, c.(ccs) ++ kp, ckey[c], I0, c.a1, SA1], P1, c.a1, SA1, c0.c, c]
    wire[none, o]
  }
  cst' = cst ++ c -> CLOSED
  cmode' = cmode and cv' = cv and CKx' = CKx and CKok' = CKok and CFe' = CFe
  keepJoins and keepSrv and keepHs and keepOut and keepAtt
}

-----------------------------------------------------------------------------
-- Receivers: every delivery is one step; its answer, if any, leaves in it

pred recvMpcSyn[s: Seg, c: Client] {
  let sl0 = c.(scs), md0 = c.(smode), k = skey[c], fl = fail_MPC_SYN[md0, sl0, s.fld, k, I0, s.src, s.dst],
      st = stores_MPC_SYN[md0, sl0, s.fld, k, I0, s.src, s.dst], r = rfail[md0, s, MPC_SYN, fl],
      md = (no r => md0 else TCP), sl1 = rstore[md0, s, MPC_SYN, fl, sl0, st] {
    storesOk[md0, s, MPC_SYN, fl, st]
    let fr = cN[c, MPC_SYNACK], o = nextSeg, kp = keep_MPC_SYNACK[md, fr, k], sl2 = sl1 ++ kp {
      emit[o, fr, md, MPC_SYNACK, kp, fields_MPC_SYNACK[md, sl2, k, I0, s.dst, s.src], pathOf[s.sf], s.dst, s.src, s.sf, S]
      scs' = scs - c -> SlotName -> Term + c -> connPart[sl2]
      wire[s, o]
    }
    sst' = sst ++ c -> SYNRCVD and smode' = smode ++ c -> md
  }
  SBorn' = SBorn + c and older' = older + SBorn -> c
  SKx' = SKx and SKok' = SKok and used' = used and Advd' = Advd
  keepCli and keepJoins and keepHs and keepOut
}

pred recvMpcSynAck[s: Seg, c: Client] {
  let sl0 = c.(ccs), md0 = c.(cmode), k = ckey[c], fl = fail_MPC_SYNACK[md0, sl0, s.fld, k, I0, s.src, s.dst],
      st = stores_MPC_SYNACK[md0, sl0, s.fld, k, I0, s.src, s.dst], r = rfail[md0, s, MPC_SYNACK, fl],
      md = (no r => md0 else TCP), sl1 = rstore[md0, s, MPC_SYNACK, fl, sl0, st] {
    storesOk[md0, s, MPC_SYNACK, fl, st]
    let fr = cN[c, MPC_ACK], o = nextSeg, kp = keep_MPC_ACK[md, fr, k], sl2 = sl1 ++ kp {
      emit[o, fr, md, MPC_ACK, kp, fields_MPC_ACK[md, sl2, k, I0, s.dst, s.src], pathOf[s.sf], s.dst, s.src, s.sf, c]
      ccs' = ccs - c -> SlotName -> Term + c -> connPart[sl2]
      wire[s, o]
    }
    cst' = cst ++ c -> (MPC_ACK in md.sends => MPTCP else PLAIN) and cmode' = cmode ++ c -> md
  }
  CKx' = CKx and CKok' = CKok and CFe' = CFe
  keepJoins and keepSrv and keepHs and keepOut
}

-- the server's end of the third ACK; it answers with a plain ACK (HS_ACK)
pred recvMpcAck[s: Seg, c: Client] {
  let sl0 = c.(scs), md0 = c.(smode), k = skey[c], fl = fail_MPC_ACK[md0, sl0, s.fld, k, I0, s.src, s.dst],
      st = stores_MPC_ACK[md0, sl0, s.fld, k, I0, s.src, s.dst], r = rfail[md0, s, MPC_ACK, fl],
      mp = (no r and MPC_ACK in md0.sends => True else False) {
    storesOk[md0, s, MPC_ACK, fl, st]
    sst' = sst ++ c -> (mp = True => MPTCP else PLAIN)
    smode' = smode ++ c -> (mp = True => md0 else TCP)
    scs' = scs - c -> SlotName -> Term + c -> rstore[md0, s, MPC_ACK, fl, sl0, st]
    let o = nextSeg | build[o, TCP, HS_ACK, none -> none, pathOf[s.sf], s.dst, s.src, s.sf, S]
                  and wire[s, o]
  }
  Drawn' = Drawn
  SKx' = SKx and SKok' = SKok and used' = used and Advd' = Advd and older' = older and SBorn' = SBorn
  keepCli and keepJoins and keepHs and keepOut
}

pred recvHsAck[s: Seg, c: Client] {
  CFe' = CFe + c and wire[s, none] and Drawn' = Drawn
  cst' = cst and cmode' = cmode and cv' = cv and CKx' = CKx and CKok' = CKok
  keepJoins and keepSrv and keepHs and keepOut
}

-- (earlyAck above) the handshake completes as plain TCP; no answer, the options are not read
pred recvPlainThirdAck[s: Seg, c: Client] {
  sst' = sst ++ c -> PLAIN and smode' = smode ++ c -> TCP
  wire[s, none] and Drawn' = Drawn
  sv' = sv and SKx' = SKx and SKok' = SKok and used' = used and Advd' = Advd and older' = older and SBorn' = SBorn
  keepCli and keepJoins and keepHs and keepOut
}

pred recvKeyA[s: Seg, c: Client] {
  let sl0 = c.(scs), md = c.(smode), k = skey[c], fl = fail_KEY_A[md, sl0, s.fld, k, I0, s.src, s.dst],
      st = stores_KEY_A[md, sl0, s.fld, k, I0, s.src, s.dst] {
    storesOk[md, s, KEY_A, fl, st]
    accepted[md, s, KEY_A, fl] => (SKok' = SKok + c and
       scs' = scs - c -> SlotName -> Term + c -> rstore[md, s, KEY_A, fl, sl0, st])
    else (SKok' = SKok and sv' = sv)
  }
  wire[s, none] and Drawn' = Drawn
  sst' = sst and smode' = smode and SKx' = SKx and used' = used and Advd' = Advd
  older' = older and SBorn' = SBorn
  keepCli and keepJoins and keepHs and keepOut
}

pred recvKeyB[s: Seg, c: Client] {
  let sl0 = c.(ccs), md = c.(cmode), k = ckey[c], fl = fail_KEY_B[md, sl0, s.fld, k, I0, s.src, s.dst],
      st = stores_KEY_B[md, sl0, s.fld, k, I0, s.src, s.dst] {
    storesOk[md, s, KEY_B, fl, st]
    accepted[md, s, KEY_B, fl] => (CKok' = CKok + c and
       ccs' = ccs - c -> SlotName -> Term + c -> rstore[md, s, KEY_B, fl, sl0, st])
    else (CKok' = CKok and cv' = cv)
  }
  wire[s, none] and Drawn' = Drawn
  cst' = cst and cmode' = cmode and CKx' = CKx and CFe' = CFe
  keepJoins and keepSrv and keepHs and keepOut
}

-- the server's join lookup
fun cands: set Client { {c: Client | readyB[c] and JOIN_SYN in c.(smode).sends} }
fun window[c: Client]: set Num {
  let md = c.(smode), free = Num - I0 - c.(used) |
    lkWindow[md] = 0 => I0 else {i: free | #(free & lt.i) < lkWindow[md]}
}
fun mostRecentOpen: set Client { {c: Client | live[c] and no d: Client | live[d] and c -> d in older} }
-- the connection the server created last, open or not (a host-wide token_tnb that every SYN/ACK
-- overwrites, lang.als hostKey; MptcpCore.tla's MostRecent)
fun mostRecent: set Client { {c: SBorn | no d: SBorn | c -> d in older} }
-- computed once per state, outside the delivery's quantifiers (translation cost)
-- (a function, not a var relation: a ternary var relation exceeds Kodkod's capacity, see CS)
fun lkv: Client -> Num -> Term { {c: Client, i: Num, t: Term | t = lkVal[c.(smode), c.(scs), skey[c], i]} }
fun matches[s: Seg]: Client -> Num {
  {c: cands, i: lkIdx | i in window[c] and
     (lkSelect[c.(smode)] = BY_TOKEN => eq[s.fld[lkField[c.(smode)]], i.(c.(lkv))]
      else lkSelect[c.(smode)] = RECENT => (c in mostRecent and eq[s.fld[lkField[c.(smode)]], i.(c.(lkv))])
      else c in mostRecentOpen)}
}
fun halfOpen[c: Client]: set HS { {h: HS | h.hc = c and h.hst = H_HALF} }

pred recvJoinSyn[s: Seg] {
  let ms = matches[s] {
    (s.opt = Y and some ms and no h: HS | some h.hst and h.hsf = s.sf and h.hsrc = s.src)
    => (some c: Client, i: lkIdx | c -> i in ms and no (Client.ms & lt.i) and
          (let md = c.(smode), sl0 = c.(scs), k = skey[c], fl = fail_JOIN_SYN[md, sl0, s.fld, k, i, s.src, s.dst],
               st = stores_JOIN_SYN[md, sl0, s.fld, k, i, s.src, s.dst] |
            (accepted[md, s, JOIN_SYN, fl] and (lkLimit[md] = 0 or #halfOpen[c] < lkLimit[md]))
            => (storesOk[md, s, JOIN_SYN, fl, st] and
                (let h = nextHs, fr = hN[h, JOIN_SYNACK], o = nextSeg, sl1 = rstore[md, s, JOIN_SYN, fl, sl0, st],
                     kp = keep_JOIN_SYNACK[md, fr, k], sl2 = sl1 ++ kp {
                  some h
                  h.hc = c and h.hsf = s.sf and h.hsrc = s.src and h.hloc = s.dst and h.horig = s.orig
                  h.hidx = i and h.hjs = joinPart[sl2]
                  emit[o, fr, md, JOIN_SYNACK, kp, fields_JOIN_SYNACK[md, sl2, k, i, s.dst, s.src], pathOf[s.sf], s.dst, s.src, s.sf, S]
                  hst' = hst + h -> H_HALF and hack' = hack and HBorn' = HBorn + h
                  used' = (lkOnce[md] => used + c -> i else used)
                  wire[s, o]
                }))
            else rejectJoinSyn[s]))
    else rejectJoinSyn[s]
  }
  sst' = sst and smode' = smode and sv' = sv and SKx' = SKx and SKok' = SKok
  Advd' = Advd and older' = older and SBorn' = SBorn
  keepCli and keepJoins and keepOut
}
-- no state for the SYN (no match, over the limit, a retransmission): dropped, nothing changes
pred rejectJoinSyn[s: Seg] { wire[s, none] and Drawn' = Drawn and keepHs and used' = used }

pred recvJoinSynAck[s: Seg] {
  let j = s.sf, c = j.owner, md = c.(cmode), sl0 = merge[c.(ccs), j.(jjs)], k = ckey[c],
      fl = fail_JOIN_SYNACK[md, sl0, s.fld, k, j.jn, s.src, s.dst], st = stores_JOIN_SYNACK[md, sl0, s.fld, k, j.jn, s.src, s.dst] {
    accepted[md, s, JOIN_SYNACK, fl]
    => (storesOk[md, s, JOIN_SYNACK, fl, st] and
        (let fr = jN[j, JOIN_ACK], o = nextSeg, sl1 = rstore[md, s, JOIN_SYNACK, fl, sl0, st],
             kp = keep_JOIN_ACK[md, fr, k], sl2 = sl1 ++ kp {
          emit[o, fr, md, JOIN_ACK, kp, fields_JOIN_ACK[md, sl2, k, j.jn, s.dst, s.src], pathOf[s.sf], s.dst, s.src, s.sf, c]
          jst' = jst ++ j -> J_EST and jjs' = jjs ++ j -> joinPart[sl2]
          wire[s, o]
        }))
    else (jst' = jst ++ j -> J_FAILED and jv' = jv and wire[s, none] and Drawn' = Drawn)
  }
  jdst' = jdst
  keepCli and keepSrv and keepHs and keepOut
}

pred recvJoinAck[s: Seg] {
  some h: HS | h.hst = H_HALF and h.hsf = s.sf and h.hsrc = s.src and h.hloc = s.dst and
    (let c = h.hc, md = c.(smode), sl0 = merge[c.(scs), h.hjs] |
      (accepted[md, s, JOIN_ACK, fail_JOIN_ACK[md, sl0, s.fld, skey[c], h.hidx, s.src, s.dst]] and live[c])
      => (hst' = hst ++ h -> H_EST and hack' = hack ++ h -> s.orig)
      else (hst' = hst - h -> HSt and hack' = hack))
  HBorn' = HBorn and wire[s, none] and Drawn' = Drawn
  keepCli and keepJoins and keepSrv and keepOut
}

pred recvAddAddr[s: Seg, c: Client] {
  let md = c.(cmode), sl0 = c.(ccs) |
    (accepted[md, s, ADD_ADDR, fail_ADD_ADDR[md, sl0, s.fld, ckey[c], I0, s.src, s.dst]]
     and s.fld[F_addr] in Addr and some s.fld[F_addr])
    => (s.orig = S => (raccS' = raccS + c -> s.fld[F_addr] and raccX' = raccX)
        else (raccX' = raccX + c -> s.fld[F_addr] and raccS' = raccS))
    else (raccS' = raccS and raccX' = raccX)
  closedBy' = closedBy and wire[s, none] and Drawn' = Drawn
  keepCli and keepJoins and keepSrv and keepHs
}

pred recvFastClose[s: Seg, c: Client] {
  let md = c.(smode), sl0 = c.(scs) |
    accepted[md, s, FASTCLOSE, fail_FASTCLOSE[md, sl0, s.fld, skey[c], I0, s.src, s.dst]]
    => (sst' = sst ++ c -> CLOSED and closedBy' = closedBy ++ c -> s.orig
        and hst' = hst - (hc.c) -> HSt and hack' = hack)
    else (sst' = sst and closedBy' = closedBy and hst' = hst and hack' = hack)
  HBorn' = HBorn and raccS' = raccS and raccX' = raccX and wire[s, none] and Drawn' = Drawn
  smode' = smode and sv' = sv and SKx' = SKx and SKok' = SKok and used' = used
  Advd' = Advd and older' = older and SBorn' = SBorn
  keepCli and keepJoins
}

pred handle[s: Seg] {
  let c = s.sf.sfClient, g = s.m {
    g = MPC_SYN => recvMpcSyn[s, c]
    else g = MPC_SYNACK => recvMpcSynAck[s, c]
    else g = MPC_ACK => recvMpcAck[s, c]
    else g = HS_ACK => recvHsAck[s, c]
    else earlyAck[s, c] => recvPlainThirdAck[s, c]
    else g = KEY_A => recvKeyA[s, c]
    else g = KEY_B => recvKeyB[s, c]
    else g = JOIN_SYN => recvJoinSyn[s]
    else g = JOIN_SYNACK => recvJoinSynAck[s]
    else g = JOIN_ACK => recvJoinAck[s]
    else g = ADD_ADDR => recvAddAddr[s, c]
    else recvFastClose[s, c]
  }
}

-- delivery of an in-flight segment; one no end has state for is discarded
pred deliver[s: Seg] {
  s in Net
  fits[s] => (handle[s] and Reached' = Reached + (s & Injd))
  else (wire[s, none] and Drawn' = Drawn and Reached' = Reached and keepCli and keepJoins and keepSrv
        and keepHs and keepOut)
  Injd' = Injd and Rewd' = Rewd and Touched' = Touched
}

-----------------------------------------------------------------------------
-- The attacker. Where it may act comes from the Profile, what it puts into a field from its
-- knowledge: any term it can synthesise (attacker.als) among the values the cell's universe
-- admits for that field (dag.als `fdom`: what an honest sender puts there, the attacker's own
-- atoms, and every value a check or the lookup compares the field against).

pred canInject { P in injectors and #Injd < Cell.maxInj }
pred injectCommon[s: Seg] {
  canInject and s not in Sent and s.dst != XA
  Net' = Net + s and Sent' = Sent + s and Injd' = Injd + s
  Seen' = Seen and Base' = Base and Drawn' = Drawn and Rewd' = Rewd and Touched' = Touched and Reached' = Reached
  keepCli and keepJoins and keepSrv and keepHs and keepOut
}
-- a forged segment: a join, ADD_ADDR or MP_FASTCLOSE option; a SYN on a fresh 4-tuple, any
-- other segment on a 4-tuple it observed or created
pred forge[s: Seg] {
  injectCommon[s]
  s.orig = X and s.opt = Y and s.path = PX
  s.m in JOIN_SYN + JOIN_SYNACK + JOIN_ACK + ADD_ADDR + FASTCLOSE
  s.m = JOIN_SYN => s.sf in freshISf else s.sf in (Seen + Injd).sf
  s.fld in (s.m).fdom and FieldName.(s.fld) in synthK   -- values of the cell's universe (dag.als)
}
-- a replayed segment: an observed option, origin unchanged, from any source to any address;
-- a SYN may also come from a fresh 4-tuple
pred replay[t, s: Seg] {
  t in Seen and injectCommon[s]
  s.m = t.m and s.opt = t.opt and s.fld = t.fld and s.orig = t.orig and s.path = PX
  s.sf = t.sf or (t.m = JOIN_SYN and s.sf in freshISf)
  s.src -> s.dst -> s.sf != t.src -> t.dst -> t.sf
}

pred onPath[s: Seg] { s in Net and s.path in P.onpath and #Rewd < Cell.maxRew }
pred drop[s: Seg] {
  onPath[s]
  Net' = Net - s and Rewd' = Rewd + s and Touched' = Touched + s.sf
  Sent' = Sent and Seen' = Seen and Base' = Base and Drawn' = Drawn and Injd' = Injd and Reached' = Reached
  keepCli and keepJoins and keepSrv and keepHs and keepOut
}
pred rewrite[s, s2: Seg] {
  onPath[s] and s2 not in Sent and s2.src != s.src
  s2.m = s.m and s2.opt = s.opt and s2.path = s.path and s2.dst = s.dst and s2.sf = s.sf
  s2.fld = s.fld and s2.orig = s.orig
  Net' = Net - s + s2 and Sent' = Sent + s2 and Rewd' = Rewd + s and Touched' = Touched + s.sf
  Seen' = Seen and Base' = Base and Drawn' = Drawn and Injd' = Injd and Reached' = Reached
  keepCli and keepJoins and keepSrv and keepHs and keepOut
}

pred stutter {
  keepCli and keepJoins and keepSrv and keepHs and keepOut and keepAtt and keepWire
}

-----------------------------------------------------------------------------
-- Behaviours

pred init {
  cst = Client -> NONE and sst = Client -> NONE
  all c: Client | c.(cmode) = negoA[ckHas[c], skHas] and c.(smode) = negoB[ckHas[c], skHas]
  no cv and no sv and no used and no older and no SBorn
  no CKx and no CKok and no CFe and no SKx and no SKok and no Advd
  no jst and no jdst and no jv and no raccS and no raccX and no closedBy
  no hst and no hack and no HBorn
  no Net and no Sent and no Seen and no Injd and no Rewd and no Reached and no Touched and no Drawn
  Base = XAtom + (Cell.attackerHasKey = Y => Key else none)
}

pred step {
  (some c: Client | connect[c] or sendKeyA[c] or sendKeyB[c] or advertise[c] or close[c]
                    or (some d: SA1 + (FieldVal & Addr) | startJoin[c, d]))
  or (one Cur and (deliver[Cur] or drop[Cur] or rewrite[Cur, nextSeg] or replay[Cur, nextSeg])) or forge[nextSeg]
  or stutter
}

fact behaviour { init and always step }

-----------------------------------------------------------------------------
-- Properties (docs/properties.md) under their shared names, as predicates on one state; a
-- cell checks `always <Property>`. Those judged at quiescence hold while a segment is in flight.

fun Quiescent: set Seg { Net }   -- empty = quiescent

-- authentic means requested (docs/properties.md): the SYN's option is the client's and, when the
-- server accepted a third ACK, the client had sent its own on that join (J_EST), whoever built it
pred JoinAuthenticity { all h: HS | h.hst = H_EST => (h.horig = h.hc and h.hsf in CJ and h.hsf.(jst) = J_EST) }
pred ExternalKeySecrecy {
  Cell.attackerHasKey = Y or (no know & Key and no a: know & App | a.aop in TL32 + TL64 + TL160 + TR64 and a.aarg in Key)
}
pred SubflowEndpointAuthenticity { all h: HS | h.hst = H_EST => h.hsrc in h.hc.(a1 + a2) }
pred JoinStateUnforgeable {
  all h: HS | h.hst = H_HALF => (h.horig = h.hc and h.hsrc = h.hc.a2)
  all c: Client | #halfOpen[c] <= 2
}
pred AddrAuthenticity { no raccX }   -- every accepted address came from an ADD_ADDR the server built
-- the server fast-closes c only once c has sent its MP_FASTCLOSE (close: cst CLOSED), whoever built it
pred CloseAuthenticity { all c: Client | some c.(closedBy) => c.(cst) = CLOSED }
pred legitJoin[c: Client, j: CJ] {
  j.owner = c and some j.(jst) and j.(jdst) in SA1 + c.raccS
  j not in Touched and c0.c not in Touched and c.(cst) = MPTCP and c.(sst) = MPTCP
}
pred estBoth[c: Client, j: CJ] { j.(jst) = J_EST and some h: HS | h.hsf = j and h.hst = H_EST and h.hc = c }
pred allLegitJoinsEst { all c: Client, j: joinsOf[c] | legitJoin[c, j] => estBoth[c, j] }
pred LegitJoinSucceeds { no Net => allLegitJoinsEst }
pred CleanFallback {
  no Net => ((all c: Client | (c0.c not in Touched and c.(cst) in MPTCP + PLAIN and c.(sst) in MPTCP + PLAIN)
                               => c.(cst) = c.(sst)) and allLegitJoinsEst)
}
pred KeyIsolation {
  all h: HS | (h.hst = H_EST and h.horig in Client) => h.hc = h.horig
  no Net => allLegitJoinsEst
}

-- the witness of a profile with an attacker: one of its segments reached an honest end's checks
pred attackerReachedACheck { some Reached }
-- the witness of a profile without one: a legitimate join established at both ends
pred legitJoinEstablished { some c: Client, j: joinsOf[c] | legitJoin[c, j] and estBoth[c, j] }
