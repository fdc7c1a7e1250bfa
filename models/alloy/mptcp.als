module mptcp

/*
 * MPTCP subflow authentication: an Alloy 6 model of every scheme of docs/schemes.md against the
 * attacker of docs/threat-model.md, checked for the properties of docs/properties.md.
 * Written from the RFCs/drafts and those docs; it shares only the vocabulary with the other engines.
 *
 * Time: an explicit total order of State atoms (util/ordering), not Alloy 6 `var`/`steps`.
 * Why: every action of the shared vocabulary is one complete protocol exchange, a counterexample
 * must be a finite action list that replays on the reference, and every property is a safety
 * property over the states of such a list (LegitJoinSucceeds included: a Join's outcome is known
 * when its exchange ends). An ordered chain of N states is exactly "every trace of at most N-1
 * actions" (the Skip stutter pads shorter ones), needs one SAT call per check (so vars, clauses
 * and seconds are one well-defined number), and shows every state as an atom in the instance XML.
 * Lasso-shaped infinite traces would add nothing to these properties.
 *
 * Abstraction: each connection belongs to one client (one connection per client, one scenario per
 * cell). Values are symbolic: Kind -> Client names "the value of this kind on that client's
 * connection" (its Key-A, Token-B, ...; EK is the external key of that client's application).
 * Attacker knowledge is exactly the closure (`close`) of what it observed under the scheme's public
 * derivations, never a superset: there is no guessing. Fresh-nonce HMACs (join HMACs, confirm
 * values, ADD_ADDR HMACs) are never modelled as knowledge: they are never inverted and a fresh
 * nonce makes a replay useless; what an attacker needs is the HMAC *key*.
 *
 * A generated cell module opens this one (AlloyCellSource.java): its commands' scope selects the
 * scheme, the attack and the attacker-has-key control (see "The cell is selected by the command's
 * scope" below); it holds the asserts named as the properties and their `check` commands. In
 * one-sided-key the keyed side is left free, so one check covers client-only and server-only.
 */

open util/ordering[State] as ord

-- ---------------------------------------------------------------- vocabulary

-- The cell is selected by the command's scope, not by a fact: a cell's command gives its
-- scheme, its attack and (for the control) AttackerHasKey the exact scope 1 and every other
-- one of these sigs the scope 0. Their bounds are then exact, so the translator folds every
-- "which scheme / which attack" test to a constant and only the chosen cell is encoded.
abstract sig Scheme {}
sig rfc6824, rfc8684, thesis_xor_global, thesis_xor, draft_paasch, draft_paasch_unsignalled,
    draft_baerts, draft_baerts_low_order, bound_key, broken extends Scheme {}

abstract sig Attack {}
sig eavesdrop_handshake, eavesdrop_all, syn_join_rewrite, join_dos, add_addr_mitm,
    fastclose_forge, legit_join, nat_join, one_sided_key, two_keys_one_host extends Attack {}

-- negative control: the attacker starts knowing every external key
sig AttackerHasKey {}

abstract sig Side {}
one sig client, server extends Side {}

abstract sig Flag {}
one sig Yes, No extends Flag {}

one sig Config {
  keyedSide: lone Side        -- one-sided-key only: the side that has the external key (free)
}
fact OneCell { one Scheme and one Attack and lone AttackerHasKey }
fun sch: Scheme { Scheme }
fun atk: Attack { Attack }

-- Ground truth: who really originated a segment.
abstract sig Origin {}
abstract sig Client extends Origin {}
one sig c1, c2 extends Client {}
one sig s, x extends Origin {}          -- the server host, the attacker

abstract sig Addr {}
one sig c1_a1, c1_a2, c2_a1, c2_a2, s_a1, s_a2, x_a, nat_a, spoof1, spoof2 extends Addr {}

abstract sig Status {}
one sig NoConn, Mptcp, Tcp, Refused, Closed extends Status {}

