package org.mptcpverify.traces.generic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.definition.Phase;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.definition.Stmt;
import org.mptcpverify.definition.term.Term;
import org.mptcpverify.definition.term.Terms;
import org.mptcpverify.scheme.Role;
import org.mptcpverify.segment.SegmentTerm;

/**
 * The generic attacker's knowledge and synthesis over a scheme's definition, one procedure for
 * every scheme. What it read is a set of terms: each field of each segment it observed, as the
 * definition says the sender built it (every mode's variant: the attacker does not need to know
 * the mode, a wrong reading only yields values the receiver rejects), with atoms scoped to the
 * connection or subflow they belong to. A field it injects may carry any term it can build
 * (synthesis with the algebra's functions, analysis by cancelling XOR and splitting concatenations
 * at the ends); which terms are worth trying is the definition's: the terms the receiver's checks
 * and lookups compare that field against, plus its own fresh atom (any wrong value stands for
 * every other, since checks only compare for equality). Hashes, HMACs and truncations are never
 * inverted. A recipe is a {@link SegmentTerm} over observed fields, so the reference replayer
 * recomputes every value from the bytes it read and nothing here is trusted.
 */
public final class Recipes {
    /** Join indices tried for the parameter {@code i} (bound-key's ticket index): the first three joins. */
    static final int MAX_INDEX = 3;
    private static final int MAX_DEPTH = 12;

    private final SchemeDefinition def;
    private final int hashBits;
    /** Instantiated term of an observed field -> where it was read. */
    private final Map<Term, SegmentTerm> known = new LinkedHashMap<>();
    /**
     * Each end's view of a connection after the attacker answered it (MptcpCore.tla Answer): for
     * "conn|A" or "conn|B", the peer's private values (scoped atom name) that end now holds in the
     * form of the attacker's public value, mapped to the attacker's own private value. An end
     * computes every term over the public value it stored, so its terms are the definition's with
     * those atoms replaced.
     */
    private final Map<String, Map<String, String>> views = new java.util.TreeMap<>();

    public Recipes(SchemeDefinition def) {
        this.def = def;
        this.hashBits = def.hash().outputLength() * 8;
    }

    /** The negative control: the attacker is given the external key of {@code conn}'s application, named {@code keyName}. */
    public void give(String conn, String keyName) {
        known.putIfAbsent(scoped(new Term.Atom(DefinitionParser.KEY, def.keyWidth()), conn, conn + "/0"),
                new SegmentTerm.GivenKey(keyName));
    }

    /**
     * The negative control of a scheme that agrees its key by Diffie-Hellman: the attacker read
     * {@code msg} of {@code conn}, so its sender has drawn what that message draws; it is given the
     * X25519 private values among them (the definition's values under {@code pub} or first in
     * {@code dh}), named {@code conn/a} (drawn by A) and {@code conn/b} (by B), which the replayer
     * reads from that end. Not before: a value not yet drawn has no bytes to replay.
     */
    public void givePrivateValues(String conn, String msg) {
        Optional<Phase> phase = phaseOf(msg);
        Set<String> priv = privateValues();
        for (SchemeDefinition.Message m : def.messages()) {
            if (phase.isEmpty() || m.phase() != phase.get() || m.from() != senderOf(msg)) {
                continue;
            }
            for (Stmt s : m.body()) {
                if (s instanceof Stmt.Draw d && priv.contains(d.atom())) {
                    SchemeDefinition.Fresh f = def.fresh().get(d.atom());
                    known.putIfAbsent(scoped(new Term.Atom(d.atom(), f == null ? 256 : f.width()), conn, conn + "/0"),
                            new SegmentTerm.GivenKey(conn + "/" + (m.from() == Role.A ? "a" : "b")));
                }
            }
        }
    }

