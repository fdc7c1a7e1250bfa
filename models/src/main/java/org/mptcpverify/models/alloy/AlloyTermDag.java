package org.mptcpverify.models.alloy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.mptcpverify.models.core.CoreMessage;
import org.mptcpverify.models.core.SchemeData;
import org.mptcpverify.models.core.SchemeData.Check;
import org.mptcpverify.models.core.SchemeData.Msg;
import org.mptcpverify.models.core.Tmpl;
import org.mptcpverify.collect.Ordered;

/**
 * The finite term universe of one Alloy generic-core cell (models/alloy/core/termsig.als): every
 * term an honest end can send, store or compare against, and every value the attacker may put
 * into a forged field, for one scheme and one population, computed here once as ground terms so
 * that the model holds them as constants (one atom each, constructor tables as constant
 * relations) instead of letting the solver choose the term structure.
 *
 * <p>Values are grounded per ROLE: each draw of a fresh value is its own nonce atom (client i's
 * MPC_SYN, client i's j-th JOIN_SYN, the h-th half-open join's SYN/ACK), so which nonce a slot
 * holds is never the solver's choice. The domains of slots and fields are the least fixpoint of
 * the templates of {@link SchemeData} over them: a slot holds what a keep or store template can
 * give it; a field received carries what a sender's template gives it and, if the core lets the
 * attacker forge that message (join, ADD_ADDR, MP_FASTCLOSE), the attacker's own atoms (its
 * address for {@code addr}) and every value a check or the lookup compares that field against
 * (the argument of docs/models.md, "The attacker": only the compared value can be accepted).
 * Pure and deterministic.
 */
public final class AlloyTermDag {
    /** Messages the core's {@code forge} may inject (core.als). */
    static final Set<CoreMessage> FORGEABLE = Set.of(CoreMessage.JOIN_SYN, CoreMessage.JOIN_SYNACK,
            CoreMessage.JOIN_ACK, CoreMessage.ADD_ADDR, CoreMessage.FASTCLOSE);
    static final List<String> ADDRS = List.of("SA1", "SA2", "C1A1", "C1A2", "C2A1", "C2A2", "XA", "NAT", "SP1", "SP2");
    static final int MAX_NUM = 6;
    private static final int MAX_ROUNDS = 16;

    /** A ground term; records give value equality, {@link #key} a total order. */
    sealed interface G permits Leaf, App, Hm, Ct, Xr {}

    /** A leaf: its sig under termsig.als and its atom name. */
    record Leaf(String sig, String atom) implements G {}

    record App(String op, G arg) implements G {}

    record Hm(G key, G msg) implements G {}

    /** Concatenation, right-nested, head never a Ct. */
    record Ct(G hd, G tl) implements G {}

    /** XOR sum: at least two operands, sorted, none a Xr or Zero. */
    record Xr(List<G> ops) implements G {}

    static final G ZERO = new Leaf("Zero", "Zero");

    /**
     * The population the universe is grounded for.
     *
     * @param clients   clients (one connection each; client i holds application i's key)
     * @param joins     joins per client
     * @param halfOpen  server join states (one per SYN the server can accept)
     * @param xatoms    the attacker's own atoms
     */
    public record Population(int clients, int joins, int halfOpen, int xatoms) {}

    private final SchemeData data;
    private final Population pop;
    /** The client whose terms alone this instance grounds (1..), or 0: every client's (today's universe). */
    private final int owner;
    /** The data modes grounded, or null: every mode of the scheme. */
    private final Set<String> live;
    private final Map<String, Set<G>> slotDom = new TreeMap<>();
    private final Map<String, Set<G>> sentDom = new TreeMap<>();
    private final Map<String, Set<G>> comparedDom = new TreeMap<>();
    private final Set<G> roots = new LinkedHashSet<>();

    private AlloyTermDag(SchemeData data, Population pop, int owner, Set<String> live) {
        this.data = data;
        this.pop = pop;
        this.owner = owner;
        this.live = live;
    }

    /** The dag module (dag.als) of {@code data} grounded for {@code pop}. */
    public static Rendered render(SchemeData data, Population pop) {
        AlloyTermDag d = new AlloyTermDag(data, pop, 0, null);
        d.fixpoint();
        return d.emit();
    }

