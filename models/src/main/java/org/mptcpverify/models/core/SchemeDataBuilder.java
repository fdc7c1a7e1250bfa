package org.mptcpverify.models.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.mptcpverify.definition.DefinitionException;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.definition.Phase;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.definition.SchemeDefinition.KeySource;
import org.mptcpverify.definition.SchemeDefinition.Message;
import org.mptcpverify.definition.SchemeDefinition.Mode;
import org.mptcpverify.definition.Stmt;
import org.mptcpverify.definition.term.Term;
import org.mptcpverify.endpoint.JoinLimits;
import org.mptcpverify.models.core.SchemeData.Check;
import org.mptcpverify.models.core.SchemeData.KeyPair;
import org.mptcpverify.models.core.SchemeData.Lookup;
import org.mptcpverify.models.core.SchemeData.Msg;
import org.mptcpverify.models.core.SchemeData.Row;
import org.mptcpverify.scheme.Role;

/**
 * Translates a parsed scheme definition into the generic core's data form (docs/models.md,
 * "Data form of a scheme"; the correspondence is tabled in docs/scheme-definitions.md, "In the
 * generic TLA+ core"). Lets are expanded; the DSL's parameters become what the core carries for
 * them (join nonces as fields and per-join slots, the join index as {@code Idx}, the ADD_ADDR
 * address and id as fields, addrB as slots taken from the segments' addresses); a receiver's
 * statements run top to bottom, so a check or store that follows a store reads the stored value.
 * A construct the core cannot express is a {@link DefinitionException} naming its line.
 */
public final class SchemeDataBuilder {
    /** What the server advertises in the core's one ADD_ADDR (Advertise in MptcpCore.tla). */
    static final Tmpl ADVERTISED_ADDR = new Tmpl.Atom("s.a2");
    static final Tmpl ADVERTISED_ID = new Tmpl.Int(2, DefinitionParser.PARAMETERS.get("id"));
    /** What the client's own REMOVE_ADDR names and its MP_PRIO sets (PmRequest / PmField in MptcpCore.tla). */
    static final Tmpl WITHDRAWN_ID = new Tmpl.Int(1, DefinitionParser.PARAMETERS.get("id"));
    static final Tmpl BACKUP_FLAG = new Tmpl.Int(1, DefinitionParser.PARAMETERS.get("backup"));
    /** Slots holding addrB when a definition uses it: the client's and the server's view. */
    static final String CLIENT_ADDR_B = "srv";
    static final String SERVER_ADDR_B = "laddr";
    private static final String ADDR_B = "addrB";
    private static final Set<String> TLA_RESERVED = Set.of("ASSUME", "ASSUMPTION", "AXIOM", "CASE", "CHOOSE",
            "CONSTANT", "CONSTANTS", "DOMAIN", "ELSE", "ENABLED", "EXCEPT", "EXTENDS", "IF", "IN", "INSTANCE", "LET",
            "LOCAL", "MODULE", "OTHER", "SF_", "SUBSET", "THEN", "THEOREM", "UNCHANGED", "UNION", "VARIABLE",
            "VARIABLES", "WF_", "WITH", "BOOLEAN", "TRUE", "FALSE", "STRING", "Nat", "Int");

    private final SchemeDefinition def;
    private final boolean usesAddrB;

    private SchemeDataBuilder(SchemeDefinition def) {
        this.def = def;
        this.usesAddrB = mentions(ADDR_B);
    }

    public static SchemeData build(SchemeDefinition def) throws DefinitionException {
        return new SchemeDataBuilder(def).build();
    }

