package org.mptcpverify.models.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.mptcpverify.models.tlc.TraceState;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentTerm;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.segment.WireFields;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.wire.Bytes;

/**
 * Turns a TLC error trace of the generic core into a segment-level counterexample
 * (docs/reference.md, "Segment-level counterexamples"). Each step's effect is read from the
 * states, not from the action's name alone: the segment a step consumed and the one it put in
 * flight are the difference of {@code net}, what the attacker read the difference of
 * {@code seen}; {@code lastAction} says which kind of step it was. An injected field is written
 * as a term over fields of segments the attacker had read before, its own atoms and public
 * values; a value it could only have by analysis (splitting a concatenation, cancelling XOR) is
 * not expressible and fails the export with the reason.
 */
public final class CoreTraceExport {
    public static final String ENGINE = "tlc-core";

    private final Map<Object, Integer> ids = new HashMap<>();
    private final Map<Integer, Object> byId = new TreeMap<>();
    private final List<SegmentEvent> events = new ArrayList<>();
    /** Key control of a Diffie-Hellman row: a private value's atom -> the replayer's name of it ("c1.1/a"). */
    private final Map<String, String> givenPrivs = new TreeMap<>();
    private int next = 1;

    private CoreTraceExport() {}

    /** The counterexample of {@code property} in {@code cell} from TLC's trace (states in order, the first initial). */
    public static SegmentTrace of(CoreCell cell, PropertyId property, long seed, List<TraceState> states) {
        CoreBounds b = cell.bounds();
        if (b.clientsPerApp() != 1 || b.attackerPeer()) {
            throw new IllegalArgumentException("population beyond the reference's address plan (one client per "
                    + "application, no attacker peer)");
        }
        Map<String, List<String>> clients = new TreeMap<>();
        for (int a = 1; a <= b.apps(); a++) {
            List<String> conns = new ArrayList<>(); // the replayer opens each on its own connect()
            for (int n = 1; n <= b.connsPerClient(); n++) {
                conns.add("c" + a + "." + n);
            }
            clients.put("c" + a, conns);
        }
        // an insider's own client c2 (MptcpCore.tla InsiderClient), of application 1 or 2, with as many connections
        cell.attack().insiderClient().ifPresent(c -> {
            List<String> conns = new ArrayList<>();
            for (int n = 1; n <= b.connsPerClient(); n++) {
                conns.add(c + "." + n);
            }
            clients.put(c, conns);
        });
        Map<String, Bytes> keys = keys(cell.scheme(), b.apps(), seed);
        CoreTraceExport x = new CoreTraceExport();
        if (cell.attackerHasKey() && cell.scheme().agreesKey()) {
            x.givenPrivs.putAll(privateValues(states.get(states.size() - 1).variables()));
        }
        for (int i = 1; i < states.size(); i++) {
            x.step(states.get(i - 1).variables(), states.get(i).variables(), "state " + states.get(i).number());
        }
        if (property == PropertyId.EXTERNAL_KEY_SECRECY && !cell.attackerHasKey()) {
            // the violation is a state of knowledge: end with how the attacker computes the key it knows
            Map<String, String> last = states.get(states.size() - 1).variables();
            Object key = set(last, "know").stream().filter(CoreTraceExport::isExternalKey).sorted(
                    java.util.Comparator.comparing(Object::toString)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("ExternalKeySecrecy violated, but the last state's knowledge holds no external key"));
            x.events.add(new SegmentEvent.Derive(x.term(key, set(last, "seen"), "", "the derived key")));
        }
        return new SegmentTrace(ENGINE, cell.scheme(), cell.attack(), property, seed, cell.keyedSide(),
                cell.attackerHasKey(), clients, keys, x.events);
    }

