package org.mptcpverify.models.alloy;

import edu.mit.csail.sdg.alloy4.Err;
import edu.mit.csail.sdg.ast.Expr;
import edu.mit.csail.sdg.ast.Module;
import edu.mit.csail.sdg.parser.CompUtil;
import edu.mit.csail.sdg.translator.A4Solution;
import edu.mit.csail.sdg.translator.A4Tuple;
import edu.mit.csail.sdg.translator.A4TupleSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.mptcpverify.models.alloy.AlloyTermDag.App;
import org.mptcpverify.models.alloy.AlloyTermDag.Ct;
import org.mptcpverify.models.alloy.AlloyTermDag.G;
import org.mptcpverify.models.alloy.AlloyTermDag.Hm;
import org.mptcpverify.models.alloy.AlloyTermDag.Leaf;
import org.mptcpverify.models.alloy.AlloyTermDag.Xr;
import org.mptcpverify.models.core.CoreMessage;
import org.mptcpverify.models.core.CoreTraceExport;
import org.mptcpverify.models.core.SchemeData;
import org.mptcpverify.models.core.Tmpl;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentTerm;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.segment.WireFields;
import org.mptcpverify.vocab.PropertyId;

/**
 * Turns an instance of an Alloy generic-core check (models/alloy/core) into a segment-level
 * counterexample (format {@code mptcp-verify-segments/1}, the one {@link CoreTraceExport} writes
 * for the TLA+ core and {@code ./mptcp-verify replay} reads). As there, each transition's effect is
 * read from the states, not from a name: what left the network ({@code Net}), what was sent
 * ({@code Sent}), what the attacker read ({@code Seen}), injected ({@code Injd}) or dropped and
 * rewrote ({@code Rewd}). The trace ends at the first state that violates the property. A forged
 * field is written as a term over fields the attacker read before, its own atom and public values
 * (the dag's structure of each term atom); a value it could only have by splitting a concatenation
 * is not expressible and fails the export with the reason.
 */
public final class AlloyCoreTraceExport {
    public static final String ENGINE = "alloy-core";

    private static final Map<String, String> ADDRESSES = Map.of("SA1", "s.a1", "SA2", "s.a2", "C1A1", "c1.a1",
            "C1A2", "c1.a2", "C2A1", "c2.a1", "C2A2", "c2.a2", "XA", "x.a", "NAT", "nat.a", "SP1", "spoof1", "SP2", "spoof2");
    private static final Map<String, String> OPS = Map.of("HASH", "hash", "TOKEN", "token", "IDSN", "idsn");

    private final A4Solution sol;
    private final Module world;
    private final AlloyTermDag.Rendered dag;
    private final boolean attackerHasKey;
    /** The scheme's data form: the templates that give a number inside a term its width (null in {@link #describe}). */
    private final SchemeData data;
    /** Segment atom -> its static attributes. */
    private final Map<String, Seg> segs = new HashMap<>();
    /** Segment atom -> its number in the trace. */
    private final Map<String, Integer> ids = new LinkedHashMap<>();
    /** Injected 4-tuples (ISf atoms) -> their subflow name. */
    private final Map<String, String> injected = new HashMap<>();
    /** The attacker's own atoms -> the name and width the trace gives them (at their first use as a field). */
    private final Map<String, SegmentTerm.Own> own = new HashMap<>();
    private final List<SegmentEvent> events = new ArrayList<>();
    private int next = 1;

    private record Seg(String atom, String m, String src, String dst, String sf, String orig, Map<String, String> fld) {}

    private AlloyCoreTraceExport(A4Solution sol, Module world, AlloyTermDag.Rendered dag, boolean attackerHasKey,
                                 SchemeData data) {
        this.sol = sol;
        this.world = world;
        this.dag = dag;
        this.attackerHasKey = attackerHasKey;
        this.data = data;
    }

