package org.mptcpverify.models.proof;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.mptcpverify.models.core.CoreMessage;
import org.mptcpverify.models.core.SchemeData;
import org.mptcpverify.models.core.SchemeData.Check;
import org.mptcpverify.models.core.SchemeData.Msg;
import org.mptcpverify.models.core.SchemeData.Row;
import org.mptcpverify.models.core.Tmpl;

/**
 * The transitions of the generic core (docs/models.md, "Generic core") read as a role
 * abstraction: every honest end is a role with a fixed set of possible states, and one application
 * of {@link #step} lets every role send each message it may send from each of its states and
 * receive each segment the attacker can deliver to it (replays of honest segments and forgeries).
 * Nothing here names a scheme: the messages, checks, stores and lookups are the definition's data
 * form ({@link SchemeData}).
 *
 * <p>Over-approximations (each makes a proof harder, none easier): a role may send any of its
 * messages from any state it can be in (no phase order, no half-open limit); the attacker
 * observes every segment of every phase at any time, replays any observed segment to any role
 * that receives its kind and forges every kind the core lets it forge, in any number; a join
 * lookup with a window matches any index up to joins + window.
 */
final class ProofSystem {
    /** Messages the generic core's attacker may forge (the others it can only replay). */
    static final Set<CoreMessage> FORGEABLE = Set.of(CoreMessage.JOIN_SYN, CoreMessage.JOIN_SYNACK,
            CoreMessage.JOIN_ACK, CoreMessage.ADD_ADDR, CoreMessage.FASTCLOSE);
    static final Term KEY = Term.atom("K");
    static final String ORIGIN = "@origin";
    static final String IDX = "@idx";
    static final Term CLIENT = ProofRoles.CLIENT;
    static final Term ATTACKER = ProofRoles.ATTACKER;
    static final Term SERVER = ProofRoles.SERVER;
    static final List<Term> ADDRESSES = List.of(Term.atom("c.a1"), Term.atom("s.a1"), Term.atom("s.a2"));

    /** A role's state: slot name (and the ghosts {@link #ORIGIN}, {@link #IDX}) -> term. */
    record Val(TreeMap<String, Term> slots) {
        static Val empty() {
            return new Val(new TreeMap<>());
        }

        Val with(Map<String, Term> m) {
            TreeMap<String, Term> s = new TreeMap<>(slots);
            s.putAll(m);
            return new Val(s);
        }

        @Override
        public String toString() {
            return slots.toString();
        }
    }

    /** A segment: the message kind, its fields, and (ghost) the role that built it ({@link #ATTACKER_ROLE} for a forgery). */
    record Seg(CoreMessage kind, TreeMap<String, Term> fields, String from) {
        @Override
        public String toString() {
            return kind.name() + fields + " from " + from;
        }
    }

    static final String ATTACKER_ROLE = ProofRoles.ATTACKER_ROLE;

    /** One honest end's emission: who sent which segment from which state, and whether the attacker sees it. */
    record Sent(String role, Val from, Seg seg, boolean observed) {}

    /** A receiver's acceptance of a segment (all checks passed, or the lookup matched). */
    record Accepted(String role, Val state, Seg seg, boolean forged, Val after) {}

    /**
     * The abstract state: the attacker's knowledge, each role's possible states, the honest
     * segments sent, and those of them the attacker observed (which it may replay).
     */
    record State(Set<Term> know, Map<String, Set<Val>> vals, Set<Seg> sent, Set<Seg> observed) {}

    private final SchemeData data;
    private final ProofScope scope;
    private final String clientMode;
    private final String serverMode;
    private final int joins;
    private final int clients;

    private final Observation observation;
    private final CoreMessage silenced;
    /** the sender whose segments of kind {@link #silenced} are silenced (null: the kind's only sender) */
    private final org.mptcpverify.scheme.Role silencedFrom;
    /**
     * The mirror messages per data mode ({@link org.mptcpverify.models.core.SchemeDataBuilder#mirror}):
     * the client's ADD_ADDR (under ADD_ADDR) and the server's MP_FASTCLOSE (under FASTCLOSE). Empty:
     * the system of one end, as the generic core has it.
     */
    private final Map<String, Map<CoreMessage, Msg>> mirror;

