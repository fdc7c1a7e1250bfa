package org.mptcpverify.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mptcpverify.vocab.SchemeId;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.mptcpverify.io.AtomicWrite;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.trace.TraceJson;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;
import org.mptcpverify.wire.Bytes;

/**
 * Reads and writes segment-level counterexamples (docs/reference.md, "Segment-level
 * counterexamples"). Reading is strict like {@link TraceJson}: one JSON object, no key twice, a
 * size limit, an event limit, a term depth limit, no unknown parameter; every problem is one line.
 */
public final class SegmentTraceJson {
    public static final String FORMAT = "mptcp-verify-segments/1";
    public static final int MAX_EVENTS = 1_000;
    public static final int MAX_TERM_DEPTH = 16;
    /** Connections the reference replays per client: c1.1 .. c1.3 (a generic-core population of up to three). */
    public static final int MAX_CONNS_PER_CLIENT = 3;
    private static final Pattern CONN = Pattern.compile("c[12]\\.[1-3]");
    private static final Pattern SUBFLOW = Pattern.compile("(c[12]\\.[1-3]|inj)/\\d{1,3}");
    private static final Pattern HEX = Pattern.compile("([0-9a-f]{2}){1,64}");
    private static final Set<String> MESSAGES = Set.of("MPC_SYN", "MPC_SYNACK", "MPC_ACK", "HS_ACK", "KEY_A", "KEY_B",
            "JOIN_SYN", "JOIN_SYNACK", "JOIN_ACK", "ADD_ADDR", "FASTCLOSE", "REMOVE_ADDR", "MP_PRIO",
            "ADD_ADDR_A", "FASTCLOSE_B");
    private static final Map<String, Set<String>> PARAMETERS = Map.of(
            "send", Set.of("seg", "conn", "msg", "dst"),
            "deliver", Set.of("seg", "reply", "replyMsg"),
            "lose", Set.of("seg"),
            "observe", Set.of("seg"),
            "drop", Set.of("seg"),
            "rewrite", Set.of("seg", "src", "as"),
            "tamper", Set.of("seg", "edit", "as"),
            "inject", Set.of("seg", "msg", "conn", "subflow", "src", "dst", "fields"),
            "replay", Set.of("seg", "of", "subflow", "src", "dst"),
            "derive", Set.of("value"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private SegmentTraceJson() {}

    /** Whether a parsed file declares this format (the replay command dispatches on it). */
    public static boolean isSegmentFormat(JsonNode root) {
        return root.path("format").isTextual() && root.get("format").asText().equals(FORMAT);
    }

    public static SegmentTrace read(Path file) throws BadTraceFileException {
        return parse(TraceJson.readText(file));
    }

    public static SegmentTrace parse(String text) throws BadTraceFileException {
        return parse(text, SchemeId::byName);
    }

    /** As {@link #parse(String)}, with {@code schemes} resolving the scheme name (a scheme file's own name). */
    public static SegmentTrace parse(String text, java.util.function.Function<String, java.util.Optional<SchemeId>> schemes)
            throws BadTraceFileException {
        JsonNode root = TraceJson.tree(text);
        TraceJson.Header h = TraceJson.header(root, FORMAT, schemes);
        String keyedSide = TraceJson.text(root, "keyedSide");
        if (!Set.of("both", "client", "server").contains(keyedSide)) {
            throw new BadTraceFileException("\"keyedSide\" must be both, client or server");
        }
        JsonNode pop = root.get("population");
        if (pop == null || !pop.isObject()) {
            throw new BadTraceFileException("\"population\" must be an object");
        }
        only(pop, Set.of("clients", "keys"), "population");
        Map<String, List<String>> clients = new TreeMap<>();
        JsonNode cl = object(pop, "clients", "population");
        for (Iterator<Map.Entry<String, JsonNode>> it = cl.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("c1") && !e.getKey().equals("c2")) {
                throw new BadTraceFileException("population.clients: unknown client '" + e.getKey()
                        + "' (the reference's address plan has c1 and c2)");
            }
            JsonNode conns = e.getValue();
            List<String> names = new java.util.ArrayList<>();
            for (int i = 1; conns.isArray() && i <= conns.size() && i <= MAX_CONNS_PER_CLIENT; i++) {
                names.add(e.getKey() + "." + i);
            }
            if (!conns.isArray() || conns.isEmpty() || conns.size() > MAX_CONNS_PER_CLIENT
                    || !names.equals(java.util.stream.StreamSupport.stream(conns.spliterator(), false).map(JsonNode::asText).toList())) {
                throw new BadTraceFileException("population.clients." + e.getKey() + ": must be [\"" + e.getKey()
                        + ".1\", ...] in order, at most " + MAX_CONNS_PER_CLIENT + " connections per client");
            }
            clients.put(e.getKey(), List.copyOf(names));
        }
        if (clients.isEmpty()) {
            throw new BadTraceFileException("population.clients is empty");
        }
        Map<String, Bytes> keys = new TreeMap<>();
        JsonNode ks = object(pop, "keys", "population");
        for (Iterator<Map.Entry<String, JsonNode>> it = ks.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().matches("K[12]")) {
                throw new BadTraceFileException("population.keys: unknown key '" + e.getKey() + "' (K1, K2)");
            }
            if (!e.getValue().isTextual() || !HEX.matcher(e.getValue().asText()).matches()) {
                throw new BadTraceFileException("population.keys." + e.getKey() + ": must be 1 to 64 bytes of lower-case hex");
            }
            keys.put(e.getKey(), Bytes.fromHex(e.getValue().asText()));
        }
        JsonNode evs = root.get("events");
        if (evs == null || !evs.isArray()) {
            throw new BadTraceFileException("\"events\" must be an array");
        }
        if (evs.size() > MAX_EVENTS) {
            throw new BadTraceFileException("\"events\" has " + evs.size() + " entries, more than " + MAX_EVENTS);
        }
        List<SegmentEvent> events = new ArrayList<>();
        for (int i = 0; i < evs.size(); i++) {
            events.add(event(evs.get(i), "events[" + i + "]"));
        }
        return new SegmentTrace(h.engine(), h.scheme(), h.attack(), h.property(), h.seed(), keyedSide,
                h.attackerHasKey(), clients, keys, events);
    }