    /**
     * The counterexample of {@code property} in {@code cell} from {@code sol}, an instance of its
     * check; {@code world} is the parsed cell module, {@code dag} the cell's term universe.
     *
     * @throws IllegalArgumentException with the reason when the instance cannot be written as a trace
     */
    public static SegmentTrace of(AlloyCoreCell cell, PropertyId property, long seed, A4Solution sol, Module world,
                                  AlloyTermDag.Rendered dag) {
        if (!sol.satisfiable()) {
            throw new IllegalArgumentException("no instance");
        }
        int apps = cell.scope().clients();
        Map<String, List<String>> clients = new TreeMap<>();
        for (int a = 1; a <= apps; a++) {
            clients.put("c" + a, List.of("c" + a + ".1"));
        }
        AlloyCoreTraceExport x = new AlloyCoreTraceExport(sol, world, dag, cell.attackerHasKey(),
                cell.source().data());
        x.readSegments();
        int last = x.firstViolation(property);
        for (int i = 1; i <= last; i++) {
            x.step(i - 1, i);
        }
        if (property == PropertyId.EXTERNAL_KEY_SECRECY && !cell.attackerHasKey()) {
            x.deriveKey(last);
        }
        return new SegmentTrace(ENGINE, cell.scheme(), cell.attack(), property, seed, cell.keyedSide().toLowerCase(),
                cell.attackerHasKey(), clients, CoreTraceExport.keys(cell.scheme(), apps, seed), x.events);
    }

    /** The instance as text, state by state (what a failed export is debugged from). */
    public static String describe(A4Solution sol, Module world) {
        AlloyCoreTraceExport x = new AlloyCoreTraceExport(sol, world, null, false, null);
        x.readSegments();
        StringBuilder b = new StringBuilder();
        x.segs.values().stream().sorted(java.util.Comparator.comparing(Seg::atom)).forEach(s -> b.append(s).append('\n'));
        for (int i = 0; i < sol.getTraceLength(); i++) {
            b.append("state ").append(i).append(": Net=").append(x.set("Net", i)).append(" Sent=").append(x.set("Sent", i))
                    .append(" Seen=").append(x.set("Seen", i)).append(" Injd=").append(x.set("Injd", i))
                    .append(" Rewd=").append(x.set("Rewd", i)).append(" Cur=").append(x.set("Cur", i)).append('\n');
        }
        return b.toString();
    }

    // ------------------------------------------------------------------------------- reading the instance

    private Expr expr(String text) {
        try {
            return CompUtil.parseOneExpression_fromString(world, text);
        } catch (Err e) {
            throw new IllegalArgumentException("cannot evaluate " + text + ": " + e.getMessage(), e);
        }
    }

    private Object eval(String text, int state) {
        try {
            return sol.eval(expr(text), state);
        } catch (Err e) {
            throw new IllegalArgumentException("cannot evaluate " + text + ": " + e.getMessage(), e);
        }
    }

    private List<List<String>> tuples(String text, int state) {
        List<List<String>> out = new ArrayList<>();
        for (A4Tuple t : (A4TupleSet) eval(text, state)) {
            List<String> row = new ArrayList<>();
            for (int i = 0; i < t.arity(); i++) {
                row.add(atom(t.atom(i)));
            }
            out.add(row);
        }
        return out;
    }

    /** An atom's name without its module path and Alloy's {@code $n} suffix ({@code core/Sf0$0} is {@code Sf0}). */
    static String atom(String a) {
        int d = a.lastIndexOf('$');
        String s = d < 0 ? a : a.substring(0, d);
        return s.substring(s.lastIndexOf('/') + 1);
    }

    private Set<String> set(String text, int state) {
        Set<String> out = new LinkedHashSet<>();
        for (A4Tuple t : (A4TupleSet) eval(text, state)) {
            out.add(t.atom(0));
        }
        return out;
    }

    private Map<String, String> fn(String text) {
        Map<String, String> out = new HashMap<>();
        for (A4Tuple t : (A4TupleSet) eval(text, 0)) {
            out.put(t.atom(0), t.atom(t.arity() - 1));
        }
        return out;
    }

    private void readSegments() {
        Map<String, String> m = fn("Seg <: m");
        Map<String, String> src = fn("Seg <: src");
        Map<String, String> dst = fn("Seg <: dst");
        Map<String, String> sf = fn("Seg <: sf");
        Map<String, String> orig = fn("Seg <: orig");
        Map<String, Map<String, String>> fld = new HashMap<>();
        for (A4Tuple t : (A4TupleSet) eval("Seg <: fld", 0)) {
            fld.computeIfAbsent(t.atom(0), k -> new TreeMap<>()).put(fieldName(atom(t.atom(1))), atom(t.atom(2)));
        }
        for (String s : m.keySet()) {
            segs.put(s, new Seg(s, atom(m.get(s)), atom(src.get(s)), atom(dst.get(s)), sf.get(s), atom(orig.get(s)),
                    fld.getOrDefault(s, Map.of())));
        }
    }