    /**
     * @param silenced a kind no honest end sends (null: none): the runs before the first honest
     *                 segment of that kind, on which the authenticity family is proved
     */
    ProofSystem(SchemeData data, ProofScope scope, Observation observation, CoreMessage silenced) {
        this(data, scope, observation, silenced, null, Map.of());
    }

    /**
     * The system with both ends of ADD_ADDR and MP_FASTCLOSE (docs/proofs.md, "Both ends"): the
     * client also sends ADD_ADDR and the server receives it, the server also sends MP_FASTCLOSE and
     * the client receives it, each with the definition's mirror message ({@code mirror}).
     *
     * @param silencedFrom the sender whose segments of kind {@code silenced} no one sends (null: every sender)
     */
    ProofSystem(SchemeData data, ProofScope scope, Observation observation, CoreMessage silenced,
                org.mptcpverify.scheme.Role silencedFrom, Map<String, Map<CoreMessage, Msg>> mirror) {
        this.silencedFrom = silencedFrom;
        this.mirror = mirror;
        this.data = data;
        this.scope = scope;
        this.observation = observation;
        this.silenced = silenced;
        Row row = data.negotiate().get(new SchemeData.KeyPair(true, true));
        this.clientMode = row.a();
        this.serverMode = row.b();
        this.joins = scope.clientJoins();
        this.clients = scope.clients();
    }

    /** Client n's joins j1..jJ. */
    private List<String> clientJoins(int n) {
        List<String> l = new ArrayList<>();
        for (int j = 1; j <= joins; j++) {
            l.add(at("j" + j, n));
        }
        return l;
    }

    /** The server join states of client n's connection: h<j> answers its j-th join; hx<k> are opened by the attacker's segments. */
    private List<String> serverJoins(int n) {
        List<String> l = new ArrayList<>();
        for (int j = 1; j <= joins; j++) {
            l.add(at("h" + j, n));
        }
        for (int h = 1; h <= scope.serverJoins(); h++) {
            l.add(at("hx" + h, n));
        }
        return l;
    }


    String clientMode() {
        return clientMode;
    }

    String serverMode() {
        return serverMode;
    }

    /** Why the proof cannot run on this scheme, or null. */
    String unsupported() {
        if (!data.usesKey()) {
            return "the scheme has no external key";
        }
        if (!data.keySource().equals("socket")) {
            return "a host-wide key (one role per application is not enough)";
        }
        if (clientMode.equals(Row.TCP) || serverMode.equals(Row.TCP)) {
            return "two keyed ends run plain TCP";
        }
        List<Map<CoreMessage, Msg>> all = new ArrayList<>(data.modes().values());
        all.addAll(mirror.values());
        for (Map<CoreMessage, Msg> mode : all) {
            for (Msg m : mode.values()) {
                if (containsXor(m)) {
                    return "XOR terms (the proof's term algebra has no XOR normal form)";
                }
            }
        }
        return null;
    }

    List<String> roles() {
        List<String> r = new ArrayList<>();
        for (int n = 1; n <= clients; n++) {
            r.add(at("c", n));
            r.add(at("s", n));
            r.addAll(clientJoins(n));
            r.addAll(serverJoins(n));
        }
        return r;
    }

    State initial() {
        Set<Term> know = new java.util.TreeSet<>(ADDRESSES);
        if (scope.attackerHasKey()) {
            know.add(KEY);
        }
        Map<String, Set<Val>> vals = new TreeMap<>();
        for (String r : roles()) {
            vals.put(r, new java.util.LinkedHashSet<>());
        }
        for (int n = 1; n <= clients; n++) {
            vals.get(at("c", n)).add(Val.empty());
            vals.get(at("s", n)).add(Val.empty());
        }
        return new State(Knowledge.close(know), vals, new java.util.LinkedHashSet<>(), new java.util.LinkedHashSet<>());
    }