    private SchemeData build() throws DefinitionException {
        for (Mode m : def.modes()) {
            identifier(m.name(), "mode", 1);
            if (m.name().equals(Row.TCP)) {
                throw error(1, "mode tcp: the generic core reserves the name for plain TCP");
            }
        }
        SortedSet<String> slots = new TreeSet<>(def.slots().keySet());
        // a public value an end receives and cannot compute (store pub(x) := ...): its own slot pub_x
        for (Message msg : def.messages()) {
            for (Stmt s : msg.body()) {
                if (s instanceof Stmt.Store st && st.slot().startsWith("pub(")) {
                    slots.add(slotName(st.slot()));
                }
            }
        }
        SortedSet<String> jslots = new TreeSet<>(List.of("Ra", "Rb"));
        if (usesAddrB) {
            slots.add(CLIENT_ADDR_B);
            jslots.add(SERVER_ADDR_B);
        }
        if (def.slots().keySet().stream().anyMatch(jslots::contains) || def.slots().containsKey(CLIENT_ADDR_B)) {
            throw error(1, "slots Ra, Rb, " + CLIENT_ADDR_B + " and " + SERVER_ADDR_B + " are the core's own");
        }
        for (String s : slots) {
            identifier(s, "slot", 1);
        }
        Map<KeyPair, Row> byMode = Negotiation.table(def);
        Map<KeyPair, Row> negotiate = new LinkedHashMap<>();
        Map<String, Map<CoreMessage, Msg>> modes = new LinkedHashMap<>();
        // the data modes in the order of the definition's modes, keyed variant first
        for (Mode m : def.modes()) {
            for (boolean keyed : List.of(true, false)) {
                for (KeyPair k : KeyPair.ALL) {
                    Row r = byMode.get(k);
                    if ((r.a().equals(m.name()) && Negotiation.clientHas(def, k) == keyed)
                            || (r.b().equals(m.name()) && Negotiation.serverHas(def, k) == keyed)) {
                        String name = dataMode(m, keyed);
                        if (!modes.containsKey(name)) {
                            modes.put(name, messages(m, keyed));
                        }
                    }
                }
            }
        }
        for (KeyPair k : KeyPair.ALL) {
            Row r = byMode.get(k);
            negotiate.put(k, new Row(dataModeOf(r.a(), Negotiation.clientHas(def, k)),
                    dataModeOf(r.b(), Negotiation.serverHas(def, k))));
        }
        if (def.keySource() != null && def.keySource().littleEndian()) {
            // the models have one byte order for K (a big-endian host's); the little-endian readings run on the reference
            throw error(1, "key source " + def.keySource().keyword + " (little-endian K) is not in the models;"
                    + " the traces engine runs it");
        }
        String source = def.keySource() == KeySource.SIN_ZERO_HOST ? "host" : "socket";
        // signalled modes by their data name: a signalled mode is never a sin-zero _nokey variant
        // (it requires K to be picked), so its data name is the definition's
        Map<String, SchemeData.Signal> signals = new LinkedHashMap<>();
        for (Mode m : def.modes()) {
            if (!m.local() && m.flag() != 0 && modes.containsKey(m.name())) {
                signals.put(m.name(), new SchemeData.Signal(m.flag(), m.mismatchTcp()));
            }
        }
        String base = modes.containsKey(def.baseMode().name()) ? def.baseMode().name()
                : modes.keySet().iterator().next();
        return new SchemeData(def.name(), def.version(), def.hash() == null ? "sha256" : hashName(),
                def.keySource() != null, source, Collections.unmodifiableSortedSet(slots),
                Collections.unmodifiableSortedSet(jslots), negotiate, modes, base,
                Collections.unmodifiableMap(signals), keyedModes(modes));
    }

    /**
     * The data modes whose messages read K somewhere and whose handshake and key-agreement fields
     * never carry it in clear (issue 13, DowngradeResistance): a field equal to K, a concatenation
     * with K as a part, or a slot the mode's messages keep or store as such.
     */
    static SortedSet<String> keyedModes(Map<String, Map<CoreMessage, Msg>> modes) {
        SortedSet<String> out = new TreeSet<>();
        for (Map.Entry<String, Map<CoreMessage, Msg>> m : modes.entrySet()) {
            boolean reads = false;
            Set<String> clearSlots = new TreeSet<>();
            for (Msg msg : m.getValue().values()) {
                List<Tmpl> all = new ArrayList<>(msg.keep().values());
                all.addAll(msg.fields().values());
                all.addAll(msg.stores().values());
                msg.checks().forEach(c -> all.add(c.expect()));
                if (msg.lookup() != null) all.add(msg.lookup().expect());
                reads |= all.stream().anyMatch(SchemeDataBuilder::mentionsExt);
                msg.keep().forEach((slot, t) -> { if (bare(t, Set.of())) clearSlots.add(slot); });
                msg.stores().forEach((slot, t) -> { if (bare(t, Set.of())) clearSlots.add(slot); });
            }
            boolean clear = false;
            for (Map.Entry<CoreMessage, Msg> e : m.getValue().entrySet()) {
                if (e.getKey().name().startsWith("MPC_") || e.getKey().name().startsWith("KEY_")) {
                    clear |= e.getValue().fields().values().stream().anyMatch(t -> bare(t, clearSlots));
                }
            }
            if (reads && !clear) out.add(m.getKey());
        }
        return out;
    }