    private static String fieldName(String atom) {
        return atom.startsWith("F_") ? atom.substring(2) : atom;
    }

    private int firstViolation(PropertyId p) {
        int n = sol.getTraceLength();
        for (int i = 0; i < n; i++) {
            if (Boolean.FALSE.equals(eval(p.modelName(), i))) {
                return i;
            }
        }
        throw new IllegalArgumentException(p.modelName() + " holds in every state of the instance");
    }

    // ------------------------------------------------------------------------------- one transition

    private void step(int before, int after) {
        String where = "transition " + before + "->" + after;
        Set<String> netB = set("Net", before);
        Set<String> netA = set("Net", after);
        List<String> consumed = minus(netB, netA);
        List<String> added = minus(set("Sent", after), set("Sent", before));
        List<String> newlySeen = minus(set("Seen", after), set("Seen", before));
        boolean injectedNow = !minus(set("Injd", after), set("Injd", before)).isEmpty();
        boolean rewNow = !minus(set("Rewd", after), set("Rewd", before)).isEmpty();
        Set<String> seenBefore = set("Seen", before);
        if (injectedNow) {
            String g = one(added, where, "an injection");
            Seg s = segs.get(g);
            if (s.orig().equals("X")) {
                String msg = s.m();
                Map<String, SegmentTerm> fields = new TreeMap<>();
                // fields that are a bare value first: an own atom gets its name and wire width where it
                // is a field (ADD_ADDR's id), before a term of another field (its HMAC) uses it
                List<Map.Entry<String, String>> order = new ArrayList<>(s.fld().entrySet());
                order.sort(java.util.Comparator.comparing((Map.Entry<String, String> f) ->
                        !(dag.terms().get(f.getValue()) instanceof Leaf)).thenComparing(Map.Entry::getKey));
                for (Map.Entry<String, String> f : order) {
                    fields.put(f.getKey(), term(dag.terms().get(f.getValue()), f.getValue(), seenBefore, msg, f.getKey(),
                            where + ", " + msg + "." + f.getKey(), true, 0, templates(data, msg, f.getKey())));
                }
                fillMissing(msg, fields);
                String sfName = subflow(s.sf());
                events.add(new SegmentEvent.Inject(define(g), msg, connOf(s, sfName), sfName, addr(s.src()), addr(s.dst()), fields));
            } else {
                int of = replayed(s, seenBefore, where);
                events.add(new SegmentEvent.Replay(define(g), of, subflow(s.sf()), addr(s.src()), addr(s.dst())));
            }
        } else if (rewNow) {
            int seg = idOf(one(consumed, where, "a drop or rewrite"), where);
            if (added.isEmpty()) {
                events.add(new SegmentEvent.Drop(seg));
            } else {
                String g = one(added, where, "a rewrite");
                events.add(new SegmentEvent.Rewrite(seg, addr(segs.get(g).src()), define(g)));
            }
        } else if (!consumed.isEmpty()) {
            int seg = idOf(one(consumed, where, "a delivery"), where);
            if (added.isEmpty()) {
                events.add(new SegmentEvent.Deliver(seg, 0, ""));
            } else {
                String r = one(added, where, "a delivery's reply");
                events.add(new SegmentEvent.Deliver(seg, define(r), segs.get(r).m()));
            }
        } else if (!added.isEmpty()) {
            String g = one(added, where, "a send");
            Seg s = segs.get(g);
            events.add(new SegmentEvent.Send(define(g), connOf(s, subflow(s.sf())), s.m(), addr(s.dst())));
        }
        // else a stutter
        for (String s : newlySeen) {
            events.add(new SegmentEvent.Observe(idOf(s, where)));
        }
    }