    /**
     * A Diffie-Hellman share of {@code msg}: a field the definition's sender fills with
     * {@code pub(P)} of one of its private values P, in some mode.
     *
     * @param field   the wire field (core name)
     * @param priv    the private value P whose public value it carries
     * @param stored  whether the receiver stores it ({@code store pub(P) := field}) rather than only checks it
     */
    public record Share(String field, String priv, boolean stored) {}

    /** The shares {@code msg} carries, in definition order (none for a message without a public value). */
    public List<Share> shares(String msg) {
        Optional<Phase> phase = phaseOf(msg);
        List<Share> out = new ArrayList<>();
        if (phase.isEmpty()) {
            return out;
        }
        Set<String> priv = privateValues();
        for (SchemeDefinition.Message m : def.messages()) {
            if (m.phase() != phase.get() || m.from() != senderOf(msg)) {
                continue;
            }
            for (Stmt s : m.body()) {
                if (s instanceof Stmt.Field f && f.term() instanceof Term.Pub p && p.priv() instanceof Term.Atom a
                        && priv.contains(a.name())) {
                    String slot = "pub(" + a.name() + ")";
                    boolean stored = m.body().stream().anyMatch(x -> x instanceof Stmt.Store st && st.slot().equals(slot)
                            && st.term() instanceof Term.Atom v && v.name().equals(f.name()));
                    Share sh = new Share(org.mptcpverify.segment.WireFields.coreName(f.name()), a.name(), stored);
                    if (!out.contains(sh)) {
                        out.add(sh);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The attacker's own private value that stands, for the receiver of {@code msg} on {@code conn},
     * in place of the sender's (one per connection and receiving end, so every answer to that end
     * carries the same public value, as a check of a repeated share requires).
     */
    public static String ownPrivate(String msg, String conn) {
        return "x.z." + conn + "." + (receiverOf(msg) == Role.B ? "b" : "a");
    }

    /**
     * The attacker answered {@code msg} of {@code conn} in the sender's place, carrying
     * {@code pub(own)} in {@code share}'s field: an end that stores that field holds from now on the
     * attacker's public value where the sender's was, and computes its terms with {@code own} for
     * the sender's private value (which is what lets the attacker build them).
     */
    public void answered(String msg, String conn, Share share, String own) {
        if (share.stored()) {
            views.computeIfAbsent(conn + "|" + receiverOf(msg), k -> new java.util.TreeMap<>())
                    .put(scoped(new Term.Atom(share.priv(), 256), conn, conn + "/0").name(), own);
        }
    }

    /** Names of the definition's values used as X25519 private values (under {@code pub} or as {@code dh}'s first argument). */
    private Set<String> privateValues() {
        Set<String> out = new java.util.TreeSet<>();
        List<Term> all = new ArrayList<>();
        def.lets().values().forEach(m -> all.addAll(m.values()));
        for (SchemeDefinition.Message m : def.messages()) {
            for (Stmt s : m.body()) {
                if (s instanceof Stmt.Field f) {
                    all.add(f.term());
                }
            }
        }
        java.util.ArrayDeque<Term> todo = new java.util.ArrayDeque<>(all);
        while (!todo.isEmpty()) {
            Term t = todo.pop();
            if (t instanceof Term.Pub p && p.priv() instanceof Term.Atom a) {
                out.add(a.name());
            } else if (t instanceof Term.Dh d && d.priv() instanceof Term.Atom a) {
                out.add(a.name());
            }
            todo.addAll(Terms.args(t));
        }
        return out;
    }

    /** The attacker read segment {@code seg}, message {@code msg} that {@code from} sent on {@code conn}'s {@code subflow}, carrying {@code fields}. */
    public void observe(int seg, String msg, Role from, String conn, String subflow, Set<String> fields) {
        for (String wire : fields) {
            SegmentTerm where = new SegmentTerm.Observed(seg, wire);
            nonce(msg, wire).ifPresent(a -> known.putIfAbsent(scoped(a, conn, subflow), where));
            for (Term t : fieldTerms(msg, from, wire, false)) {
                // as its sender built it: with the values that end holds
                known.putIfAbsent(instantiate(t, conn, subflow, 0, Map.of(), from), where);
            }
        }
    }

    /**
     * Candidate values of field {@code wire} of an injected {@code msg} posing as {@code from}'s, aimed at {@code conn} on
     * {@code subflow}: a recipe for every term a check or lookup of the receiver compares it with
     * that the attacker can build, in a fixed order, without duplicates.
     */
    public List<SegmentTerm> candidates(String msg, Role from, String wire, String conn, String subflow, Map<String, String> own) {
        Set<SegmentTerm> out = new LinkedHashSet<>();
        Role to = from == Role.A ? Role.B : Role.A;
        for (Term t : fieldTerms(msg, from, wire, true)) {
            boolean indexed = Terms.atoms(t).stream().anyMatch(a -> a.name().equals("i"));
            for (int i = 1; i <= (indexed ? MAX_INDEX : 1); i++) {
                // as its receiver checks it: with the values that end holds
                recipe(instantiate(t, conn, subflow, i, own, to), 0, new HashSet<>()).ifPresent(out::add);
            }
        }
        return List.copyOf(out);
    }

    /** Whether the attacker can build the external key of {@code conn}'s application. */
    public Optional<SegmentTerm> externalKey(String conn) {
        return recipe(scoped(new Term.Atom(DefinitionParser.KEY, def.keyWidth()), conn, conn + "/0"), 0, new HashSet<>());
    }

    // ---- the definition's terms ---------------------------------------------------------------------

    /** The join nonce a message carries as a field of its own (Ra in the join SYN, Rb in its SYN/ACK). */
    private static Optional<Term.Atom> nonce(String msg, String wire) {
        if (msg.equals("JOIN_SYN") && wire.equals("Ra") || msg.equals("JOIN_SYNACK") && wire.equals("Rb")) {
            return Optional.of(new Term.Atom(wire, 32));
        }
        return Optional.empty();
    }

    /** The terms of field {@code wire} of {@code msg} in every mode; with {@code checks} also what its checks compare with. */
    private List<Term> fieldTerms(String msg, Role from, String wire, boolean checks) {
        Optional<Phase> phase = phaseOf(msg);
        Optional<String> name = defField(msg, wire);
        List<Term> out = new ArrayList<>();
        if (phase.isEmpty() || name.isEmpty()) {
            return out;
        }
        for (SchemeDefinition.Mode m : def.modes()) {
            Optional<SchemeDefinition.Message> variant = def.message(phase.get(), from, m.name());
            if (variant.isEmpty()) {
                continue;
            }
            for (Stmt s : variant.get().body()) {
                if (s instanceof Stmt.Field f && f.name().equals(name.get())) {
                    out.add(expand(f.term(), m.name(), 0));
                } else if (checks && s instanceof Stmt.Check c && c.field().equals(name.get()) && c.term() != null) {
                    out.add(expand(c.term(), m.name(), 0));
                } else if (checks && s instanceof Stmt.Lookup l && name.get().equals("token") && l.expect() != null) {
                    out.add(expand(l.expect(), m.name(), 0));
                }
            }
        }
        return out.stream().distinct().toList();
    }

    /** Lets inlined, as they read in {@code mode}. */
    private Term expand(Term t, String mode, int depth) {
        if (depth > MAX_DEPTH) {
            return t;
        }
        return Terms.mapAtoms(t, a -> {
            Term.Atom atom = (Term.Atom) a;
            return def.let(atom.name(), mode).map(l -> expand(l, mode, depth + 1)).orElse(atom);
        }, hashBits);
    }

    /**
     * Atoms renamed to their connection or subflow; {@code i} set to {@code index} (0: left as is);
     * the attacker's own values on a subflow it opened or answers ({@code own}: "Ra" -> "x.Ra.1"; "#3" a number,
     * "@x.a" its address).
     */
    private Term instantiate(Term t, String conn, String subflow, int index, Map<String, String> own, Role end) {
        Map<String, String> view = views.getOrDefault(conn + "|" + end, Map.of());
        return Terms.mapAtoms(t, a -> {
            Term.Atom atom = (Term.Atom) a;
            if (atom.name().equals("i") && index > 0) {
                return new Term.Num(index, atom.width());
            }
            if (own.containsKey(atom.name())) {
                String v = own.get(atom.name());
                // "#n": a public number it chose (an address id, a port); otherwise its own atom ("@x.a": its address)
                return v.startsWith("#") ? new Term.Num(Long.parseLong(v.substring(1)), atom.width())
                        : new Term.Atom(v, atom.width());
            }
            Term.Atom scopedAtom = scoped(atom, conn, subflow);
            String replaced = view.get(scopedAtom.name());
            return replaced == null ? scopedAtom : new Term.Atom(replaced, atom.width());
        }, hashBits);
    }

    /**
     * Scope of an atom: the join nonces and address parameters belong to a subflow, the external key to the application, every
     * other value to the connection.
     */
    private static Term.Atom scoped(Term.Atom a, String conn, String subflow) {
        String n = a.name();
        if (n.equals("Ra") || n.equals("Rb") || n.equals("id") || n.equals("addr") || n.equals("port")) {
            return new Term.Atom(n + "@" + subflow, a.width());
        }
        if (n.equals(DefinitionParser.KEY)) {
            return new Term.Atom("K@" + (conn.contains(".") ? conn.substring(0, conn.indexOf('.')) : conn), a.width());
        }
        return new Term.Atom(n + "@" + conn, a.width());
    }

    // ---- synthesis and analysis ---------------------------------------------------------------------

    private Optional<SegmentTerm> recipe(Term t, int depth, Set<Term> open) {
        SegmentTerm direct = known.get(t);
        if (direct != null) {
            return Optional.of(direct);
        }
        if (depth > MAX_DEPTH || !open.add(t)) {
            return Optional.empty();
        }
        try {
            if (t instanceof Term.Atom a) {
                if (a.name().startsWith("@")) {
                    return Optional.of(new SegmentTerm.Address(a.name().substring(1)));
                }
                return a.name().startsWith("x.") ? Optional.of(new SegmentTerm.Own(a.name(), a.width())) : analyse(a, depth, open);
            }
            if (t instanceof Term.Label l) {
                return Optional.of(new SegmentTerm.Label(l.text()));
            }
            if (t instanceof Term.Num n) {
                return Optional.of(new SegmentTerm.Num(n.value(), n.width()));
            }
            String op;
            int bits = 0;
            if (t instanceof Term.Hash) op = "hash";
            else if (t instanceof Term.Token) op = "token";
            else if (t instanceof Term.Idsn) op = "idsn";
            else if (t instanceof Term.Hmac) op = "hmac";
            else if (t instanceof Term.Cat) op = "cat";
            else if (t instanceof Term.Xor) op = "xor";
            else if (t instanceof Term.TruncL l) { op = "truncL"; bits = l.bits(); }
            else if (t instanceof Term.TruncR r) { op = "truncR"; bits = r.bits(); }
            else if (t instanceof Term.Pub) op = "pub";
            else if (t instanceof Term.Dh) op = "dh";
            else return Optional.empty();
            if (t instanceof Term.Dh d && d.peer() instanceof Term.Pub p) {
                // dh(x, pub(y)) = dh(y, pub(x)): from whichever private value it holds
                for (List<Term> reading : List.of(List.of(d.priv(), d.peer()), List.<Term>of(p.priv(), new Term.Pub(d.priv())))) {
                    Optional<SegmentTerm> x = recipe(reading.get(0), depth + 1, open);
                    Optional<SegmentTerm> y = x.isEmpty() ? Optional.empty() : recipe(reading.get(1), depth + 1, open);
                    if (y.isPresent()) {
                        return Optional.of(new SegmentTerm.Apply("dh", 0, List.of(x.get(), y.get())));
                    }
                }
                return Optional.empty();
            }
            List<SegmentTerm> args = new ArrayList<>();
            for (Term a : Terms.args(t)) {
                Optional<SegmentTerm> r = recipe(a, depth + 1, open);
                if (r.isEmpty()) {
                    return t instanceof Term.Xor x ? analyse(x, depth, open) : Optional.empty();
                }
                args.add(r.get());
            }
            return Optional.of(new SegmentTerm.Apply(op, bits, args));
        } finally {
            open.remove(t);
        }
    }

    /**
     * A value recovered from what was read: cancelling XOR (a read term that is the XOR of the
     * target and parts it can build) and splitting a read concatenation at its ends.
     */
    private Optional<SegmentTerm> analyse(Term target, int depth, Set<Term> open) {
        List<Term> want = target instanceof Term.Xor x ? x.parts() : List.of(target);
        for (Map.Entry<Term, SegmentTerm> k : List.copyOf(known.entrySet())) {
            if (k.getKey() instanceof Term.Xor x && x.parts().containsAll(want)) {
                List<SegmentTerm> args = new ArrayList<>(List.of(k.getValue()));
                boolean ok = true;
                for (Term p : x.parts()) {
                    if (!want.contains(p)) {
                        Optional<SegmentTerm> r = recipe(p, depth + 1, open);
                        ok &= r.isPresent();
                        r.ifPresent(args::add);
                    }
                }
                if (ok) {
                    return Optional.of(args.size() == 1 ? args.get(0) : new SegmentTerm.Apply("xor", 0, args));
                }
            }
            if (k.getKey() instanceof Term.Cat c && !(target instanceof Term.Xor)) {
                List<Term> parts = c.parts();
                int w = Terms.width(target, hashBits);
                if (parts.get(0).equals(target)) {
                    return Optional.of(new SegmentTerm.Apply("truncL", w, List.of(k.getValue())));
                }
                if (parts.get(parts.size() - 1).equals(target)) {
                    return Optional.of(new SegmentTerm.Apply("truncR", w, List.of(k.getValue())));
                }
            }
        }
        return Optional.empty();
    }

    // ---- the core's messages and the definition's phases ----------------------------------------------

    static Optional<Phase> phaseOf(String msg) {
        return Phase.ofCoreMessage(msg);
    }

    /** Who sends {@code msg} honestly (ADD_ADDR: the server advertises; FASTCLOSE: the client closes; their mirror images ADD_ADDR_A, FASTCLOSE_B the other end). */
    static Role senderOf(String msg) {
        return switch (msg) {
            case "MPC_SYNACK", "KEY_B", "JOIN_SYNACK", "ADD_ADDR", "FASTCLOSE_B" -> Role.B;
            default -> Role.A;
        };
    }

    /**
     * Who sends {@code msg} to {@code dst}: a path-manager request (REMOVE_ADDR, MP_PRIO) keeps its
     * name in both directions, as the reference's ends send it either way, so its sender is the end
     * that is not {@code dst}'s; every other message's is {@link #senderOf(String)}.
     */
    static Role senderOf(String msg, String dst) {
        boolean pm = msg.equals("REMOVE_ADDR") || msg.equals("MP_PRIO");
        return pm ? (dst.startsWith("s.") ? Role.A : Role.B) : senderOf(msg);
    }

    /** Who receives {@code msg} honestly. */
    static Role receiverOf(String msg) {
        return senderOf(msg) == Role.A ? Role.B : Role.A;
    }

    /**
     * The definition's name of wire field {@code wire} of {@code msg}: a segment-level trace names
     * fields as the definition does ({@code -} written {@code _}); the reference's parameters
     * (Ra, Rb, id, addr, port) are no definition field.
     */
    static Optional<String> defField(String msg, String wire) {
        return org.mptcpverify.definition.DefinitionParser.PARAMETERS.containsKey(wire)
                ? Optional.empty() : Optional.of(wire.replace('_', '-'));
    }
}