    private static boolean mentionsExt(Tmpl t) {
        if (t instanceof Tmpl.Ext) return true;
        if (t instanceof Tmpl.Hash h) return mentionsExt(h.arg());
        if (t instanceof Tmpl.Token h) return mentionsExt(h.arg());
        if (t instanceof Tmpl.Idsn h) return mentionsExt(h.arg());
        if (t instanceof Tmpl.Hmac h) return mentionsExt(h.key()) || mentionsExt(h.msg());
        if (t instanceof Tmpl.Cat c) return c.parts().stream().anyMatch(SchemeDataBuilder::mentionsExt);
        if (t instanceof Tmpl.Xor x) return x.parts().stream().anyMatch(SchemeDataBuilder::mentionsExt);
        if (t instanceof Tmpl.TruncL x) return mentionsExt(x.arg());
        if (t instanceof Tmpl.TruncR x) return mentionsExt(x.arg());
        if (t instanceof Tmpl.Pub x) return mentionsExt(x.priv());
        if (t instanceof Tmpl.Dh x) return mentionsExt(x.priv()) || mentionsExt(x.peer());
        return false;
    }

    /** K in clear: K itself, a slot holding it, or a concatenation with such a part. */
    private static boolean bare(Tmpl t, Set<String> clearSlots) {
        if (t instanceof Tmpl.Ext) return true;
        if (t instanceof Tmpl.Slot s) return clearSlots.contains(s.name());
        if (t instanceof Tmpl.Cat c) return c.parts().stream().anyMatch(p -> bare(p, clearSlots));
        return false;
    }

    private String hashName() {
        return def.hash().outputLength() == 20 ? "sha1" : "sha256";
    }

    private String dataModeOf(String mode, boolean keyed) throws DefinitionException {
        if (mode.equals(Row.TCP)) {
            return Row.TCP;
        }
        return dataMode(def.mode(mode).orElseThrow(), keyed);
    }

    private boolean sinZero() {
        return def.keySource() != null && def.keySource().sinZero();
    }

    /**
     * The data mode an end runs: the definition's mode, and for an end without a key whose mode
     * reads K, that mode with K = 0 (sin-zero sources: "a side without a key has K = 0") under
     * the name {@code <mode>_nokey}. With other sources K has no value there: an error.
     */
    private String dataMode(Mode m, boolean keyed) throws DefinitionException {
        if (keyed || messages(m, true).equals(messages(m, false))) {
            return m.name();
        }
        if (!sinZero()) {
            throw error(1, "mode " + m.name() + " uses K at an end without an external key");
        }
        return m.name() + "_nokey";
    }

    private Map<CoreMessage, Msg> messages(Mode m, boolean keyed) throws DefinitionException {
        Map<CoreMessage, Msg> out = new LinkedHashMap<>();
        boolean agreement = false;
        for (CoreMessage cm : CoreMessage.values()) {
            Optional<Message> msg = def.message(cm.phase, cm.from, m.name());
            if (msg.isPresent()) {
                out.put(cm, new MessageBuilder(msg.get(), cm, m.name(), keyed ? new Tmpl.Ext() : new Tmpl.Zero()).build());
                agreement |= cm.phase == Phase.KEY_AGREEMENT;
            }
        }
        // the core gates joins, ADD_ADDR and MP_FASTCLOSE on the key messages when a mode has them
        if (agreement != m.untilAgreed()) {
            throw error(1, "mode " + m.name() + ": the generic core gates on key-agreement messages exactly when a mode"
                    + " is until-agreed");
        }
        return out;
    }