    /**
     * A forged segment of the instance may lack a field its message has (core.als's {@code forge}
     * constrains only the fields it carries), which the reference refuses to build. In the model a
     * missing field fails every check and every lookup on it ({@code eq} needs a value), and an
     * accepted segment cannot lack a field it stores ({@code storesOk}); the reference treats a
     * fresh value of the attacker's the same way (it matches no expected value), so the export
     * writes one, named per field, at the field's wire width. Without a width the field stays
     * missing and the reference's refusal is the cell's reason.
     */
    private void fillMissing(String msg, Map<String, SegmentTerm> fields) {
        Set<String> names = new java.util.TreeSet<>();
        for (Map<CoreMessage, SchemeData.Msg> mode : data.modes().values()) {
            SchemeData.Msg m = mode.get(CoreMessage.valueOf(msg));
            if (m != null) {
                names.addAll(m.fields().keySet());
            }
        }
        for (String f : names) {
            OptionalInt bits = WireFields.LANGUAGE.bitsOf(msg, f);
            if (!fields.containsKey(f) && bits.isPresent()) {
                fields.put(f, new SegmentTerm.Own("x." + f + ".absent", bits.getAsInt()));
            }
        }
    }

    private static List<String> minus(Set<String> a, Set<String> b) {
        List<String> out = new ArrayList<>();
        for (String x : a) {
            if (!b.contains(x)) {
                out.add(x);
            }
        }
        return out;
    }

    private static String one(List<String> l, String where, String what) {
        if (l.size() != 1) {
            throw new IllegalArgumentException(where + ": " + what + " should move one segment, moved " + l.size());
        }
        return l.get(0);
    }

    private int define(String seg) {
        int id = next++;
        ids.put(seg, id);
        return id;
    }

    private int idOf(String seg, String where) {
        Integer id = ids.get(seg);
        if (id == null) {
            throw new IllegalArgumentException(where + ": a segment the trace never sent: " + seg);
        }
        return id;
    }

    private static String addr(String a) {
        String n = ADDRESSES.get(a);
        if (n == null) {
            throw new IllegalArgumentException("no address of the plan for " + a);
        }
        return n;
    }

    /** A subflow's name: {@code c<i>.1/0} the initial one, {@code c<i>.1/<j>} join j, {@code inj/<k>} the k-th injected 4-tuple. */
    private String subflow(String sf) {
        String a = atom(sf);
        if (a.equals("Sf0")) {
            return client(fn("Sf0 <: c0").get(sf)) + ".1/0";
        }
        if (a.equals("CJ")) {
            String num = atom(fn("CJ <: jn").get(sf));
            return client(fn("CJ <: owner").get(sf)) + ".1/" + num.substring(1);
        }
        if (a.equals("ISf")) {
            return injected.computeIfAbsent(sf, k -> "inj/" + (injected.size() + 1));
        }
        throw new IllegalArgumentException("unknown subflow atom " + a);
    }

    private static String client(String atom) {
        return atom(atom).toLowerCase(java.util.Locale.ROOT);
    }

    /** The connection a segment belongs to; an injected 4-tuple's is the (only) client's. */
    private static String connOf(Seg s, String sfName) {
        return sfName.startsWith("inj") ? "c1.1" : sfName.substring(0, sfName.indexOf('/'));
    }