-- Kinds of secret or public value on a connection (paired with the Client that owns it).
abstract sig Kind {}
one sig KA,   -- Key-A (64-bit, MP_CAPABLE)
        KB,   -- Key-B
        TA,   -- Token-A
        TB,   -- Token-B
        XF,   -- thesis join token field: Token-B XOR (int)K
        EK,   -- the external key of the client's application (thesis: its effective low 32 bits)
        KC,   -- bound-key connection key Kc (knowing it = every HMAC keyed with it)
        TK,   -- bound-key: the ability to produce unused join tickets
        NKA,  -- draft-baerts: A's NEW_KEY value trunc_R64(HMAC(Token-A||Token-B, K))
        NKB,  -- draft-baerts: B's NEW_KEY value
        FCA,  -- draft-baerts: A's MP_FASTCLOSE value (reading-dependent truncation)
        JSYN  -- an observed SYN+MP_JOIN option of the connection, replayable byte for byte
        extends Kind {}

abstract sig Act {}
one sig Connect, Join, Advertise, Close, ForgeJoin, SpoofJoinSyn, RewriteJoin, ForgeAddAddr,
        ForgeFastClose, Skip extends Act {}
fun attackerActs: set Act { ForgeJoin + SpoofJoinSyn + RewriteJoin + ForgeAddAddr + ForgeFastClose }

abstract sig Mode {}
one sig forge, replay extends Mode {}

-- ---------------------------------------------------------------- state