    /**
     * One step of every role from every state of {@code st}: each emission, each new role state and
     * each acceptance is reported to the consumers (the caller decides what they must satisfy).
     * {@code active}: the attacker has injected (it delivers replays and forgeries and sees only
     * {@link Observation#always} kinds and answers to its own segments); otherwise the run is still
     * passive (honest deliveries only; the attacker sees the kinds it observes until it acts).
     */
    void step(State st, boolean active, Consumer<Sent> sent, Consumer<Accepted> accepted) {
        // originations: a role may send these from any state it can be in
        for (int n = 1; n <= clients; n++) {
            String c = at("c", n);
            String srv = at("s", n);
            List<String> cj = clientJoins(n);
            for (Val v : st.vals().get(c)) {
                if (v.slots().isEmpty()) {
                    send(c, clientMode, CoreMessage.MPC_SYN, v, 0, seen(CoreMessage.MPC_SYN, active, false), sent);
                }
                send(c, clientMode, CoreMessage.KEY_A, v, 0, seen(CoreMessage.KEY_A, active, false), sent);
                send(c, clientMode, CoreMessage.FASTCLOSE, v, 0, seen(CoreMessage.FASTCLOSE, active, false), sent);
                send(c, clientMode, CoreMessage.ADD_ADDR, v, 0, seen(CoreMessage.ADD_ADDR, active, false), sent); // mirror (if any)
                for (int j = 1; j <= cj.size() && !v.slots().isEmpty(); j++) {
                    send(cj.get(j - 1), clientMode, CoreMessage.JOIN_SYN, v, j, seen(CoreMessage.JOIN_SYN, active, false), sent);
                }
            }
            for (Val v : st.vals().get(srv)) {
                send(srv, serverMode, CoreMessage.KEY_B, v, 0, seen(CoreMessage.KEY_B, active, false), sent);
                send(srv, serverMode, CoreMessage.ADD_ADDR, v, 0, seen(CoreMessage.ADD_ADDR, active, false), sent);
                send(srv, serverMode, CoreMessage.FASTCLOSE, v, 0, seen(CoreMessage.FASTCLOSE, active, false), sent); // mirror (if any)
            }
        }
        // deliveries, each followed by the receiver's answer
        attempts.clear();
        mirrorAttempts = 0;
        Rx rx = new Rx(st, active, sent, accepted);
        for (int n = 1; n <= clients; n++) {
            String c = at("c", n);
            String srv = at("s", n);
            rx.all(srv, serverMode, CoreMessage.MPC_SYN, List.of(Val.empty()), CoreMessage.MPC_SYNACK);
            rx.all(c, clientMode, CoreMessage.MPC_SYNACK, st.vals().get(c), CoreMessage.MPC_ACK);
            rx.all(srv, serverMode, CoreMessage.MPC_ACK, st.vals().get(srv), null);
            rx.all(srv, serverMode, CoreMessage.KEY_A, st.vals().get(srv), null);
            rx.all(c, clientMode, CoreMessage.KEY_B, st.vals().get(c), null);
            rx.all(c, clientMode, CoreMessage.ADD_ADDR, st.vals().get(c), null);
            rx.all(srv, serverMode, CoreMessage.FASTCLOSE, st.vals().get(srv), null);
            // the mirror directions (no message without mirror data: the receiver then ignores the kind)
            rx.all(srv, serverMode, CoreMessage.ADD_ADDR, st.vals().get(srv), null);
            rx.all(c, clientMode, CoreMessage.FASTCLOSE, st.vals().get(c), null);
            for (String h : serverJoins(n)) {
                rx.all(h, serverMode, CoreMessage.JOIN_SYN, st.vals().get(srv), CoreMessage.JOIN_SYNACK);
                rx.all(h, serverMode, CoreMessage.JOIN_ACK, st.vals().get(h), null);
            }
            for (String j : clientJoins(n)) {
                rx.all(j, clientMode, CoreMessage.JOIN_SYNACK, st.vals().get(j), CoreMessage.JOIN_ACK);
            }
        }
    }

    /** Attacker-delivered segments that reached a receiver's checks in the last {@link #step}, by kind (the witness). */
    final Map<CoreMessage, Integer> attempts = new java.util.EnumMap<>(CoreMessage.class);

    /** Attacker-delivered segments that reached a mirror receiver's checks in the last {@link #step} (the other end's witness). */
    int mirrorAttempts;