    /**
     * The proof-only data form of the two messages the generic core leaves out of {@link SchemeData}
     * ({@link CoreMessage}: the client's ADD_ADDR and the server's MP_FASTCLOSE): per data mode of
     * {@link #build}, the definition's {@code add-addr} A->B under {@link CoreMessage#ADD_ADDR} and
     * its {@code fast-close} B->A under {@link CoreMessage#FASTCLOSE} (the kind whose phase they
     * share), read as {@link #build} reads every message, with the sender and receiver swapped. Only
     * the proofs read it (docs/proofs.md, "Both ends"); the core's data, and so the TLA+ and Alloy
     * generic cores generated from it, do not change. The advertised address and id are the core's
     * ({@code s.a2}, 2): public constants, the same in both directions.
     */
    public static Map<String, Map<CoreMessage, Msg>> mirror(SchemeDefinition def) throws DefinitionException {
        return mirror(def, List.of(CoreMessage.ADD_ADDR, CoreMessage.FASTCLOSE));
    }

    /**
     * The generic TLA+ core's mirror data (docs/models.md, "Mirror-image directions in the TLA+ core"):
     * {@link #mirror} with also the definition's {@code remove-addr} and {@code mp-prio} B->A, the
     * server's requests to a client, which the core forges towards the client in the path-manager
     * profiles. Kept apart from {@link SchemeData} (and so from the Alloy core, which reads only
     * {@link #build}); the TLA+ modules carry it as {@code mirror} (SchemeDataTla).
     */
    public static Map<String, Map<CoreMessage, Msg>> coreMirror(SchemeDefinition def) throws DefinitionException {
        return mirror(def, List.of(CoreMessage.ADD_ADDR, CoreMessage.FASTCLOSE, CoreMessage.REMOVE_ADDR, CoreMessage.MP_PRIO));
    }

    private static Map<String, Map<CoreMessage, Msg>> mirror(SchemeDefinition def, List<CoreMessage> kinds)
            throws DefinitionException {
        SchemeDataBuilder b = new SchemeDataBuilder(def);
        SchemeData data = b.build();
        Map<String, Map<CoreMessage, Msg>> out = new LinkedHashMap<>();
        for (Mode m : def.modes()) {
            for (boolean keyed : List.of(true, false)) {
                String name = keyed ? m.name() : data.modes().containsKey(m.name() + "_nokey") ? m.name() + "_nokey" : m.name();
                if (!data.modes().containsKey(name) || out.containsKey(name)) {
                    continue;
                }
                Map<CoreMessage, Msg> msgs = new LinkedHashMap<>();
                for (CoreMessage cm : kinds) {
                    Role from = cm.from.peer();
                    Optional<Message> msg = def.message(cm.phase, from, m.name());
                    if (msg.isPresent()) {
                        msgs.put(cm, b.new MessageBuilder(msg.get(), cm, from, m.name(),
                                keyed ? new Tmpl.Ext() : new Tmpl.Zero()).build());
                    }
                }
                out.put(name, msgs);
            }
        }
        return out;
    }

    // ---- one message ---------------------------------------------------------------------------

    /** The data form of one message variant, read once by its sender and once by its receiver. */
    private final class MessageBuilder {
        private final Message msg;
        private final CoreMessage cm;
        /** the sender: {@code cm.from}, or its peer for a mirror message ({@link #mirror}) */
        private final Role from;
        private final String mode;
        private final Tmpl key;
        private final SortedSet<String> fresh = new TreeSet<>();
        private final Map<String, Tmpl> keep = new LinkedHashMap<>();
        private final Map<String, Tmpl> fields = new LinkedHashMap<>();
        private final List<Check> checks = new ArrayList<>();
        private final Map<String, Tmpl> stores = new LinkedHashMap<>();
        /** the sender's slots as its keep statements left them (draws and sets run in order) */
        private final Map<String, Tmpl> kept = new HashMap<>();
        /** the receiver's slots as its stores so far left them (statements run in order) */
        private final Map<String, Tmpl> stored = new HashMap<>();
        private Lookup lookup;
        private int line;