    /**
     * The per-client universe of an attacker-free cell (docs/models.md, "The per-client universe"):
     * the union over the clients of the terms each client's connection alone can produce, in the
     * cell's {@code liveModes} only, or empty when the scheme does not keep its clients apart
     * ({@link #clientsApart}). Every reachable state of an attacker-free cell of such a scheme holds
     * only terms of this universe, so a cell checked over it decides the same question as over
     * {@link #render}'s, with fewer atoms: a term mixing two clients' atoms needs a segment of one
     * client's connection to be handled on the other's, and without an attacker only a join SYN
     * could be, by the server's lookup, which the guard shows never matches another client's value.
     */
    public static java.util.Optional<Rendered> renderPerClient(SchemeData data, Population pop, Set<String> liveModes) {
        Set<String> live = Set.copyOf(liveModes);
        List<AlloyTermDag> each = new ArrayList<>();
        for (int c = 1; c <= pop.clients(); c++) {
            AlloyTermDag d = new AlloyTermDag(data, pop, c, live);
            d.fixpoint();
            each.add(d);
        }
        if (pop.clients() < 2 || !clientsApart(data, each)) {
            return java.util.Optional.empty();
        }
        AlloyTermDag all = new AlloyTermDag(data, pop, 0, live);
        for (AlloyTermDag d : each) {
            d.slotDom.forEach((k, v) -> all.add(all.slotDom, k, v));
            d.sentDom.forEach((k, v) -> all.add(all.sentDom, k, v));
            d.comparedDom.forEach((k, v) -> all.add(all.comparedDom, k, v));
        }
        return java.util.Optional.of(all.emit());
    }