    /**
     * The external keys K1..K{@code apps} of a counterexample, drawn from {@code seed} (none for a
     * scheme without external keys); the Alloy core's export draws the same.
     */
    public static Map<String, Bytes> keys(org.mptcpverify.vocab.SchemeId scheme, int apps, long seed) {
        Map<String, Bytes> keys = new TreeMap<>();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int a = 1; a <= apps; a++) {
            byte[] material = new byte[32];
            for (int i = 0; i < material.length; i++) {
                material[i] = (byte) rnd.nextInt(256);
            }
            if (scheme.usesExternalKey()) {
                keys.put("K" + a, Bytes.of(material));
            }
        }
        return keys;
    }

    /**
     * The private values the ends hold in {@code vars} (MptcpCore.tla GivenPrivs: a slot x with a
     * slot pub_x, holding the end's own atom x.conn), named as the replayer's key control names an
     * end's value: "conn/a" for the client's, "conn/b" for the server's.
     */
    private static Map<String, String> privateValues(Map<String, String> vars) {
        Map<String, String> out = new TreeMap<>();
        for (String end : List.of("cli", "srv")) {
            for (Map.Entry<String, Object> c : rec(TlaValue.parse(vars.get(end))).entrySet()) {
                Map<String, Object> cs = rec(rec(c.getValue()).get("cs"));
                for (Map.Entry<String, Object> slot : cs.entrySet()) {
                    String atom = slot.getKey() + "." + c.getKey();
                    if (cs.containsKey("pub_" + slot.getKey()) && slot.getValue() instanceof Map<?, ?> v
                            && "atom".equals(v.get("op")) && atom.equals(v.get("n"))) {
                        out.put(atom, c.getKey() + (end.equals("cli") ? "/a" : "/b"));
                    }
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Set<Object> set(Map<String, String> vars, String name) {
        return (Set<Object>) TlaValue.parse(vars.get(name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rec(Object o) {
        return (Map<String, Object>) o;
    }

    /** A segment's option fields (TLC prints the empty record of a plain segment as {@code << >>}). */
    private static Map<String, Object> fields(Object seg) {
        Object f = rec(seg).get("fld");
        return f instanceof List<?> l && l.isEmpty() ? Map.of() : rec(f);
    }

    private static String str(Object record, String field) {
        return (String) rec(record).get(field);
    }

    private void step(Map<String, String> before, Map<String, String> after, String where) {
        Set<Object> netB = set(before, "net");
        Set<Object> netA = set(after, "net");
        Set<Object> seenB = set(before, "seen");
        Set<Object> seenA = set(after, "seen");
        Map<String, Object> la = rec(TlaValue.parse(after.get("lastAction")));
        List<Object> consumed = minus(netB, netA);
        List<Object> added = minus(netA, netB);
        List<Object> newlySeen = minus(seenA, seenB);
        // a segment sent to x.a is never in flight: it only shows in what the attacker read
        for (Object s : newlySeen) {
            if (!netA.contains(s) && !ids.containsKey(s) && !added.contains(s)) {
                added.add(s);
            }
        }
        String a = (String) la.get("a");
        switch (a) {
            case "Connect", "SendKey", "Join", "Advertise", "Close", "Withdraw" -> {
                Object g = one(added, where, a);
                events.add(new SegmentEvent.Send(define(g), sfConn(g), str(g, "m"), str(g, "dst")));
            }
            case "Deliver" -> {
                Object s = one(consumed, where, a);
                if (added.size() > 1) {
                    throw new IllegalArgumentException(where + ": a delivery with " + added.size() + " replies");
                }
                int seg = idOf(s, where);
                if (added.isEmpty()) {
                    events.add(new SegmentEvent.Deliver(seg, 0, ""));
                } else {
                    Object r = added.get(0);
                    events.add(new SegmentEvent.Deliver(seg, define(r), str(r, "m")));
                }
            }
            case "Lose" -> events.add(new SegmentEvent.Lose(idOf(one(consumed, where, a), where)));
            case "Drop" -> events.add(new SegmentEvent.Drop(idOf(one(consumed, where, a), where)));
            case "Tamper" -> {
                // issue 13: the MP_CAPABLE option stripped, or a signal bit cleared (the core
                // names the bit's mask in decimal, the file in two hex digits)
                int seg = idOf(one(consumed, where, a), where);
                Object g = one(added, where, a);
                String edit = (String) la.get("edit");
                if (edit.startsWith("clear:")) {
                    edit = String.format(java.util.Locale.ROOT, "clear:%02x", Integer.parseInt(edit.substring(6)));
                }
                events.add(new SegmentEvent.Tamper(seg, edit, define(g)));
            }
            case "Answer" -> {
                // issue 13: the handshake attacker's own segment in place of one in flight (MptcpCore.tla
                // Answer): on the reference, the original dropped and the attacker's injected on its 4-tuple
                int seg = idOf(one(consumed, where, a), where);
                Object g = one(added, where, a);
                String msg = str(g, "m");
                events.add(new SegmentEvent.Drop(seg));
                events.add(new SegmentEvent.Inject(define(g), msg, sfConn(g), sfName(g), str(g, "src"), str(g, "dst"),
                        injected(g, seenB, msg, where)));
            }
            case "Rewrite" -> {
                int seg = idOf(one(consumed, where, a), where);
                Object g = one(added, where, a);
                events.add(new SegmentEvent.Rewrite(seg, str(g, "src"), define(g)));
            }
            case "Replay" -> {
                Object g = one(added, where, a);
                int of = replayed(g, seenB, where);
                events.add(new SegmentEvent.Replay(define(g), of, sfName(g), str(g, "src"), str(g, "dst")));
            }
            default -> {
                if (!a.startsWith("Forge")) {
                    throw new IllegalArgumentException(where + ": unknown step " + a);
                }
                Object g = one(added, where, a);
                String msg = str(g, "m");
                String conn = la.get("conn") instanceof String c ? c : sfConn(g);
                events.add(new SegmentEvent.Inject(define(g), msg, conn, sfName(g), str(g, "src"), str(g, "dst"),
                        injected(g, seenB, msg, where)));
            }
        }
        for (Object s : newlySeen) {
            events.add(new SegmentEvent.Observe(idOf(s, where)));
        }
    }

    /** The fields of an attacker's segment, each as a term over what it read before the step. */
    private Map<String, SegmentTerm> injected(Object g, Set<Object> seen, String msg, String where) {
        Map<String, SegmentTerm> fields = new TreeMap<>();
        for (Map.Entry<String, Object> f : fields(g).entrySet()) {
            SegmentTerm t = term(f.getValue(), seen, msg, where + ", " + msg + "." + f.getKey());
            // a field that is a bare Int (MptcpCore.tla PmField: REMOVE_ADDR's address id, MP_PRIO's
            // backup flag) is a number without a width in the model (Terms.tla Int: 32 bits, the join
            // index's); on the wire it has its field's width, 8 bits for both
            OptionalInt wire = WireFields.LANGUAGE.bits(msg, f.getKey());
            if (t instanceof SegmentTerm.Num n && rec(f.getValue()).get("a") instanceof List<?> a && a.isEmpty()
                    && wire.isPresent() && wire.getAsInt() < 64 && n.value() >= 0 && n.value() < (1L << wire.getAsInt())) {
                t = new SegmentTerm.Num(n.value(), wire.getAsInt());
            }
            fields.put(f.getKey(), t);
        }
        return fields;
    }

    private static List<Object> minus(Collection<Object> a, Collection<Object> b) {
        List<Object> out = new ArrayList<>();
        for (Object x : a) {
            if (!b.contains(x)) {
                out.add(x);
            }
        }
        return out;
    }

    private static Object one(List<Object> l, String where, String action) {
        if (l.size() != 1) {
            throw new IllegalArgumentException(where + ": " + action + " should move one segment, moved " + l.size());
        }
        return l.get(0);
    }

    private int define(Object seg) {
        int id = next++;
        ids.put(seg, id);
        byId.put(id, seg);
        return id;
    }

    private int idOf(Object seg, String where) {
        Integer id = ids.get(seg);
        if (id == null) {
            throw new IllegalArgumentException(where + ": a segment the trace never sent: " + seg);
        }
        return id;
    }

    private static String sfConn(Object seg) {
        return str(rec(seg).get("sf"), "conn");
    }

    private static String sfName(Object seg) {
        Map<String, Object> sf = rec(rec(seg).get("sf"));
        return sf.get("conn") + "/" + sf.get("j");
    }

    /** The read segment a replay copies: same message, option fields and origin (the earliest such). */
    private int replayed(Object g, Set<Object> seen, String where) {
        for (Map.Entry<Integer, Object> e : byId.entrySet()) {
            Object t = e.getValue();
            if (seen.contains(t) && str(t, "m").equals(str(g, "m")) && rec(t).get("fld").equals(rec(g).get("fld"))
                    && rec(t).get("origin").equals(rec(g).get("origin"))) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException(where + ": a replay of a segment the attacker never read");
    }

    /** An external key K<a>, or a truncation of one (what MptcpCore's ExternalKeySecrecy forbids the attacker to know). */
    private static boolean isExternalKey(Object t) {
        Map<String, Object> r = rec(t);
        String op = (String) r.get("op");
        if (op.equals("truncL") || op.equals("truncR")) {
            return isExternalKey(((List<?>) r.get("a")).get(0));
        }
        return op.equals("atom") && ((String) r.get("n")).matches("K\\d+");
    }

    /** A model term as a term over what the attacker read before the step ({@code seen}). */
    private SegmentTerm term(Object t, Set<Object> seen, String msg, String where) {
        return term(t, seen, msg, where, 0);
    }

    /**
     * Analysis by cancellation (Attacker.tla): {@code t} is an operand of an XOR sum the attacker
     * read in a field, and every other operand is expressible; then t = that field XOR the others.
     */
    private SegmentTerm cancelled(Object t, Set<Object> seen, String msg, String where, int depth) {
        if (depth > 3) {
            return null;
        }
        for (Map.Entry<Integer, Object> e : byId.entrySet()) {
            if (!seen.contains(e.getValue())) {
                continue;
            }
            for (Map.Entry<String, Object> f : new TreeMap<>(fields(e.getValue())).entrySet()) {
                Map<String, Object> sum = rec(f.getValue());
                @SuppressWarnings("unchecked")
                Set<Object> operands = sum.get("op").equals("xor") ? (Set<Object>) sum.get("s") : Set.of();
                if (!operands.contains(t)) {
                    continue;
                }
                List<SegmentTerm> args = new ArrayList<>(List.of(new SegmentTerm.Observed(e.getKey(), f.getKey())));
                try {
                    List<Object> others = new ArrayList<>(operands);
                    others.remove(t);
                    others.sort(java.util.Comparator.comparing(Object::toString));
                    for (Object o : others) {
                        args.add(term(o, seen, msg, where, depth + 1));
                    }
                    return new SegmentTerm.Apply("xor", 0, args);
                } catch (IllegalArgumentException notThisOne) {
                    // another sum may do
                }
            }
        }
        return null;
    }

    private SegmentTerm term(Object t, Set<Object> seen, String msg, String where, int depth) {
        Map<String, Object> r = rec(t);
        String op = (String) r.get("op");
        String n = (String) r.get("n");
        if (op.equals("atom") && n.startsWith("x.") && !n.equals("x.a")) {
            String field = n.substring(2, n.lastIndexOf('.'));
            OptionalInt bits = WireFields.LANGUAGE.bitsOf(msg, field);
            if (bits.isEmpty()) {
                throw new IllegalArgumentException(where + ": no wire width for the attacker's field " + field);
            }
            return new SegmentTerm.Own(n, bits.getAsInt());
        }
        for (Map.Entry<Integer, Object> e : byId.entrySet()) {
            if (!seen.contains(e.getValue())) {
                continue;
            }
            for (Map.Entry<String, Object> f : new TreeMap<>(fields(e.getValue())).entrySet()) {
                if (f.getValue().equals(t)) {
                    return new SegmentTerm.Observed(e.getKey(), f.getKey());
                }
            }
        }
        if (isExternalKey(t)) {
            SegmentTerm c = cancelled(t, seen, msg, where, depth);
            if (c != null) {
                return c;
            }
        }
        if (op.equals("atom") && givenPrivs.containsKey(n)) {
            return new SegmentTerm.GivenKey(givenPrivs.get(n)); // the key control: the replayer checks it was drawn
        }
        if (op.equals("atom") && n.matches("K[12]")) {
            return new SegmentTerm.GivenKey(n);   // only in the attacker-has-key control: the replayer checks
        }
        if (op.equals("atom") && n.matches("(x|s|c\\d)\\.a\\d?|spoof\\d")) {
            return new SegmentTerm.Address(n);
        }
        @SuppressWarnings("unchecked")
        List<Object> args = (List<Object>) r.get("a");
        switch (op) {
            case "lbl":
                return new SegmentTerm.Label(n);
            case "int":   // Int: 32 bits (the join index); Num(i, w): the width is the label in its argument
                return new SegmentTerm.Num(Long.parseLong(n), args.isEmpty() ? 32 : Integer.parseInt(str(args.get(0), "n")));
            case "zero":
                return new SegmentTerm.Num(0, 32);
            case "hash", "token", "idsn", "hmac", "cat", "pub":
                return new SegmentTerm.Apply(op, 0, terms(args, seen, msg, where, depth));
            case "dh": {
                SegmentTerm d = dh(r, seen, msg, where, depth);
                if (d != null) {
                    return d;
                }
                throw new IllegalArgumentException(where + ": a Diffie-Hellman secret of which the attacker holds"
                        + " neither private value");
            }
            case "truncL", "truncR":
                return new SegmentTerm.Apply(op, Integer.parseInt(n), terms(args, seen, msg, where, depth));
            case "xor": {
                @SuppressWarnings("unchecked")
                Set<Object> operands = (Set<Object>) r.get("s");
                List<Object> sorted = new ArrayList<>(operands);
                sorted.sort(java.util.Comparator.comparing(Object::toString));
                return new SegmentTerm.Apply(op, 0, terms(sorted, seen, msg, where, depth));
            }
            default: {
                SegmentTerm c = cancelled(t, seen, msg, where, depth);
                if (c != null) {
                    return c;
                }
                throw new IllegalArgumentException(where + ": the attacker's value " + show(t)
                        + " is neither its own nor a field it read nor cancelled out of one (splitting a"
                        + " concatenation is not exported yet)");
            }
        }
    }

    /**
     * A Diffie-Hellman secret (Terms.tla Dh): the normal form {x, y} as dh(x, pub(y)) with x a
     * private value the attacker holds (its own) and pub(y) a public value it read or can build;
     * tried in both orders, the equation's two readings. Null when neither works.
     */
    private SegmentTerm dh(Map<String, Object> r, Set<Object> seen, String msg, String where, int depth) {
        @SuppressWarnings("unchecked")
        List<Object> ordered = (List<Object>) r.get("a");
        List<List<Object>> readings = new ArrayList<>();
        if (!ordered.isEmpty()) {
            readings.add(ordered);
        } else {
            @SuppressWarnings("unchecked")
            List<Object> privs = new ArrayList<>((Set<Object>) r.get("s"));
            privs.sort(java.util.Comparator.comparing(Object::toString));
            Object x = privs.get(0);
            Object y = privs.size() > 1 ? privs.get(1) : x;
            readings.add(List.of(x, pubOf(y)));
            readings.add(List.of(y, pubOf(x)));
        }
        for (List<Object> reading : readings) {
            try {
                return new SegmentTerm.Apply("dh", 0, terms(reading, seen, msg, where, depth));
            } catch (IllegalArgumentException notThisOrder) {
                // the other reading may do
            }
        }
        return null;
    }

    /** Terms.tla Pub(t), as TlaValue reads a record. */
    private static Object pubOf(Object t) {
        Map<String, Object> m = new TreeMap<>();
        m.put("op", "pub");
        m.put("n", "");
        m.put("a", List.of(t));
        m.put("s", Set.of());
        return m;
    }

    private List<SegmentTerm> terms(List<Object> ts, Set<Object> seen, String msg, String where, int depth) {
        List<SegmentTerm> out = new ArrayList<>();
        for (Object a : ts) {
            out.add(term(a, seen, msg, where, depth));
        }
        return out;
    }

    private static String show(Object t) {
        Map<String, Object> r = rec(t);
        Map<String, Object> m = new LinkedHashMap<>(r);
        return m.get("op") + (((String) m.get("n")).isEmpty() ? "" : "(" + m.get("n") + ")");
    }
}