        MessageBuilder(Message msg, CoreMessage cm, String mode, Tmpl key) {
            this(msg, cm, cm.from, mode, key);
        }

        MessageBuilder(Message msg, CoreMessage cm, Role from, String mode, Tmpl key) {
            this.msg = msg;
            this.cm = cm;
            this.from = from;
            this.mode = mode;
            this.key = key;
            this.line = msg.line();
        }

        Msg build() throws DefinitionException {
            implicit();
            for (Stmt s : msg.body()) {
                line = s.line();
                if (s instanceof Stmt.Draw d) {
                    identifier(d.atom(), "fresh value", line);
                    fresh.add(d.atom());
                    keep.put(d.atom(), new Tmpl.Fresh(d.atom()));
                    kept.put(d.atom(), new Tmpl.Fresh(d.atom()));
                } else if (s instanceof Stmt.Set st && !st.host()) {
                    Tmpl t = tmpl(st.term(), Side.KEEP);
                    keep.put(st.slot(), t);
                    kept.put(st.slot(), t);
                } else if (s instanceof Stmt.Set st) {
                    hostSet(st); // the host slot is the lookup's: see hostLookup
                } else if (s instanceof Stmt.Field f) {
                    fields.put(fieldName(f.name()), tmpl(f.term(), Side.SENDER));
                } else if (s instanceof Stmt.Check c) {
                    checks.add(new Check(fieldName(c.field()), tmpl(c.term(), Side.RECEIVER), outcome(c.outcome())));
                } else if (s instanceof Stmt.Store st) {
                    Tmpl t = tmpl(st.term(), Side.RECEIVER);
                    stores.put(slotName(st.slot()), t);
                    stored.put(slotName(st.slot()), t);
                } else if (s instanceof Stmt.Lookup l) {
                    lookup = lookup(l);
                }
            }
            if (cm == CoreMessage.JOIN_SYN && lookup == null) {
                throw error(msg.line(), "join-syn without a lookup");
            }
            return new Msg(Collections.unmodifiableSortedSet(fresh), keep, fields, List.copyOf(checks), stores, lookup);
        }

        /** What the core carries that a definition leaves to the wire layout (its parameters). */
        private void implicit() {
            switch (cm) {
                case JOIN_SYN -> {
                    nonce("Ra");
                    if (usesAddrB) {
                        store(SERVER_ADDR_B, new Tmpl.Seg("dst")); // where the SYN arrived
                    }
                }
                case JOIN_SYNACK -> nonce("Rb");
                case MPC_SYNACK -> {
                    if (usesAddrB) {
                        store(CLIENT_ADDR_B, new Tmpl.Seg("src")); // the connection's server address
                    }
                }
                case ADD_ADDR -> {
                    fields.put("addr", ADVERTISED_ADDR);
                    fields.put("id", ADVERTISED_ID);
                }
                case REMOVE_ADDR -> fields.put("id", WITHDRAWN_ID);
                case MP_PRIO -> fields.put("backup", BACKUP_FLAG);
                default -> { }
            }
        }

        /** A join nonce: drawn by the sender, carried in its own field, stored by the receiver. */
        private void nonce(String n) {
            fresh.add(n);
            keep.put(n, new Tmpl.Fresh(n));
            kept.put(n, new Tmpl.Fresh(n));
            fields.put(n, new Tmpl.Slot(n));
            store(n, new Tmpl.Fld(n));
        }

        private void store(String slot, Tmpl t) {
            stores.put(slot, t);
            stored.put(slot, t);
        }

        private Lookup lookup(Stmt.Lookup l) throws DefinitionException {
            int limit = def.halfOpenUnlimited() ? 0 : JoinLimits.CONTRACT_HALF_OPEN;
            return switch (l.kind()) {
                case PER_CONNECTION -> new Lookup("token", tmpl(l.expect(), Side.LOOKUP), "token", l.window(), l.once(), limit);
                case NEWEST -> new Lookup("token", null, "recent-open", 0, false, limit);
                case HOST -> hostLookup(l, limit);
            };
        }

