----------------------------- MODULE MptcpJoin -----------------------------
(***************************************************************************)
(* Multipath TCP subflow authentication: MP_CAPABLE, MP_JOIN, ADD_ADDR and *)
(* MP_FASTCLOSE under each authentication scheme of docs/schemes.md,       *)
(* against the Dolev-Yao attacker of docs/threat-model.md.                 *)
(*                                                                         *)
(* What is modelled                                                        *)
(*  - Hosts c1 (c2 only in two-keys-one-host), s, the attacker x and, in   *)
(*    nat-join, a NAT on path p2; addresses c.a1 (p1), c.a2 (p2), s.a1,    *)
(*    s.a2, x.a, nat.a and spoofed sources (constant Spoofs).              *)
(*  - Every action of the shared vocabulary is ONE complete protocol       *)
(*    exchange (as the vocabulary defines it), so a TLC trace maps 1:1 to  *)
(*    a replayable action list: Connect, Join, Advertise, Close,           *)
(*    ForgeJoin, SpoofJoinSyn, RewriteJoin, ForgeAddAddr, ForgeFastClose.  *)
(*    Inside an exchange the segments are processed in protocol order     *)
(*    (SYN -> half-open state -> SYN/ACK check at the client -> third-ACK  *)
(*    check at the server -> established subflow), each check comparing   *)
(*    symbolic HMAC terms built by the sender and by the receiver.         *)
(*  - Crypto is symbolic. Values are names (strings); two values are equal *)
(*    only when built from the same material and message. The attacker's  *)
(*    knowledge `know` is a set of names closed under the scheme's        *)
(*    derivation rules (Rules): token from a known key, the key material  *)
(*    of an HMAC from its known parts, x XOR y from x and y and either     *)
(*    operand from the XOR and the other (thesis schemes), the values a    *)
(*    known external key lets it compute (NEW_KEY, confirm, tickets, Kc).  *)
(*    An HMAC is never inverted and nothing is guessed. Replay: observed   *)
(*    SYN+MP_JOIN options are kept in `seenSyns`; an observed MP_FASTCLOSE *)
(*    or NEW_KEY value is in `know` and is accepted wherever the same      *)
(*    value is expected (this is how draft-baerts/low-order fails: there   *)
(*    A's MP_FASTCLOSE value IS the name of A's NEW_KEY value).            *)
(*    Join HMACs cover both fresh join nonces, so an observed join HMAC    *)
(*    never equals a value expected later: they are not kept in `know`.    *)
(*  - Fresh nonces: every join exchange draws the next of MaxNonces nonce  *)
(*    pairs (RA n, RB n); no nonce is ever reused.                         *)
(*  - Observation and active capabilities switched per Attack exactly as   *)
(*    the threat model's table (Observes, AttackerActions).                *)
(*                                                                         *)
(* What is left out                                                        *)
(*  - Data transfer, DSS, retransmission timers, window and sequence       *)
(*    numbers, RST/data injection on established subflows (out of scope    *)
(*    in the threat model), MP_PRIO/MP_FAIL/REMOVE_ADDR, half-open join    *)
(*    expiry, key parsing failures (thesis kstrtoul: keys are valid here), *)
(*    more than one connection per client, guessing of secrets.            *)
(*  - Interleavings inside one exchange: the vocabulary's actions are      *)
(*    atomic exchanges, so every reachable state is quiescent.             *)
(*                                                                         *)
(* Properties. All nine are state invariants with the shared names.        *)
(* Because every action is a whole exchange, each reachable state is a     *)
(* quiescent state (no segment in flight), so LegitJoinSucceeds,           *)
(* CleanFallback and KeyIsolation -- "at quiescence" properties -- are      *)
(* exactly invariants over the join history `joinLog`: no fairness is      *)
(* needed, and a Join that fails is visible in the state right after it.   *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets, Sequences, TLC

CONSTANTS
    Scheme,          \* shared scheme name, e.g. "draft-baerts/low-order"
    Attack,          \* shared attack name, e.g. "eavesdrop-all"
    KeyedSide,       \* "client" or "server" in one-sided-key, else "none"
    AttackerHasKey,  \* negative control: the attacker starts knowing K1, K2
    MaxJoins,        \* join exchanges per client (Join, Advertise, RewriteJoin, relayed joins)
    MaxAttacks,      \* active attacker actions in a behaviour
    MaxNonces,       \* fresh nonce pairs available to all join exchanges
    Spoofs           \* spoofed source addresses for SpoofJoinSyn

Schemes == {"rfc6824", "rfc8684", "thesis-xor-global", "thesis-xor", "draft-paasch",
            "draft-paasch/unsignalled", "draft-baerts", "draft-baerts/low-order",
            "bound-key", "broken"}
Attacks == {"eavesdrop-handshake", "eavesdrop-all", "syn-join-rewrite", "join-dos",
            "add-addr-mitm", "fastclose-forge", "legit-join", "nat-join",
            "one-sided-key", "two-keys-one-host"}

ASSUME Scheme \in Schemes /\ Attack \in Attacks
ASSUME KeyedSide \in {"client", "server", "none"}
ASSUME (Attack = "one-sided-key") <=> (KeyedSide # "none")
ASSUME AttackerHasKey \in BOOLEAN
ASSUME MaxJoins \in Nat /\ MaxAttacks \in Nat /\ MaxNonces \in Nat

-----------------------------------------------------------------------------
(* Configuration: who exists, who has which external key.                 *)

Clients == IF Attack = "two-keys-one-host" THEN {"c1", "c2"} ELSE {"c1"}
Actors == Clients \cup {"s", "x"}
Addr1(c) == c \o ".a1"
Addr2(c) == c \o ".a2"
ClientAddrs(c) == {Addr1(c), Addr2(c)}
\* the source address the server sees for c's joins on p2 (the NAT rewrites it)
SeenOnP2(c) == IF Attack = "nat-join" THEN "nat.a" ELSE Addr2(c)

V0Schemes == {"rfc6824", "thesis-xor-global", "thesis-xor", "draft-paasch", "draft-paasch/unsignalled"}
Thesis == {"thesis-xor-global", "thesis-xor"}
Paasch == {"draft-paasch", "draft-paasch/unsignalled"}
Baerts == {"draft-baerts", "draft-baerts/low-order"}
UsesKey == Scheme \notin {"rfc6824", "rfc8684"}

\* c1 talks to application 1 (key K1, port 80), c2 to application 2 (K2, port 81)
KName(c) == IF c = "c1" THEN "K1" ELSE "K2"
ExtKeys == {KName(c) : c \in Clients}
ClientHasKey == UsesKey /\ KeyedSide # "server"
ServerHasKey == UsesKey /\ KeyedSide # "client"
NoKey == "0"
ClientKey(c) == IF ClientHasKey THEN KName(c) ELSE NoKey          \* socket/host key of client c
ServerAppKey(c) == IF ServerHasKey THEN KName(c) ELSE NoKey       \* listener of c's application
\* thesis-xor-global: ONE host-wide key at the server; app 1 is bound, then app 2
ServerHostKey == IF ~ServerHasKey THEN NoKey
                 ELSE IF "c2" \in Clients THEN "K2" ELSE "K1"

\* Whether the scheme's key use was negotiated on the wire (paasch flag bit 1,
\* baerts E, bound-key G); static because the key configuration is.
Negotiated == ClientHasKey /\ ServerHasKey
ConnOutcome == IF Scheme = "bound-key" /\ ClientHasKey # ServerHasKey THEN "tcp" ELSE "mptcp"
KeysOnWire == ~(Scheme \in Baerts \cup {"bound-key"} /\ Negotiated)

-----------------------------------------------------------------------------
(* Symbolic values (names).                                               *)

KeyA(c) == IF Scheme = "broken" /\ ClientHasKey THEN KName(c) ELSE "KeyA." \o c
KeyB(c) == "KeyB." \o c
Keys(c) == KeyB(c) \o "|" \o KeyA(c)          \* the pair of MPTCP keys as HMAC material
TokA(c) == "TokA." \o c
TokB(c) == "TokB." \o c
Xor(t, k) == t \o "^" \o k
Kc(c) == "Kc." \o c                            \* bound-key connection key
Ticket(c, i) == "Ticket." \o c \o "." \o ToString(i)
NewKeyA(c) == "NewKeyA." \o c
NewKeyB(c) == "NewKeyB." \o c
\* Seen(c): the attacker has observed c's connection being set up, so it can
\* address segments to it (enables ForgeAddAddr and ForgeFastClose).
Seen(c) == "Seen." \o c
Mac(kind, material, msg) == "mac(" \o kind \o "," \o material \o "," \o msg \o ")"
Nonces(n) == "RA" \o ToString(n) \o "|RB" \o ToString(n)
Tickets == 1..(MaxJoins + MaxAttacks + 1)
TicketWindow == 4

\* The token field of c's next join SYN, as c's client builds it.
CliField(c, ticket) ==
    CASE Scheme \in Thesis      -> IF ClientKey(c) = NoKey THEN TokB(c) ELSE Xor(TokB(c), ClientKey(c))
      [] Scheme = "bound-key"   -> IF Negotiated THEN Ticket(c, ticket) ELSE TokB(c)
      [] OTHER                  -> TokB(c)

\* HMAC material of joins on connection c, as `side` computes it.
JoinKey(side, c) ==
    LET own == IF side = "client" THEN ClientKey(c) ELSE ServerAppKey(c)
        has == IF side = "client" THEN ClientHasKey ELSE ServerHasKey
    IN CASE Scheme = "draft-paasch"             -> IF Negotiated THEN own ELSE Keys(c)
         [] Scheme = "draft-paasch/unsignalled" -> IF has THEN own ELSE Keys(c)
         [] Scheme \in Baerts                   -> IF Negotiated THEN own ELSE Keys(c)
         [] Scheme = "bound-key"                -> IF Negotiated THEN Kc(c) ELSE Keys(c)
         [] Scheme = "broken"                   -> IF has THEN own ELSE Keys(c)
         [] OTHER                               -> Keys(c)

\* SYN/ACK HMAC (built by the server) and third-ACK HMAC (built by the client).
\* `addr` is the client address as the builder sees it: only broken covers it.
SynAckMac(side, c, n, addr) ==
    Mac("synack", JoinKey(side, c), Nonces(n) \o (IF Scheme = "broken" THEN "|" \o addr ELSE ""))
AckMac(side, c, n) == Mac("ack", JoinKey(side, c), Nonces(n))

\* ADD_ADDR authentication material on c's connection; "none" = no authenticator (v0)
AddrKey(c) ==
    CASE Scheme \in V0Schemes -> "none"
      [] Scheme = "rfc8684"   -> Keys(c)
      [] Scheme \in Baerts    -> IF Negotiated THEN ClientKey(c) ELSE Keys(c)
      [] Scheme = "bound-key" -> IF Negotiated THEN Kc(c) ELSE Keys(c)
      [] Scheme = "broken"    -> "none"              \* broken accepts any ADD_ADDR

\* The MP_FASTCLOSE value that c's client sends and the server expects.
FastCloseValue(c) ==
    CASE Scheme = "draft-baerts" /\ Negotiated           -> Mac("L64", TokA(c) \o "|" \o TokB(c), KName(c))
      [] Scheme = "draft-baerts/low-order" /\ Negotiated -> NewKeyA(c)   \* same HMAC, same truncation
      [] Scheme = "bound-key" /\ Negotiated              -> Mac("close", Kc(c), "A")
      [] OTHER                                           -> KeyB(c)      \* the receiver's key

\* What an observer of c's Connect on p1 learns (MP_CAPABLE + key agreement).
ConnectValues(c) ==
    CASE ~KeysOnWire /\ Scheme \in Baerts -> {TokA(c), TokB(c), NewKeyA(c), NewKeyB(c)}
      [] ~KeysOnWire                      -> {TokA(c), TokB(c), Mac("confirmB", ClientKey(c), TokB(c)),
                                              Mac("confirmA", Kc(c), "")}
      [] Scheme = "bound-key" /\ ClientHasKey # ServerHasKey ->
                                             IF ClientHasKey THEN {KeyB(c)} ELSE {}
      [] OTHER                            -> {KeyA(c), KeyB(c)}

(* Derivation rules: [from |-> S, to |-> v] = "knowing all of S gives v". *)
Rule(S, v) == [from |-> S, to |-> v]
Rules ==
    UNION {
      { Rule({KeyA(c)}, TokA(c)), Rule({KeyB(c)}, TokB(c)),
        Rule({KeyA(c), KeyB(c)}, Keys(c)) }
      \cup (IF Scheme \in Thesis
            THEN UNION { { Rule({TokB(c), k}, Xor(TokB(c), k)),
                           Rule({Xor(TokB(c), k), TokB(c)}, k),
                           Rule({Xor(TokB(c), k), k}, TokB(c)) }
                         : k \in {ClientKey(c), ServerAppKey(c), ServerHostKey} \ {NoKey} }
            ELSE {})
      \cup (IF Scheme \in Baerts
            THEN { Rule({TokA(c), TokB(c), KName(c)}, NewKeyA(c)),
                   Rule({TokA(c), TokB(c), KName(c)}, NewKeyB(c)),
                   Rule({TokA(c), TokB(c), KName(c)}, Mac("L64", TokA(c) \o "|" \o TokB(c), KName(c))) }
            ELSE {})
      \cup (IF Scheme = "bound-key"
            THEN { Rule({KName(c), TokA(c), TokB(c)}, Kc(c)),
                   Rule({KName(c), TokB(c)}, Mac("confirmB", KName(c), TokB(c))),
                   Rule({Kc(c)}, Mac("confirmA", Kc(c), "")),
                   Rule({Kc(c)}, Mac("close", Kc(c), "A")) }
                 \cup { Rule({Kc(c)}, Ticket(c, i)) : i \in Tickets }
            ELSE {})
    : c \in Clients }

RECURSIVE Closure(_)
Closure(S) ==
    LET T == S \cup {r.to : r \in {r \in Rules : r.from \subseteq S}}
    IN IF T = S THEN S ELSE Closure(T)

-----------------------------------------------------------------------------
(* State.                                                                 *)

ConnStates == {"none", "mptcp", "tcp", "refused", "closed"}

VARIABLES
    clientConn,   \* c -> connection state at the client
    serverConn,   \* c -> connection state at the server (c's connection)
    created,      \* the clients whose MPTCP connections the server created, in order
    cliTicket,    \* bound-key: index of c's next join ticket
    usedTickets,  \* bound-key: tickets of c's connection the server has used
    halfOpen,     \* half-open joins at the server: [conn, origin, src, nonce] (nonce: R-A)
    subflows,     \* established joined subflows at the server: [conn, origin, remote, local, n]
    remotes,      \* c -> addresses c's client added from ADD_ADDR: [addr, origin]
    closedBy,     \* c -> who originated the MP_FASTCLOSE that closed c's connection
    joinLog,      \* legitimate join exchanges: [client, kind, n, ok, conn]
    joins,        \* c -> join exchanges started by c's client
    nonce,        \* nonce pairs used
    know,         \* attacker knowledge (closed under Rules)
    seenSyns,     \* observed SYN+MP_JOIN options: [client, field, n]
    active,       \* the attacker has taken an active action
    attacks,      \* active attacker actions taken
    lastAction    \* the action that produced this state (for the 1:1 trace mapping)

vars == <<clientConn, serverConn, created, cliTicket, usedTickets, halfOpen, subflows,
          remotes, closedBy, joinLog, joins, nonce, know, seenSyns, active, attacks, lastAction>>
\* lastAction only records the step's name; successors never depend on it.
View == <<clientConn, serverConn, created, cliTicket, usedTickets, halfOpen, subflows,
          remotes, closedBy, joinLog, joins, nonce, know, seenSyns, active, attacks>>

Names == ExtKeys \cup {Seen(c) : c \in Clients} \cup UNION {{r.to} \cup r.from : r \in Rules}
    \cup UNION {ConnectValues(c) \cup {FastCloseValue(c)} : c \in Clients}
    \cup UNION {{CliField(c, i) : i \in Tickets} : c \in Clients}

TypeOK ==
    /\ clientConn \in [Clients -> ConnStates]
    /\ serverConn \in [Clients -> ConnStates]
    /\ created \in Seq(Clients)
    /\ cliTicket \in [Clients -> Tickets \cup {MaxJoins + MaxAttacks + 2}]
    /\ usedTickets \in [Clients -> SUBSET Tickets]
    /\ halfOpen \subseteq [conn : Clients, origin : Actors, src : STRING, nonce : Nat]
    /\ subflows \subseteq [conn : Clients, origin : Actors, remote : STRING, local : STRING, n : Nat]
    /\ remotes \in [Clients -> SUBSET [addr : STRING, origin : Actors]]
    /\ closedBy \in [Clients -> Actors \cup {"none"}]
    /\ joinLog \subseteq [client : Clients, kind : STRING, n : Nat, ok : BOOLEAN, conn : Clients \cup {"none"}]
    /\ joins \in [Clients -> 0..MaxJoins]
    /\ nonce \in 0..MaxNonces
    /\ know \subseteq Names
    /\ seenSyns \subseteq [client : Clients, field : STRING, n : Nat]
    /\ active \in BOOLEAN
    /\ attacks \in 0..MaxAttacks

Init ==
    /\ clientConn = [c \in Clients |-> "none"]
    /\ serverConn = [c \in Clients |-> "none"]
    /\ created = <<>>
    /\ cliTicket = [c \in Clients |-> 1]
    /\ usedTickets = [c \in Clients |-> {}]
    /\ halfOpen = {}
    /\ subflows = {}
    /\ remotes = [c \in Clients |-> {}]
    /\ closedBy = [c \in Clients |-> "none"]
    /\ joinLog = {}
    /\ joins = [c \in Clients |-> 0]
    /\ nonce = 0
    /\ know = IF AttackerHasKey THEN Closure(ExtKeys) ELSE {}
    /\ seenSyns = {}
    /\ active = FALSE
    /\ attacks = 0
    /\ lastAction = [action |-> "Init"]

-----------------------------------------------------------------------------
(* Observation (threat model table): does the attacker see a segment of a *)
(* legitimate exchange of kind "connect" (p1, during Connect), "p1" or     *)
(* "p2"?                                                                  *)
Observes(kind) ==
    CASE Attack \in {"eavesdrop-handshake", "add-addr-mitm"}          -> kind = "connect"
      [] Attack \in {"eavesdrop-all", "join-dos", "fastclose-forge"} -> ~active
      [] Attack = "syn-join-rewrite"                                -> kind = "p2"
      [] OTHER                                                      -> FALSE

Learn(kind, vals) == IF Observes(kind) THEN Closure(know \cup vals) ELSE know

AttackerActions ==
    CASE Attack \in {"eavesdrop-handshake", "eavesdrop-all"} -> {"ForgeJoin"}
      [] Attack = "syn-join-rewrite" -> {"RewriteJoin"}
      [] Attack = "join-dos"         -> {"SpoofJoinSyn"}
      [] Attack = "add-addr-mitm"    -> {"ForgeAddAddr"}
      [] Attack = "fastclose-forge"  -> {"ForgeFastClose"}
      [] OTHER                       -> {}

CanAttack(name) == name \in AttackerActions /\ attacks < MaxAttacks

-----------------------------------------------------------------------------
(* The server's side of a join SYN: which connection a token field        *)
(* identifies (a set with at most one element; empty = unknown -> RST).   *)

Live(c) == serverConn[c] = "mptcp"
\* thesis-xor-global's token_tnb: the connection created last, open or not
Recent == IF created = <<>> THEN "none" ELSE created[Len(created)]
\* broken's target: its most recent connection that is still open
RecentOpen ==
    LET open == {k \in 1..Len(created) : Live(created[k])}
    IN IF open = {} THEN "none" ELSE created[CHOOSE k \in open : \A j \in open : j <= k]
TicketIndex(c, f) == {i \in Tickets : Ticket(c, i) = f}
InWindow(c, i) ==
    /\ i \notin usedTickets[c]
    /\ Cardinality({j \in 1..(i - 1) : j \notin usedTickets[c]}) < TicketWindow
AcceptsField(c, f) ==
    /\ Live(c)
    /\ CASE Scheme = "thesis-xor-global" ->
                IF ServerHostKey = NoKey THEN f = TokB(c)
                ELSE c = Recent /\ f = Xor(TokB(c), ServerHostKey)
         [] Scheme = "thesis-xor" ->
                f = IF ServerAppKey(c) = NoKey THEN TokB(c) ELSE Xor(TokB(c), ServerAppKey(c))
         [] Scheme = "bound-key" /\ Negotiated ->
                \E i \in TicketIndex(c, f) : InWindow(c, i)
         [] Scheme = "broken" -> c = RecentOpen   \* ignores the token field
         [] OTHER -> f = TokB(c)
Lookup(f) == {c \in Clients : AcceptsField(c, f)}

HalfOpenLimit == 2
HalfOpenOf(c) == {h \in halfOpen : h.conn = c}
RoomFor(c) == Scheme = "broken" \/ Cardinality(HalfOpenOf(c)) < HalfOpenLimit
UseTicket(C, f) ==
    IF Scheme = "bound-key" /\ Negotiated
    THEN [usedTickets EXCEPT ![C] = @ \cup TicketIndex(C, f)]
    ELSE usedTickets

(* A join exchange started by the legitimate client c (token field f, nonce *)
(* n) whose SYN the server sees from `seen`. The result says whether the   *)
(* server created the half-open state (on connection C), and whether the    *)
(* subflow got established (SYN/ACK accepted by the client, third ACK by   *)
(* the server). Relays (NAT, syn-join-rewrite, the ADD_ADDR MITM) forward  *)
(* every segment unchanged after the SYN's source rewrite.                 *)
JoinResult(c, f, n, seen) ==
    LET found == Lookup(f)
        C == CHOOSE x \in found : TRUE
        clientOk == SynAckMac("server", C, n, seen) = SynAckMac("client", c, n, Addr2(c))
        serverOk == Scheme = "broken" \/ AckMac("client", c, n) = AckMac("server", C, n)
    IN IF found = {} \/ ~RoomFor(C)
       THEN [opened |-> FALSE, conn |-> "none", ok |-> FALSE]
       ELSE [opened |-> TRUE, conn |-> C,
             ok |-> clientOk /\ serverOk]

\* Apply a legitimate client's join exchange. Half-open state is transient:
\* the exchange ends established or reset.
DoClientJoin(c, kind, seen, local) ==
    LET f == CliField(c, cliTicket[c])
        r == JoinResult(c, f, nonce, seen)
    IN /\ usedTickets' = IF r.opened THEN UseTicket(r.conn, f) ELSE usedTickets
       /\ cliTicket' = IF Scheme = "bound-key" /\ Negotiated
                       THEN [cliTicket EXCEPT ![c] = @ + 1] ELSE cliTicket
       /\ subflows' = IF r.ok
                      THEN subflows \cup {[conn |-> r.conn, origin |-> c, remote |-> seen, local |-> local, n |-> nonce]}
                      ELSE subflows
       /\ joinLog' = joinLog \cup {[client |-> c, kind |-> kind, n |-> nonce, ok |-> r.ok, conn |-> r.conn]}
       /\ joins' = [joins EXCEPT ![c] = @ + 1]
       /\ nonce' = nonce + 1
       /\ seenSyns' = IF Observes("p2") \/ kind \in {"RewriteJoin", "Relayed"}
                      THEN seenSyns \cup {[client |-> c, field |-> f, n |-> nonce]}
                      ELSE seenSyns
       /\ know' = IF Observes("p2") \/ kind \in {"RewriteJoin", "Relayed"} THEN Closure(know \cup {f}) ELSE know

CanJoin(c) ==
    /\ clientConn[c] = "mptcp"
    /\ joins[c] < MaxJoins
    /\ nonce < MaxNonces

-----------------------------------------------------------------------------
(* Legitimate actions.                                                    *)

Connect(c) ==
    /\ clientConn[c] = "none"
    /\ clientConn' = [clientConn EXCEPT ![c] = ConnOutcome]
    /\ serverConn' = [serverConn EXCEPT ![c] = ConnOutcome]
    /\ created' = IF ConnOutcome = "mptcp" THEN Append(created, c) ELSE created
    /\ know' = Learn("connect", ConnectValues(c) \cup {Seen(c)})
    /\ lastAction' = [action |-> "Connect", client |-> c]
    /\ UNCHANGED <<cliTicket, usedTickets, halfOpen, subflows, remotes, closedBy, joinLog,
                   joins, nonce, seenSyns, active, attacks>>

\* On a plain-TCP connection (fallback) Join is enabled and opens nothing.
JoinsNothing == UNCHANGED <<usedTickets, cliTicket, subflows, joinLog, joins, nonce, seenSyns, know>>

Join(c) ==
    /\ \/ CanJoin(c) /\ DoClientJoin(c, "Join", SeenOnP2(c), "s.a1")
       \/ clientConn[c] = "tcp" /\ JoinsNothing
    /\ lastAction' = [action |-> "Join", client |-> c]
    /\ UNCHANGED <<clientConn, serverConn, created, halfOpen, remotes, closedBy, active, attacks>>

\* ADD_ADDR(s.a2, id 2) from the server; the client accepts it (the server
\* built its authenticator with the material the client checks against) and,
\* the first time, opens a join c.a2 -> s.a2 when it has a join left.
Advertise(c) ==
    /\ Live(c)
    /\ IF clientConn[c] = "mptcp" /\ "s.a2" \notin {r.addr : r \in remotes[c]}
       THEN /\ remotes' = [remotes EXCEPT ![c] = @ \cup {[addr |-> "s.a2", origin |-> "s"]}]
            /\ IF CanJoin(c)
               THEN DoClientJoin(c, "Advertise", SeenOnP2(c), "s.a2")
               ELSE JoinsNothing
       ELSE UNCHANGED remotes /\ JoinsNothing
    /\ lastAction' = [action |-> "Advertise", client |-> c]
    /\ UNCHANGED <<clientConn, serverConn, created, halfOpen, closedBy, active, attacks>>

\* The server closes the connection and every subflow and half-open join of it.
CloseConn(c, by) ==
    /\ clientConn' = [clientConn EXCEPT ![c] = "closed"]
    /\ serverConn' = [serverConn EXCEPT ![c] = "closed"]
    /\ closedBy' = [closedBy EXCEPT ![c] = by]
    /\ subflows' = {sf \in subflows : sf.conn # c}
    /\ halfOpen' = {h \in halfOpen : h.conn # c}

Close(c) ==
    /\ clientConn[c] = "mptcp"
    /\ CloseConn(c, c)
    /\ know' = Learn("p1", {FastCloseValue(c)})
    /\ lastAction' = [action |-> "Close", client |-> c]
    /\ UNCHANGED <<created, cliTicket, usedTickets, remotes, joinLog, joins, nonce, seenSyns,
                   active, attacks>>

-----------------------------------------------------------------------------
(* Attacker actions.                                                      *)

\* Token-field values the attacker can build for a SYN aimed at c's connection.
\* A bound-key ticket is one-time: forging one means computing it from Kc
\* (an observed ticket is already used; resending it is SpoofJoinSyn replay).
ForgeFields(c) ==
    IF Scheme = "bound-key" /\ Negotiated
    THEN IF Kc(c) \in know THEN {Ticket(c, i) : i \in Tickets} ELSE {}
    ELSE {CliField(c, 1)} \cap know

ForgeJoin(c) ==
    /\ CanAttack("ForgeJoin")
    /\ nonce < MaxNonces
    /\ \E f \in ForgeFields(c) :
        LET found == Lookup(f)
            C == CHOOSE y \in found : TRUE
            opened == found # {} /\ RoomFor(C)
            ok == opened /\ (Scheme = "broken" \/ JoinKey("server", C) \in know)
        IN /\ usedTickets' = IF opened THEN UseTicket(C, f) ELSE usedTickets
           /\ subflows' = IF ok
                          THEN subflows \cup {[conn |-> C, origin |-> "x", remote |-> "x.a", local |-> "s.a1", n |-> nonce]}
                          ELSE subflows
    /\ nonce' = nonce + 1
    /\ active' = TRUE
    /\ attacks' = attacks + 1
    /\ lastAction' = [action |-> "ForgeJoin", client |-> c]
    /\ UNCHANGED <<clientConn, serverConn, created, cliTicket, halfOpen, remotes, closedBy,
                   joinLog, joins, know, seenSyns>>

\* A lone SYN+MP_JOIN from a spoofed source: it can only create half-open state.
\* Every such SYN comes from a fresh source port (a new 4-tuple), so even a
\* replayed one is a new request, never a retransmission; `id` tells the
\* half-open joins apart.
SpoofSyn(c, mode, src, f, id, origin) ==
    LET found == Lookup(f)
        C == CHOOSE y \in found : TRUE
        opened == found # {} /\ RoomFor(C)
    IN /\ halfOpen' = IF opened
                      THEN halfOpen \cup {[conn |-> C, origin |-> origin, src |-> src, nonce |-> id]}
                      ELSE halfOpen
       /\ usedTickets' = IF opened THEN UseTicket(C, f) ELSE usedTickets
       /\ lastAction' = [action |-> "SpoofJoinSyn", client |-> c, mode |-> mode, src |-> src]

SpoofJoinSyn(c, mode, src) ==
    /\ CanAttack("SpoofJoinSyn")
    /\ nonce < MaxNonces
    /\ \/ /\ mode = "forge"
          /\ \E f \in ForgeFields(c) : SpoofSyn(c, mode, src, f, nonce, "x")
       \/ /\ mode = "replay"
          /\ \E s \in seenSyns : s.client = c /\ SpoofSyn(c, mode, src, s.field, nonce, c)
    /\ nonce' = nonce + 1
    /\ active' = TRUE
    /\ attacks' = attacks + 1
    /\ UNCHANGED <<clientConn, serverConn, created, cliTicket, subflows, remotes, closedBy,
                   joinLog, joins, know, seenSyns>>

\* The client's Join with the attacker on p2 rewriting the SYN's source to x.a
\* and relaying every later segment in both directions (a pure relay: when
\* the client resets -- broken binds its address -- the reset is relayed too).
RewriteJoin(c) ==
    /\ CanAttack("RewriteJoin")
    /\ \/ CanJoin(c) /\ DoClientJoin(c, "RewriteJoin", "x.a", "s.a1")
       \/ clientConn[c] = "tcp" /\ JoinsNothing
    /\ active' = TRUE
    /\ attacks' = attacks + 1
    /\ lastAction' = [action |-> "RewriteJoin", client |-> c]
    /\ UNCHANGED <<clientConn, serverConn, created, halfOpen, remotes, closedBy>>

\* ADD_ADDR(x.a, id 9) to c's client as if from s.a1. Accepted when the
\* scheme has no authenticator, or the attacker can build it. The client then
\* joins to x.a and the attacker relays that join to s.a1 (source x.a).
ForgeAddAddr(c) ==
    /\ CanAttack("ForgeAddAddr")
    /\ Seen(c) \in know
    /\ LET accepted == AddrKey(c) = "none" \/ AddrKey(c) \in know
       IN IF accepted /\ clientConn[c] = "mptcp" /\ "x.a" \notin {r.addr : r \in remotes[c]}
          THEN /\ remotes' = [remotes EXCEPT ![c] = @ \cup {[addr |-> "x.a", origin |-> "x"]}]
               /\ IF CanJoin(c)
                  THEN DoClientJoin(c, "Relayed", "x.a", "s.a1")
                  ELSE JoinsNothing
          ELSE UNCHANGED remotes /\ JoinsNothing
    /\ active' = TRUE
    /\ attacks' = attacks + 1
    /\ lastAction' = [action |-> "ForgeAddAddr", client |-> c]
    /\ UNCHANGED <<clientConn, serverConn, created, halfOpen, closedBy>>

\* MP_FASTCLOSE to the server as if from c.a1, value built from knowledge.
ForgeFastClose(c) ==
    /\ CanAttack("ForgeFastClose")
    /\ Seen(c) \in know
    /\ IF Live(c) /\ (Scheme = "broken" \/ FastCloseValue(c) \in know)
       THEN CloseConn(c, "x")
       ELSE UNCHANGED <<clientConn, serverConn, closedBy, subflows, halfOpen>>
    /\ active' = TRUE
    /\ attacks' = attacks + 1
    /\ lastAction' = [action |-> "ForgeFastClose", client |-> c]
    /\ UNCHANGED <<created, cliTicket, usedTickets, remotes, joinLog, joins, nonce, know, seenSyns>>

Next ==
    \E c \in Clients :
        \/ Connect(c) \/ Join(c) \/ Advertise(c) \/ Close(c)
        \/ ForgeJoin(c) \/ RewriteJoin(c) \/ ForgeAddAddr(c) \/ ForgeFastClose(c)
        \/ \E mode \in {"forge", "replay"}, src \in Spoofs : SpoofJoinSyn(c, mode, src)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Properties (docs/properties.md), all invariants.                       *)

\* every joined subflow of C was opened by C's client (the SYN originated there)
JoinAuthenticity == \A sf \in subflows : sf.origin = sf.conn

\* the attacker never knows an external key (thesis: its effective low 32 bits)
ExternalKeySecrecy == know \cap ExtKeys = {}

\* every server-side subflow of C has an address of C's client as remote address
SubflowEndpointAuthenticity == \A sf \in subflows : sf.remote \in ClientAddrs(sf.conn)

\* every half-open join was created by a SYN its client sent, from the address
\* it sent it from; and no connection holds more than the limit
JoinStateUnforgeable ==
    /\ \A h \in halfOpen : h.origin = h.conn /\ h.src = Addr2(h.conn)
    /\ \A c \in Clients : Cardinality(HalfOpenOf(c)) <= HalfOpenLimit

\* every address a client acted on was advertised by the server
AddrAuthenticity == \A c \in Clients : \A r \in remotes[c] : r.origin = "s"

\* the server fast-closes C only on an MP_FASTCLOSE from C's client
CloseAuthenticity == \A c \in Clients : closedBy[c] \in {"none", c}

\* every legitimate Join (on an untouched path) ended established at both ends
LegitJoinSucceeds == \A e \in joinLog : e.kind = "Join" => e.ok

\* one-sided key: ends agree on MPTCP vs TCP (while the client's connection is
\* open), and while both ends are MPTCP every Join of it was established
CleanFallback ==
    /\ \A c \in Clients : clientConn[c] \in {"mptcp", "tcp"} => clientConn[c] = serverConn[c]
    /\ \A e \in joinLog : (e.kind = "Join" /\ clientConn[e.client] = "mptcp" /\ serverConn[e.client] = "mptcp")
                           => e.ok

\* two applications, two keys, one server: each client's joins land on its own
\* connection and are established
KeyIsolation ==
    /\ \A sf \in subflows : sf.origin \in Clients => sf.conn = sf.origin
    /\ \A e \in joinLog : e.kind = "Join" => (e.ok /\ e.conn = e.client)

-----------------------------------------------------------------------------
(* Observations (threat model, "Observations"), for trace validation.     *)
ObsConn(c) ==
    CASE clientConn[c] \in {"none", "refused"}                 -> clientConn[c]
      [] "closed" \in {clientConn[c], serverConn[c]}           -> "closed"
      [] clientConn[c] = "mptcp" /\ serverConn[c] = "mptcp"    -> "mptcp"
      [] OTHER                                                -> "tcp"
ObsSubflows(c) == Cardinality({sf \in subflows : sf.conn = c})
ObsForeign(c) == Cardinality({sf \in subflows : sf.conn = c /\ sf.origin # c})
ObsHalfOpen(c) == Cardinality(HalfOpenOf(c))
ObsAttackerKnowsKey == know \cap ExtKeys # {}
=============================================================================