    /**
     * The induction step of the per-client universe's lemma, checked on the per-client fixpoints:
     * the key is per socket (a host-wide key is one value both clients' terms share), every join
     * SYN the clients can send is attached by a per-connection token lookup (not "the connection
     * created last", which attaches a client's join to whichever connection is newest), and no
     * value client c can put in the lookup's field is a value client c' != c's connection looks up.
     * Then a join SYN is handled on its own client's connection or on none, and, by induction on
     * the trace, every state holds only terms of one client's fixpoint per connection.
     */
    static boolean clientsApart(SchemeData data, List<AlloyTermDag> each) {
        if (!"socket".equals(data.keySource())) {
            return false;
        }
        for (AlloyTermDag d : each) {
            for (Map<CoreMessage, Msg> mode : d.modes()) {
                Msg join = mode.get(CoreMessage.JOIN_SYN);
                if (join != null && (join.lookup() == null || join.lookup().expect() == null
                        || !join.lookup().select().equals("token"))) {
                    return false;
                }
            }
        }
        for (AlloyTermDag c : each) {
            for (AlloyTermDag other : each) {
                if (c == other) {
                    continue;
                }
                for (Map<CoreMessage, Msg> mode : other.modes()) {
                    Msg join = mode.get(CoreMessage.JOIN_SYN);
                    if (join == null) {
                        continue;
                    }
                    Set<G> looked = evalAll(join.lookup().expect(), other.receiverCtx(CoreMessage.JOIN_SYN));
                    Set<G> sent = c.sentDom.getOrDefault(fk(CoreMessage.JOIN_SYN, join.lookup().field()), Set.of());
                    if (sent.stream().anyMatch(looked::contains)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The data modes this instance grounds. */
    private List<Map<CoreMessage, Msg>> modes() {
        List<Map<CoreMessage, Msg>> out = new ArrayList<>();
        data.modes().forEach((name, mode) -> {
            if (live == null || live.contains(name)) {
                out.add(mode);
            }
        });
        return out;
    }

    /**
     * The module text and the exact atom count of each abstract term sig (for the scope);
     * {@code terms}: every term atom's ground structure, {@code labels}: every label atom's text
     * (what an instance's atoms mean, for the segment-level export); {@code slotNames}: how many slot
     * names the scheme has (the CS and JS atoms of core.als are per slot name).
     */
    public record Rendered(String text, Map<String, Integer> counts, Map<String, G> terms, Map<String, String> labels,
                           int slotNames) {}

    // ----------------------------------------------------------------------------------- ground terms

    static String key(G g) {
        return g.toString();
    }

    static int depth(G g) {
        return children(g).stream().mapToInt(c -> 1 + depth(c)).max().orElse(0);
    }

    /** Immediate subterms. */
    static List<G> children(G g) {
        if (g instanceof App a) {
            return List.of(a.arg());
        }
        if (g instanceof Hm h) {
            return List.of(h.key(), h.msg());
        }
        if (g instanceof Ct c) {
            return List.of(c.hd(), c.tl());
        }
        if (g instanceof Xr x) {
            return x.ops();
        }
        return List.of();
    }

    static G cat(G a, G b) {
        return a instanceof Ct c ? new Ct(c.hd(), cat(c.tl(), b)) : new Ct(a, b);
    }

    static Set<G> operands(G g) {
        if (g instanceof Xr x) {
            return new LinkedHashSet<>(x.ops());
        }
        return g.equals(ZERO) ? new LinkedHashSet<>() : new LinkedHashSet<>(List.of(g));
    }

    static G xorOf(Set<G> ops) {
        if (ops.isEmpty()) {
            return ZERO;
        }
        if (ops.size() == 1) {
            return ops.iterator().next();
        }
        List<G> sorted = new ArrayList<>(ops);
        sorted.sort(Comparator.comparing(AlloyTermDag::key));
        return new Xr(sorted);
    }

    static G xor(G a, G b) {
        Set<G> s = operands(a);
        for (G o : operands(b)) {
            if (!s.remove(o)) {
                s.add(o);
            }
        }
        return xorOf(s);
    }

    static String op(Tmpl t) {
        if (t instanceof Tmpl.Hash) {
            return "HASH";
        }
        if (t instanceof Tmpl.Token) {
            return "TOKEN";
        }
        if (t instanceof Tmpl.Idsn) {
            return "IDSN";
        }
        if (t instanceof Tmpl.TruncL l && (l.bits() == 32 || l.bits() == 64 || l.bits() == 160)) {
            return "TL" + l.bits();
        }
        if (t instanceof Tmpl.TruncR r && r.bits() == 64) {
            return "TR64";
        }
        throw new IllegalArgumentException("no Alloy operator for " + t);
    }

    /** The argument of a unary constructor template, else null. */
    static Tmpl unaryArg(Tmpl t) {
        if (t instanceof Tmpl.Hash h) {
            return h.arg();
        }
        if (t instanceof Tmpl.Token h) {
            return h.arg();
        }
        if (t instanceof Tmpl.Idsn h) {
            return h.arg();
        }
        if (t instanceof Tmpl.TruncL h) {
            return h.arg();
        }
        if (t instanceof Tmpl.TruncR h) {
            return h.arg();
        }
        return null;
    }

    /** The sub-templates of a template. */
    static List<Tmpl> parts(Tmpl t) {
        Tmpl u = unaryArg(t);
        if (u != null) {
            return List.of(u);
        }
        if (t instanceof Tmpl.Hmac h) {
            return List.of(h.key(), h.msg());
        }
        if (t instanceof Tmpl.Cat c) {
            return c.parts();
        }
        if (t instanceof Tmpl.Xor x) {
            return x.parts();
        }
        return List.of();
    }

    /** A variable an end fills in: slot, field, drawn value, external key, join index, address. */
    static boolean isVar(Tmpl t) {
        return t instanceof Tmpl.Slot || t instanceof Tmpl.Fld || t instanceof Tmpl.Fresh || t instanceof Tmpl.Ext
                || t instanceof Tmpl.Idx || t instanceof Tmpl.Seg;
    }

    static String label(String text) {
        return "L_" + text.replaceAll("[^A-Za-z0-9]", "_");
    }

    static String addr(String atom) {
        if (atom.equals("s.a2")) {
            return "SA2";
        }
        throw new IllegalArgumentException("no Alloy address for atom " + atom);
    }

    /** The value of {@code t} in {@code env} (variables -> values); null where a variable has none. */
    static G eval(Tmpl t, Map<Tmpl, G> env) {
        if (isVar(t)) {
            return env.get(t);
        }
        if (t instanceof Tmpl.Atom a) {
            return new Leaf("Addr", addr(a.name()));
        }
        if (t instanceof Tmpl.Lbl l) {
            return new Leaf("Label", label(l.text()));
        }
        if (t instanceof Tmpl.Int i) {
            if (i.value() < 0 || i.value() > MAX_NUM) {
                throw new IllegalArgumentException("integer out of the core's Num range: " + i.value());
            }
            return new Leaf("Num", "I" + i.value());
        }
        if (t instanceof Tmpl.Zero) {
            return ZERO;
        }
        Tmpl u = unaryArg(t);
        if (u != null) {
            G a = eval(u, env);
            return a == null ? null : new App(op(t), a);
        }
        if (t instanceof Tmpl.Hmac h) {
            G k = eval(h.key(), env);
            G m = eval(h.msg(), env);
            return k == null || m == null ? null : new Hm(k, m);
        }
        if (t instanceof Tmpl.Cat c) {
            G acc = null;
            for (int i = c.parts().size() - 1; i >= 0; i--) {
                G p = eval(c.parts().get(i), env);
                if (p == null) {
                    return null;
                }
                acc = acc == null ? p : cat(p, acc);
            }
            return acc;
        }
        if (t instanceof Tmpl.Xor x) {
            G acc = ZERO;
            for (Tmpl p : x.parts()) {
                G v = eval(p, env);
                if (v == null) {
                    return null;
                }
                acc = xor(acc, v);
            }
            return acc;
        }
        throw new IllegalArgumentException("unknown template " + t);
    }

    

    /** The variables of a template, in a fixed order. */
    static List<Tmpl> vars(Tmpl t) {
        Set<Tmpl> out = new LinkedHashSet<>();
        collect(t, out);
        return new ArrayList<>(out);
    }

    private static void collect(Tmpl t, Set<Tmpl> out) {
        if (isVar(t)) {
            out.add(t);
        }
        parts(t).forEach(p -> collect(p, out));
    }

    /** Every value of {@code t} with each variable ranging over its domain. */
    static Set<G> evalAll(Tmpl t, Function<Tmpl, Set<G>> domain) {
        List<Tmpl> vs = vars(t);
        List<List<G>> doms = new ArrayList<>();
        for (Tmpl v : vs) {
            Set<G> d = domain.apply(v);
            if (d == null || d.isEmpty()) {
                return Set.of();
            }
            doms.add(new ArrayList<>(d));
        }
        Set<G> out = new LinkedHashSet<>();
        int[] ix = new int[vs.size()];
        while (true) {
            Map<Tmpl, G> env = new HashMap<>();
            for (int i = 0; i < vs.size(); i++) {
                env.put(vs.get(i), doms.get(i).get(ix[i]));
            }
            G g = eval(t, env);
            if (g != null) {
                out.add(g);
            }
            int i = 0;
            while (i < ix.length && ++ix[i] == doms.get(i).size()) {
                ix[i++] = 0;
            }
            if (i == ix.length) {
                return out;
            }
        }
    }

    // ----------------------------------------------------------------------------------- roles, domains

    static String nonceName(String role, CoreMessage g) {
        return "N_" + role + "_" + g.name();
    }

    private boolean drawn(CoreMessage g) {
        return modes().stream().anyMatch(m -> m.containsKey(g) && !m.get(g).fresh().isEmpty());
    }

    /** Role -> message -> nonce of every draw of the population. */
    Map<String, Map<CoreMessage, Leaf>> roleNonces() {
        Map<String, Map<CoreMessage, Leaf>> out = new LinkedHashMap<>();
        for (CoreMessage g : CoreMessage.values()) {
            if (!drawn(g)) {
                continue;
            }
            for (String role : roles(g)) {
                out.computeIfAbsent(role, r -> new LinkedHashMap<>()).put(g, new Leaf("Nonce", nonceName(role, g)));
            }
        }
        return out;
    }

    private List<String> roles(CoreMessage g) {
        List<String> r = new ArrayList<>();
        if (g == CoreMessage.JOIN_SYNACK) {
            for (int h = 1; h <= pop.halfOpen(); h++) {
                r.add("h" + h);
            }
        } else if (g.join()) {
            for (int c = 1; c <= pop.clients(); c++) {
                for (int j = 1; j <= pop.joins(); j++) {
                    r.add("c" + c + "j" + j);
                }
            }
        } else {
            for (int c = 1; c <= pop.clients(); c++) {
                r.add("c" + c);
            }
        }
        return r;
    }

    private Set<G> fresh(CoreMessage g) {
        Set<G> out = new LinkedHashSet<>();
        roleNonces().forEach((role, m) -> {
            if (m.containsKey(g) && ownRole(role)) {
                out.add(m.get(g));
            }
        });
        return out;
    }

    /** Whether this instance's client draws for {@code role}: its own roles, and the server's half-open joins'. */
    private boolean ownRole(String role) {
        return owner == 0 || role.startsWith("h") || role.equals("c" + owner) || role.startsWith("c" + owner + "j");
    }

    /** Join j of client c as one number 1.. (so the role table has arity 3). */
    private int joinNumber(String role) {
        String[] cj = role.substring(1).split("j");
        int n = (Integer.parseInt(cj[0]) - 1) * pop.joins() + Integer.parseInt(cj[1]);
        if (n > MAX_NUM) {
            throw new IllegalArgumentException("more joins in all than the core's Num atoms: " + n);
        }
        return n;
    }

    List<G> xatoms() {
        List<G> out = new ArrayList<>();
        for (int i = 1; i <= pop.xatoms(); i++) {
            out.add(new Leaf("XAtom", "X" + i));
        }
        return out;
    }

    List<G> keys() {
        List<G> out = new ArrayList<>();
        for (int i = 1; i <= pop.clients(); i++) {
            out.add(new Leaf("Key", "K" + i));
        }
        return out;
    }

    static Set<G> nums() {
        Set<G> out = new LinkedHashSet<>();
        for (int i = 0; i <= MAX_NUM; i++) {
            out.add(new Leaf("Num", "I" + i));
        }
        return out;
    }

    static Set<G> addrs() {
        Set<G> out = new LinkedHashSet<>();
        ADDRS.forEach(a -> out.add(new Leaf("Addr", a)));
        return out;
    }

    private static String fk(CoreMessage g, String f) {
        return g.name() + "." + f;
    }

    /** What a received field of {@code g} may carry. */
    private Set<G> received(CoreMessage g, String f) {
        Set<G> out = new LinkedHashSet<>(sentDom.getOrDefault(fk(g, f), Set.of()));
        if (FORGEABLE.contains(g)) {
            out.addAll(xatoms());
            if (f.equals("addr")) {
                out.add(new Leaf("Addr", "XA"));
            }
            out.addAll(comparedDom.getOrDefault(fk(g, f), Set.of()));
        }
        return out;
    }

    private Function<Tmpl, Set<G>> senderCtx(CoreMessage g) {
        return v -> {
            if (v instanceof Tmpl.Slot s) {
                return slotDom.get(s.name());
            }
            if (v instanceof Tmpl.Fresh) {
                return fresh(g);
            }
            return common(v, g);
        };
    }

    private Set<G> common(Tmpl v, CoreMessage g) {
        if (v instanceof Tmpl.Ext) {
            return owner == 0 ? new LinkedHashSet<>(keys()) : Set.of(keys().get(owner - 1));
        }
        if (v instanceof Tmpl.Idx) {
            return nums();
        }
        if (v instanceof Tmpl.Seg) {
            return addrs();
        }
        throw new IllegalArgumentException("a template of " + g + " reads " + v + " where the core has no value for it");
    }

    private Function<Tmpl, Set<G>> receiverCtx(CoreMessage g) {
        return v -> {
            if (v instanceof Tmpl.Slot s) {
                return slotDom.get(s.name());
            }
            if (v instanceof Tmpl.Fld f) {
                return received(g, f.name());
            }
            return common(v, g);
        };
    }

    private boolean add(Map<String, Set<G>> m, String k, Set<G> vs) {
        return m.computeIfAbsent(k, x -> new LinkedHashSet<>()).addAll(vs);
    }

    private void fixpoint() {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean changed = false;
            for (Map<CoreMessage, Msg> mode : modes()) {
                for (Map.Entry<CoreMessage, Msg> e : mode.entrySet()) {
                    CoreMessage g = e.getKey();
                    Msg d = e.getValue();
                    Function<Tmpl, Set<G>> snd = senderCtx(g);
                    for (Map.Entry<String, Tmpl> k : d.keep().entrySet()) {
                        changed |= add(slotDom, k.getKey(), evalAll(k.getValue(), snd));
                    }
                    for (Map.Entry<String, Tmpl> f : d.fields().entrySet()) {
                        changed |= add(sentDom, fk(g, f.getKey()), evalAll(f.getValue(), snd));
                    }
                    Function<Tmpl, Set<G>> rcv = receiverCtx(g);
                    for (Check c : d.checks()) {
                        changed |= add(comparedDom, fk(g, c.field()), evalAll(c.expect(), rcv));
                    }
                    if (d.lookup() != null && d.lookup().expect() != null) {
                        changed |= add(comparedDom, fk(g, d.lookup().field()), evalAll(d.lookup().expect(), rcv));
                    }
                    for (Map.Entry<String, Tmpl> s : d.stores().entrySet()) {
                        changed |= add(slotDom, s.getKey(), evalAll(s.getValue(), rcv));
                    }
                }
            }
            if (!changed) {
                return;
            }
        }
        throw new IllegalArgumentException(data.name() + ": slot domains do not converge in " + MAX_ROUNDS
                + " rounds (a slot stores a term built from itself)");
    }

    // ----------------------------------------------------------------------------------- the module

    private Rendered emit() {
        Set<G> all = new LinkedHashSet<>();
        Map<String, String> labels = new TreeMap<>();
        slotDom.values().forEach(all::addAll);
        sentDom.values().forEach(all::addAll);
        comparedDom.values().forEach(all::addAll);
        for (CoreMessage g : CoreMessage.values()) {
            for (Map<CoreMessage, Msg> mode : modes()) {
                if (mode.containsKey(g)) {
                    mode.get(g).fields().keySet().forEach(f -> all.addAll(received(g, f)));
                }
            }
        }
        roleNonces().values().forEach(m -> all.addAll(m.values()));
        all.addAll(xatoms());
        all.addAll(keys());
        // every constant a template names, evaluated or not (the scheme module refers to it)
        for (Map<CoreMessage, Msg> mode : modes()) {
            for (Msg d : mode.values()) {
                List<Tmpl> ts = new ArrayList<>(d.keep().values());
                ts.addAll(d.fields().values());
                ts.addAll(d.stores().values());
                d.checks().forEach(c -> ts.add(c.expect()));
                if (d.lookup() != null && d.lookup().expect() != null) {
                    ts.add(d.lookup().expect());
                }
                ts.forEach(t -> constants(t, all));
                ts.forEach(t -> labelTexts(t, labels));
            }
        }
        Set<G> closed = new LinkedHashSet<>();
        all.forEach(t -> subterms(t, closed));
        // every partial sum of a sum, so that binary XOR steps reach it
        for (G t : List.copyOf(closed)) {
            if (t instanceof Xr x) {
                int n = x.ops().size();
                for (int mask = 1; mask < (1 << n); mask++) {
                    Set<G> s = new LinkedHashSet<>();
                    for (int i = 0; i < n; i++) {
                        if ((mask & (1 << i)) != 0) {
                            s.add(x.ops().get(i));
                        }
                    }
                    subterms(xorOf(s), closed);
                }
            }
        }
        List<G> terms = new ArrayList<>(closed);
        terms.sort(Comparator.comparingInt(AlloyTermDag::depth).thenComparing(AlloyTermDag::key));
        Map<G, String> name = new LinkedHashMap<>();
        int n = 0;
        for (G t : terms) {
            name.put(t, t instanceof Leaf l ? l.atom() : "T" + (++n));
        }
        Map<String, G> byName = new LinkedHashMap<>();
        name.forEach((t, nm) -> byName.put(nm, t));
        Set<String> slotNames = new TreeSet<>(data.slots());
        slotNames.addAll(data.jslots());
        return new Rendered(text(terms, name), counts(terms), Ordered.copy(byName), Ordered.copy(labels), slotNames.size());
    }

    private static void constants(Tmpl t, Set<G> out) {
        if (t instanceof Tmpl.Lbl) {
            out.add(eval(t, Map.of()));
        }
        parts(t).forEach(p -> constants(p, out));
    }

    private static void labelTexts(Tmpl t, Map<String, String> out) {
        if (t instanceof Tmpl.Lbl l) {
            out.put(label(l.text()), l.text());
        }
        parts(t).forEach(p -> labelTexts(p, out));
    }

    private static void subterms(G t, Set<G> out) {
        children(t).forEach(c -> subterms(c, out));
        out.add(t);
    }

    static String sigOf(G t) {
        if (t instanceof Leaf l) {
            return l.sig();
        }
        return t instanceof App ? "App" : t instanceof Hm ? "Hmac" : t instanceof Ct ? "Cat" : "Xor";
    }

    /** Declared by termsig.als, not by the dag. */
    private static boolean predeclared(G t) {
        return t instanceof Leaf l && (l.sig().equals("Num") || l.sig().equals("Addr") || l.sig().equals("Zero"));
    }

    private Map<String, Integer> counts(List<G> terms) {
        Map<String, Integer> c = new TreeMap<>();
        for (String s : List.of("Key", "Nonce", "XAtom", "Label", "App", "Hmac", "Cat", "Xor")) {
            c.put(s, 0);
        }
        for (G t : terms) {
            if (!predeclared(t)) {
                c.merge(sigOf(t), 1, Integer::sum);
            }
        }
        c.put("Term", (int) terms.stream().filter(t -> !predeclared(t)).count() + nums().size() + addrs().size() + 1);
        return c;
    }

    static String pretty(G t) {
        if (t instanceof Leaf l) {
            return l.atom();
        }
        if (t instanceof App a) {
            return a.op().toLowerCase(java.util.Locale.ROOT) + "(" + pretty(a.arg()) + ")";
        }
        if (t instanceof Hm h) {
            return "hmac(" + pretty(h.key()) + ", " + pretty(h.msg()) + ")";
        }
        if (t instanceof Ct c) {
            return pretty(c.hd()) + "||" + pretty(c.tl());
        }
        return String.join(" xor ", ((Xr) t).ops().stream().map(AlloyTermDag::pretty).toList());
    }

    private String text(List<G> terms, Map<G, String> name) {
        StringBuilder b = new StringBuilder();
        b.append("module dag\n\n/*\n * GENERATED by AlloyTermDag for ").append(data.name()).append(" with ")
                .append(pop.clients()).append(" client(s), ").append(pop.joins()).append(" join(s) each, ")
                .append(pop.halfOpen()).append(" server join state(s), ").append(pop.xatoms())
                .append(" attacker atom(s): the cell's whole term universe (").append(terms.size())
                .append(" terms) and its constructor tables as constants. Do not edit.\n */\n");
        b.append("open termsig\n\n");
        Map<String, List<String>> bySig = new TreeMap<>();
        for (G t : terms) {
            if (!predeclared(t)) {
                bySig.computeIfAbsent(sigOf(t), s -> new ArrayList<>()).add(name.get(t));
            }
        }
        for (Map.Entry<String, List<String>> e : bySig.entrySet()) {
            b.append("one sig ").append(String.join(", ", e.getValue())).append(" extends ").append(e.getKey())
                    .append(" {}\n");
        }
        Set<String> slots = new TreeSet<>(data.slots());
        slots.addAll(data.jslots());
        b.append("one sig ").append(String.join(", ", slots.stream().map(AlloySchemeModule::slot).toList()))
                .append(" extends SlotName {}\n");
        Set<String> fields = new TreeSet<>();
        data.modes().values().forEach(m -> m.values().forEach(d -> fields.addAll(d.fields().keySet())));
        fields.remove("addr");
        if (!fields.isEmpty()) {
            b.append("one sig ").append(String.join(", ", fields.stream().map(AlloySchemeModule::field).toList()))
                    .append(" extends FieldName {}\n");
        }
        valueSig(b, "SlotVal", "every value a slot may hold (the union of the slot domains)", slotVals(), name);
        valueSig(b, "FieldVal", "every value a received field may carry (the union of the field domains)", fieldVals(), name);
        b.append("\n-- the compound terms\n");
        for (G t : terms) {
            if (!(t instanceof Leaf)) {
                b.append("-- ").append(name.get(t)).append(" = ").append(pretty(t)).append('\n');
            }
        }
        constructorTables(b, terms, name);
        // role nonces: client i's connection draws, client i's j-th join's, the h-th join state's
        List<String> cN = new ArrayList<>();
        List<String> jN = new ArrayList<>();
        List<String> hN = new ArrayList<>();
        for (Map.Entry<String, Map<CoreMessage, Leaf>> r : roleNonces().entrySet()) {
            String role = r.getKey();
            for (Map.Entry<CoreMessage, Leaf> e : r.getValue().entrySet()) {
                String g = e.getKey().name();
                String nn = e.getValue().atom();
                if (role.startsWith("h")) {
                    hN.add("I" + role.substring(1) + " -> " + g + " -> " + nn);
                } else if (role.contains("j")) {
                    jN.add("I" + joinNumber(role) + " -> " + g + " -> " + nn);
                } else {
                    cN.add("I" + role.substring(1) + " -> " + g + " -> " + nn);
                }
            }
        }
        List<String> jKey = new ArrayList<>();
        for (int c = 1; c <= pop.clients(); c++) {
            for (int j = 1; j <= pop.joins(); j++) {
                jKey.add("I" + c + " -> I" + j + " -> I" + joinNumber("c" + c + "j" + j));
            }
        }
        rel(b, "cNonce", "Num -> MsgName -> Nonce", cN);
        rel(b, "jKey", "Num -> Num -> Num", jKey);
        rel(b, "jNonce", "Num -> MsgName -> Nonce", jN);
        rel(b, "hNonce", "Num -> MsgName -> Nonce", hN);
        // what a received field may carry (the attacker forges only these)
        List<String> fdom = new ArrayList<>();
        for (CoreMessage g : CoreMessage.values()) {
            Set<String> fs = new TreeSet<>();
            modes().forEach(m -> {
                if (m.containsKey(g)) {
                    fs.addAll(m.get(g).fields().keySet());
                }
            });
            for (String f : fs) {
                for (G v : received(g, f)) {
                    fdom.add(g.name() + " -> " + AlloySchemeModule.field(f) + " -> " + name.get(v));
                }
            }
        }
        rel(b, "fdom", "MsgName -> FieldName -> Term", fdom);
        return b.toString();
    }

    /**
     * The constructor tables of a universe as constant relations (aop, aarg, hkey, hmsg, chd, ctl,
     * xops, appT, hmacT, catT, xorT): each term's structure, and cat / xor of any two terms of the
     * universe whose normal form is in it. Shared with the induction check's universe (AlloyInduction).
     */
    static void constructorTables(StringBuilder b, List<G> terms, Map<G, String> name) {
        List<String> aop = new ArrayList<>();
        List<String> aarg = new ArrayList<>();
        List<String> hkey = new ArrayList<>();
        List<String> hmsg = new ArrayList<>();
        List<String> chd = new ArrayList<>();
        List<String> ctl = new ArrayList<>();
        List<String> xops = new ArrayList<>();
        List<String> appT = new ArrayList<>();
        List<String> hmacT = new ArrayList<>();
        for (G t : terms) {
            String r = name.get(t);
            if (t instanceof App a) {
                aop.add(r + " -> " + a.op());
                aarg.add(r + " -> " + name.get(a.arg()));
                appT.add(a.op() + " -> " + name.get(a.arg()) + " -> " + r);
            } else if (t instanceof Hm h) {
                hkey.add(r + " -> " + name.get(h.key()));
                hmsg.add(r + " -> " + name.get(h.msg()));
                hmacT.add(name.get(h.key()) + " -> " + name.get(h.msg()) + " -> " + r);
            } else if (t instanceof Ct c) {
                chd.add(r + " -> " + name.get(c.hd()));
                ctl.add(r + " -> " + name.get(c.tl()));
            } else if (t instanceof Xr x) {
                x.ops().forEach(o -> xops.add(r + " -> " + name.get(o)));
            }
        }
        // the constructor tables: cat and xor of any two terms of the universe whose normal form is in it
        List<String> catT = new ArrayList<>();
        List<String> xorT = new ArrayList<>();
        for (G a : terms) {
            for (G bb : terms) {
                G c = cat(a, bb);
                if (name.containsKey(c)) {
                    catT.add(name.get(a) + " -> " + name.get(bb) + " -> " + name.get(c));
                }
                if (!a.equals(bb) && !a.equals(ZERO) && !bb.equals(ZERO)) {
                    G x = xor(a, bb);
                    if (name.containsKey(x)) {
                        xorT.add(name.get(a) + " -> " + name.get(bb) + " -> " + name.get(x));
                    }
                }
            }
        }
        b.append('\n');
        rel(b, "aop", "App -> Op", aop);
        rel(b, "aarg", "App -> Term", aarg);
        rel(b, "hkey", "Hmac -> Term", hkey);
        rel(b, "hmsg", "Hmac -> Term", hmsg);
        rel(b, "chd", "Cat -> Term", chd);
        rel(b, "ctl", "Cat -> Term", ctl);
        rel(b, "xops", "Xor -> Term", xops);
        rel(b, "appT", "Op -> Term -> Term", appT);
        rel(b, "hmacT", "Term -> Term -> Term", hmacT);
        rel(b, "catT", "Term -> Term -> Term", catT);
        rel(b, "xorT", "Term -> Term -> Term", xorT);
    }

    private Set<G> slotVals() {
        Set<G> out = new LinkedHashSet<>();
        slotDom.values().forEach(out::addAll);
        return out;
    }

    private Set<G> fieldVals() {
        Set<G> out = new LinkedHashSet<>();
        sentDom.values().forEach(out::addAll);
        for (CoreMessage g : CoreMessage.values()) {
            for (Map<CoreMessage, Msg> mode : modes()) {
                if (mode.containsKey(g)) {
                    mode.get(g).fields().keySet().forEach(f -> out.addAll(received(g, f)));
                }
            }
        }
        return out;
    }

    /**
     * A subset sig of the universe's atoms {@code vals} (exactly those), the type core.als gives
     * the slot and field relations: Kodkod bounds a relation by its declared type, so a slot
     * relation is a matrix over the slot domains, not over the whole universe (measured:
     * docs/models.md, "Alloy generic core").
     */
    private static void valueSig(StringBuilder b, String sig, String what, Set<G> vals, Map<G, String> name) {
        List<String> atoms = vals.stream().map(name::get).sorted().toList();
        String union = atoms.isEmpty() ? "Zero" : String.join(" + ", atoms);
        b.append("-- ").append(what).append('\n');
        b.append("sig ").append(sig).append(" in ").append(union).append(" {}\n");
        b.append("fact ").append(sig.toLowerCase(java.util.Locale.ROOT)).append("Exact { ").append(sig).append(" = ")
                .append(atoms.isEmpty() ? "none" : union).append(" }\n");
    }

    static void rel(StringBuilder b, String fun, String type, List<String> tuples) {
        b.append("fun ").append(fun).append(": ").append(type).append(" {\n  ");
        if (tuples.isEmpty()) {
            b.append(type.replaceAll("[A-Za-z]+", "none"));
        } else {
            for (int i = 0; i < tuples.size(); i++) {
                b.append(i == 0 ? "" : i % 4 == 0 ? "\n  + " : " + ").append(tuples.get(i));
            }
        }
        b.append("\n}\n");
    }
}