        /**
         * {@code lookup host token == T attach L == H}: the core's "recent" lookup, which compares
         * the field with T over the connection created last. That is the DSL's meaning when H is a
         * host slot that the server sets, to L, in the SYN/ACK that creates a connection: then the
         * connection with L == H is the one created last.
         */
        private Lookup hostLookup(Stmt.Lookup l, int limit) throws DefinitionException {
            if (!(l.attachRight() instanceof Term.Atom h) || !def.hostSlots().containsKey(h.name())) {
                throw error(line, "a host lookup in the generic core attaches where a term equals a host slot");
            }
            Term set = hostSetTerm(h.name());
            Tmpl left = tmpl(l.attachLeft(), Side.LOOKUP);
            if (!left.equals(tmpl(set, Side.LOOKUP))) {
                throw error(line, "the generic core needs attach " + h.name() + " == the term the SYN/ACK sets it to");
            }
            hostValue = tmpl(set, Side.LOOKUP);
            try {
                return new Lookup("token", tmpl(l.expect(), Side.LOOKUP), "recent", 0, false, limit);
            } finally {
                hostValue = null;
            }
        }

        private Tmpl hostValue;

        private void hostSet(Stmt.Set st) throws DefinitionException {
            if (cm != CoreMessage.MPC_SYNACK || def.messages().stream().noneMatch(this::hostLookupUses)) {
                throw error(st.line(), "host slot " + st.slot() + ": the generic core has host state only as the"
                        + " slot a host lookup reads, set when the SYN/ACK creates a connection");
            }
        }

        private boolean hostLookupUses(Message m) {
            return m.body().stream().anyMatch(s -> s instanceof Stmt.Lookup l && l.kind() == Stmt.Lookup.Kind.HOST);
        }

        private Term hostSetTerm(String h) throws DefinitionException {
            List<Term> sets = new ArrayList<>();
            for (Message m : def.messages()) {
                for (Stmt s : m.body()) {
                    if (s instanceof Stmt.Set st && st.host() && st.slot().equals(h)) {
                        if (m.phase() != Phase.HANDSHAKE_SYN_ACK || m.mode() != null) {
                            throw error(st.line(), "host slot " + h + " must be set in the SYN/ACK of every mode");
                        }
                        sets.add(st.term());
                    }
                }
            }
            if (sets.size() != 1) {
                throw error(line, "host slot " + h + " must be set exactly once");
            }
            return sets.get(0);
        }

        // ---- terms -----------------------------------------------------------------------------

        private Tmpl tmpl(Term t, Side side) throws DefinitionException {
            if (t instanceof Term.Atom a) return name(a.name(), side);
            if (t instanceof Term.Label l) return new Tmpl.Lbl(l.text());
            if (t instanceof Term.Num n) return n.value() == 0 ? new Tmpl.Zero() : new Tmpl.Int(n.value(), n.width());
            if (t instanceof Term.Hash h) return new Tmpl.Hash(tmpl(h.arg(), side));
            if (t instanceof Term.Token k) return new Tmpl.Token(tmpl(k.arg(), side));
            if (t instanceof Term.Idsn i) return new Tmpl.Idsn(tmpl(i.arg(), side));
            if (t instanceof Term.Hmac m) return new Tmpl.Hmac(tmpl(m.key(), side), tmpl(m.msg(), side));
            if (t instanceof Term.Cat c) return Tmpl.cat(tmpls(c.parts(), side));
            if (t instanceof Term.Xor x) return Tmpl.xor(tmpls(x.parts(), side));
            if (t instanceof Term.TruncL l) return new Tmpl.TruncL(l.bits(), tmpl(l.arg(), side));
            if (t instanceof Term.TruncR r) return new Tmpl.TruncR(r.bits(), tmpl(r.arg(), side));
            if (t instanceof Term.Pub p) return pub(p.priv(), side);
            if (t instanceof Term.Dh d) return dh(d, side);
            throw new IllegalStateException("unknown term " + t);
        }

        /** The end that evaluates a term read at {@code side}. */
        private Role evaluator(Side side) {
            return side == Side.RECEIVER || side == Side.LOOKUP ? from.peer() : from;
        }

        /** Whether the evaluating end draws private value {@code t} itself (docs/scheme-definitions.md, "Diffie-Hellman"). */
        private boolean owns(Term t, Side side) {
            return t instanceof Term.Atom a && def.fresh().containsKey(a.name()) && def.fresh().get(a.name()).by() == evaluator(side);
        }