    private static SegmentEvent event(JsonNode n, String where) throws BadTraceFileException {
        if (n == null || !n.isObject()) {
            throw new BadTraceFileException(where + " is not an object");
        }
        String name = string(n, "event", where);
        Set<String> params = PARAMETERS.get(name);
        if (params == null) {
            throw new BadTraceFileException(where + ": unknown event '" + name + "'");
        }
        Set<String> allowed = new java.util.HashSet<>(params);
        allowed.add("event");
        only(n, allowed, where);
        if (name.equals("derive")) {
            return new SegmentEvent.Derive(term(n.get("value"), where + ".value", 0));
        }
        int seg = segment(n, "seg", where);
        return switch (name) {
            case "send" -> new SegmentEvent.Send(seg, conn(n, where), message(n, "msg", where), address(n, "dst", where));
            case "deliver" -> {
                int reply = n.has("reply") ? segment(n, "reply", where) : 0;
                String msg = reply == 0 ? "" : message(n, "replyMsg", where);
                if (reply == 0 && n.has("replyMsg")) {
                    throw new BadTraceFileException(where + ": \"replyMsg\" without \"reply\"");
                }
                yield new SegmentEvent.Deliver(seg, reply, msg);
            }
            case "lose" -> new SegmentEvent.Lose(seg);
            case "observe" -> new SegmentEvent.Observe(seg);
            case "drop" -> new SegmentEvent.Drop(seg);
            case "rewrite" -> new SegmentEvent.Rewrite(seg, address(n, "src", where), segment(n, "as", where));
            case "tamper" -> new SegmentEvent.Tamper(seg, edit(n, where), segment(n, "as", where));
            case "inject" -> new SegmentEvent.Inject(seg, message(n, "msg", where), conn(n, where), subflow(n, where),
                    address(n, "src", where), address(n, "dst", where), fields(n, where));
            default -> new SegmentEvent.Replay(seg, segment(n, "of", where), subflow(n, where), address(n, "src", where),
                    address(n, "dst", where));
        };
    }