    /**
     * Whether {@code role} receiving kind g reads the mirror message: the server's acceptance of
     * a client's ADD_ADDR, the client's acceptance of the server's MP_FASTCLOSE.
     */
    static boolean mirrored(String role, CoreMessage g) {
        boolean client = ProofRoles.clientSide(role);
        return (g == CoreMessage.ADD_ADDR && !client) || (g == CoreMessage.FASTCLOSE && client);
    }

    /** The message g of a mode as {@code role}'s side reads it (receiving: {@code receiver}; sending: the opposite). */
    private Msg msg(String mode, CoreMessage g, String role, boolean receiver) {
        boolean mir = receiver ? mirrored(role, g) : g.from != (ProofRoles.clientSide(role)
                ? org.mptcpverify.scheme.Role.A : org.mptcpverify.scheme.Role.B);
        if (!mir) {
            return data.modes().get(mode).get(g);
        }
        Map<CoreMessage, Msg> m = mirror.get(mode);
        return m == null ? null : m.get(g);
    }

    /** Every field value of every forgery built so far (the Alloy induction's universe must hold them). */
    final Set<Term> forgedTerms = new java.util.TreeSet<>();

    /** The role an honest segment to {@code role} comes from ({@link ProofRoles#peer}). */
    static String peer(String role) {
        return ProofRoles.peer(role);
    }

    static String at(String base, int n) {
        return ProofRoles.at(base, n);
    }

    static Term host(String role) {
        return ProofRoles.host(role);
    }

    static Term owner(String role) {
        return ProofRoles.owner(role);
    }

    /** Whether the attacker sees an honest segment of kind g (an answer to its own segment: always). */
    private boolean seen(CoreMessage g, boolean active, boolean answersAttacker) {
        return answersAttacker || (active ? observation.always().contains(g) : observation.passive(g));
    }

    /** The deliveries of one step. */
    private final class Rx {
        private final State st;
        private final boolean active;
        private final Consumer<Sent> sent;
        private final Consumer<Accepted> accepted;

        Rx(State st, boolean active, Consumer<Sent> sent, Consumer<Accepted> accepted) {
            this.st = st;
            this.active = active;
            this.sent = sent;
            this.accepted = accepted;
        }

        void all(String role, String mode, CoreMessage g, Iterable<Val> states, CoreMessage answer) {
            Msg m = msg(mode, g, role, true);
            if (m == null) {
                return; // the receiver's mode has no such option: it ignores the segment
            }
            // a join state of the client's j-th join is opened only by that join's own SYN (a
            // replay of it on the same 4-tuple is a retransmission); the attacker's segments open hx<k>
            boolean attackerOnly = g == CoreMessage.JOIN_SYN && peer(role) == null;
            boolean honestOnly = g == CoreMessage.JOIN_SYN && !attackerOnly;
            for (Val v : toList(states)) {
                for (Seg seg : st.sent()) {
                    if (seg.kind() == g && seg.from().equals(peer(role)) && !attackerOnly) {
                        deliver(role, mode, g, v, seg, false, false, answer); // honest delivery to its addressee
                    }
                }
                if (!active || honestOnly) {
                    continue;
                }
                for (Seg seg : st.observed()) {
                    if (seg.kind() == g) {
                        deliver(role, mode, g, v, seg, false, true, answer); // a replay: origin unchanged
                    }
                }
                for (Seg seg : forgeries(st, role, mode, g, v)) {
                    forgedTerms.addAll(seg.fields().values());
                    deliver(role, mode, g, v, seg, true, true, answer);
                }
            }
        }

        private void deliver(String role, String mode, CoreMessage g, Val v, Seg seg, boolean forged, boolean byAttacker,
                             CoreMessage answer) {
            if (byAttacker) {
                attempts.merge(g, 1, Integer::sum);
                if (mirrored(role, g)) {
                    mirrorAttempts++;
                }
            }
            for (Val after : accept(role, mode, g, v, seg, forged)) {
                accepted.accept(new Accepted(role, v, seg, forged, after));
                if (answer != null) {
                    // an answer goes to the segment's source: the attacker's address only when its
                    // segment opened the subflow (a SYN from x.a); on an existing subflow it goes to the peer
                    boolean toAttacker = byAttacker && (g == CoreMessage.JOIN_SYN || g == CoreMessage.MPC_SYN);
                    send(role, mode, answer, after, idxOf(after), seen(answer, active, toAttacker), sent);
                }
            }
        }
    }