        /**
         * pub(x): computed from x by the end that draws x; at the other end the value it stored
         * ({@code store pub(x) := ...}, the slot pub_x), which it cannot compute.
         */
        private Tmpl pub(Term priv, Side side) throws DefinitionException {
            if (!(priv instanceof Term.Atom a) || !def.fresh().containsKey(a.name()) || owns(priv, side)) {
                return new Tmpl.Pub(tmpl(priv, side));
            }
            String slot = slotName("pub(" + a.name() + ")");
            boolean stored = def.messages().stream().flatMap(m -> m.body().stream())
                    .anyMatch(s -> s instanceof Stmt.Store st && slotName(st.slot()).equals(slot));
            if (!stored) {
                throw error(line, "pub(" + a.name() + ") at " + evaluator(side) + ", which does not draw " + a.name()
                        + ": the definition stores no pub(" + a.name() + ")");
            }
            return slot(slot, side);
        }

        /**
         * dh(x, pub(y)) at an end: from its own private value, by the equation dh(x, pub(y)) =
         * dh(y, pub(x)) when it draws y (so each end evaluates the one secret from what it holds).
         */
        private Tmpl dh(Term.Dh d, Side side) throws DefinitionException {
            if (owns(d.priv(), side)) {
                return new Tmpl.Dh(tmpl(d.priv(), side), tmpl(d.peer(), side));
            }
            if (d.peer() instanceof Term.Pub p && owns(p.priv(), side)) {
                return new Tmpl.Dh(tmpl(p.priv(), side), pub(d.priv(), side));
            }
            throw error(line, "dh(...) at " + evaluator(side) + ", which draws neither private value");
        }

        private List<Tmpl> tmpls(List<Term> ts, Side side) throws DefinitionException {
            List<Tmpl> out = new ArrayList<>();
            for (Term t : ts) {
                out.add(tmpl(t, side));
            }
            return out;
        }

        /** A name, resolved as the parser resolves it: slot, host slot, parameter, K, let, received field. */
        private Tmpl name(String n, Side side) throws DefinitionException {
            if (def.slots().containsKey(n)) {
                return slot(n, side);
            }
            if (def.hostSlots().containsKey(n)) {
                if (hostValue != null) {
                    return hostValue;
                }
                throw error(line, "host slot " + n + " is read only by a host lookup in the generic core");
            }
            if (DefinitionParser.PARAMETERS.containsKey(n)) {
                return parameter(n, side);
            }
            if (n.equals(DefinitionParser.KEY)) {
                return key;
            }
            Optional<Term> let = def.let(n, mode);
            if (let.isPresent()) {
                return tmpl(let.get(), side);
            }
            if (side == Side.RECEIVER && cm.phase.fields().containsKey(n)) {
                return new Tmpl.Fld(fieldName(n));
            }
            throw error(line, "unknown term " + n);
        }

        private Tmpl slot(String n, Side side) {
            return switch (side) {
                case KEEP -> kept.getOrDefault(n, new Tmpl.Slot(n));
                case RECEIVER -> stored.getOrDefault(n, new Tmpl.Slot(n));
                case SENDER, LOOKUP -> new Tmpl.Slot(n);
            };
        }

