------------------------------ MODULE MptcpCore ------------------------------
(***************************************************************************)
(* The generic MPTCP core (issue 10, items 2-5): ONE spec for every scheme.*)
(* A scheme is the data constant Def (models/tla/core/schemes/, format in  *)
(* docs/models.md "Generic core"); the attacker is a Profile (where it     *)
(* sits, what it observes, whether it injects or rewrites) and derives     *)
(* everything else from the messages with the generic Dolev-Yao closure   *)
(* of Attacker.tla. No operator here branches on a scheme or attack name. *)
(*                                                                         *)
(* Segment granularity: every segment sent is put in flight (`net`, a set: *)
(* delivery in any order), every delivery is its own step. A receiver's    *)
(* reply is put in flight in the step that processes the segment it       *)
(* answers (the kernel answers in the same softirq); it then travels on   *)
(* its own. The network may lose any segment (Lossy). An on-path attacker  *)
(* may drop a segment or rewrite its addresses; any attacker may inject   *)
(* segments with any source address, replay what it observed, and it     *)
(* receives what is addressed to it (x.a).                                 *)
(*                                                                         *)
(* Left out (docs/models.md): data transfer, sequence numbers/windows,     *)
(* RST as a segment (a reset acts at the side that sends it), timers and   *)
(* retransmission, injection of MP_CAPABLE and key-agreement segments    *)
(* except a handshake attacker's answers (Answer; otherwise the           *)
(* negotiation outcome is the scheme's table). REMOVE_ADDR and            *)
(* MP_PRIO exist only in the profiles that name them (P.pm): RFC 8684     *)
(* leaves them unauthenticated (3.4.2, 3.3.8), and so does every row      *)
(* whose definition does not state them; mptls and mptcpsec state a tag, *)
(* which the server checks as it checks ADD_ADDR's HMAC.                  *)
(*                                                                         *)
(* Mirror-image directions (session 19): where the goal judges them, the  *)
(* client also advertises its address to the server (ADD_ADDR_A), the     *)
(* server fast-closes (FASTCLOSE_B), and the attacker forges these and    *)
(* the path-manager options towards the other end; each is read from the  *)
(* definition's message of that direction (Data.mirror).                 *)
(***************************************************************************)
EXTENDS Attacker

CONSTANTS
    Def,            \* the scheme's data (SchemeLang records)
    Profile,        \* attacker profile name = the shared attack name
    KeyedSide,      \* who holds the external key: "both", "client", "server"
    AttackerHasKey, \* negative control: the attacker starts knowing every external key
    Apps,           \* applications on the server (1 or 2), application a has key K<a>
    ClientsPerApp,  \* clients of each application (sharing its key)
    ConnsPerClient, \* connections each client opens
    MaxJoins,       \* joins each connection's client starts
    MaxInjections,  \* segments the attacker originates (forged or replayed)
    MaxRewrites,    \* in-flight segments an on-path attacker drops or rewrites
    Lossy,          \* the network may lose segments
    AttackerPeer,   \* the attacker also holds its own connection to the server (app 1, no key)
    Spoofs          \* spoofed source addresses for injected segments

-----------------------------------------------------------------------------
(* Attacker profiles (docs/threat-model.md, "Attacker profiles").          *)
(* observe: paths and phases whose segments it reads, "always" or only     *)
(* "until-active" (before its first injection); inject: it originates     *)
(* segments; onpath: paths where it drops and rewrites in flight; nat: a  *)
(* NAT rewrites the client's source on p2; goal: the properties checked.  *)
AllPhases == {"handshake", "keys", "join", "addr", "close"}
Prof(paths, phases, until, inject, onpath, nat, goal) ==
    [paths |-> paths, phases |-> phases, until |-> until, inject |-> inject,
     onpath |-> onpath, nat |-> nat, goal |-> goal]
Passive == Prof({}, {}, "always", FALSE, {}, FALSE, {})

\* ---- insiders (issue 13): profiles ----
\* The attacker is a legitimate client, c2, of application `insider` (1: the victim's, 2: another
\* one), with its own connection(s), which it reads whole (everything to or from c2's addresses),
\* and that application's key. It targets the other clients' connections (the victims'); the goal
\* properties judge only those. insider-blind is off path: it sees its own connection and nothing
\* of the victims'.
WithInsider(p, app) == p @@ [insider |-> app]
InsiderGoal == {"JoinAuthenticity", "JoinStateUnforgeable"}
InsiderProfiles ==
    ("insider" :> WithInsider(Prof({"p1"}, {"handshake", "keys"}, "always", TRUE, {}, FALSE, InsiderGoal), 1))
 @@ ("insider-other-app" :> WithInsider(Prof({"p1"}, {"handshake", "keys"}, "always", TRUE, {}, FALSE, InsiderGoal), 2))
 @@ ("insider-blind" :> WithInsider(Prof({}, {}, "always", TRUE, {}, FALSE, InsiderGoal), 1))
\* pm: the path-manager options of the cell (the client's own request and the forgery)
WithPm(p, msgs) == p @@ [pm |-> msgs]
\* reads only the path-manager options on p1 (so it never learns the handshake's keys) and replays them
WithAddrReplay(p) == p @@ [withdraw |-> TRUE]
\* on path only for segments of these phases (drop, strip the MP_CAPABLE option, clear its signal;
\* no address rewriting), and it may answer handshake segments in an end's place (issue 13)
OnHandshake(p, phases) == p @@ [onphases |-> phases]
Profiles ==
    ("eavesdrop-handshake" :> Prof({"p1"}, {"handshake", "keys"}, "always", TRUE, {}, FALSE, {"JoinAuthenticity"}))
 @@ ("eavesdrop-all" :> Prof({"p1", "p2"}, AllPhases, "until-active", TRUE, {}, FALSE, {"JoinAuthenticity", "ExternalKeySecrecy"}))
 @@ ("syn-join-rewrite" :> Prof({"p2"}, AllPhases, "always", TRUE, {"p2"}, FALSE, {"SubflowEndpointAuthenticity", "JoinAnswerAuthenticity"}))
 @@ ("join-dos" :> Prof({"p1", "p2"}, AllPhases, "until-active", TRUE, {}, FALSE, {"JoinStateUnforgeable"}))
 @@ ("add-addr-mitm" :> Prof({"p1"}, {"handshake", "keys"}, "always", TRUE, {}, FALSE, {"AddrAuthenticity", "JoinAnswerAuthenticity"}))
 @@ ("fastclose-forge" :> Prof({"p1", "p2"}, AllPhases, "until-active", TRUE, {}, FALSE, {"CloseAuthenticity"}))
 @@ ("legit-join" :> [Passive EXCEPT !.goal = {"LegitJoinSucceeds"}])
 @@ ("nat-join" :> [Passive EXCEPT !.nat = TRUE, !.goal = {"LegitJoinSucceeds"}])
 @@ ("one-sided-key" :> [Passive EXCEPT !.goal = {"CleanFallback"}])
 @@ ("two-keys-one-host" :> [Passive EXCEPT !.goal = {"KeyIsolation"}])
 @@ ("remove-addr-forge" :> WithPm(Prof({"p1", "p2"}, AllPhases, "until-active", TRUE, {}, FALSE, {"PathManagerIntegrity"}), {"REMOVE_ADDR"}))
 @@ ("mp-prio-forge" :> WithPm(Prof({"p1", "p2"}, AllPhases, "until-active", TRUE, {}, FALSE, {"PathManagerIntegrity"}), {"MP_PRIO"}))
 @@ ("add-addr-replay" :> WithAddrReplay(Prof({"p1"}, {"addr"}, "always", TRUE, {}, FALSE, {"AddrAuthenticity"})))
 \* the population's client is the attacker's own host (its cells: KeyedSide "server", so that
 \* connection holds no external key): it reads all of it and sends SYN + MP_JOIN for it
 @@ ("syn-flood-amplification" :> Prof({"p1", "p2"}, AllPhases, "always", TRUE, {}, FALSE, {"JoinStateBounded"}))
 \* issue 13, handshake profiles: on p1 only while the handshake (and the key agreement) runs
 @@ ("handshake-downgrade" :> OnHandshake(Prof({"p1"}, {"handshake"}, "always", FALSE, {"p1"}, FALSE, {"DowngradeResistance"}), {"handshake"}))
 @@ ("handshake-mitm" :> OnHandshake(Prof({"p1"}, {"handshake", "keys"}, "always", TRUE, {"p1"}, FALSE, {"JoinAuthenticity"}), {"handshake", "keys"}))
 @@ InsiderProfiles
P == Profiles[Profile]
PmMsgs == IF "pm" \in DOMAIN P THEN P.pm ELSE {}
\* The mirror-image directions (session 19; docs/models.md, "Mirror-image directions"): the
\* client's ADD_ADDR to the server, the server's MP_FASTCLOSE to the client and the server's
\* REMOVE_ADDR / MP_PRIO to the client exist in the cells whose goal judges them (as in the traces
\* engine), so every other cell keeps its state space.
MirrorAddr == "AddrAuthenticity" \in P.goal
MirrorClose == "CloseAuthenticity" \in P.goal
MirrorPm == PmMsgs # {}
\* add-addr-replay (issue 13): the server withdraws the address it advertised (Withdraw) and the
\* attacker may send a copy of an ADD_ADDR it read once that segment has left the network
\* (ReplayAddr), on its own subflow again or on another connection it read
AddrReplays == "withdraw" \in DOMAIN P
HsEdits == "onphases" \in DOMAIN P

\* ---- insiders (issue 13): who the attacker is ----
Insider == "insider" \in DOMAIN P
InsiderClient == "c2"
InsiderApp == IF Insider THEN P.insider ELSE 0

\* Server options, scheme-independent (issue 13, syn-flood-amplification): definitions a cell's cfg
\* overrides (CoreCell), so cells that keep the defaults need no new constant.
\* ServerHalfOpenLimit: half-open joins per connection; 0: the scheme definition's lookup limit.
\* JoinCookies: every SYN + MP_JOIN is answered with a SYN cookie and no request socket is kept
\* (Linux net.ipv4.tcp_syncookies = 2; its join-cookie table keeps the join's nonces, which the
\* model keeps in the half-open record marked cookie).
ServerHalfOpenLimit == 0
JoinCookies == FALSE

\* TLC re-evaluates a constant substituted in the cfg (Def <- SchemeData) at every
\* reference, which made each state cost milliseconds; a zero-arity definition over it
\* is evaluated once, when TLC starts. Every operator below reads Data, never Def.
Data == Def

ASSUME Profile \in DOMAIN Profiles
ASSUME KeyedSide \in {"both", "client", "server"}
ASSUME Apps \in 1..2 /\ ClientsPerApp \in 1..3 /\ ConnsPerClient \in 1..3
ASSUME MaxJoins \in Nat /\ MaxInjections \in Nat /\ MaxRewrites \in Nat
ASSUME Insider => InsiderApp \in 1..Apps /\ ~AttackerPeer

-----------------------------------------------------------------------------
(* Population and addresses.                                              *)

CName(a, i) == "c" \o ToString(a) \o (IF i = 1 THEN "" ELSE "_" \o ToString(i))
\* an insider's own client c2 is one more client (under insider-other-app, application 2's c2)
Clients == {CName(a, i) : a \in 1..Apps, i \in 1..ClientsPerApp} \cup (IF Insider THEN {InsiderClient} ELSE {})
AppOfClient == [c \in Clients |-> IF Insider /\ c = InsiderClient THEN InsiderApp
                                  ELSE CHOOSE a \in 1..Apps : \E i \in 1..ClientsPerApp : CName(a, i) = c]
ConnName(c, k) == c \o "." \o ToString(k)
\* the insider's own connections: honest ends run them (handshake and key agreement only), the
\* attacker reads them whole, and no property judges them
InsiderConns == IF Insider THEN {ConnName(InsiderClient, k) : k \in 1..ConnsPerClient} ELSE {}
HonestConns == {ConnName(c, k) : c \in Clients, k \in 1..ConnsPerClient} \ InsiderConns
PeerConn == "x.1"                 \* the attacker's own connection, if AttackerPeer
Conns == HonestConns \cup InsiderConns \cup (IF AttackerPeer THEN {PeerConn} ELSE {})
ClientOf == [cn \in Conns |-> IF cn = PeerConn THEN "x"
                              ELSE CHOOSE c \in Clients : \E k \in 1..ConnsPerClient : ConnName(c, k) = cn]
AppOf(cn) == IF cn = PeerConn THEN 1 ELSE AppOfClient[ClientOf[cn]]
\* a fixed creation order of connection names, for "created" bookkeeping only
Addr1(c) == IF c = "x" THEN "x.a" ELSE c \o ".a1"    \* path p1
Addr2(c) == IF c = "x" THEN "x.a" ELSE c \o ".a2"    \* path p2
SrvAddrs == {"s.a1", "s.a2"}
XAddr == "x.a"
NatAddr == "nat.a"

Key(a) == Atom("K" \o ToString(a))
ExtKeys == {Key(a) : a \in 1..Apps}
ClientHas(cn) == Data.usesKey /\ cn # PeerConn /\ KeyedSide \in {"both", "client"}
ServerHas == Data.usesKey /\ KeyedSide \in {"both", "server"}
ClientKey(cn) == IF ClientHas(cn) THEN Key(AppOf(cn)) ELSE Nil
\* per socket: the key of the connection's application; host-wide: the last bound (the highest app)
ServerKey(cn) == IF ~ServerHas THEN Nil
                 ELSE IF Data.keySource = "host" THEN Key(Apps) ELSE Key(AppOf(cn))
\* an insider holds the key its own client holds (none where the scheme has none)
InsiderKeys == {ClientKey(cn) : cn \in InsiderConns} \ {Nil}
ModeA(cn) == Data.negotiate[<<ClientHas(cn), ServerHas>>].A
ModeB(cn) == Data.negotiate[<<ClientHas(cn), ServerHas>>].B

Has(mode, m) == mode \in DOMAIN Data.modes /\ m \in DOMAIN Data.modes[mode]
M(mode, m) == Data.modes[mode][m]
\* the definition's message of the other direction (ADD_ADDR A->B, FASTCLOSE, REMOVE_ADDR and
\* MP_PRIO B->A), under its base kind; the segments are ADD_ADDR_A and FASTCLOSE_B (the traces
\* engine's and the replayer's names), REMOVE_ADDR and MP_PRIO (their direction is their dst)
HasMirror(mode, k) == mode \in DOMAIN Data.mirror /\ k \in DOMAIN Data.mirror[mode]
MM(mode, k) == Data.mirror[mode][k]
BaseKind(m) == CASE m = "ADD_ADDR_A" -> "ADD_ADDR" [] m = "FASTCLOSE_B" -> "FASTCLOSE" [] OTHER -> m
PhaseOf(m) == CASE m \in {"MPC_SYN", "MPC_SYNACK", "MPC_ACK", "HS_ACK"} -> "handshake"
                [] m \in {"KEY_A", "KEY_B"} -> "keys"
                [] m \in {"JOIN_SYN", "JOIN_SYNACK", "JOIN_ACK"} -> "join"
                [] m \in {"ADD_ADDR", "ADD_ADDR_A", "REMOVE_ADDR", "MP_PRIO"} -> "addr"
                [] OTHER -> "close"

EmptyCs == [n \in Data.slots |-> Nil]
EmptyJs == [n \in Data.jslots |-> Nil]
Merge(cs, js) == [n \in Data.slots \cup Data.jslots |-> IF n \in Data.jslots THEN js[n] ELSE cs[n]]
CsOf(sl) == [n \in Data.slots |-> sl[n]]
JsOf(sl) == [n \in Data.jslots |-> sl[n]]
Ctx(sl, fld, fresh, ext, idx, seg) == [sl |-> sl, fld |-> fld, fresh |-> fresh, ext |-> ext, idx |-> idx, seg |-> seg]
Upd(sl, map, ctx) == [n \in DOMAIN sl |-> IF n \in DOMAIN map THEN Eval(map[n], ctx) ELSE sl[n]]
EvalMap(map, ctx) == [f \in DOMAIN map |-> Eval(map[f], ctx)]

\* a sender builds segment m: draw fresh values (named by scope), keep, fields
Build(md, sl, scope, ext, idx, seg) ==
    LET fresh == [n \in md.fresh |-> Atom(n \o "." \o scope)]
        c0 == Ctx(sl, [f \in {} |-> Nil], fresh, ext, idx, seg)
        sl2 == Upd(sl, md.keep, c0)
    IN [sl |-> sl2, fld |-> EvalMap(md.fields, [c0 EXCEPT !.sl = sl2])]

\* a receiver checks and stores segment s under message definition md
FirstFail(md, ctx) ==
    LET bad == {i \in DOMAIN md.checks :
                  md.checks[i].f \notin DOMAIN ctx.fld \/ ctx.fld[md.checks[i].f] # Eval(md.checks[i].t, ctx)}
    IN IF bad = {} THEN "none"
       ELSE md.checks[CHOOSE i \in bad : \A j \in bad : i <= j].fail
Receive(md, sl, s, ext, idx) ==
    LET c == Ctx(sl, s.fld, [f \in {} |-> Nil], ext, idx, [src |-> s.src, dst |-> s.dst])
        fail == FirstFail(md, c)
    IN [fail |-> fail, sl |-> IF fail = "none" THEN Upd(sl, md.stores, c) ELSE sl]

\* an honest end answers on the subflow's own path, whatever path the segment it answers took
PathOf(sf) == IF sf.conn \in Conns THEN (IF sf.j = 0 THEN "p1" ELSE "p2") ELSE "px"
SfName(sf) == sf.conn \o "/" \o ToString(sf.j)
SfOf(cn, j) == [conn |-> cn, j |-> j]
\* opt: the segment carries the MPTCP option m (FALSE: a plain TCP segment of that step)
\* sig: the signalled mode whose MP_CAPABLE flag the option carries ("" none; issue 13, Emit sets
\* it); ed: the handshake attacker edited it in flight (its witness, like an injection's path px)
Segment(m, opt, path, src, dst, sf, fld, origin) ==
    [m |-> m, opt |-> opt, path |-> path, src |-> src, dst |-> dst, sf |-> sf, fld |-> fld, origin |-> origin,
     sig |-> "", ed |-> FALSE]
NoFld == [f \in {} |-> Nil]

-----------------------------------------------------------------------------
VARIABLES
    cli,       \* cn -> client end: [st, mode, cs, kx (own key msg sent), kok (peer's accepted),
               \*   nj (joins started), fe (the server acknowledged the third ACK); mirror
               \*   directions: advd (it advertised its address), fcs (it sent MP_FASTCLOSE),
               \*   cb (origin of the MP_FASTCLOSE it accepted, else "none"), pm (what it did on
               \*   a REMOVE_ADDR / MP_PRIO: [j, what, origin])]
    srv,       \* cn -> server end: [st, mode, cs, kx, kok, used (join indices spent), advd,
               \*   wd (it withdrew the advertised address: add-addr-replay only); mirror
               \*   directions: fcs (it sent MP_FASTCLOSE), rem (client addresses it accepted:
               \*   [addr, origin, now])]
    cj,        \* cn -> j -> the client's j-th join: [st, dst, js, ans (origin of the SYN/ACK it
               \*   accepted, "none" before)]
    hs,        \* server join states: [conn, sf, src, local, origin, ackOrigin, idx, js, est]
    net,       \* segments in flight
    remotes,   \* cn -> addresses the client acted on: [addr, origin, now (the server of cn
               \*   announced addr and had not withdrawn it when the client accepted it)]
    closedBy,  \* cn -> originator of the MP_FASTCLOSE the server accepted, or "none"
    created,   \* connections in the order the server created them
    know,      \* attacker knowledge (closed under Analyse)
    seen,      \* segments the attacker observed or received (replayable)
    inj,       \* segments it injected
    rew,       \* segments it dropped or rewrote on path
    touched,   \* subflows (sf) with a segment lost, dropped or rewritten
    pmReq,     \* connections whose client sent its own REMOVE_ADDR / MP_PRIO
    pmDone,    \* what the server did on one: [conn, j (subflow), what, origin]
    lastAction

vars == <<cli, srv, cj, hs, net, remotes, closedBy, created, know, seen, inj, rew, touched, pmReq, pmDone, lastAction>>

Active == inj > 0
InsiderAddrs == IF Insider THEN {Addr1(InsiderClient), Addr2(InsiderClient)} ELSE {}
Observes(s) ==
    \/ s.dst = XAddr \/ s.src = XAddr              \* addressed to or sent by the attacker's host
    \/ s.dst \in InsiderAddrs \/ s.src \in InsiderAddrs   \* or by the insider's own client host
    \/ /\ s.path \in P.paths /\ PhaseOf(s.m) \in P.phases
       /\ (P.until = "always" \/ ~Active)

\* a NAT on p2 (nat-join) rewrites the client's source address and back
ThroughNat(s) == IF ~P.nat \/ s.path # "p2" \/ s.sf.conn \notin Conns THEN s
          ELSE IF s.src = Addr2(ClientOf[s.sf.conn]) THEN [s EXCEPT !.src = NatAddr]
          ELSE IF s.dst = NatAddr THEN [s EXCEPT !.dst = Addr2(ClientOf[s.sf.conn])]
          ELSE s
\* segments to x.a reach the attacker; they stay in flight only for its own connection
ToAttackerOnly(s) == s.dst = XAddr /\ s.sf.conn # PeerConn
FieldTerms(S) == UNION {{s.fld[f] : f \in DOMAIN s.fld} : s \in S}
Learn(K, S) == IF FieldTerms(S) \subseteq K THEN K ELSE Closure(K \cup FieldTerms(S))

\* one step's effect on the wire: consume `gone`, emit `out` (0 or 1 segment)
Wire(gone, out) ==
    LET o == {ThroughNat(s) : s \in out}
        obs == {s \in o : Observes(s)}
    IN /\ net' = (net \ gone) \cup {s \in o : ~ToAttackerOnly(s)}
       /\ know' = Learn(know, obs)
       /\ seen' = seen \cup obs

\* ---- the VIEW's projections (see View) ----
Spent == ~(P.inject /\ inj < MaxInjections)
\* a segment the attacker would observe may still be sent: it observes honest paths, or it
\* may rewrite a source to x.a, or an end will answer a segment from x.a, or a client may
\* join x.a (it accepted, or may accept, an ADD_ADDR naming it), or it has its own connection
KnowFrozen ==
    /\ Spent
    /\ ~(P.paths # {} /\ (P.until = "always" \/ ~Active))
    /\ ~(P.onpath # {} /\ rew < MaxRewrites)
    /\ ~AttackerPeer /\ ~Insider
    /\ ~\E s \in net : s.src = XAddr \/ ("addr" \in DOMAIN s.fld /\ s.fld.addr = Atom(XAddr))
    /\ ~\E cn \in Conns : \E r \in remotes[cn] : r.addr = XAddr
KeyKnown == \E t \in know : t \in ExtKeys \/ (t.op \in {"truncL", "truncR"} /\ t.a[1] \in ExtKeys)
KnowView == IF ~Spent THEN <<"live", know>>
            ELSE IF "ExternalKeySecrecy" \notin P.goal THEN <<"unread">>
            ELSE IF KnowFrozen THEN <<"frozen", KeyKnown>>
            ELSE <<"live", know>>
SeenView == IF Spent THEN {} ELSE seen
TouchedView == IF P.goal \cap {"LegitJoinSucceeds", "CleanFallback", "KeyIsolation"} = {} THEN {} ELSE touched
\* VIEW: states that differ only in variables no later step and no checked property reads are
\* equivalent (docs/models.md, "Cost of the state space"). lastAction is read by none; seen only
\* by attacker actions that need an injection left; touched only by the outcome properties;
\* know by attacker actions (injection left) and by ExternalKeySecrecy. Once the attacker is
\* spent and can observe nothing more (KnowFrozen), know never changes again, so for
\* ExternalKeySecrecy only whether it holds an external key matters. The goal decides what is
\* read: CoreCell refuses a cfg checking a property outside the profile's goal.
View == <<cli, srv, cj, hs, net, remotes, closedBy, created, KnowView, SeenView, inj, rew, TouchedView, pmReq, pmDone>>

Ready(e, own, peer) ==
    /\ e.st = "mptcp"
    /\ (Has(e.mode, own) => e.kx)
    /\ (Has(e.mode, peer) => e.kok)
\* the client uses the connection once the server acknowledged its third ACK
\* (RFC 8684 3.1: the MP_CAPABLE ACK is repeated until it is acknowledged)
ReadyA(cn) == Ready(cli[cn], "KEY_A", "KEY_B") /\ cli[cn].fe
ReadyB(cn) == Ready(srv[cn], "KEY_B", "KEY_A")
Live(cn) == srv[cn].st = "mptcp"

\* the key control of a row that agrees its key by Diffie-Hellman: the private values of every
\* honest end, as the end draws them (a slot x whose public value the peer stores as pub_x, the
\* generator's naming; the atom's scope is the connection, Build). Known from the start: an atom
\* is only a name, and a use before the end drew it does not replay (the replayer refuses it).
DhPrivs == {x \in Data.slots : "pub_" \o x \in Data.slots}
GivenPrivs == {Atom(x \o "." \o cn) : x \in DhPrivs, cn \in HonestConns}

-----------------------------------------------------------------------------
Init ==
    /\ cli = [cn \in Conns |-> [st |-> "none", mode |-> ModeA(cn), cs |-> EmptyCs, kx |-> FALSE,
                                kok |-> FALSE, nj |-> 0, fe |-> FALSE,
                                advd |-> FALSE, fcs |-> FALSE, cb |-> "none", pm |-> {}]]
    /\ srv = [cn \in Conns |-> [st |-> "none", mode |-> ModeB(cn), cs |-> EmptyCs, kx |-> FALSE,
                                kok |-> FALSE, used |-> {}, advd |-> FALSE, wd |-> FALSE,
                                fcs |-> FALSE, rem |-> {}]]
    /\ cj = [cn \in Conns |-> [j \in 1..MaxJoins |-> [st |-> "idle", dst |-> "", js |-> EmptyJs, ans |-> "none"]]]
    /\ hs = {}
    /\ net = {}
    /\ remotes = [cn \in Conns |-> {}]
    /\ closedBy = [cn \in Conns |-> "none"]
    /\ created = <<>>
    /\ know = Closure({Atom(XAddr)} \cup (IF AttackerHasKey THEN ExtKeys \cup GivenPrivs ELSE {}) \cup InsiderKeys)
    /\ seen = {}
    /\ inj = 0
    /\ rew = 0
    /\ touched = {}
    /\ pmReq = {}
    /\ pmDone = {}
    /\ lastAction = [a |-> "Init"]

PmVars == <<pmReq, pmDone>>
KeepAttacker == UNCHANGED <<inj, rew, touched>>
Keep == KeepAttacker /\ UNCHANGED PmVars

-----------------------------------------------------------------------------
(* Handshake signals (issue 13). A signalled mode's MP_CAPABLE segments   *)
(* carry its flag (sig); an end configured for mode `own` that receives a *)
(* handshake segment of another mode continues in it if it is its own, in *)
(* the base mode if `own` is the base mode, else as own's mismatch rule   *)
(* says: "tcp" (it refuses: plain TCP) or the base mode; a third ACK of   *)
(* another mode makes the server plain TCP (docs/scheme-definitions.md,   *)
(* "Modes"). Honest handshakes only ever meet their own mode (the table   *)
(* Data.negotiate already is their outcome); only an edited segment does. *)
HsMsgs == {"MPC_SYN", "MPC_SYNACK", "MPC_ACK"}
SigOf(mode, m) == IF m \in HsMsgs /\ mode \in DOMAIN Data.signals THEN mode ELSE ""
HsMode(own, s, ack) ==
    LET got == IF s.sig = "" THEN Data.base ELSE s.sig
    IN IF ~s.opt \/ own \notin DOMAIN Data.signals \cup {Data.base} \/ got = own THEN own
       ELSE IF ack THEN "tcp"
       ELSE IF own = Data.base THEN Data.base
       ELSE IF Data.signals[own].mismatch = "tcp" THEN "tcp" ELSE Data.base

\* Emit m from an end running `mode` with slots sl; returns [sl, seg].
\* A mode without m (e.g. "tcp") sends the step's plain TCP segment.
Emit(mode, m, sl, scope, ext, idx, path, src, dst, sf, origin) ==
    IF Has(mode, m)
    THEN LET b == Build(M(mode, m), sl, scope, ext, idx, [src |-> src, dst |-> dst])
         IN [sl |-> b.sl, seg |-> [Segment(m, TRUE, path, src, dst, sf, b.fld, origin) EXCEPT !.sig = SigOf(mode, m)]]
    ELSE [sl |-> sl, seg |-> Segment(m, FALSE, path, src, dst, sf, NoFld, origin)]

\* Receive s at an end running `mode`: [fail, sl]; a plain segment where the mode
\* expects the option, or the reverse, falls back ("tcp").
Accept(mode, s, sl, ext, idx) ==
    IF Has(mode, s.m) /\ s.opt THEN Receive(M(mode, s.m), sl, s, ext, idx)
    ELSE IF ~Has(mode, s.m) /\ ~s.opt THEN [fail |-> "none", sl |-> sl]
    ELSE [fail |-> "tcp", sl |-> sl]

\* the mirror-image directions: segment kind m (ADD_ADDR_A, FASTCLOSE_B, REMOVE_ADDR, MP_PRIO)
\* built from, and checked against, the definition's message of that direction. A mode without
\* it sends nothing and accepts nothing (as Accept refuses a message its mode does not state).
EmitMirror(mode, m, sl, scope, ext, path, src, dst, sf, origin) ==
    LET b == Build(MM(mode, BaseKind(m)), sl, scope, ext, 0, [src |-> src, dst |-> dst])
    IN [sl |-> b.sl, seg |-> Segment(m, TRUE, path, src, dst, sf, b.fld, origin)]
AcceptMirror(mode, s, sl, ext) ==
    IF HasMirror(mode, BaseKind(s.m)) /\ s.opt THEN Receive(MM(mode, BaseKind(s.m)), sl, s, ext, 0)
    ELSE [fail |-> "tcp", sl |-> sl]

\* a server's REMOVE_ADDR to a client (add-addr-replay's Withdraw)
WithdrawFits(s) ==
    LET cn == s.sf.conn
    IN AddrReplays /\ cn \in Conns /\ s.sf.j = 0 /\ cli[cn].st = "mptcp" /\ s.src = "s.a1" /\ s.dst = Addr1(ClientOf[cn])

\* the server's REMOVE_ADDR / MP_PRIO to a client (path-manager profiles, the mirror direction)
PmToClientFits(s) ==
    LET cn == s.sf.conn
    IN MirrorPm /\ s.m \in PmMsgs /\ cn \in Conns /\ s.sf.j = 0 /\ cli[cn].st = "mptcp"
       /\ s.src = "s.a1" /\ s.dst = Addr1(ClientOf[cn])

\* A client segment on the initial 4-tuple that reaches a server still in SYNRCVD (it overtook the
\* third ACK). The reference's server, as TCP, takes any ACK on that 4-tuple as the end of the
\* handshake; one without MP_CAPABLE makes the connection plain TCP and none of its options are
\* read (RecvEarlyAck). The delayed third ACK then fits nothing: the server is no longer in SYNRCVD.
ClientInitialMsgs == {"KEY_A", "FASTCLOSE", "REMOVE_ADDR", "MP_PRIO", "ADD_ADDR_A"}
EarlyAck(s) ==
    LET cn == s.sf.conn
    IN /\ s.m \in ClientInitialMsgs /\ cn \in Conns /\ s.sf.j = 0 /\ srv[cn].st = "synrcvd"
       /\ s.dst = "s.a1" /\ s.src = Addr1(ClientOf[cn])

\* whether an end has state for segment s (its 4-tuple and the end's phase)
Fits(s) ==
    LET cn == s.sf.conn IN
    EarlyAck(s) \/
    CASE s.m = "MPC_SYN"     -> cn \in Conns /\ s.sf.j = 0 /\ srv[cn].st = "none" /\ s.dst = "s.a1"
      [] s.m = "MPC_SYNACK"  -> cn \in Conns /\ s.sf.j = 0 /\ cli[cn].st = "synsent" /\ s.src = "s.a1" /\ s.dst = Addr1(ClientOf[cn])
      [] s.m = "MPC_ACK"     -> cn \in Conns /\ s.sf.j = 0 /\ srv[cn].st = "synrcvd" /\ s.dst = "s.a1" /\ s.src = Addr1(ClientOf[cn])
      [] s.m = "HS_ACK"      -> cn \in Conns /\ s.sf.j = 0 /\ cli[cn].st \in {"mptcp", "tcp"}
                                /\ s.src = "s.a1" /\ s.dst = Addr1(ClientOf[cn])
      [] s.m = "KEY_A"       -> cn \in Conns /\ s.sf.j = 0 /\ srv[cn].st = "mptcp" /\ s.dst = "s.a1" /\ s.src = Addr1(ClientOf[cn])
      [] s.m = "KEY_B"       -> cn \in Conns /\ s.sf.j = 0 /\ cli[cn].st = "mptcp" /\ s.src = "s.a1" /\ s.dst = Addr1(ClientOf[cn])
      [] s.m = "JOIN_SYN"    -> s.dst \in SrvAddrs
      [] s.m = "JOIN_SYNACK" -> cn \in Conns /\ cn # PeerConn /\ s.sf.j \in 1..MaxJoins
           /\ cj[cn][s.sf.j].st = "synsent" /\ s.src = cj[cn][s.sf.j].dst /\ s.dst = Addr2(ClientOf[cn])
      [] s.m = "JOIN_ACK"    -> \E x \in hs : x.sf = s.sf /\ x.src = s.src /\ x.local = s.dst /\ ~x.est
      [] s.m = "ADD_ADDR"    -> cn \in Conns /\ s.sf.j = 0 /\ ReadyA(cn) /\ s.src = "s.a1" /\ s.dst = Addr1(ClientOf[cn])
      \* like ADD_ADDR, only once the receiver is ready: before a key agreement (NEW_KEY) there is
      \* nothing to authenticate an MP_FASTCLOSE with (draft-baerts: reset with a TCP RST instead)
      [] s.m = "FASTCLOSE"   -> cn \in Conns /\ s.sf.j = 0 /\ ReadyB(cn) /\ s.dst = "s.a1" /\ s.src = Addr1(ClientOf[cn])
      [] s.m \in {"REMOVE_ADDR", "MP_PRIO"} -> \/ /\ cn \in Conns /\ s.sf.j = 0 /\ Live(cn) /\ s.dst = "s.a1"
                                                 /\ s.src = Addr1(ClientOf[cn])
                                              \/ WithdrawFits(s)
                                              \/ PmToClientFits(s)
      \* the mirror-image directions, on the initial subflow, once the receiver is ready (as
      \* ADD_ADDR and FASTCLOSE the other way)
      [] s.m = "ADD_ADDR_A"  -> MirrorAddr /\ cn \in Conns /\ s.sf.j = 0 /\ ReadyB(cn) /\ s.dst = "s.a1"
                                /\ s.src = Addr1(ClientOf[cn])
      [] s.m = "FASTCLOSE_B" -> MirrorClose /\ cn \in Conns /\ s.sf.j = 0 /\ ReadyA(cn) /\ s.src = "s.a1"
                                /\ s.dst = Addr1(ClientOf[cn])

-----------------------------------------------------------------------------
(* Honest endpoints. Each segment a side originates is one step; each      *)
(* delivery is one step (its reply, if any, leaves in it).                 *)

Connect(cn) ==
    /\ cli[cn].st = "none"
    /\ LET c == ClientOf[cn]
           e == Emit(cli[cn].mode, "MPC_SYN", Merge(cli[cn].cs, EmptyJs), cn, ClientKey(cn), 0,
                     "p1", Addr1(c), "s.a1", [conn |-> cn, j |-> 0], c)
       IN /\ cli' = [cli EXCEPT ![cn].st = "synsent", ![cn].cs = CsOf(e.sl)]
          /\ Wire({}, {e.seg})
    /\ lastAction' = [a |-> "Connect", conn |-> cn]
    /\ UNCHANGED <<srv, cj, hs, remotes, closedBy, created>> /\ Keep

\* the server end of MP_CAPABLE: SYN -> SYN/ACK, then the third ACK
RecvMpcSyn(s) ==
    LET cn == s.sf.conn
        r == Accept(HsMode(srv[cn].mode, s, FALSE), s, Merge(srv[cn].cs, EmptyJs), ServerKey(cn), 0)
        mode == IF r.fail = "none" THEN HsMode(srv[cn].mode, s, FALSE) ELSE "tcp"
        e == Emit(mode, "MPC_SYNACK", r.sl, cn, ServerKey(cn), 0, PathOf(s.sf), s.dst, s.src, s.sf, "s")
    IN /\ Fits(s)
       /\ srv' = [srv EXCEPT ![cn].st = "synrcvd", ![cn].mode = mode, ![cn].cs = CsOf(e.sl)]
       /\ created' = Append(created, cn)
       /\ Wire({s}, {e.seg})
       /\ UNCHANGED <<cli, cj, hs, remotes, closedBy>>

RecvMpcSynAck(s) ==
    LET cn == s.sf.conn
        c == ClientOf[cn]
        r == Accept(HsMode(cli[cn].mode, s, FALSE), s, Merge(cli[cn].cs, EmptyJs), ClientKey(cn), 0)
        mode == IF r.fail = "none" THEN HsMode(cli[cn].mode, s, FALSE) ELSE "tcp"
        e == Emit(mode, "MPC_ACK", r.sl, cn, ClientKey(cn), 0, PathOf(s.sf), s.dst, s.src, s.sf, c)
    IN /\ Fits(s)
       /\ cli' = [cli EXCEPT ![cn].st = IF Has(mode, "MPC_ACK") THEN "mptcp" ELSE "tcp",
                             ![cn].mode = mode, ![cn].cs = CsOf(e.sl)]
       /\ Wire({s}, {e.seg})
       /\ UNCHANGED <<srv, cj, hs, remotes, closedBy, created>>

RecvMpcAck(s) ==
    LET cn == s.sf.conn
        r == Accept(HsMode(srv[cn].mode, s, TRUE), s, Merge(srv[cn].cs, EmptyJs), ServerKey(cn), 0)
        mptcp == r.fail = "none" /\ Has(HsMode(srv[cn].mode, s, TRUE), "MPC_ACK")
    IN /\ Fits(s)
       /\ srv' = [srv EXCEPT ![cn].st = IF mptcp THEN "mptcp" ELSE "tcp",
                             ![cn].mode = IF mptcp THEN @ ELSE "tcp", ![cn].cs = CsOf(r.sl)]
       /\ Wire({s}, {Segment("HS_ACK", FALSE, PathOf(s.sf), s.dst, s.src, s.sf, NoFld, "s")})
       /\ UNCHANGED <<cli, cj, hs, remotes, closedBy, created>>

\* post-handshake key agreement (KEY_A, KEY_B): each end sends its own
SendKeyA(cn) ==
    /\ cli[cn].st = "mptcp" /\ Has(cli[cn].mode, "KEY_A") /\ ~cli[cn].kx
    /\ LET c == ClientOf[cn]
           e == Emit(cli[cn].mode, "KEY_A", Merge(cli[cn].cs, EmptyJs), cn, ClientKey(cn), 0,
                     "p1", Addr1(c), "s.a1", [conn |-> cn, j |-> 0], c)
       IN /\ cli' = [cli EXCEPT ![cn].kx = TRUE, ![cn].cs = CsOf(e.sl)]
          /\ Wire({}, {e.seg})
    /\ lastAction' = [a |-> "SendKey", conn |-> cn, side |-> "A"]
    /\ UNCHANGED <<srv, cj, hs, remotes, closedBy, created>> /\ Keep

\* B answers A's (A's key message first, then B's), so an A that accepted
\* B's knows B accepted A's
SendKeyB(cn) ==
    /\ srv[cn].st = "mptcp" /\ Has(srv[cn].mode, "KEY_B") /\ ~srv[cn].kx
    /\ Has(srv[cn].mode, "KEY_A") => srv[cn].kok
    /\ LET e == Emit(srv[cn].mode, "KEY_B", Merge(srv[cn].cs, EmptyJs), cn, ServerKey(cn), 0,
                     "p1", "s.a1", Addr1(ClientOf[cn]), [conn |-> cn, j |-> 0], "s")
       IN /\ srv' = [srv EXCEPT ![cn].kx = TRUE, ![cn].cs = CsOf(e.sl)]
          /\ Wire({}, {e.seg})
    /\ lastAction' = [a |-> "SendKey", conn |-> cn, side |-> "B"]
    /\ UNCHANGED <<cli, cj, hs, remotes, closedBy, created>> /\ Keep

\* the plain TCP ACK of the third ACK: the client's end is fully established
RecvHsAck(s) ==
    LET cn == s.sf.conn
    IN /\ Fits(s)
       /\ cli' = [cli EXCEPT ![cn].fe = TRUE]
       /\ Wire({s}, {})
       /\ UNCHANGED <<srv, cj, hs, remotes, closedBy, created>>

RecvKeyA(s) ==
    LET cn == s.sf.conn
        r == Accept(srv[cn].mode, s, Merge(srv[cn].cs, EmptyJs), ServerKey(cn), 0)
    IN /\ Fits(s)
       /\ srv' = IF r.fail = "none" /\ s.opt THEN [srv EXCEPT ![cn].kok = TRUE, ![cn].cs = CsOf(r.sl)] ELSE srv
       /\ Wire({s}, {})
       /\ UNCHANGED <<cli, cj, hs, remotes, closedBy, created>>

RecvKeyB(s) ==
    LET cn == s.sf.conn
        r == Accept(cli[cn].mode, s, Merge(cli[cn].cs, EmptyJs), ClientKey(cn), 0)
    IN /\ Fits(s)
       /\ cli' = IF r.fail = "none" /\ s.opt THEN [cli EXCEPT ![cn].kok = TRUE, ![cn].cs = CsOf(r.sl)] ELSE cli
       /\ Wire({s}, {})
       /\ UNCHANGED <<srv, cj, hs, remotes, closedBy, created>>

\* The client's joins the server may still hold half-open: every join it started, except one
\* the server has established (the client learns that from the server's ACK of its third ACK,
\* RFC 8684 3.2; taken here as known as soon as it is true, which lets the client start its
\* next join at the earliest moment the real one could). A join the client gave up (failed)
\* stays counted: its half-open state at the server stays (resets are not segments).
Unsettled(cn) == {j \in 1..MaxJoins : cj[cn][j].st # "idle"
                     /\ ~\E h \in hs : h.conn = cn /\ h.sf = SfOf(cn, j) /\ h.est}
\* an honest client never exceeds the contract's half-open limit (the lookup's, 0 = none)
WithinLimit(cn) == LET lim == M(cli[cn].mode, "JOIN_SYN").lookup.limit
                   IN lim = 0 \/ Cardinality(Unsettled(cn)) < lim

\* the client's j-th join, from its p2 address to s.a1 or an address it accepted
StartJoin(cn, dst) ==
    /\ cn \notin InsiderConns /\ ReadyA(cn) /\ cli[cn].nj < MaxJoins /\ Has(cli[cn].mode, "JOIN_SYN") /\ WithinLimit(cn)
    /\ LET c == ClientOf[cn]
           j == cli[cn].nj + 1
           sf == [conn |-> cn, j |-> j]
           e == Emit(cli[cn].mode, "JOIN_SYN", Merge(cli[cn].cs, EmptyJs), SfName(sf), ClientKey(cn), j,
                     "p2", Addr2(c), dst, sf, c)
       IN /\ cli' = [cli EXCEPT ![cn].nj = j, ![cn].cs = CsOf(e.sl)]
          /\ cj' = [cj EXCEPT ![cn][j] = [st |-> "synsent", dst |-> dst, js |-> JsOf(e.sl), ans |-> "none"]]
          /\ Wire({}, {e.seg})
    /\ lastAction' = [a |-> "Join", conn |-> cn, dst |-> dst]
    /\ UNCHANGED <<srv, hs, remotes, closedBy, created>> /\ Keep

\* ---- the server's join lookup ----
MostRecent == IF created = <<>> THEN "none" ELSE created[Len(created)]
MostRecentOpen ==
    LET open == {k \in 1..Len(created) : Live(created[k])}
    IN IF open = {} THEN "none" ELSE created[CHOOSE k \in open : \A i \in open : i <= k]
MaxIdx == MaxJoins + MaxInjections + 1
Unused(cn) == {i \in 1..MaxIdx : i \notin srv[cn].used}
Window(cn, L) ==
    IF L.window = 0 THEN {0}
    ELSE {i \in Unused(cn) : Cardinality({k \in Unused(cn) : k < i}) < L.window}
JoinLookup(cn) == M(srv[cn].mode, "JOIN_SYN").lookup
CanJoinTo(cn) == ReadyB(cn) /\ Has(srv[cn].mode, "JOIN_SYN")
\* what a candidate connection cn at index i expects in the SYN's lookup field
Expected(cn, i) ==
    Eval(JoinLookup(cn).t, Ctx(Merge(srv[cn].cs, EmptyJs), NoFld, NoFld, ServerKey(cn), i,
                              [src |-> "", dst |-> ""]))
Matches(s) ==
    {<<cn, i>> \in {<<cn, i>> : cn \in {k \in Conns : CanJoinTo(k)}, i \in 0..MaxIdx} :
        LET L == JoinLookup(cn) IN
        /\ i \in Window(cn, L)
        /\ CASE L.select = "token"       -> L.field \in DOMAIN s.fld /\ s.fld[L.field] = Expected(cn, i)
             [] L.select = "recent"      -> cn = MostRecent /\ L.field \in DOMAIN s.fld
                                            /\ s.fld[L.field] = Expected(cn, i)
             [] L.select = "recent-open" -> cn = MostRecentOpen
             [] OTHER -> FALSE}
HalfOpen(cn) == {h \in hs : h.conn = cn /\ ~h.est}
\* request sockets: half-open joins the server keeps as state (not answered with a cookie)
ReqSocks(cn) == {h \in HalfOpen(cn) : ~h.cookie}
HalfOpenRoom(cn, L) ==
    LET lim == IF ServerHalfOpenLimit > 0 THEN ServerHalfOpenLimit ELSE L.limit
    IN JoinCookies \/ lim = 0 \/ Cardinality(ReqSocks(cn)) < lim

RecvJoinSyn(s) ==
    LET ms == Matches(s)
        pick == CHOOSE x \in ms : \A y \in ms : x[2] <= y[2]
        cn == pick[1]
        i == pick[2]
        L == JoinLookup(cn)
        r == Receive(M(srv[cn].mode, "JOIN_SYN"), Merge(srv[cn].cs, EmptyJs), s, ServerKey(cn), i)
        e == Emit(srv[cn].mode, "JOIN_SYNACK", r.sl, SfName(s.sf) \o "@" \o s.src, ServerKey(cn), i,
                  PathOf(s.sf), s.dst, s.src, s.sf, "s")
        ok == /\ s.opt /\ ms # {} /\ r.fail = "none"
              /\ HalfOpenRoom(cn, L)
              /\ ~\E h \in hs : h.sf = s.sf /\ h.src = s.src   \* a retransmission: answered, no new state
    IN /\ Fits(s)
       /\ IF ok
          THEN /\ hs' = hs \cup {[conn |-> cn, sf |-> s.sf, src |-> s.src, local |-> s.dst,
                                  origin |-> s.origin, ackOrigin |-> "none", idx |-> i, js |-> JsOf(e.sl),
                                  est |-> FALSE, cookie |-> JoinCookies]}
               /\ srv' = IF L.once THEN [srv EXCEPT ![cn].used = @ \cup {i}] ELSE srv
               /\ Wire({s}, {e.seg})
          ELSE /\ Wire({s}, {}) /\ UNCHANGED <<hs, srv>>
       /\ UNCHANGED <<cli, cj, remotes, closedBy, created>>

RecvJoinSynAck(s) ==
    LET cn == s.sf.conn
        j == s.sf.j
        c == ClientOf[cn]
        r == Accept(cli[cn].mode, s, Merge(cli[cn].cs, cj[cn][j].js), ClientKey(cn), j)
        e == Emit(cli[cn].mode, "JOIN_ACK", r.sl, SfName(s.sf), ClientKey(cn), j,
                  PathOf(s.sf), s.dst, s.src, s.sf, c)
    IN /\ Fits(s)
       /\ IF r.fail = "none" /\ s.opt
          THEN /\ cj' = [cj EXCEPT ![cn][j].st = "est", ![cn][j].js = JsOf(e.sl), ![cn][j].ans = s.origin]
               /\ Wire({s}, {e.seg})
          ELSE /\ cj' = [cj EXCEPT ![cn][j].st = "failed"]   \* the client resets the join
               /\ Wire({s}, {})
       /\ UNCHANGED <<cli, srv, hs, remotes, closedBy, created>>

RecvJoinAck(s) ==
    LET h == CHOOSE x \in hs : x.sf = s.sf /\ x.src = s.src /\ x.local = s.dst /\ ~x.est
        r == Accept(srv[h.conn].mode, s, Merge(srv[h.conn].cs, h.js), ServerKey(h.conn), h.idx)
    IN /\ Fits(s)
       /\ IF r.fail = "none" /\ s.opt /\ Live(h.conn)
          THEN hs' = (hs \ {h}) \cup {[h EXCEPT !.est = TRUE, !.js = JsOf(r.sl), !.ackOrigin = s.origin]}
          ELSE hs' = hs \ {h}                                 \* the server resets the join
       /\ Wire({s}, {})
       /\ UNCHANGED <<cli, srv, cj, remotes, closedBy, created>>

\* ADD_ADDR: the server advertises its second address once per connection
Advertise(cn) ==
    /\ cn \notin InsiderConns /\ ReadyB(cn) /\ ~srv[cn].advd /\ Has(srv[cn].mode, "ADD_ADDR")
    /\ LET e == Emit(srv[cn].mode, "ADD_ADDR", Merge(srv[cn].cs, EmptyJs), cn, ServerKey(cn), 0,
                     "p1", "s.a1", Addr1(ClientOf[cn]), [conn |-> cn, j |-> 0], "s")
       IN /\ srv' = [srv EXCEPT ![cn].advd = TRUE, ![cn].cs = CsOf(e.sl)]
          /\ Wire({}, {e.seg})
    /\ lastAction' = [a |-> "Advertise", conn |-> cn]
    /\ UNCHANGED <<cli, cj, hs, remotes, closedBy, created>> /\ Keep

\* the server of cn announces address a now: it advertised (its one second address, s.a2) and did
\* not withdraw it
AnnouncedNow(cn, a) == srv[cn].advd /\ ~srv[cn].wd /\ a = "s.a2"
RecvAddAddr(s) ==
    LET cn == s.sf.conn
        r == Accept(cli[cn].mode, s, Merge(cli[cn].cs, EmptyJs), ClientKey(cn), 0)
    IN /\ Fits(s)
       \* an address the client already holds is ignored (as Linux and the reference do)
       /\ remotes' = IF r.fail = "none" /\ s.opt /\ "addr" \in DOMAIN s.fld
                        /\ ~\E x \in remotes[cn] : x.addr = s.fld.addr.n
                     THEN [remotes EXCEPT ![cn] = @ \cup {[addr |-> s.fld.addr.n, origin |-> s.origin,
                                                            now |-> AnnouncedNow(cn, s.fld.addr.n)]}]
                     ELSE remotes
       /\ Wire({s}, {})
       /\ UNCHANGED <<cli, srv, cj, hs, closedBy, created>>

\* MP_FASTCLOSE from the client; the client's end is gone once it is sent
Close(cn) ==
    /\ cn \notin InsiderConns /\ ReadyA(cn) /\ Has(cli[cn].mode, "FASTCLOSE")
    /\ LET c == ClientOf[cn]
           e == Emit(cli[cn].mode, "FASTCLOSE", Merge(cli[cn].cs, EmptyJs), cn, ClientKey(cn), 0,
                     "p1", Addr1(c), "s.a1", [conn |-> cn, j |-> 0], c)
       IN /\ cli' = [cli EXCEPT ![cn].st = "closed", ![cn].fcs = TRUE]
          /\ Wire({}, {e.seg})
    /\ lastAction' = [a |-> "Close", conn |-> cn]
    /\ UNCHANGED <<srv, cj, hs, remotes, closedBy, created>> /\ Keep

RecvFastClose(s) ==
    LET cn == s.sf.conn
        r == Accept(srv[cn].mode, s, Merge(srv[cn].cs, EmptyJs), ServerKey(cn), 0)
    IN /\ Fits(s)
       /\ IF r.fail = "none" /\ s.opt
          THEN /\ srv' = [srv EXCEPT ![cn].st = "closed"]
               /\ closedBy' = [closedBy EXCEPT ![cn] = s.origin]
               /\ hs' = {h \in hs : h.conn # cn}
          ELSE UNCHANGED <<srv, closedBy, hs>>
       /\ Wire({s}, {})
       /\ UNCHANGED <<cli, cj, remotes, created>>

\* ---- the mirror-image directions (MirrorAddr, MirrorClose, MirrorPm cells only) ----
\* The client advertises an address to the server once per connection (the definition's
\* add-addr A->B; its address and id are the data's public constants, as for the server's).
AdvertiseToServer(cn) ==
    /\ MirrorAddr /\ cn \in HonestConns /\ ReadyA(cn) /\ ~cli[cn].advd /\ HasMirror(cli[cn].mode, "ADD_ADDR")
    /\ LET c == ClientOf[cn]
           e == EmitMirror(cli[cn].mode, "ADD_ADDR_A", Merge(cli[cn].cs, EmptyJs), cn \o "/A", ClientKey(cn),
                           "p1", Addr1(c), "s.a1", SfOf(cn, 0), c)
       IN /\ cli' = [cli EXCEPT ![cn].advd = TRUE, ![cn].cs = CsOf(e.sl)]
          /\ Wire({}, {e.seg})
    /\ lastAction' = [a |-> "AdvertiseToServer", conn |-> cn]
    /\ UNCHANGED <<srv, cj, hs, remotes, closedBy, created>> /\ Keep

\* the server acts on a client's address once (a second copy of one it holds is ignored); now:
\* the client of cn advertised it on cn
RecvAddAddrAtServer(s) ==
    LET cn == s.sf.conn
        r == AcceptMirror(srv[cn].mode, s, Merge(srv[cn].cs, EmptyJs), ServerKey(cn))
    IN /\ srv' = IF r.fail = "none" /\ "addr" \in DOMAIN s.fld /\ ~\E x \in srv[cn].rem : x.addr = s.fld.addr.n
                 THEN [srv EXCEPT ![cn].rem = @ \cup {[addr |-> s.fld.addr.n, origin |-> s.origin, now |-> cli[cn].advd]}]
                 ELSE srv
       /\ Wire({s}, {})
       /\ UNCHANGED <<cli, cj, hs, remotes, closedBy, created>>

\* The server fast-closes the connection (the definition's fast-close B->A); its end is gone,
\* with its joins.
ServerClose(cn) ==
    /\ MirrorClose /\ cn \in HonestConns /\ ReadyB(cn) /\ ~srv[cn].fcs /\ HasMirror(srv[cn].mode, "FASTCLOSE")
    /\ LET e == EmitMirror(srv[cn].mode, "FASTCLOSE_B", Merge(srv[cn].cs, EmptyJs), cn \o "/B", ServerKey(cn),
                           "p1", "s.a1", Addr1(ClientOf[cn]), SfOf(cn, 0), "s")
       IN /\ srv' = [srv EXCEPT ![cn].st = "closed", ![cn].fcs = TRUE]
          /\ Wire({}, {e.seg})
    /\ hs' = {h \in hs : h.conn # cn}
    /\ lastAction' = [a |-> "ServerClose", conn |-> cn]
    /\ UNCHANGED <<cli, cj, remotes, closedBy, created>> /\ Keep

RecvFastCloseAtClient(s) ==
    LET cn == s.sf.conn
        r == AcceptMirror(cli[cn].mode, s, Merge(cli[cn].cs, EmptyJs), ClientKey(cn))
    IN /\ cli' = IF r.fail = "none" THEN [cli EXCEPT ![cn].st = "closed", ![cn].cb = s.origin] ELSE cli
       /\ Wire({s}, {})
       /\ UNCHANGED <<srv, cj, hs, remotes, closedBy, created>>

\* The client acts on the server's REMOVE_ADDR naming address id 0 (its initial subflow) or MP_PRIO
\* (backup) on the subflow it arrives on, once each, recording the option's origin. Nothing is
\* checked unless the client's mode states the message B->A (mptls, mptcpsec: a tag), then only
\* once its key agreement is over. The honest server sends none (as in the traces engine): only
\* forgeries and their copies reach it.
PmAcceptedAtClient(s) ==
    LET cn == s.sf.conn
    IN ~HasMirror(cli[cn].mode, s.m)
       \/ /\ ReadyA(cn) /\ s.opt
          /\ AcceptMirror(cli[cn].mode, s, Merge(cli[cn].cs, EmptyJs), ClientKey(cn)).fail = "none"
RecvPmAtClient(s) ==
    LET cn == s.sf.conn
        what == IF s.m = "REMOVE_ADDR" THEN "removed" ELSE "backup"
        hit == s.m = "MP_PRIO" \/ ("id" \in DOMAIN s.fld /\ s.fld.id.n = "0")
    IN /\ cli' = IF hit /\ PmAcceptedAtClient(s) /\ ~\E x \in cli[cn].pm : x.what = what
                 THEN [cli EXCEPT ![cn].pm = @ \cup {[j |-> 0, what |-> what, origin |-> s.origin]}]
                 ELSE cli
       /\ Wire({s}, {})
       /\ UNCHANGED <<srv, cj, hs, remotes, closedBy, created>> /\ UNCHANGED PmVars

\* ---- path management (profiles with P.pm only) ----
\* the client's own request, once per connection: REMOVE_ADDR withdrawing its p2 address
\* (address id 1, the id its joins carry), or MP_PRIO(backup) for its initial subflow
\* (8-bit numbers, as the wire carries them and a tag covers them). Where the client's mode states
\* the message (mptls, mptcpsec: a tag) the client builds it from its definition, whose sender
\* sends these same values (SchemeDataBuilder); elsewhere it is RFC 8684's, unauthenticated.
PmField(m, k) == IF m = "REMOVE_ADDR" THEN [id |-> Num(k, "8")] ELSE [backup |-> Num(1, "8")]
PmRequest(cn, m) ==
    /\ m \in PmMsgs /\ cn # PeerConn /\ ReadyA(cn) /\ cn \notin pmReq
    /\ LET c == ClientOf[cn]
           sf == [conn |-> cn, j |-> 0]
       IN IF Has(cli[cn].mode, m)
          THEN LET e == Emit(cli[cn].mode, m, Merge(cli[cn].cs, EmptyJs), cn, ClientKey(cn), 0,
                             "p1", Addr1(c), "s.a1", sf, c)
               IN Wire({}, {e.seg})
          ELSE Wire({}, {Segment(m, TRUE, "p1", Addr1(c), "s.a1", sf, PmField(m, IF m = "REMOVE_ADDR" THEN 1 ELSE 0), c)})
    /\ pmReq' = pmReq \cup {cn}
    /\ lastAction' = [a |-> IF m = "REMOVE_ADDR" THEN "RemoveAddr" ELSE "SetBackup", conn |-> cn]
    /\ UNCHANGED <<cli, srv, cj, hs, remotes, closedBy, created, pmDone>> /\ KeepAttacker

\* As Linux 6.18 (and the reference): acted on at once. REMOVE_ADDR id 0 closes the initial
\* subflow, id k every established join from the client's address k; MP_PRIO marks the subflow it
\* arrives on. A change is recorded once, with the option's origin. Nothing is checked unless the
\* server's mode states the message (mptls, mptcpsec): then its checks run as for ADD_ADDR, and
\* only once the key agreement is over (before it there is no key to check a tag with: ignored).
Applied(cn, j, what) == \E r \in pmDone : r.conn = cn /\ r.j = j /\ r.what = what
PmAccepted(s) ==
    LET cn == s.sf.conn
    IN ~Has(srv[cn].mode, s.m)
       \/ /\ ReadyB(cn) /\ s.opt
          /\ Accept(srv[cn].mode, s, Merge(srv[cn].cs, EmptyJs), ServerKey(cn), 0).fail = "none"
RecvRemoveAddr(s) ==
    LET cn == s.sf.conn
        k == s.fld.id.n
        gone == {h \in hs : h.conn = cn /\ h.est /\ k = "1" /\ h.src = Addr2(ClientOf[cn])}
        initial == IF k = "0" /\ ~Applied(cn, 0, "removed") THEN {0} ELSE {}
    IN /\ IF PmAccepted(s)
          THEN /\ hs' = hs \ gone
               /\ pmDone' = pmDone \cup {[conn |-> cn, j |-> j, what |-> "removed", origin |-> s.origin] :
                                          j \in initial \cup {h.sf.j : h \in gone}}
          ELSE UNCHANGED <<hs, pmDone>>
       /\ Wire({s}, {})
       /\ UNCHANGED <<cli, srv, cj, remotes, closedBy, created, pmReq>>
RecvMpPrio(s) ==
    LET cn == s.sf.conn
    IN /\ pmDone' = IF Applied(cn, s.sf.j, "backup") \/ ~PmAccepted(s) THEN pmDone
                    ELSE pmDone \cup {[conn |-> cn, j |-> s.sf.j, what |-> "backup", origin |-> s.origin]}
       /\ Wire({s}, {})
       /\ UNCHANGED <<cli, srv, cj, hs, remotes, closedBy, created, pmReq>>

\* ---- address withdrawal and stale copies (add-addr-replay: AddrReplays only) ----
\* The server withdraws the address it advertised (REMOVE_ADDR naming its id, 2 on the
\* reference), once the client has accepted it (Linux withdraws after the ADD_ADDR echo, which
\* the model does not carry as a segment); the client forgets the address.
Withdraw(cn) ==
    /\ AddrReplays /\ cn # PeerConn /\ srv[cn].advd /\ ~srv[cn].wd /\ Live(cn)
    /\ \E r \in remotes[cn] : r.addr = "s.a2" /\ r.now    \* the client holds it (Linux: echoed)
    /\ srv' = [srv EXCEPT ![cn].wd = TRUE]
    /\ Wire({}, {Segment("REMOVE_ADDR", TRUE, "p1", "s.a1", Addr1(ClientOf[cn]), [conn |-> cn, j |-> 0],
                         [id |-> Int(2)], "s")})
    /\ lastAction' = [a |-> "Withdraw", conn |-> cn]
    /\ UNCHANGED <<cli, cj, hs, remotes, closedBy, created>> /\ Keep
RecvWithdraw(s) ==
    LET cn == s.sf.conn
    IN /\ remotes' = [remotes EXCEPT ![cn] = {r \in @ : r.addr # "s.a2"}]
       /\ Wire({s}, {})
       /\ UNCHANGED <<cli, srv, cj, hs, closedBy, created>> /\ UNCHANGED PmVars
\* the early ACK: plain TCP, nothing answered, no option read (see EarlyAck)
RecvEarlyAck(s) ==
    LET cn == s.sf.conn
    IN /\ srv' = [srv EXCEPT ![cn].st = "tcp", ![cn].mode = "tcp"]
       /\ Wire({s}, {})
       /\ UNCHANGED <<cli, cj, hs, remotes, closedBy, created>> /\ UNCHANGED PmVars
Handlers(s) ==
    IF EarlyAck(s) THEN RecvEarlyAck(s) ELSE
    CASE s.m = "MPC_SYN"     -> RecvMpcSyn(s)
      [] s.m = "MPC_SYNACK"  -> RecvMpcSynAck(s)
      [] s.m = "MPC_ACK"     -> RecvMpcAck(s)
      [] s.m = "HS_ACK"      -> RecvHsAck(s)
      [] s.m = "KEY_A"       -> RecvKeyA(s)
      [] s.m = "KEY_B"       -> RecvKeyB(s)
      [] s.m = "JOIN_SYN"    -> RecvJoinSyn(s)
      [] s.m = "JOIN_SYNACK" -> RecvJoinSynAck(s)
      [] s.m = "JOIN_ACK"    -> RecvJoinAck(s)
      [] s.m = "ADD_ADDR"    -> RecvAddAddr(s)
      [] s.m = "FASTCLOSE"   -> RecvFastClose(s)
      [] s.m = "REMOVE_ADDR" -> IF s.dst = "s.a1" THEN RecvRemoveAddr(s)
                                ELSE IF AddrReplays THEN RecvWithdraw(s) ELSE RecvPmAtClient(s)
      [] s.m = "MP_PRIO"     -> IF s.dst = "s.a1" THEN RecvMpPrio(s) ELSE RecvPmAtClient(s)
      [] s.m = "ADD_ADDR_A"  -> RecvAddAddrAtServer(s)
      [] s.m = "FASTCLOSE_B" -> RecvFastCloseAtClient(s)

\* Delivery of an in-flight segment. A segment no state matches is discarded
\* (in TCP: an RST or nothing, with no effect on any state modelled here).
Deliver(s) ==
    /\ IF Fits(s) THEN Handlers(s)
       ELSE Wire({s}, {}) /\ UNCHANGED <<cli, srv, cj, hs, remotes, closedBy, created>>
    /\ lastAction' = [a |-> "Deliver", m |-> s.m, src |-> s.src, dst |-> s.dst, sf |-> SfName(s.sf)]
    /\ KeepAttacker
    /\ (s.m \notin {"REMOVE_ADDR", "MP_PRIO"} \/ ~Fits(s) => UNCHANGED PmVars)
    /\ UNCHANGED pmReq

\* the network loses a segment
Lose(s) ==
    /\ Lossy
    /\ net' = net \ {s}
    /\ touched' = touched \cup {s.sf}
    /\ lastAction' = [a |-> "Lose", m |-> s.m, sf |-> SfName(s.sf)]
    /\ UNCHANGED <<cli, srv, cj, hs, remotes, closedBy, created, know, seen, inj, rew>> /\ UNCHANGED PmVars

-----------------------------------------------------------------------------
(* The attacker. What it may do comes from the Profile; what it can put   *)
(* into a field comes from its knowledge (Synth) and from the receiver's   *)
(* checks: for finiteness a checked field carries the value the receiver   *)
(* will compare it against (if the attacker can synthesise it), every     *)
(* other field the attacker's own fresh atom. Why this loses no attack:   *)
(* docs/models.md, "Generic core". A field named addr carries an address. *)

CanInject == P.inject /\ inj < MaxInjections
Own(f) == IF f = "addr" THEN Atom(XAddr) ELSE Atom("x." \o f \o "." \o ToString(inj + 1))
InjSf == [conn |-> "inj", j |-> inj + 1]

\* the fields of a forged segment under definition md, to a receiver whose context is ctx;
\* [ok |-> FALSE] when a checked field's expected value is not synthesisable
\* (ForgeWith: with the unchecked fields' values f0 given; its own private values, the z of a
\* pub(z) among them, are known to it as well)
OwnPrivs(f0) == {f0[g].a[1] : g \in {h \in DOMAIN f0 : f0[h].op = "pub"}}
ForgeWith(md, ctx, f0) ==
    LET c == [ctx EXCEPT !.fld = f0]
        checked == {md.checks[i].f : i \in DOMAIN md.checks}
        val(f) == Eval(md.checks[CHOOSE i \in DOMAIN md.checks : md.checks[i].f = f].t, c)
        fld == [f \in DOMAIN f0 |-> IF f \in checked THEN val(f) ELSE f0[f]]
        own == {f0[g] : g \in DOMAIN f0} \cup OwnPrivs(f0)   \* its own values, known to it before it sends them
    IN [ok |-> checked \subseteq DOMAIN f0 /\ \A f \in checked : Synth(fld[f], know \cup own), fld |-> fld]
Forge(md, ctx) == ForgeWith(md, ctx, [f \in DOMAIN md.fields |-> Own(f)])

\* Only a segment some end has state for now is injected: one that fits later can be
\* injected later (injection is a step of its own at any point), so nothing is lost.
\* A segment equal, option and 4-tuple, to one the attacker observed is that segment
\* retransmitted, not a forgery (as for Replay): injecting it adds only a second delivery
\* of the honest segment, while its origin "x" would count the honest end's own option as
\* the attacker's (draft-baerts / eavesdrop-all "fell" to a copy of the client's third ACK).
Copy(seg) == \E t \in seen : t.m = seg.m /\ t.src = seg.src /\ t.dst = seg.dst /\ t.sf = seg.sf
                            /\ t.opt = seg.opt /\ t.fld = seg.fld
Inject(seg) ==
    /\ Fits(seg)
    /\ ~Copy(seg)
    /\ net' = net \cup {seg}
    /\ know' = Learn(know, {seg})
    /\ inj' = inj + 1
    /\ UNCHANGED <<cli, srv, cj, hs, remotes, closedBy, created, seen, rew, touched>> /\ UNCHANGED PmVars

\* a join SYN aimed at connection cn (at index i of its lookup), from src
ForgeJoinSyn(cn, i, src) ==
    /\ CanInject /\ cn \notin InsiderConns /\ CanJoinTo(cn) /\ i \in Window(cn, JoinLookup(cn))
    /\ LET md == M(srv[cn].mode, "JOIN_SYN")
           L == md.lookup
           v == Expected(cn, i)
           fld == [f \in DOMAIN md.fields |-> IF f = L.field /\ L.select # "recent-open" THEN v ELSE Own(f)]
       IN /\ L.select = "recent-open" \/ Synth(v, know)
          /\ Inject(Segment("JOIN_SYN", TRUE, "px", src, "s.a1", InjSf, fld, "x"))
    /\ lastAction' = [a |-> "ForgeJoinSyn", conn |-> cn, src |-> src]

\* ---- insiders (issue 13): a join SYN for a connection it cannot name ----
\* An insider knows the server has other clients, but a victim's token is fresh per connection:
\* where it cannot build a victim's lookup value (always, for insider-blind) it can still send a
\* SYN + MP_JOIN whose every field is its own value, as a client would that guessed a token. The
\* server's lookup judges it: refused, unless the lookup ignores the field (then ForgeJoinSyn
\* sends the same segment). This is the attempt that makes a holding insider cell HOLDS rather
\* than VACUOUS, as in the traces engine (whose join SYNs carry the attacker's own token when it
\* can build none); a guess that could match is left out, as every guess is (no-guessing rule).
GuessJoinSyn(cn, src) ==
    /\ Insider /\ CanInject /\ cn \in HonestConns /\ CanJoinTo(cn)
    /\ LET md == M(srv[cn].mode, "JOIN_SYN")
       IN Inject(Segment("JOIN_SYN", TRUE, "px", src, "s.a1", InjSf, [f \in DOMAIN md.fields |-> Own(f)], "x"))
    /\ lastAction' = [a |-> "ForgeJoinSyn", conn |-> cn, src |-> src]

\* the third ACK for a half-open join whose 4-tuple it knows (it sent the SYN or saw it)
Knows4Tuple(sf) == sf.conn = "inj" \/ \E t \in seen : t.sf = sf
ForgeJoinAck(h) ==
    /\ CanInject /\ ~h.est /\ Knows4Tuple(h.sf)
    /\ LET md == M(srv[h.conn].mode, "JOIN_ACK")
           f == Forge(md, Ctx(Merge(srv[h.conn].cs, h.js), NoFld, NoFld, ServerKey(h.conn), h.idx,
                              [src |-> h.src, dst |-> h.local]))
       IN /\ Has(srv[h.conn].mode, "JOIN_ACK") /\ f.ok
          /\ Inject(Segment("JOIN_ACK", TRUE, "px", h.src, h.local, h.sf, f.fld, "x"))
    /\ lastAction' = [a |-> "ForgeJoinAck", conn |-> h.conn, src |-> h.src]

\* a SYN/ACK to a client's pending join (it saw the join's SYN)
ForgeJoinSynAck(cn, j) ==
    /\ CanInject /\ cn # PeerConn /\ cn \notin InsiderConns /\ cj[cn][j].st = "synsent" /\ Knows4Tuple([conn |-> cn, j |-> j])
    /\ LET md == M(cli[cn].mode, "JOIN_SYNACK")
           f == Forge(md, Ctx(Merge(cli[cn].cs, cj[cn][j].js), NoFld, NoFld, ClientKey(cn), j,
                              [src |-> cj[cn][j].dst, dst |-> Addr2(ClientOf[cn])]))
       IN /\ Has(cli[cn].mode, "JOIN_SYNACK") /\ f.ok
          /\ Inject(Segment("JOIN_SYNACK", TRUE, "px", cj[cn][j].dst, Addr2(ClientOf[cn]),
                        [conn |-> cn, j |-> j], f.fld, "x"))
    /\ lastAction' = [a |-> "ForgeJoinSynAck", conn |-> cn]

\* ADD_ADDR(x.a) to a client / MP_FASTCLOSE to the server, on a connection it saw
ForgeAddAddr(cn) ==
    /\ CanInject /\ cn # PeerConn /\ cn \notin InsiderConns /\ ReadyA(cn) /\ Knows4Tuple([conn |-> cn, j |-> 0])
    /\ LET md == M(cli[cn].mode, "ADD_ADDR")
           f == Forge(md, Ctx(Merge(cli[cn].cs, EmptyJs), NoFld, NoFld, ClientKey(cn), 0,
                              [src |-> "s.a1", dst |-> Addr1(ClientOf[cn])]))
       IN /\ Has(cli[cn].mode, "ADD_ADDR") /\ f.ok
          /\ Inject(Segment("ADD_ADDR", TRUE, "px", "s.a1", Addr1(ClientOf[cn]), [conn |-> cn, j |-> 0], f.fld, "x"))
    /\ lastAction' = [a |-> "ForgeAddAddr", conn |-> cn]

\* (only once the server is ready: delivered earlier it is discarded, and the value the check
\* compares against is the same then, so the later injection stands for the earlier one)
ForgeFastClose(cn) ==
    /\ CanInject /\ cn # PeerConn /\ cn \notin InsiderConns /\ ReadyB(cn) /\ Knows4Tuple([conn |-> cn, j |-> 0])
    /\ LET md == M(srv[cn].mode, "FASTCLOSE")
           f == Forge(md, Ctx(Merge(srv[cn].cs, EmptyJs), NoFld, NoFld, ServerKey(cn), 0,
                              [src |-> Addr1(ClientOf[cn]), dst |-> "s.a1"]))
       IN /\ Has(srv[cn].mode, "FASTCLOSE") /\ f.ok
          /\ Inject(Segment("FASTCLOSE", TRUE, "px", Addr1(ClientOf[cn]), "s.a1", [conn |-> cn, j |-> 0], f.fld, "x"))
    /\ lastAction' = [a |-> "ForgeFastClose", conn |-> cn]

\* REMOVE_ADDR (naming address id k) or MP_PRIO(backup) to the server on a connection's initial
\* subflow it saw. Where the server's mode states the message, its tag is forged as ADD_ADDR's
\* HMAC is (the value the check compares with, if synthesisable; the id and flag its own choice),
\* once the server is ready (before, nothing is accepted); elsewhere no field is checked, so any
\* attacker that knows the 4-tuple can build it
PmTagged(cn, m) == Has(srv[cn].mode, m)
PmForged(cn, m, k) ==
    ForgeWith(M(srv[cn].mode, m), Ctx(Merge(srv[cn].cs, EmptyJs), NoFld, NoFld, ServerKey(cn), 0,
                                      [src |-> Addr1(ClientOf[cn]), dst |-> "s.a1"]),
              [f \in DOMAIN M(srv[cn].mode, m).fields |-> IF f \in DOMAIN PmField(m, k) THEN PmField(m, k)[f] ELSE Own(f)])
ForgePm(cn, m, k) ==
    /\ CanInject /\ m \in PmMsgs /\ cn # PeerConn /\ Live(cn) /\ Knows4Tuple([conn |-> cn, j |-> 0])
    /\ IF PmTagged(cn, m)
       THEN /\ ReadyB(cn) /\ PmForged(cn, m, k).ok
            /\ Inject(Segment(m, TRUE, "px", Addr1(ClientOf[cn]), "s.a1", [conn |-> cn, j |-> 0], PmForged(cn, m, k).fld, "x"))
       ELSE Inject(Segment(m, TRUE, "px", Addr1(ClientOf[cn]), "s.a1", [conn |-> cn, j |-> 0], PmField(m, k), "x"))
    /\ lastAction' = [a |-> IF m = "REMOVE_ADDR" THEN "ForgeRemoveAddr" ELSE "ForgeMpPrio", conn |-> cn, id |-> k]

\* ---- forgeries of the mirror-image directions (their cells only) ----
\* ADD_ADDR(x.a) to the server, MP_FASTCLOSE to the client, on a connection whose initial 4-tuple
\* it knows, built as ForgeAddAddr / ForgeFastClose are, against the other end's checks
ForgeAddAddrToServer(cn) ==
    /\ MirrorAddr /\ CanInject /\ cn # PeerConn /\ cn \notin InsiderConns /\ ReadyB(cn) /\ Knows4Tuple(SfOf(cn, 0))
    /\ HasMirror(srv[cn].mode, "ADD_ADDR")
    /\ LET f == Forge(MM(srv[cn].mode, "ADD_ADDR"), Ctx(Merge(srv[cn].cs, EmptyJs), NoFld, NoFld, ServerKey(cn), 0,
                                                        [src |-> Addr1(ClientOf[cn]), dst |-> "s.a1"]))
       IN /\ f.ok
          /\ Inject(Segment("ADD_ADDR_A", TRUE, "px", Addr1(ClientOf[cn]), "s.a1", SfOf(cn, 0), f.fld, "x"))
    /\ lastAction' = [a |-> "ForgeAddAddrToServer", conn |-> cn]
ForgeFastCloseToClient(cn) ==
    /\ MirrorClose /\ CanInject /\ cn # PeerConn /\ cn \notin InsiderConns /\ ReadyA(cn) /\ Knows4Tuple(SfOf(cn, 0))
    /\ HasMirror(cli[cn].mode, "FASTCLOSE")
    /\ LET f == Forge(MM(cli[cn].mode, "FASTCLOSE"), Ctx(Merge(cli[cn].cs, EmptyJs), NoFld, NoFld, ClientKey(cn), 0,
                                                         [src |-> "s.a1", dst |-> Addr1(ClientOf[cn])]))
       IN /\ f.ok
          /\ Inject(Segment("FASTCLOSE_B", TRUE, "px", "s.a1", Addr1(ClientOf[cn]), SfOf(cn, 0), f.fld, "x"))
    /\ lastAction' = [a |-> "ForgeFastCloseToClient", conn |-> cn]
\* REMOVE_ADDR (address id 0: the initial subflow) or MP_PRIO(backup) to the client as the server;
\* a tag (a mode stating the message B->A) forged as the server's direction's is
PmToClientFields(cn, m) ==
    [f \in DOMAIN MM(cli[cn].mode, m).fields |-> IF f \in DOMAIN PmField(m, 0) THEN PmField(m, 0)[f] ELSE Own(f)]
PmToClientForged(cn, m) ==
    ForgeWith(MM(cli[cn].mode, m), Ctx(Merge(cli[cn].cs, EmptyJs), NoFld, NoFld, ClientKey(cn), 0,
                                       [src |-> "s.a1", dst |-> Addr1(ClientOf[cn])]), PmToClientFields(cn, m))
ForgePmToClient(cn, m) ==
    /\ MirrorPm /\ CanInject /\ m \in PmMsgs /\ cn # PeerConn /\ cn \notin InsiderConns /\ cli[cn].st = "mptcp"
    /\ Knows4Tuple(SfOf(cn, 0))
    /\ IF HasMirror(cli[cn].mode, m)
       THEN /\ ReadyA(cn) /\ PmToClientForged(cn, m).ok
            /\ Inject(Segment(m, TRUE, "px", "s.a1", Addr1(ClientOf[cn]), SfOf(cn, 0), PmToClientForged(cn, m).fld, "x"))
       ELSE Inject(Segment(m, TRUE, "px", "s.a1", Addr1(ClientOf[cn]), SfOf(cn, 0), PmField(m, 0), "x"))
    /\ lastAction' = [a |-> IF m = "REMOVE_ADDR" THEN "ForgeRemoveAddrToClient" ELSE "ForgeMpPrioToClient", conn |-> cn]

\* replay an observed segment's option (its origin stays who built it) from any source; a captured segment
\* (sent to x.a) may be relayed to the other end of its subflow; a replayed SYN may
\* come from a fresh source port (a new 4-tuple)
RelayDst(t) ==
    IF t.dst # XAddr THEN {t.dst}
    ELSE IF t.src \in SrvAddrs /\ t.sf.conn \in Conns
         THEN {IF t.sf.j = 0 THEN Addr1(ClientOf[t.sf.conn]) ELSE Addr2(ClientOf[t.sf.conn])}
         ELSE {"s.a1"}
Replay(t, src, dst, sf) ==
    /\ CanInject /\ t.sf.conn \notin InsiderConns   \* an insider's own connection is no target
    /\ <<src, dst, sf>> # <<t.src, t.dst, t.sf>>          \* an exact duplicate is a retransmission
    /\ Inject([t EXCEPT !.path = "px", !.src = src, !.dst = dst, !.sf = sf])
    /\ lastAction' = [a |-> "Replay", m |-> t.m, src |-> src, dst |-> dst, sf |-> SfName(sf)]
ReplaySfs(t) == IF t.m = "JOIN_SYN" THEN {t.sf, InjSf} ELSE {t.sf}

\* A copy of an ADD_ADDR it read, sent once the original has left the network (a copy of one in
\* flight on its own 4-tuple is a retransmission), to the client of a connection whose 4-tuple it
\* knows, its own included; the origin stays the server (as for Replay).
ReplayAddr(t, cn) ==
    /\ AddrReplays /\ CanInject /\ t.m = "ADD_ADDR" /\ t.origin = "s" /\ t \notin net
    /\ cn # PeerConn /\ Knows4Tuple([conn |-> cn, j |-> 0])
    /\ LET seg == [t EXCEPT !.path = "px", !.src = "s.a1", !.dst = Addr1(ClientOf[cn]), !.sf = [conn |-> cn, j |-> 0]]
       IN /\ Fits(seg)
          /\ net' = net \cup {seg}
          /\ know' = Learn(know, {seg})
          /\ inj' = inj + 1
    /\ lastAction' = [a |-> "Replay", m |-> t.m, src |-> "s.a1", dst |-> Addr1(ClientOf[cn]), sf |-> cn \o "/0"]
    /\ UNCHANGED <<cli, srv, cj, hs, remotes, closedBy, created, seen, rew, touched>> /\ UNCHANGED PmVars

\* on-path: drop a segment in flight, or rewrite its source address
OnPath(s) == s.path \in P.onpath /\ rew < MaxRewrites /\ (HsEdits => PhaseOf(s.m) \in P.onphases)
Drop(s) ==
    /\ OnPath(s)
    /\ net' = net \ {s}
    /\ rew' = rew + 1
    /\ touched' = touched \cup {s.sf}
    /\ lastAction' = [a |-> "Drop", m |-> s.m, sf |-> SfName(s.sf)]
    /\ UNCHANGED <<cli, srv, cj, hs, remotes, closedBy, created, know, seen, inj>> /\ UNCHANGED PmVars
Rewrite(s, src) ==
    /\ OnPath(s) /\ src # s.src /\ ~HsEdits
    /\ net' = (net \ {s}) \cup {[s EXCEPT !.src = src]}
    /\ rew' = rew + 1
    /\ touched' = touched \cup {s.sf}
    /\ lastAction' = [a |-> "Rewrite", m |-> s.m, src |-> src, sf |-> SfName(s.sf)]
    /\ UNCHANGED <<cli, srv, cj, hs, remotes, closedBy, created, know, seen, inj>> /\ UNCHANGED PmVars

InjSrcs == {XAddr} \cup Spoofs

\* ---- witness probes (the witness run only) ----
\* For finiteness the forgeries above carry in a checked field only the value the receiver will
\* accept, and are not sent when the attacker cannot build it: a forgery that would be rejected
\* changes nothing the properties read, so leaving it out loses no violation. The witness asks
\* whether an attacker segment can reach the check at all, accepted or rejected; the witness run
\* (CoreChecker, WitnessProbes overridden TRUE) adds those rejected forgeries: every field its own
\* atom, to a receiver that has state for it, on a subflow whose 4-tuple the attacker knows.
WitnessProbes == FALSE
OwnFields(md) == [f \in DOMAIN md.fields |-> Own(f)]
Probe(seg) == WitnessProbes /\ CanInject /\ Inject(seg) /\ lastAction' = [a |-> "Probe", m |-> seg.m, sf |-> SfName(seg.sf)]
ProbeFastClose(cn) ==
    /\ cn # PeerConn /\ ReadyB(cn) /\ Knows4Tuple([conn |-> cn, j |-> 0]) /\ Has(srv[cn].mode, "FASTCLOSE")
    /\ Probe(Segment("FASTCLOSE", TRUE, "px", Addr1(ClientOf[cn]), "s.a1", [conn |-> cn, j |-> 0],
                     OwnFields(M(srv[cn].mode, "FASTCLOSE")), "x"))
ProbeAddAddr(cn) ==
    /\ cn # PeerConn /\ ReadyA(cn) /\ Knows4Tuple([conn |-> cn, j |-> 0]) /\ Has(cli[cn].mode, "ADD_ADDR")
    /\ Probe(Segment("ADD_ADDR", TRUE, "px", "s.a1", Addr1(ClientOf[cn]), [conn |-> cn, j |-> 0],
                     OwnFields(M(cli[cn].mode, "ADD_ADDR")), "x"))
ProbeJoinSyn(cn, src) ==
    /\ CanJoinTo(cn)
    /\ Probe(Segment("JOIN_SYN", TRUE, "px", src, "s.a1", InjSf, OwnFields(M(srv[cn].mode, "JOIN_SYN")), "x"))
ProbeJoinAck(h) ==
    /\ ~h.est /\ Knows4Tuple(h.sf) /\ Has(srv[h.conn].mode, "JOIN_ACK")
    /\ Probe(Segment("JOIN_ACK", TRUE, "px", h.src, h.local, h.sf, OwnFields(M(srv[h.conn].mode, "JOIN_ACK")), "x"))
ProbeJoinSynAck(cn, j) ==
    /\ cn # PeerConn /\ cj[cn][j].st = "synsent" /\ Knows4Tuple([conn |-> cn, j |-> j]) /\ Has(cli[cn].mode, "JOIN_SYNACK")
    /\ Probe(Segment("JOIN_SYNACK", TRUE, "px", cj[cn][j].dst, Addr2(ClientOf[cn]), [conn |-> cn, j |-> j],
                     OwnFields(M(cli[cn].mode, "JOIN_SYNACK")), "x"))
\* a tagged REMOVE_ADDR / MP_PRIO whose tag is its own atom (an untagged row's forgery always reaches)
ProbePm(cn, m, k) ==
    /\ m \in PmMsgs /\ cn # PeerConn /\ ReadyB(cn) /\ Knows4Tuple([conn |-> cn, j |-> 0]) /\ PmTagged(cn, m)
    /\ Probe(Segment(m, TRUE, "px", Addr1(ClientOf[cn]), "s.a1", [conn |-> cn, j |-> 0],
                     [f \in DOMAIN M(srv[cn].mode, m).fields |-> IF f \in DOMAIN PmField(m, k) THEN PmField(m, k)[f] ELSE Own(f)], "x"))
\* the mirror-image directions' forgeries with their own atoms in every field
ProbeAddAddrToServer(cn) ==
    /\ MirrorAddr /\ cn # PeerConn /\ ReadyB(cn) /\ Knows4Tuple(SfOf(cn, 0)) /\ HasMirror(srv[cn].mode, "ADD_ADDR")
    /\ Probe(Segment("ADD_ADDR_A", TRUE, "px", Addr1(ClientOf[cn]), "s.a1", SfOf(cn, 0),
                     OwnFields(MM(srv[cn].mode, "ADD_ADDR")), "x"))
ProbeFastCloseToClient(cn) ==
    /\ MirrorClose /\ cn # PeerConn /\ ReadyA(cn) /\ Knows4Tuple(SfOf(cn, 0)) /\ HasMirror(cli[cn].mode, "FASTCLOSE")
    /\ Probe(Segment("FASTCLOSE_B", TRUE, "px", "s.a1", Addr1(ClientOf[cn]), SfOf(cn, 0),
                     OwnFields(MM(cli[cn].mode, "FASTCLOSE")), "x"))
ProbePmToClient(cn, m) ==
    /\ MirrorPm /\ m \in PmMsgs /\ cn # PeerConn /\ ReadyA(cn) /\ Knows4Tuple(SfOf(cn, 0)) /\ HasMirror(cli[cn].mode, m)
    /\ Probe(Segment(m, TRUE, "px", "s.a1", Addr1(ClientOf[cn]), SfOf(cn, 0), PmToClientFields(cn, m), "x"))
\* (ProbePm is a disjunct of its own: a quantifier inside the per-connection list swallowed the
\* disjuncts after it, which an empty PmMsgs then turned off)
Probes ==
    \/ \E cn \in Conns : \/ ProbeFastClose(cn) \/ ProbeAddAddr(cn)
                        \/ \E a \in InjSrcs : ProbeJoinSyn(cn, a)
                        \/ \E j \in 1..MaxJoins : ProbeJoinSynAck(cn, j)
    \/ \E h \in hs : ProbeJoinAck(h)
    \/ \E cn \in Conns, m \in PmMsgs, k \in {0, 1} : ProbePm(cn, m, k)
    \/ \E cn \in Conns : ProbeAddAddrToServer(cn)
    \/ \E cn \in Conns : ProbeFastCloseToClient(cn)
    \/ \E cn \in Conns, m \in PmMsgs : ProbePmToClient(cn, m)

-----------------------------------------------------------------------------
(* The handshake attacker (issue 13; profiles handshake-downgrade,        *)
(* handshake-mitm): on p1 while the handshake (and, for the mitm, the key *)
(* agreement) runs, it drops a segment (Drop), strips its MP_CAPABLE      *)
(* option, or clears the flag bit of the signalled mode the option        *)
(* carries; each edit spends one of MaxRewrites. It need not know what    *)
(* the bit means: clearing it makes the receiver read the option as the   *)
(* base mode's. Cleared only where the base mode's segment has the same   *)
(* fields (the other layouts' bytes would be re-read as other fields,     *)
(* which the core does not model; docs/models.md "Handshake profiles").   *)
(* Other flag bits (A checksum, H algorithm) are not cleared: an end that *)
(* then falls back to TCP gives the attacker nothing for either goal.     *)
Edited(s, t, edit) ==
    /\ OnPath(s) /\ HsEdits /\ s.m \in HsMsgs /\ s.opt
    /\ net' = (net \ {s}) \cup {[t EXCEPT !.ed = TRUE]}
    /\ rew' = rew + 1
    /\ touched' = touched \cup {s.sf}
    /\ lastAction' = [a |-> "Tamper", m |-> s.m, edit |-> edit, sf |-> SfName(s.sf)]
    /\ UNCHANGED <<cli, srv, cj, hs, remotes, closedBy, created, know, seen, inj>> /\ UNCHANGED PmVars
Strip(s) == Edited(s, [s EXCEPT !.opt = FALSE, !.fld = NoFld, !.sig = ""], "strip")
ClearSig(s) ==
    /\ s.sig # "" /\ Has(Data.base, s.m) /\ DOMAIN M(Data.base, s.m).fields = DOMAIN s.fld
    /\ Edited(s, [s EXCEPT !.sig = ""], "clear:" \o ToString(Data.signals[s.sig].flag))

(* The attacker answers the handshake (issue 13, handshake-mitm: on path *)
(* and injecting while the handshake and key agreement run). It replaces  *)
(* a handshake or key-agreement segment in flight by its own segment of  *)
(* that message, built as the receiving end reads it: a field the        *)
(* receiver checks carries the value the check compares against (if the  *)
(* attacker can build it), a field the sender fills with a public value  *)
(* (template pub(..)) the attacker's own public value pub(z) of a private *)
(* value z it draws and keeps, every other field its own atom. That is    *)
(* the man in the middle of an unauthenticated key agreement (its share   *)
(* in place of each end's) and of a key exchange in clear (its key).     *)
(* An answer is an edit of a segment on its path: one of MaxRewrites (as  *)
(* Drop, Strip), not an injection; the segment it stands for is gone.     *)
(* It answers only with fields other than the original's (else it is the *)
(* original). Answering instead of an end that sent nothing (the SYN/ACK  *)
(* to a SYN it dropped) is left out: the receiver's next state is the     *)
(* same as for an answer to that end's segment once it is sent, and the   *)
(* honest end whose segment was replaced only ever sees what follows.    *)
KeyMsgs == {"KEY_A", "KEY_B"}
ToServer(m) == m \in {"MPC_SYN", "MPC_ACK", "KEY_A"}
OwnAnswer(f) == Atom("x." \o f \o ".r" \o ToString(rew + 1))
AnswerFields(md) == [f \in DOMAIN md.fields |-> IF md.fields[f].op = "pub" THEN Pub(OwnAnswer(f)) ELSE OwnAnswer(f)]
Answer(s) ==
    /\ OnPath(s) /\ HsEdits /\ P.inject /\ s.m \in HsMsgs \cup KeyMsgs /\ s.opt /\ s.sf.conn \in Conns
    /\ LET cn == s.sf.conn
           mode == IF ToServer(s.m) THEN srv[cn].mode ELSE cli[cn].mode
           sl == Merge(IF ToServer(s.m) THEN srv[cn].cs ELSE cli[cn].cs, EmptyJs)
           ext == IF ToServer(s.m) THEN ServerKey(cn) ELSE ClientKey(cn)
           md == M(mode, s.m)
           f0 == AnswerFields(md)
           f == ForgeWith(md, Ctx(sl, NoFld, NoFld, ext, 0, [src |-> s.src, dst |-> s.dst]), f0)
           seg == [Segment(s.m, TRUE, "px", s.src, s.dst, s.sf, f.fld, "x") EXCEPT !.sig = SigOf(mode, s.m), !.ed = TRUE]
       IN /\ Has(mode, s.m) /\ f.ok /\ f.fld # s.fld
          /\ net' = (net \ {s}) \cup {seg}
          /\ know' = Closure(know \cup OwnPrivs(f0) \cup FieldTerms({seg}))
    /\ rew' = rew + 1
    /\ touched' = touched \cup {s.sf}
    /\ lastAction' = [a |-> "Answer", m |-> s.m, sf |-> SfName(s.sf)]
    /\ UNCHANGED <<cli, srv, cj, hs, remotes, closedBy, created, seen, inj>> /\ UNCHANGED PmVars

-----------------------------------------------------------------------------
JoinDsts(cn) == {"s.a1"} \cup {r.addr : r \in remotes[cn]}

Next ==
    \/ \E cn \in Conns :
          \/ Connect(cn) \/ SendKeyA(cn) \/ SendKeyB(cn) \/ Advertise(cn) \/ Close(cn)
          \/ AdvertiseToServer(cn) \/ ServerClose(cn)
          \/ \E d \in JoinDsts(cn) : StartJoin(cn, d)
          \/ \E m \in PmMsgs : PmRequest(cn, m) \/ \E k \in {0, 1} : ForgePm(cn, m, k)
          \/ Withdraw(cn)
    \/ \E s \in net : Deliver(s) \/ Lose(s) \/ Drop(s) \/ \E a \in InjSrcs : Rewrite(s, a)
    \/ \E s \in net : Strip(s) \/ ClearSig(s) \/ Answer(s)
    \/ \E cn \in Conns, i \in 0..MaxIdx, a \in InjSrcs : ForgeJoinSyn(cn, i, a)
    \/ \E cn \in Conns, a \in InjSrcs : GuessJoinSyn(cn, a)
    \/ \E h \in hs : ForgeJoinAck(h)
    \/ \E cn \in Conns : \/ ForgeAddAddr(cn) \/ ForgeFastClose(cn)
                        \/ ForgeAddAddrToServer(cn) \/ ForgeFastCloseToClient(cn)
                        \/ \E j \in 1..MaxJoins : ForgeJoinSynAck(cn, j)
    \/ \E t \in seen : \E src \in {t.src} \cup InjSrcs, dst \in RelayDst(t), sf \in ReplaySfs(t) :
          Replay(t, src, dst, sf)
    \/ \E t \in seen, cn \in Conns : ReplayAddr(t, cn)
    \/ \E cn \in Conns, m \in PmMsgs : ForgePmToClient(cn, m)
    \/ WitnessProbes /\ Probes

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Properties (docs/properties.md), under their shared names. Those judged  *)
(* "at quiescence" hold vacuously while a segment is in flight.            *)

Quiescent == net = {}
Client(cn) == ClientOf[cn]
Est(h) == h.est /\ h.conn \in HonestConns

\* Authentic means requested (docs/properties.md): every established join of C's connection is
\* one C's client asked for and completed. Its SYN's option is the client's (h.origin; a copy keeps
\* it), and when the server accepted a third ACK for it the client had sent its own on that join
\* (cj "est": it accepted the SYN/ACK and answered; a join it abandoned is "failed", one whose
\* SYN/ACK it has not yet accepted "synsent"). Whoever built the accepted third ACK (ackOrigin)
\* does not matter once the client has sent its own: a copy of the client's request overtaking it
\* completes what the client completed. A replayed SYN from a fresh port (sf "inj") is no join of
\* the client's. The invariant is checked in every state, so "had sent" is judged at acceptance.
ClientCompleted(h) == h.sf.conn \in Conns /\ h.sf.j \in 1..MaxJoins /\ cj[h.sf.conn][h.sf.j].st = "est"
JoinAuthenticity == \A h \in hs : Est(h) => h.origin = Client(h.conn) /\ ClientCompleted(h)

\* issue 12, the mirror image of JoinAuthenticity: every join a client completed (it accepted a
\* SYN/ACK + MP_JOIN: RecvJoinSynAck, the only step that sets ans) was answered by the server of its
\* connection. The accepted segment's origin is who built its option: a relayed or copied answer of
\* the server's is the server's, one the attacker built (ForgeJoinSynAck) is not.
JoinAnswerAuthenticity == \A cn \in HonestConns : \A j \in 1..MaxJoins : cj[cn][j].ans \in {"none", "s"}

\* the attacker knows no external key, nor a truncation of one, however it came to know it:
\* the key-given control (AttackerHasKey) violates it in the initial state, as it must
ExternalKeySecrecy == ~KeyKnown

\* issue 13: when both ends hold the external key, neither end is MPTCP in a mode whose joins rest
\* only on what its handshake sends in clear: each MPTCP end runs a keyed mode (Data.keyed: it reads
\* K and never sends K in clear; generated, docs/models.md "Handshake profiles"). Plain TCP (a
\* refusing end) satisfies it. A scheme that signals nothing cannot be moved off its mode.
DowngradeResistance ==
    \A cn \in HonestConns : ClientHas(cn) /\ ServerHas =>
        /\ cli[cn].st = "mptcp" => cli[cn].mode \in Data.keyed
        /\ srv[cn].st = "mptcp" => srv[cn].mode \in Data.keyed

\* every server-side join of C's connection has an address of C's client as remote
SubflowEndpointAuthenticity ==
    \A h \in hs : Est(h) => h.src \in {Addr1(Client(h.conn)), Addr2(Client(h.conn))}

\* every half-open join was created by a SYN its client sent, from the address it
\* sent it from, and no connection holds more than two
JoinStateUnforgeable ==
    /\ \A h \in hs : (~h.est /\ h.conn \in HonestConns) =>
                        h.origin = Client(h.conn) /\ h.src = Addr2(Client(h.conn))
    /\ \A cn \in HonestConns : Cardinality(HalfOpen(cn)) <= 2

\* half-open join state the server keeps (request sockets) stays within its limit per connection
\* (the server option, else the contract's 2) and exists only for a return-routable source: never
\* for a spoofed one, whose SYN/ACK goes to a victim (state kept in a SYN cookie is not counted)
JoinStateBounded ==
    /\ \A cn \in Conns : Cardinality(ReqSocks(cn)) <= (IF ServerHalfOpenLimit > 0 THEN ServerHalfOpenLimit ELSE 2)
    /\ \A h \in hs : (~h.est /\ ~h.cookie) => h.src \notin Spoofs

\* every address a client acted on was advertised by the server on this connection, and not
\* withdrawn since, when the client accepted it (a copy of an authentic ADD_ADDR sent later is not);
\* and the mirror image: every client address the server accepted was advertised by the client of
\* that connection on it
AddrAuthenticity == \A cn \in HonestConns : /\ \A r \in remotes[cn] : r.origin = "s" /\ r.now
                                            /\ \A r \in srv[cn].rem : r.origin = Client(cn) /\ r.now

\* Authentic means requested (docs/properties.md): the server fast-closes C only once C's client
\* has sent an MP_FASTCLOSE on C (Close, the only step that sets cli.fcs), whoever built the
\* segment it accepted: a copy of the client's own request that overtakes it closes what the
\* client closed. Checked in every state, so the request must precede the acceptance. The mirror
\* image: a client accepts an MP_FASTCLOSE only once the server has sent one (ServerClose).
CloseAuthenticity == \A cn \in HonestConns : /\ closedBy[cn] # "none" => cli[cn].fcs
                                             /\ cli[cn].cb # "none" => srv[cn].fcs

\* the server closes or re-prioritises a subflow of C's connection, on a REMOVE_ADDR
\* or MP_PRIO, only when C's client sent that option
\* (and the mirror image: the client acts on one only when the server sent it)
PathManagerIntegrity == /\ \A r \in pmDone : r.conn \in HonestConns => r.origin = Client(r.conn)
                        /\ \A cn \in HonestConns : \A r \in cli[cn].pm : r.origin = "s"

\* a legitimate join: to s.a1 or an address the server advertised, nothing of it or of
\* the connection's first subflow lost or rewritten, both ends still MPTCP
LegitJoin(cn, j) ==
    /\ cj[cn][j].st # "idle"
    /\ cj[cn][j].dst \in {"s.a1"} \cup {r.addr : r \in {x \in remotes[cn] : x.origin = "s"}}
    /\ SfOf(cn, j) \notin touched /\ SfOf(cn, 0) \notin touched
    /\ cli[cn].st = "mptcp" /\ srv[cn].st = "mptcp"
EstBoth(cn, j) == cj[cn][j].st = "est" /\ \E h \in hs : h.sf = SfOf(cn, j) /\ h.est /\ h.conn = cn
AllLegitJoinsEst == \A cn \in HonestConns, j \in 1..MaxJoins : LegitJoin(cn, j) => EstBoth(cn, j)

LegitJoinSucceeds == Quiescent => AllLegitJoinsEst

\* ends agree on MPTCP vs TCP once the handshake is over, and MPTCP joins work
CleanFallback ==
    Quiescent =>
        /\ \A cn \in HonestConns : SfOf(cn, 0) \notin touched /\ cli[cn].st \in {"mptcp", "tcp"}
                                   /\ srv[cn].st \in {"mptcp", "tcp"} => cli[cn].st = srv[cn].st
        /\ AllLegitJoinsEst

\* two applications, two keys, one server: joins land on their own connection
KeyIsolation ==
    /\ \A h \in hs : h.est /\ h.origin \in Clients => Client(h.conn) = h.origin
    /\ Quiescent => AllLegitJoinsEst

\* Attacker-activity witness (issue 12; not a property of docs/properties.md). A step that
\* delivers a segment the attacker originated (injected or replayed: path px) or edited on its path (ed), of a kind the
\* cell's properties depend on (WitnessMsgs), to an end that has state for it, so that the end's
\* checks judge it. Checked as an action property, so TLC tests
\* every transition, also into states already seen (lastAction is outside the VIEW): its first
\* violation's trace is the witness; a completed state space without one means no segment of
\* the attacker ever reached a check, and a HOLDS of the cell is VACUOUS.
\* WitnessMsgs: the segment kinds whose receiver's checks the cell's properties depend on. The
\* runner (CoreChecker) overrides it in the witness run's cfg with the kinds derived from the
\* checked properties (PropertyId.decidedBy, one source for every engine); this default, every
\* kind, serves hand-run checks only.
WitnessMsgs == {"MPC_SYN", "MPC_SYNACK", "MPC_ACK", "KEY_A", "KEY_B", "JOIN_SYN", "JOIN_SYNACK", "JOIN_ACK",
                "ADD_ADDR", "FASTCLOSE", "REMOVE_ADDR", "MP_PRIO"}
AttackerSegmentChecked == \E s \in net : (s.path = "px" \/ s.ed) /\ BaseKind(s.m) \in WitnessMsgs /\ Fits(s) /\ ~EarlyAck(s) /\ s \notin net'
                                          /\ lastAction'.a = "Deliver"
AttackerNeverReachesCheck == [][~AttackerSegmentChecked]_vars

TypeOK ==
    /\ \A cn \in Conns : /\ cli[cn].st \in {"none", "synsent", "mptcp", "tcp", "closed"}
                         /\ srv[cn].st \in {"none", "synrcvd", "mptcp", "tcp", "closed"}
                         /\ cli[cn].nj \in 0..MaxJoins
                         /\ \A j \in 1..MaxJoins : cj[cn][j].st \in {"idle", "synsent", "est", "failed"}
    /\ \A h \in hs : h.conn \in Conns
    /\ inj \in 0..MaxInjections /\ rew \in 0..MaxRewrites
    /\ pmReq \subseteq Conns /\ \A r \in pmDone : r.conn \in Conns /\ r.what \in {"removed", "backup"}
    /\ \A cn \in Conns : /\ cli[cn].advd \in BOOLEAN /\ cli[cn].fcs \in BOOLEAN /\ srv[cn].fcs \in BOOLEAN
                         /\ \A r \in cli[cn].pm : r.what \in {"removed", "backup"}
                         /\ \A r \in srv[cn].rem : r.now \in BOOLEAN
=============================================================================