    private static List<Val> toList(Iterable<Val> it) {
        List<Val> l = new ArrayList<>();
        it.forEach(l::add);
        return l;
    }

    private int idxOf(Val v) {
        Term t = v.slots().get(IDX);
        return t == null ? 0 : Integer.parseInt(t.n());
    }

    /**
     * The segments of kind g the attacker can forge for a receiver in state {@code v}: every field
     * the receiver checks (or looks up) carries the value it will be compared with, if the attacker
     * can synthesise it; every other field the attacker's own atom (docs/models.md, "The attacker").
     */
    private List<Seg> forgeries(State st, String role, String mode, CoreMessage g, Val v) {
        List<Seg> in = new ArrayList<>();
        if (!FORGEABLE.contains(g)) {
            return in;
        }
        // the fields are those of the message the receiver's peer would send (the opposite side's mode)
        boolean client = ProofRoles.clientSide(role);
        Msg sender = msg(client ? serverMode : clientMode, g, ProofRoles.peerSide(role), false);
        Msg receiver = msg(mode, g, role, true);
        if (sender == null) {
            return in;
        }
        List<Integer> idxs = g == CoreMessage.JOIN_SYN ? candidates(receiver) : List.of(idxOf(v));
        for (int idx : idxs) {
            TreeMap<String, Term> f = new TreeMap<>();
            for (String name : sender.fields().keySet()) {
                f.put(name, Term.atom("x." + name));
            }
            boolean ok = true;
            for (Check c : receiver.checks()) {
                Term expect = eval(c.expect(), v, f, Map.of(), idx);
                if (expect == null || !Knowledge.synth(expect, st.know())) {
                    ok = false;
                    break;
                }
                f.put(c.field(), expect);
            }
            if (ok && g == CoreMessage.JOIN_SYN && receiver.lookup().select().equals("token")) {
                Term expect = eval(receiver.lookup().expect(), v, f, Map.of(), idx);
                ok = expect != null && Knowledge.synth(expect, st.know());
                if (ok) {
                    f.put(receiver.lookup().field(), expect);
                }
            }
            if (ok) {
                in.add(new Seg(g, f, ATTACKER_ROLE));
            }
        }
        return in;
    }

    /**
     * For the TLC re-check of the authenticity implication: for every state of every receiver of
     * the protected kind {@code g}, the values the checks of a forgery compare with, in order, up to
     * and including the first the attacker cannot synthesise from {@code st}'s knowledge (the
     * forgery is refused iff the last one is not synthesisable).
     */
    List<List<Term>> forgeryGuards(State st, CoreMessage g) {
        String mode = g.from == org.mptcpverify.scheme.Role.A ? serverMode : clientMode;
        Msg sender = data.modes().get(g.from == org.mptcpverify.scheme.Role.A ? clientMode : serverMode).get(g);
        Msg receiver = data.modes().get(mode).get(g);
        List<List<Term>> out = new ArrayList<>();
        if (sender == null || receiver == null) {
            return out;
        }
        List<String> roles = new ArrayList<>();
        for (int n = 1; n <= clients; n++) {
            if (g == CoreMessage.ADD_ADDR) {
                roles.add(at("c", n));
            } else if (g == CoreMessage.FASTCLOSE) {
                roles.add(at("s", n));
            } else if (g == CoreMessage.JOIN_SYNACK) {
                roles.addAll(clientJoins(n));
            } else {
                roles.addAll(serverJoins(n));
            }
        }
        for (String r : roles) {
            for (Val v : st.vals().get(r)) {
                TreeMap<String, Term> f = new TreeMap<>();
                sender.fields().keySet().forEach(name -> f.put(name, Term.atom("x." + name)));
                List<Term> values = new ArrayList<>();
                for (Check c : receiver.checks()) {
                    Term expect = eval(c.expect(), v, f, Map.of(), idxOf(v));
                    if (expect == null) {
                        values.clear();
                        break;
                    }
                    values.add(expect);
                    if (!Knowledge.synth(expect, st.know())) {
                        break;
                    }
                    f.put(c.field(), expect);
                }
                if (!values.isEmpty()) {
                    out.add(values);
                }
            }
        }
        return out;
    }