sig State {
  -- the action that led into this state (none for the first state)
  act: lone Act,
  who: lone Client,
  mode: lone Mode,
  src: lone Addr,
  -- both ends of each client's connection
  cst: Client -> one Status,
  sst: Client -> one Status,
  -- the server's most recently created MPTCP connection (thesis-xor-global's token_tnb, broken's join target)
  recent: lone Client,
  -- attacker knowledge: (kind, owner of the value)
  knows: Kind -> Client,
  -- what was known plus what this step showed, and the closure rounds (see fact Closure)
  seen, round1, round2: Kind -> Client,
  -- server-side established joined subflows: connection owner -> SYN origin -> remote address
  sub: Client -> Origin -> Addr,
  -- server-side half-open joins: connection owner -> SYN origin
  half: Client -> Origin,
  -- addresses each client added as remote address and joined to -> origin of the ADD_ADDR
  acted: Client -> Addr -> Origin,
  -- fast-closed connections -> origin of the MP_FASTCLOSE that closed it
  closedBy: Client -> Origin,
  -- clients with a legitimate join (Join, or Advertise's) on an untouched path that did not establish
  joinFailed: set Client
}

-- ---------------------------------------------------------------- cell configuration

fun thesis: set Scheme { thesis_xor_global + thesis_xor }
fun paasch: set Scheme { draft_paasch + draft_paasch_unsignalled }
fun baerts: set Scheme { draft_baerts + draft_baerts_low_order }

fun clients: set Client { atk = two_keys_one_host implies c1 + c2 else c1 }

-- Which ends hold an external key (per client's application): both, except in one-sided-key.
fun extClients: set Client { sch in rfc6824 + rfc8684 implies none else clients }
fun cKeyed: set Client {
  atk = one_sided_key implies (Config.keyedSide = client implies extClients else none)
  else extClients
}
fun sKeyed: set Client {
  atk = one_sided_key implies (Config.keyedSide = server implies extClients else none)
  else extClients
}
fun bothKeyed: set Client { cKeyed & sKeyed }

-- thesis-xor-global: the server host's key is the last one bound (app 1 then app 2 in two-keys-one-host)
fun hostApp: Client { atk = two_keys_one_host implies c2 else c1 }
pred hostKeyed { hostApp in sKeyed }

-- Connection modes (per client's connection)
fun eMode: set Client { sch in baerts implies bothKeyed else none }         -- draft-baerts E flag
fun gMode: set Client { sch = bound_key implies bothKeyed else none }       -- bound-key G flag
fun tcpMode: set Client {                                                  -- bound-key one-sided: fallback
  sch = bound_key implies (cKeyed + sKeyed) - bothKeyed else none
}
fun keysMode: set Client { clients - eMode - gMode - tcpMode }             -- 64-bit keys on the wire

-- ---------------------------------------------------------------- knowledge

-- One round of the scheme's public derivations.
fun derive[k: Kind -> Client]: Kind -> Client {
  k
  + TA -> KA.k + TB -> KB.k                                   -- token (and IDSN) from a known key
  + (sch in thesis implies                                     -- XOR cancellation
       EK -> (XF.k & TB.k) + XF -> (EK.k & TB.k) + TB -> (XF.k & EK.k)
     else none -> none)
  + (sch in baerts implies (NKA + NKB + FCA) -> (EK.k & TA.k & TB.k) else none -> none)
  + (sch = draft_baerts_low_order implies                      -- A's NEW_KEY value == A's MP_FASTCLOSE value
       FCA -> NKA.k + NKA -> FCA.k
     else none -> none)
  + (sch = bound_key implies KC -> (EK.k & TA.k & TB.k) + TK -> KC.k else none -> none)
  + (sch = broken implies EK -> (KA.k & cKeyed) + KA -> (EK.k & cKeyed) else none -> none)
}
-- The closure is taken in three explicit rounds, from the State field `seen` (what was known plus
-- what was observed) through `round1` and `round2` (nesting `derive` calls would blow the formula
-- up exponentially). The longest derivation chain is 2 (key -> token -> external key;
-- K -> Kc -> ticket), and ClosureIsFixpoint checks that the result is closed in every reachable
-- state.
fact Closure {
  all n: State | {
    n.round1 = derive[n.seen]
    n.round2 = derive[n.round1]
    n.knows = derive[n.round2]
  }
}

-- What the attacker sees of each legitimate exchange of client c's connection.
fun hsVals[c: Client]: Kind -> Client {
  (c in keysMode implies (KA + KB) -> c + (sch = broken and c in cKeyed implies EK -> c else none -> none)
   else c in eMode + gMode implies (TA + TB) -> c + (c in eMode implies (NKA + NKB) -> c else none -> none)
   else c in tcpMode & cKeyed implies KB -> c          -- keyless server's v1 SYN/ACK before the fallback
   else none -> none)
}
-- the SYN+MP_JOIN token field and the option itself
fun joinVals[c: Client]: Kind -> Client {
  JSYN -> c
  + (c in gMode implies none -> none                   -- a used ticket: not a producible one
     else sch in thesis and c in cKeyed implies XF -> c
     else TB -> c)
}
fun closeVals[c: Client]: Kind -> Client {
  c in keysMode implies KB -> c else c in eMode implies FCA -> c else none -> none
}

-- Observation windows per attack (docs/threat-model.md table).
pred quiet[p: State] { no (p + p.prevs).act & attackerActs }
pred seesHandshake[p: State] {
  atk in eavesdrop_handshake + add_addr_mitm
  or (atk in eavesdrop_all + join_dos + fastclose_forge and quiet[p])
}
pred seesP1[p: State] { atk in eavesdrop_all + join_dos + fastclose_forge and quiet[p] }
pred seesP2[p: State] {
  atk = syn_join_rewrite
  or (atk in eavesdrop_all + join_dos + fastclose_forge and quiet[p])
}

fun initialKnowledge: Kind -> Client {
  some AttackerHasKey implies EK -> extClients else none -> none
}

-- ---------------------------------------------------------------- join logic per scheme

fun a1: Client -> Addr { c1 -> c1_a1 + c2 -> c2_a1 }
fun a2: Client -> Addr { c1 -> c1_a2 + c2 -> c2_a2 }
fun ownAddrs[c: Client]: set Addr { c.a1 + c.a2 }

-- The connection the server attaches a join for c's connection to.
fun target[p: State, c: Client]: lone Client {
  (sch = broken or (sch = thesis_xor_global and hostKeyed)) implies p.recent else c
}

-- The legitimate client's own SYN+MP_JOIN token field is accepted.
pred legitTokenOk[p: State, c: Client] {
  sch = thesis_xor_global implies
    (hostKeyed implies (c = p.recent and c in cKeyed and c = hostApp) else c not in cKeyed)
  else sch = thesis_xor implies (c in cKeyed iff c in sKeyed)
  else sch = broken implies some p.recent
  else c in keysMode + eMode + gMode
  p.sst[target[p, c]] = Mptcp
}

-- Both ends compute the same join HMACs (the client's check of the SYN/ACK and the server's of the
-- third ACK pass). `dest`: the server address the join reached, as the server sees it. broken
-- binds the server address: the server's view against the client's belief, always the
-- connection's initial s.a1, so a join to the advertised s.a2 always fails.
pred legitHmacOk[p: State, c: Client, dest: Addr] {
  sch = draft_paasch_unsignalled implies (c in cKeyed iff target[p, c] in sKeyed)
  else sch = broken implies
    (c = target[p, c] and (c in cKeyed iff c in sKeyed) and dest = s_a1)
  else no none
}

-- The attacker can build a SYN+MP_JOIN token field that the server accepts for c's connection.
pred fieldBuildable[p: State, c: Client] {
  sch = thesis_xor_global implies
    (hostKeyed implies (c = p.recent and c = hostApp and XF -> c in p.knows) else TB -> c in p.knows)
  else sch = thesis_xor implies (c in sKeyed implies XF -> c in p.knows else TB -> c in p.knows)
  else sch = broken implies some p.recent
  else c in gMode implies TK -> c in p.knows
  else TB -> c in p.knows
}

-- The attacker knows the key of the join's third-ACK HMAC for connection t.
pred joinKeyKnown[p: State, t: Client] {
  sch = broken implies no none
  else t in gMode implies KC -> t in p.knows
  else ((sch = draft_paasch and t in bothKeyed) or t in eMode
        or (sch = draft_paasch_unsignalled and t in sKeyed)) implies EK -> t in p.knows
  else (KA + KB) -> t in p.knows
}

-- The attacker can build an ADD_ADDR the client c accepts (v0 ADD_ADDR carries no authenticator).
pred addAddrBuildable[p: State, c: Client] {
  sch in rfc6824 + thesis + paasch + broken implies no none
  else c in eMode implies EK -> c in p.knows
  else c in gMode implies KC -> c in p.knows
  else (KA + KB) -> c in p.knows
}

-- The attacker can build the MP_FASTCLOSE value the server accepts for c's connection.
pred fastCloseBuildable[p: State, c: Client] {
  sch = broken implies no none
  else c in eMode implies FCA -> c in p.knows
  else c in gMode implies KC -> c in p.knows
  else KB -> c in p.knows          -- the receiver's key
}

-- ---------------------------------------------------------------- frame helpers

pred keepConn[p, n: State] { n.cst = p.cst and n.sst = p.sst and n.recent = p.recent }
pred keepServer[p, n: State] { n.sub = p.sub and n.half = p.half and n.closedBy = p.closedBy }
pred keepClient[p, n: State] { n.acted = p.acted and n.joinFailed = p.joinFailed }
pred tag[n: State, a: Act, c: Client] { n.act = a and n.who = c and no n.mode and no n.src }
pred learn[p, n: State, obs: Kind -> Client] { n.seen = p.knows + obs }

-- A join opened by c (Join, Advertise's, RewriteJoin's), seen by the server from `from` and sent
-- to `dest`; `counted` says whether a failure counts as a failed legitimate join (Join and the
-- path manager's join after a legitimate ADD_ADDR, on a path the attacker does not touch).
pred doJoin[p, n: State, c: Client, from, dest: Addr, counted: Flag] {
  let t = target[p, c] |
    (legitTokenOk[p, c] and legitHmacOk[p, c, dest]) implies {
      n.sub = p.sub + t -> c -> from
      n.joinFailed = p.joinFailed
    } else {
      n.sub = p.sub
      n.joinFailed = p.joinFailed + (counted = Yes implies c else none)
    }
  n.half = p.half and n.closedBy = p.closedBy
}
fun joinSource[c: Client]: Addr { atk = nat_join implies nat_a else c.a2 }

-- ---------------------------------------------------------------- actions

pred connect[p, n: State, c: Client] {
  p.cst[c] = NoConn
  tag[n, Connect, c]
  c in tcpMode implies {
    n.cst = p.cst ++ c -> Tcp and n.sst = p.sst ++ c -> Tcp and n.recent = p.recent
  } else {
    n.cst = p.cst ++ c -> Mptcp and n.sst = p.sst ++ c -> Mptcp and n.recent = c
  }
  keepServer[p, n] and keepClient[p, n]
  learn[p, n, seesHandshake[p] implies hsVals[c] else none -> none]
}

pred join[p, n: State, c: Client] {
  p.cst[c] = Mptcp
  tag[n, Join, c]
  keepConn[p, n] and n.acted = p.acted
  doJoin[p, n, c, joinSource[c], s_a1, Yes]
  learn[p, n, seesP2[p] implies joinVals[c] else none -> none]
}

pred advertise[p, n: State, c: Client] {
  p.cst[c] = Mptcp and p.sst[c] = Mptcp
  tag[n, Advertise, c]
  keepConn[p, n]
  n.acted = p.acted + c -> s_a2 -> s
  -- the path manager's join to s.a2 is a legitimate join too
  doJoin[p, n, c, joinSource[c], s_a2, Yes]
  learn[p, n, seesP2[p] implies joinVals[c] else none -> none]
}

pred closeConn[p, n: State, c: Client] {
  p.cst[c] = Mptcp
  tag[n, Close, c]
  n.cst = p.cst ++ c -> Closed and n.recent = p.recent
  p.sst[c] = Mptcp implies {
    n.sst = p.sst ++ c -> Closed and n.closedBy = p.closedBy + c -> c
  } else {
    n.sst = p.sst and n.closedBy = p.closedBy
  }
  n.sub = p.sub and n.half = p.half
  keepClient[p, n]
  learn[p, n, seesP1[p] implies closeVals[c] else none -> none]
}

pred forgeJoin[p, n: State, c: Client] {
  fieldBuildable[p, c]
  let t = target[p, c] | {
    p.sst[t] = Mptcp
    joinKeyKnown[p, t] implies n.sub = p.sub + t -> x -> x_a else n.sub = p.sub
  }
  tag[n, ForgeJoin, c]
  keepConn[p, n] and keepClient[p, n]
  n.half = p.half and n.closedBy = p.closedBy
  learn[p, n, none -> none]
}

pred spoofJoinSyn[p, n: State, c: Client, m: Mode, a: Addr] {
  a in spoof1 + spoof2
  n.act = SpoofJoinSyn and n.who = c and n.mode = m and n.src = a
  m = forge implies {
    fieldBuildable[p, c]
    p.sst[target[p, c]] = Mptcp implies n.half = p.half + target[p, c] -> x else n.half = p.half
  } else {
    JSYN -> c in p.knows
    -- a replayed field is valid while the client's own field is; a bound-key ticket is spent
    (legitTokenOk[p, c] and c not in gMode) implies n.half = p.half + target[p, c] -> x
      else n.half = p.half
  }
  keepConn[p, n] and keepClient[p, n]
  n.sub = p.sub and n.closedBy = p.closedBy
  learn[p, n, none -> none]
}

pred rewriteJoin[p, n: State, c: Client] {
  p.cst[c] = Mptcp
  tag[n, RewriteJoin, c]
  keepConn[p, n] and n.acted = p.acted
  doJoin[p, n, c, x_a, s_a1, No]
  learn[p, n, joinVals[c]]     -- it relays the join
}

pred forgeAddAddr[p, n: State, c: Client] {
  p.cst[c] = Mptcp
  tag[n, ForgeAddAddr, c]
  keepConn[p, n]
  addAddrBuildable[p, c] implies {
    n.acted = p.acted + c -> x_a -> x
    -- the client joins to x.a; the attacker relays that join to s.a1 from x.a
    let t = target[p, c] |
      (legitTokenOk[p, c] and legitHmacOk[p, c, s_a1]) implies n.sub = p.sub + t -> c -> x_a
      else n.sub = p.sub
    learn[p, n, joinVals[c]]
  } else {
    n.acted = p.acted and n.sub = p.sub
    learn[p, n, none -> none]
  }
  n.joinFailed = p.joinFailed and n.half = p.half and n.closedBy = p.closedBy
}

pred forgeFastClose[p, n: State, c: Client] {
  p.sst[c] = Mptcp
  tag[n, ForgeFastClose, c]
  n.recent = p.recent
  fastCloseBuildable[p, c] implies {
    n.sst = p.sst ++ c -> Closed and n.cst = p.cst ++ c -> Closed
    n.closedBy = p.closedBy + c -> x
  } else {
    n.sst = p.sst and n.cst = p.cst and n.closedBy = p.closedBy
  }
  n.sub = p.sub and n.half = p.half
  keepClient[p, n]
  learn[p, n, none -> none]
}

pred skip[p, n: State] {
  n.act = Skip and no n.who and no n.mode and no n.src
  keepConn[p, n] and keepServer[p, n] and keepClient[p, n]
  n.seen = p.knows
}

-- Active actions per attack (threat-model table); legitimate ones everywhere.
pred step[p, n: State] {
  skip[p, n]
  or some c: clients | {
    connect[p, n, c] or join[p, n, c] or advertise[p, n, c] or closeConn[p, n, c]
    or (atk in eavesdrop_handshake + eavesdrop_all and forgeJoin[p, n, c])
    or (atk = join_dos and some m: Mode, a: Addr | spoofJoinSyn[p, n, c, m, a])
    or (atk = syn_join_rewrite and rewriteJoin[p, n, c])
    or (atk = add_addr_mitm and forgeAddAddr[p, n, c])
    or (atk = fastclose_forge and forgeFastClose[p, n, c])
  }
}

fact Configuration {
  atk = one_sided_key iff some Config.keyedSide
}

fact Init {
  no first.act and no first.who and no first.mode and no first.src
  first.cst = Client -> NoConn and first.sst = Client -> NoConn
  no first.recent
  first.seen = initialKnowledge
  no first.sub and no first.half and no first.acted and no first.closedBy and no first.joinFailed
}

fact Transitions { all n: State - first | step[n.prev, n] }

-- ---------------------------------------------------------------- properties (per state)

pred joinAuthenticity { all st: State, o: Client | st.sub[o].Addr in o }
pred externalKeySecrecy { all st: State | no EK.(st.knows) }
pred subflowEndpointAuthenticity { all st: State, o: Client | o.(st.sub)[Origin] in ownAddrs[o] }
pred joinStateUnforgeable { all st: State, o: Client | st.half[o] in o }
pred addrAuthenticity { all st: State, c: Client | c.(st.acted)[Addr] in s }
pred closeAuthenticity { all st: State, c: Client | st.closedBy[c] in c }
pred legitJoinSucceeds { all st: State | no st.joinFailed }
pred cleanFallback {
  all st: State, c: Client | {
    not ((st.cst[c] = Mptcp and st.sst[c] = Tcp) or (st.cst[c] = Tcp and st.sst[c] = Mptcp))
    not (st.cst[c] = Mptcp and st.sst[c] = Mptcp and c in st.joinFailed)
  }
}
pred keyIsolation {
  all st: State | {
    all o: Client | st.sub[o].Addr & Client in o
    no st.joinFailed
  }
}

-- A legitimate join is established (consistency: the model has a legitimate run).
pred legitJoinEstablished {
  some st: State, c: clients | c -> c -> joinSource[c] in st.sub
}

-- The knowledge closure is a fixpoint in every state (self-check of `close`).
pred closureIsFixpoint { all st: State | derive[st.knows] = st.knows }

-- For the Java side: the state order, without Int.
fun firstState: State { first }
fun stepOrder: State -> State { ord/next }