        private Tmpl parameter(String n, Side side) throws DefinitionException {
            boolean receiver = side == Side.RECEIVER;
            Role evaluator = receiver || side == Side.LOOKUP ? from.peer() : from;
            switch (n) {
                case "Ra", "Rb" -> {
                    if (cm.join() && side != Side.LOOKUP) {
                        return slot(n, side);
                    }
                }
                case "i" -> {
                    if (cm.join()) {
                        return new Tmpl.Idx();
                    }
                }
                case "id" -> {
                    if (cm == CoreMessage.ADD_ADDR) {
                        return receiver ? new Tmpl.Fld("id") : ADVERTISED_ID;
                    }
                    if (cm == CoreMessage.REMOVE_ADDR) {
                        return receiver ? new Tmpl.Fld("id") : WITHDRAWN_ID;
                    }
                }
                case "backup" -> {
                    if (cm == CoreMessage.MP_PRIO) {
                        return receiver ? new Tmpl.Fld("backup") : BACKUP_FLAG;
                    }
                }
                case "addr" -> {
                    if (cm == CoreMessage.ADD_ADDR) {
                        return receiver ? new Tmpl.Fld("addr") : ADVERTISED_ADDR;
                    }
                }
                case "port" -> {
                    if (cm == CoreMessage.ADD_ADDR) {
                        return new Tmpl.Int(0, DefinitionParser.PARAMETERS.get("port")); // the reference advertises no port: 0 in the HMAC
                    }
                }
                case ADDR_B -> {
                    if (cm.join() && side != Side.LOOKUP) {
                        return slot(evaluator == Role.B ? SERVER_ADDR_B : CLIENT_ADDR_B, side);
                    }
                }
                default -> { }
            }
            throw error(line, "parameter " + n + " has no value in " + cm.phase.keyword() + " in the generic core");
        }
    }

    /** Who evaluates a term: the sender (keep: before its slots are written; fields: after), the receiver, the lookup. */
    private enum Side { KEEP, SENDER, RECEIVER, LOOKUP }

    // ---- helpers -------------------------------------------------------------------------------

    /** A slot's name in the data form: the stored public value pub(x) is the slot pub_x. */
    static String slotName(String dsl) {
        return dsl.startsWith("pub(") && dsl.endsWith(")") ? "pub_" + dsl.substring(4, dsl.length() - 1) : dsl;
    }

    /** A field's name in the data form: a TLA+ record field, so '-' becomes '_'. */
    static String fieldName(String dsl) {
        return dsl.replace('-', '_');
    }

    private static String outcome(Stmt.Outcome o) {
        return switch (o) {
            case RST -> "rst";
            case TCP -> "tcp";
            case DROP, IGNORE -> "drop"; // the core's "drop": the segment's option has no effect
        };
    }

    private void identifier(String n, String what, int line) throws DefinitionException {
        if (TLA_RESERVED.contains(n) || !n.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw error(line, what + " " + n + " is not usable as a TLA+ name");
        }
    }

    private boolean mentions(String name) {
        return terms(def).stream().flatMap(t -> org.mptcpverify.definition.term.Terms.atoms(t).stream())
                .anyMatch(a -> a.name().equals(name));
    }

    /**
     * Whether the definition agrees a key by Diffie-Hellman: a {@code pub} or {@code dh} term, or a
     * {@code store pub(x)}. Consumers of the data form that have no such terms (the proof families)
     * refuse these definitions with a reason instead of meeting a term they cannot read.
     */
    public static boolean diffieHellman(SchemeDefinition def) {
        for (Message m : def.messages()) {
            for (Stmt s : m.body()) {
                if (s instanceof Stmt.Store st && st.slot().startsWith("pub(")) return true;
            }
        }
        return terms(def).stream().anyMatch(SchemeDataBuilder::hasDh);
    }

    private static boolean hasDh(Term t) {
        return t instanceof Term.Pub || t instanceof Term.Dh
                || org.mptcpverify.definition.term.Terms.args(t).stream().anyMatch(SchemeDataBuilder::hasDh);
    }

    /** Every term the definition writes: lets, and the terms of every statement. */
    private static List<Term> terms(SchemeDefinition def) {
        List<Term> terms = new ArrayList<>();
        def.lets().values().forEach(v -> terms.addAll(v.values()));
        for (Message m : def.messages()) {
            for (Stmt s : m.body()) {
                if (s instanceof Stmt.Set st) terms.add(st.term());
                if (s instanceof Stmt.Field f) terms.add(f.term());
                if (s instanceof Stmt.Check c) terms.add(c.term());
                if (s instanceof Stmt.Store st) terms.add(st.term());
                if (s instanceof Stmt.Lookup l) {
                    for (Term t : new Term[] {l.expect(), l.attachLeft(), l.attachRight()}) {
                        if (t != null) {
                            terms.add(t);
                        }
                    }
                }
            }
        }
        return terms;
    }

    private DefinitionException error(int line, String problem) {
        return new DefinitionException(def.file(), line, problem);
    }
}