    private List<Integer> candidates(Msg receiver) {
        int w = receiver.lookup().window();
        if (w == 0) {
            return List.of(0);
        }
        List<Integer> l = new ArrayList<>();
        for (int i = 1; i <= joins + w; i++) {
            l.add(i);
        }
        return l;
    }

    /** The states the receiver can be in after accepting {@code seg} in state {@code v} (none: rejected). */
    private List<Val> accept(String role, String mode, CoreMessage g, Val v, Seg seg, boolean forged) {
        Msg m = msg(mode, g, role, true);
        List<Val> out = new ArrayList<>();
        List<Integer> idxs = g == CoreMessage.JOIN_SYN ? candidates(m) : List.of(idxOf(v));
        for (int idx : idxs) {
            if (g == CoreMessage.JOIN_SYN && m.lookup().select().equals("token")) {
                Term expect = eval(m.lookup().expect(), v, seg.fields(), Map.of(), idx);
                if (expect == null || !expect.equals(seg.fields().get(m.lookup().field()))) {
                    continue;
                }
            }
            boolean pass = true;
            for (Check c : m.checks()) {
                Term expect = eval(c.expect(), v, seg.fields(), Map.of(), idx);
                if (expect == null || !expect.equals(seg.fields().get(c.field()))) {
                    pass = false;
                    break;
                }
            }
            if (!pass) {
                continue;
            }
            Map<String, Term> st = new LinkedHashMap<>();
            for (Map.Entry<String, Tmpl> s : m.stores().entrySet()) {
                Term t = eval(s.getValue(), v, seg.fields(), Map.of(), idx);
                if (t != null) {
                    st.put(s.getKey(), t);
                }
            }
            if (g == CoreMessage.JOIN_SYN) {
                st.put(ORIGIN, forged ? ATTACKER : host(seg.from())); // who built the SYN: the attacker or a client
                st.put(IDX, Term.leaf("int", Integer.toString(idx)));
            }
            out.add(v.with(st));
        }
        return out;
    }

    /** The sender draws its fresh values (one atom per role and name), keeps, and builds the fields. */
    private void send(String role, String mode, CoreMessage g, Val v, int idx, boolean observed, Consumer<Sent> sent) {
        Msg m = msg(mode, g, role, false);
        org.mptcpverify.scheme.Role side = ProofRoles.clientSide(role) ? org.mptcpverify.scheme.Role.A : org.mptcpverify.scheme.Role.B;
        if (m == null || (g == silenced && (silencedFrom == null || silencedFrom == side))) {
            return;
        }
        Map<String, Term> fresh = new TreeMap<>();
        for (String f : m.fresh()) {
            fresh.put(f, Term.atom(f + "." + role));
        }
        Map<String, Term> keep = new LinkedHashMap<>();
        for (Map.Entry<String, Tmpl> k : m.keep().entrySet()) {
            Term t = eval(k.getValue(), v, Map.of(), fresh, idx);
            if (t == null) {
                return;
            }
            keep.put(k.getKey(), t);
        }
        if (idx > 0 && g == CoreMessage.JOIN_SYN) {
            keep.put(IDX, Term.leaf("int", Integer.toString(idx)));
        }
        Val after = v.with(keep);
        TreeMap<String, Term> fields = new TreeMap<>();
        for (Map.Entry<String, Tmpl> f : m.fields().entrySet()) {
            Term t = eval(f.getValue(), after, Map.of(), fresh, idx);
            if (t == null) {
                return; // a field over a slot this state lacks: the end cannot send it from here
            }
            fields.put(f.getKey(), t);
        }
        sent.accept(new Sent(role, after, new Seg(g, fields, role), observed));
    }