    /** A tamper event's edit: {@code strip} or {@code clear:HH}. */
    private static String edit(JsonNode n, String where) throws BadTraceFileException {
        JsonNode v = n.get("edit");
        if (v == null || !v.isTextual() || !v.asText().matches("strip|clear:[0-9a-f]{2}")) {
            throw new BadTraceFileException(where + ": \"edit\" must be \"strip\" or \"clear:HH\" (two lowercase hex digits)");
        }
        return v.asText();
    }

    private static Map<String, SegmentTerm> fields(JsonNode n, String where) throws BadTraceFileException {
        JsonNode f = object(n, "fields", where);
        Map<String, SegmentTerm> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().matches("[A-Za-z][A-Za-z_]{0,15}")) {
                throw new BadTraceFileException(where + ": bad field name '" + e.getKey() + "'");
            }
            out.put(e.getKey(), term(e.getValue(), where + ".fields." + e.getKey(), 0));
        }
        return out;
    }

    /** A term: exactly one of the keys obs, own, key, addr, label, num, or fn (with args). */
    static SegmentTerm term(JsonNode n, String where, int depth) throws BadTraceFileException {
        if (depth > MAX_TERM_DEPTH) {
            throw new BadTraceFileException(where + ": term nested deeper than " + MAX_TERM_DEPTH);
        }
        if (n == null || !n.isObject()) {
            throw new BadTraceFileException(where + ": a term must be an object");
        }
        if (n.has("obs")) {
            only(n, Set.of("obs", "field"), where);
            return new SegmentTerm.Observed(segment(n, "obs", where), string(n, "field", where));
        }
        if (n.has("own")) {
            only(n, Set.of("own", "bits"), where);
            String name = string(n, "own", where);
            if (!name.startsWith("x.")) {
                throw new BadTraceFileException(where + ": the attacker's own values are named x.*, not '" + name + "'");
            }
            return new SegmentTerm.Own(name, bits(n, where));
        }
        if (n.has("key")) {
            only(n, Set.of("key"), where);
            String k = string(n, "key", where);
            if (!k.matches("K[12]|c[12]\\.[1-9]/[ab]")) {
                throw new BadTraceFileException(where + ": unknown key '" + k + "' (K1, K2; a private value c1.1/a, c1.1/b)");
            }
            return new SegmentTerm.GivenKey(k);
        }
        if (n.has("guess")) {
            only(n, Set.of("guess"), where);
            String g = string(n, "guess", where);
            if (!HEX.matcher(g).matches()) {
                throw new BadTraceFileException(where + ": a guess must be 1 to 64 bytes of lower-case hex");
            }
            return new SegmentTerm.Guess(g);
        }
        if (n.has("addr")) {
            only(n, Set.of("addr"), where);
            return new SegmentTerm.Address(address(n, "addr", where));
        }
        if (n.has("label")) {
            only(n, Set.of("label"), where);
            String l = string(n, "label", where);
            if (!l.matches("[ -~]{1,32}")) {
                throw new BadTraceFileException(where + ": a label is 1 to 32 printable ASCII characters");
            }
            return new SegmentTerm.Label(l);
        }
        if (n.has("num")) {
            only(n, Set.of("num", "bits"), where);
            JsonNode v = n.get("num");
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
                throw new BadTraceFileException(where + ": \"num\" must be a non-negative integer");
            }
            return new SegmentTerm.Num(v.asLong(), bits(n, where));
        }
        if (n.has("fn")) {
            only(n, Set.of("fn", "bits", "args"), where);
            String op = string(n, "fn", where);
            if (!SegmentTerm.FUNCTIONS.contains(op)) {
                throw new BadTraceFileException(where + ": unknown function '" + op + "' (" + String.join(", ", SegmentTerm.FUNCTIONS) + ")");
            }
            boolean trunc = op.startsWith("trunc");
            int bits = trunc ? bits(n, where) : 0;
            if (!trunc && n.has("bits")) {
                throw new BadTraceFileException(where + ": only a truncation has \"bits\"");
            }
            JsonNode as = n.get("args");
            if (as == null || !as.isArray()) {
                throw new BadTraceFileException(where + ": \"args\" must be an array");
            }
            int arity = switch (op) {
                case "hmac", "dh" -> 2;
                case "cat", "xor" -> -1;
                default -> 1;
            };
            if (arity > 0 ? as.size() != arity : as.size() < 2 || as.size() > 16) {
                throw new BadTraceFileException(where + ": " + op + " takes " + (arity > 0 ? arity : "2 to 16") + " arguments");
            }
            List<SegmentTerm> args = new ArrayList<>();
            for (int i = 0; i < as.size(); i++) {
                args.add(term(as.get(i), where + "." + op + "[" + i + "]", depth + 1));
            }
            return new SegmentTerm.Apply(op, bits, args);
        }
        throw new BadTraceFileException(where + ": a term has one of obs, own, key, addr, label, num, fn");
    }

    private static int bits(JsonNode n, String where) throws BadTraceFileException {
        JsonNode b = n.get("bits");
        if (b == null || !b.isInt() || b.asInt() <= 0 || b.asInt() > 512 || b.asInt() % 8 != 0) {
            throw new BadTraceFileException(where + ": \"bits\" must be a multiple of 8 from 8 to 512");
        }
        return b.asInt();
    }

    private static void only(JsonNode n, Set<String> allowed, String where) throws BadTraceFileException {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new BadTraceFileException(where + ": unknown parameter \"" + f + "\"");
            }
        }
    }

    private static JsonNode object(JsonNode n, String f, String where) throws BadTraceFileException {
        JsonNode v = n.get(f);
        if (v == null || !v.isObject()) {
            throw new BadTraceFileException(where + ": \"" + f + "\" must be an object");
        }
        return v;
    }

    private static String string(JsonNode n, String f, String where) throws BadTraceFileException {
        JsonNode v = n.get(f);
        if (v == null || !v.isTextual()) {
            throw new BadTraceFileException(where + ": missing string \"" + f + "\"");
        }
        return v.asText();
    }

    private static int segment(JsonNode n, String f, String where) throws BadTraceFileException {
        JsonNode v = n.get(f);
        if (v == null || !v.isInt() || v.asInt() < 1 || v.asInt() > 10 * MAX_EVENTS) {
            throw new BadTraceFileException(where + ": \"" + f + "\" must be a segment number from 1 to " + 10 * MAX_EVENTS);
        }
        return v.asInt();
    }

    private static String conn(JsonNode n, String where) throws BadTraceFileException {
        String c = string(n, "conn", where);
        if (!CONN.matcher(c).matches()) {
            throw new BadTraceFileException(where + ": unknown connection '" + c + "'");
        }
        return c;
    }

    private static String subflow(JsonNode n, String where) throws BadTraceFileException {
        String s = string(n, "subflow", where);
        if (!SUBFLOW.matcher(s).matches()) {
            throw new BadTraceFileException(where + ": bad subflow '" + s + "' (c1.1/J or inj/K)");
        }
        return s;
    }

    private static String message(JsonNode n, String f, String where) throws BadTraceFileException {
        String m = string(n, f, where);
        if (!MESSAGES.contains(m)) {
            throw new BadTraceFileException(where + ": unknown message '" + m + "'");
        }
        return m;
    }

    private static String address(JsonNode n, String f, String where) throws BadTraceFileException {
        String a = string(n, f, where);
        if (Addresses.byName(a).isEmpty()) {
            throw new BadTraceFileException(where + ": unknown address '" + a + "'");
        }
        return a;
    }

    // ---- writing ------------------------------------------------------------------------------

    /** The file's JSON object, keys in the documented order. */
    public static Map<String, Object> toMap(SegmentTrace t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("engine", t.engine());
        m.put("scheme", t.scheme().wireName());
        m.put("attack", t.attack().wireName());
        m.put("property", t.property().modelName());
        m.put("seed", t.seed());
        m.put("keyedSide", t.keyedSide());
        m.put("attackerHasKey", t.attackerHasKey());
        Map<String, Object> pop = new LinkedHashMap<>();
        pop.put("clients", new TreeMap<>(t.clients()));
        Map<String, String> keys = new TreeMap<>();
        t.keys().forEach((k, v) -> keys.put(k, v.hex()));
        pop.put("keys", keys);
        m.put("population", pop);
        m.put("events", t.events().stream().map(SegmentTraceJson::eventMap).toList());
        return m;
    }

    static Map<String, Object> eventMap(SegmentEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", e.name());
        if (e instanceof SegmentEvent.Send s) {
            m.put("seg", s.seg());
            m.put("conn", s.conn());
            m.put("msg", s.msg());
            m.put("dst", s.dst());
        } else if (e instanceof SegmentEvent.Deliver d) {
            m.put("seg", d.seg());
            if (d.reply() != 0) {
                m.put("reply", d.reply());
                m.put("replyMsg", d.replyMsg());
            }
        } else if (e instanceof SegmentEvent.Lose l) {
            m.put("seg", l.seg());
        } else if (e instanceof SegmentEvent.Observe o) {
            m.put("seg", o.seg());
        } else if (e instanceof SegmentEvent.Drop d) {
            m.put("seg", d.seg());
        } else if (e instanceof SegmentEvent.Rewrite r) {
            m.put("seg", r.seg());
            m.put("src", r.src());
            m.put("as", r.as());
        } else if (e instanceof SegmentEvent.Tamper t) {
            m.put("seg", t.seg());
            m.put("edit", t.edit());
            m.put("as", t.as());
        } else if (e instanceof SegmentEvent.Inject i) {
            m.put("seg", i.seg());
            m.put("msg", i.msg());
            m.put("conn", i.conn());
            m.put("subflow", i.subflow());
            m.put("src", i.src());
            m.put("dst", i.dst());
            Map<String, Object> f = new TreeMap<>();
            i.fields().forEach((k, v) -> f.put(k, termMap(v)));
            m.put("fields", f);
        } else if (e instanceof SegmentEvent.Derive d) {
            m.put("value", termMap(d.value()));
        } else if (e instanceof SegmentEvent.Replay r) {
            m.put("seg", r.seg());
            m.put("of", r.of());
            m.put("subflow", r.subflow());
            m.put("src", r.src());
            m.put("dst", r.dst());
        }
        return m;
    }

    static Map<String, Object> termMap(SegmentTerm t) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (t instanceof SegmentTerm.Observed o) {
            m.put("obs", o.seg());
            m.put("field", o.field());
        } else if (t instanceof SegmentTerm.Own o) {
            m.put("own", o.name());
            m.put("bits", o.bits());
        } else if (t instanceof SegmentTerm.GivenKey k) {
            m.put("key", k.name());
        } else if (t instanceof SegmentTerm.Guess g) {
            m.put("guess", g.hex());
        } else if (t instanceof SegmentTerm.Address a) {
            m.put("addr", a.name());
        } else if (t instanceof SegmentTerm.Label l) {
            m.put("label", l.text());
        } else if (t instanceof SegmentTerm.Num n) {
            m.put("num", n.value());
            m.put("bits", n.bits());
        } else if (t instanceof SegmentTerm.Apply a) {
            m.put("fn", a.op());
            if (a.op().startsWith("trunc")) {
                m.put("bits", a.bits());
            }
            m.put("args", a.args().stream().map(SegmentTraceJson::termMap).toList());
        }
        return m;
    }

    /** The file text: two-space indentation, one key per line, a final newline; same trace, same bytes. */
    public static String write(SegmentTrace t) {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
        pp.indentArraysWith(new DefaultIndenter("  ", "\n"));
        pp.indentObjectsWith(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(pp).writeValueAsString(toMap(t)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the file atomically. */
    public static void writeFile(Path target, SegmentTrace t) {
        AtomicWrite.text(target, write(t));
    }
}