    /** The read segment a replay copies: same message, option fields and origin (the earliest such). */
    private int replayed(Seg g, Set<String> seen, String where) {
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            Seg t = segs.get(e.getKey());
            if (seen.contains(e.getKey()) && t.m().equals(g.m()) && t.fld().equals(g.fld()) && t.orig().equals(g.orig())) {
                return e.getValue();
            }
        }
        throw new IllegalArgumentException(where + ": a replay of a segment the attacker never read");
    }

    // ------------------------------------------------------------------------------- terms

    /** A field the attacker read before, holding exactly {@code atom}. */
    private SegmentTerm.Observed observed(String atom, Set<String> seen) {
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            if (!seen.contains(e.getKey())) {
                continue;
            }
            for (Map.Entry<String, String> f : segs.get(e.getKey()).fld().entrySet()) {
                if (f.getValue().equals(atom)) {
                    return new SegmentTerm.Observed(e.getValue(), f.getKey());
                }
            }
        }
        return null;
    }

    private String nameOf(G g) {
        for (Map.Entry<String, G> e : dag.terms().entrySet()) {
            if (e.getValue().equals(g)) {
                return e.getKey();
            }
        }
        return null;
    }

    /**
     * {@code t} (atom {@code atom}) as a term over what the attacker read; {@code top}: it is the
     * whole value of field {@code field} of message {@code msg} (which gives a number or an own
     * value its wire width).
     */
    private SegmentTerm term(G t, String atom, Set<String> seen, String msg, String field, String where, boolean top,
                             int depth, List<Tmpl> hints) {
        SegmentTerm.Observed o = atom == null ? null : observed(atom, seen);
        if (o != null) {
            return o;
        }
        if (t instanceof Leaf l) {
            switch (l.sig()) {
                case "XAtom" -> {
                    SegmentTerm.Own known = own.get(l.atom());
                    if (known != null) {
                        return known;
                    }
                    OptionalInt bits = top ? WireFields.LANGUAGE.bitsOf(msg, field) : OptionalInt.empty();
                    if (bits.isEmpty()) {
                        throw new IllegalArgumentException(where + ": the attacker's atom " + l.atom()
                                + " is first used inside a term (no wire width for it)");
                    }
                    SegmentTerm.Own n = new SegmentTerm.Own("x." + field + "." + l.atom().substring(1), bits.getAsInt());
                    own.put(l.atom(), n);
                    return n;
                }
                case "Addr" -> {
                    return new SegmentTerm.Address(addr(l.atom()));
                }
                case "Label" -> {
                    String text = dag.labels().get(l.atom());
                    if (text == null) {
                        throw new IllegalArgumentException(where + ": unknown label " + l.atom());
                    }
                    return new SegmentTerm.Label(text);
                }
                case "Num" -> {
                    long value = Long.parseLong(l.atom().substring(1));
                    OptionalInt bits = top ? WireFields.LANGUAGE.bitsOf(msg, field) : widthOf(value, msg, hints);
                    if (bits.isEmpty()) {
                        throw new IllegalArgumentException(where + ": a number inside a term that no template of "
                                + msg + "." + field + " gives a width");
                    }
                    return new SegmentTerm.Num(value, bits.getAsInt());
                }
                case "Zero" -> {
                    return new SegmentTerm.Num(0, 32);
                }
                case "Key" -> {
                    SegmentTerm c = cancelled(t, seen, msg, field, where, depth);
                    if (c != null) {
                        return c;
                    }
                    if (attackerHasKey) {
                        return new SegmentTerm.GivenKey(l.atom());
                    }
                    throw new IllegalArgumentException(where + ": the external key " + l.atom() + " is not derivable from what was read");
                }
                default -> {
                    SegmentTerm c = cancelled(t, seen, msg, field, where, depth);
                    if (c != null) {
                        return c;
                    }
                    throw new IllegalArgumentException(where + ": the secret " + l.atom()
                            + " is neither a field the attacker read nor cancelled out of one");
                }
            }
        }
        if (t instanceof App a) {
            List<SegmentTerm> arg = List.of(sub(a.arg(), seen, msg, field, where, depth, children(hints, t, 0)));
            return switch (a.op()) {
                case "HASH", "TOKEN", "IDSN" -> new SegmentTerm.Apply(OPS.get(a.op()), 0, arg);
                case "TR64" -> new SegmentTerm.Apply("truncR", 64, arg);
                default -> new SegmentTerm.Apply("truncL", Integer.parseInt(a.op().substring(2)), arg);
            };
        }
        if (t instanceof Hm h) {
            return new SegmentTerm.Apply("hmac", 0, List.of(sub(h.key(), seen, msg, field, where, depth, children(hints, t, 0)),
                    sub(h.msg(), seen, msg, field, where, depth, children(hints, t, 1))));
        }
        if (t instanceof Ct c) {
            return new SegmentTerm.Apply("cat", 0, List.of(sub(c.hd(), seen, msg, field, where, depth, children(hints, t, 0)),
                    sub(c.tl(), seen, msg, field, where, depth, children(hints, t, 1))));
        }
        List<SegmentTerm> ops = new ArrayList<>();
        for (G op : ((Xr) t).ops()) {
            ops.add(sub(op, seen, msg, field, where, depth, List.of()));
        }
        return new SegmentTerm.Apply("xor", 0, ops);
    }

    private SegmentTerm sub(G t, Set<String> seen, String msg, String field, String where, int depth, List<Tmpl> hints) {
        return term(t, nameOf(t), seen, msg, field, where, false, depth + 1, hints);
    }

    /**
     * The templates that may have given field {@code field} of {@code msg} its value: the senders'
     * field templates and the receivers' checks of every mode. The dag's numbers carry no width
     * (one atom per value), the templates do: ADD_ADDR's HMAC covers {@code id} (8 bits) and
     * {@code port} (16 bits), which the reference hashes at those widths.
     */
    static List<Tmpl> templates(SchemeData data, String msg, String field) {
        List<Tmpl> out = new ArrayList<>();
        if (data == null) {
            return out;
        }
        for (Map<CoreMessage, SchemeData.Msg> mode : data.modes().values()) {
            for (Map.Entry<CoreMessage, SchemeData.Msg> m : mode.entrySet()) {
                if (!m.getKey().name().equals(msg)) {
                    continue;
                }
                Tmpl sent = m.getValue().fields().get(field);
                if (sent != null) {
                    out.add(sent);
                }
                for (SchemeData.Check c : m.getValue().checks()) {
                    if (c.field().equals(field)) {
                        out.add(c.expect());
                    }
                }
            }
        }
        return out;
    }

    /**
     * The templates at child {@code i} of {@code t} (a non-leaf term), from those at {@code t}:
     * only templates of the same shape take part; a concatenation's parts are flat in a template
     * and right-nested in the dag.
     */
    static List<Tmpl> children(List<Tmpl> hints, G t, int i) {
        List<Tmpl> out = new ArrayList<>();
        for (Tmpl h : hints) {
            Tmpl c = null;
            if (t instanceof App) {
                c = h instanceof Tmpl.Hash x ? x.arg() : h instanceof Tmpl.Token x ? x.arg() : h instanceof Tmpl.Idsn x ? x.arg()
                        : h instanceof Tmpl.TruncL x ? x.arg() : h instanceof Tmpl.TruncR x ? x.arg() : null;
            } else if (t instanceof Hm && h instanceof Tmpl.Hmac x) {
                c = i == 0 ? x.key() : x.msg();
            } else if (t instanceof Ct && h instanceof Tmpl.Cat x) {
                List<Tmpl> p = x.parts();
                c = i == 0 ? p.get(0) : p.size() == 2 ? p.get(1) : new Tmpl.Cat(p.subList(1, p.size()));
            }
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /** The width a template gives the number {@code value} at this place: a literal's, or the wire width of the field it reads. */
    static OptionalInt widthOf(long value, String msg, List<Tmpl> hints) {
        for (Tmpl h : hints) {
            if (h instanceof Tmpl.Int n && n.value() == value) {
                return OptionalInt.of(n.bits());
            }
            if (h instanceof Tmpl.Fld f) {
                OptionalInt b = WireFields.LANGUAGE.bitsOf(msg, f.name());
                if (b.isPresent()) {
                    return b;
                }
            }
        }
        return OptionalInt.empty();
    }

    /** Analysis by cancellation: {@code t} is an operand of an XOR sum read in a field, the other operands expressible. */
    private SegmentTerm cancelled(G t, Set<String> seen, String msg, String field, String where, int depth) {
        if (depth > 3) {
            return null;
        }
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            if (!seen.contains(e.getKey())) {
                continue;
            }
            for (Map.Entry<String, String> f : segs.get(e.getKey()).fld().entrySet()) {
                if (!(dag.terms().get(f.getValue()) instanceof Xr x) || !x.ops().contains(t)) {
                    continue;
                }
                List<SegmentTerm> args = new ArrayList<>(List.of(new SegmentTerm.Observed(e.getValue(), f.getKey())));
                try {
                    for (G other : x.ops()) {
                        if (!other.equals(t)) {
                            args.add(sub(other, seen, msg, field, where, depth, List.of()));
                        }
                    }
                    return new SegmentTerm.Apply("xor", 0, args);
                } catch (IllegalArgumentException notThisOne) {
                    // another sum may do
                }
            }
        }
        return null;
    }

    /** ExternalKeySecrecy: the trace ends with how the attacker computes the key (or its truncation) it knows. */
    private void deriveKey(int state) {
        Set<String> seen = set("Seen", state);
        for (String k : set("Know", state)) {
            G g = dag.terms().get(atom(k));
            boolean key = g instanceof Leaf l && l.sig().equals("Key")
                    || g instanceof App a && (a.op().startsWith("TL") || a.op().startsWith("TR")) && a.arg() instanceof Leaf l2 && l2.sig().equals("Key");
            if (key) {
                events.add(new SegmentEvent.Derive(term(g, null, seen, "", "", "the derived key", false, 0, List.of())));
                return;
            }
        }
        throw new IllegalArgumentException("ExternalKeySecrecy violated, but the last state's knowledge holds no external key");
    }
}