    private Term eval(Tmpl t, Val v, Map<String, Term> fld, Map<String, Term> fresh, int idx) {
        if (t instanceof Tmpl.Atom a) {
            return Term.atom(a.name());
        } else if (t instanceof Tmpl.Lbl l) {
            return Term.leaf("lbl", l.text());
        } else if (t instanceof Tmpl.Int i) {
            // as Terms.tla: Int(i) for the 32-bit join index, Num(i, w) with its width otherwise
            return i.bits() == 32 ? Term.leaf("int", Long.toString(i.value()))
                    : new Term("int", Long.toString(i.value()), List.of(Term.leaf("lbl", Integer.toString(i.bits()))));
        } else if (t instanceof Tmpl.Zero) {
            return Term.leaf("zero", "0");
        } else if (t instanceof Tmpl.Hash h) {
            return app("hash", "", v, fld, fresh, idx, h.arg());
        } else if (t instanceof Tmpl.Token h) {
            return app("token", "", v, fld, fresh, idx, h.arg());
        } else if (t instanceof Tmpl.Idsn h) {
            return app("idsn", "", v, fld, fresh, idx, h.arg());
        } else if (t instanceof Tmpl.Hmac h) {
            return app("hmac", "", v, fld, fresh, idx, h.key(), h.msg());
        } else if (t instanceof Tmpl.Cat c) {
            return app("cat", "", v, fld, fresh, idx, c.parts().toArray(Tmpl[]::new));
        } else if (t instanceof Tmpl.TruncL tr) {
            return app("truncL", Integer.toString(tr.bits()), v, fld, fresh, idx, tr.arg());
        } else if (t instanceof Tmpl.TruncR tr) {
            return app("truncR", Integer.toString(tr.bits()), v, fld, fresh, idx, tr.arg());
        } else if (t instanceof Tmpl.Slot s) {
            return v.slots().get(s.name());
        } else if (t instanceof Tmpl.Fld f) {
            return fld.get(f.name());
        } else if (t instanceof Tmpl.Fresh f) {
            return fresh.get(f.name());
        } else if (t instanceof Tmpl.Ext) {
            return KEY;
        } else if (t instanceof Tmpl.Idx) {
            return Term.leaf("int", Integer.toString(idx));
        } else if (t instanceof Tmpl.Seg s) {
            return s.which().equals("src") ? ADDRESSES.get(0) : ADDRESSES.get(1);
        }
        throw new IllegalStateException("XOR is refused by unsupported(): " + t);
    }

    private Term app(String op, String n, Val v, Map<String, Term> fld, Map<String, Term> fresh, int idx, Tmpl... args) {
        List<Term> ts = new ArrayList<>();
        for (Tmpl a : args) {
            Term t = eval(a, v, fld, fresh, idx);
            if (t == null) {
                return null;
            }
            ts.add(t);
        }
        return Term.app(op, n, ts);
    }

    private static boolean containsXor(Msg m) {
        List<Tmpl> all = new ArrayList<>();
        all.addAll(m.keep().values());
        all.addAll(m.fields().values());
        all.addAll(m.stores().values());
        m.checks().forEach(c -> all.add(c.expect()));
        if (m.lookup() != null && m.lookup().expect() != null) {
            all.add(m.lookup().expect());
        }
        return all.stream().anyMatch(ProofSystem::hasXor);
    }

    private static boolean hasXor(Tmpl t) {
        if (t instanceof Tmpl.Xor) {
            return true;
        } else if (t instanceof Tmpl.Hash h) {
            return hasXor(h.arg());
        } else if (t instanceof Tmpl.Token h) {
            return hasXor(h.arg());
        } else if (t instanceof Tmpl.Idsn h) {
            return hasXor(h.arg());
        } else if (t instanceof Tmpl.Hmac h) {
            return hasXor(h.key()) || hasXor(h.msg());
        } else if (t instanceof Tmpl.Cat c) {
            return c.parts().stream().anyMatch(ProofSystem::hasXor);
        } else if (t instanceof Tmpl.TruncL tr) {
            return hasXor(tr.arg());
        } else if (t instanceof Tmpl.TruncR tr) {
            return hasXor(tr.arg());
        }
        return false;
    }
}
