package org.mptcpverify.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mptcpverify.io.AtomicWrite;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The common fields of a counterexample file (docs/threat-model.md, "Counterexample files"):
 * reading with a one-line reason for anything malformed, and writing them in the shared layout.
 * Engine-specific fields after {@code actions} are ignored on reading.
 */
public final class TraceJson {
    public static final String FORMAT = "mptcp-verify-counterexample/1";
    /** The exchange-level format, whose replay was deleted in session 14 (docs/traces-engine.md). */
    public static final String RETIRED_FORMAT = "mptcp-verify-counterexample/1";
    /** Far above any counterexample the engines write (a few actions, some kB). */
    public static final long MAX_FILE_BYTES = 1L << 20;
    public static final int MAX_ACTIONS = 1_000;
    // Strict: one JSON object and nothing after it, no key twice (a reader must not pick one).
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Set<String> ACTIONS = Set.of("Connect", "Join", "Advertise", "Close", "ForgeJoin",
            "SpoofJoinSyn", "RewriteJoin", "ForgeAddAddr", "ForgeFastClose",
            "RemoveAddr", "SetBackup", "ForgeRemoveAddr", "ForgeMpPrio");

    private TraceJson() {}

    /** A counterexample's common fields. */
    public record CounterexampleFile(String engine, SchemeId scheme, AttackId attack, PropertyId property, long seed,
                                     String keyedSide, boolean attackerHasKey, List<TraceAction> actions,
                                     String guessedKey) {
        public CounterexampleFile {
            actions = List.copyOf(actions);
        }

        public CounterexampleFile(String engine, SchemeId scheme, AttackId attack, PropertyId property, long seed,
                                  String keyedSide, boolean attackerHasKey, List<TraceAction> actions) {
            this(engine, scheme, attack, property, seed, keyedSide, attackerHasKey, actions, null);
        }

        public Scenario scenario() {
            return new Scenario(scheme, attack, seed, keyedSide, attackerHasKey, guessedKey);
        }
    }

    /** A file that is not a valid counterexample: the message says what is wrong. */
    public static final class BadTraceFileException extends Exception {
        public BadTraceFileException(String message) {
            super(oneLine(message));
        }

        /** The message echoes values from the file: control characters (a newline in a field) are escaped so it stays one line. */
        private static String oneLine(String message) {
            StringBuilder sb = new StringBuilder(message.length());
            message.codePoints().forEach(c -> {
                if (Character.isISOControl(c)) {
                    sb.append(String.format("\\u%04x", c));
                } else {
                    sb.appendCodePoint(c);
                }
            });
            return sb.toString();
        }
    }

    public static CounterexampleFile read(Path file) throws BadTraceFileException {
        return read(file, SchemeId::byName);
    }

    /** As {@link #read(Path)}, with {@code schemes} resolving the file's scheme name (a defined scheme's too). */
    public static CounterexampleFile read(Path file, java.util.function.Function<String, java.util.Optional<SchemeId>> schemes)
            throws BadTraceFileException {
        return parse(readText(file), schemes);
    }

    /** The text of a counterexample file of any format, within the size limit. */
    public static String readText(Path file) throws BadTraceFileException {
        String text;
        try {
            if (!Files.isRegularFile(file)) {
                throw new BadTraceFileException(Files.exists(file) ? "not a regular file" : "no such file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new BadTraceFileException(size + " bytes, more than the " + MAX_FILE_BYTES + " a counterexample may have");
            }
            text = Files.readString(file);
        } catch (IOException e) {
            throw new BadTraceFileException("cannot read: " + e.getMessage());
        }
        return text;
    }

    /** The strict parse of a counterexample file's text into a JSON object (one object, no key twice). */
    public static JsonNode tree(String text) throws BadTraceFileException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // one line: the CLI prints this message as its whole answer
            throw new BadTraceFileException("not JSON: " + e.getOriginalMessage().replaceAll("\\s*\\R\\s*", " "));
        }
        if (root == null || !root.isObject()) {
            throw new BadTraceFileException("not a JSON object");
        }
        return root;
    }

    public static CounterexampleFile parse(String text) throws BadTraceFileException {
        return parse(text, SchemeId::byName);
    }

    /** As {@link #parse(String)}, with {@code schemes} resolving the scheme name. */
    public static CounterexampleFile parse(String text, java.util.function.Function<String, java.util.Optional<SchemeId>> schemes)
            throws BadTraceFileException {
        JsonNode root = tree(text);
        Header h = header(root, FORMAT, schemes);
        AttackId attack = h.attack();
        JsonNode ks = root.get("keyedSide");
        String keyedSide = ks == null || ks.isNull() ? null : ks.isTextual() ? ks.asText() : "?";
        if (attack == AttackId.ONE_SIDED_KEY) {
            if (!"client".equals(keyedSide) && !"server".equals(keyedSide)) {
                throw new BadTraceFileException("\"keyedSide\" must be \"client\" or \"server\" for one-sided-key");
            }
        } else if (keyedSide != null) {
            throw new BadTraceFileException("\"keyedSide\" must be null outside one-sided-key");
        }
        JsonNode acts = root.get("actions");
        if (acts == null || !acts.isArray()) {
            throw new BadTraceFileException("\"actions\" must be an array");
        }
        if (acts.size() > MAX_ACTIONS) {
            throw new BadTraceFileException("\"actions\" has " + acts.size() + " entries, more than " + MAX_ACTIONS);
        }
        List<TraceAction> actions = new ArrayList<>();
        for (int i = 0; i < acts.size(); i++) {
            TraceAction a = action(acts.get(i), i);
            List<String> src = a instanceof TraceAction.SpoofJoinSyn s ? List.of(s.src()) : List.of();
            if (!ActionAlphabet.of(attack, src).contains(a)) {
                throw new BadTraceFileException("actions[" + i + "]: " + a.name() + " by " + a.client()
                        + " is not an action of " + attack.wireName() + " (docs/threat-model.md)");
            }
            actions.add(a);
        }
        return new CounterexampleFile(h.engine(), h.scheme(), attack, h.property(), h.seed(), keyedSide, h.attackerHasKey(),
                actions, guessedKey(root));
    }

    /** The optional {@code guessedKey}: the attacker's guess of the external key, even-length lowercase hex. */
    private static String guessedKey(JsonNode root) throws BadTraceFileException {
        JsonNode g = root.get("guessedKey");
        if (g == null || g.isNull()) {
            return null;
        }
        if (!g.isTextual() || !g.asText().matches("([0-9a-f]{2}){1,32}")) {
            throw new BadTraceFileException("\"guessedKey\" must be lowercase hex of 1 to 32 bytes");
        }
        return g.asText();
    }

    /** The fields every counterexample format starts with (keyedSide differs between formats). */
    public record Header(String engine, SchemeId scheme, AttackId attack, PropertyId property, long seed,
                         boolean attackerHasKey) {}

    /** Reads and checks the common fields of a file of format {@code format}. */
    public static Header header(JsonNode root, String format) throws BadTraceFileException {
        return header(root, format, SchemeId::byName);
    }

    /** As {@link #header(JsonNode, String)}, with {@code schemes} resolving the scheme name. */
    public static Header header(JsonNode root, String format,
                                java.util.function.Function<String, java.util.Optional<SchemeId>> schemes) throws BadTraceFileException {
        String declared = text(root, "format");
        if (RETIRED_FORMAT.equals(declared) && !format.equals(declared)) {
            // the committed files were regenerated at segment level; an old file names its format, not a parse error
            throw new BadTraceFileException("format '" + RETIRED_FORMAT + "' (exchange-level actions) is no longer supported: only '"
                    + format + "' files replay; regenerate it with the engine that wrote it");
        }
        if (!format.equals(declared)) {
            throw new BadTraceFileException("\"format\" is '" + declared + "', expected '" + format + "'");
        }
        String engine = text(root, "engine");
        SchemeId scheme = schemes.apply(text(root, "scheme"))
                .orElseThrow(() -> new BadTraceFileException("unknown scheme '" + root.get("scheme").asText() + "'"));
        AttackId attack = AttackId.byName(text(root, "attack"))
                .orElseThrow(() -> new BadTraceFileException("unknown attack '" + root.get("attack").asText() + "'"));
        PropertyId property = PropertyId.byName(text(root, "property"))
                .orElseThrow(() -> new BadTraceFileException("unknown property '" + root.get("property").asText() + "'"));
        if (!attack.applicableProperties(scheme).contains(property)) {
            throw new BadTraceFileException("property " + property + " is not checked by " + attack + " on " + scheme);
        }
        JsonNode seed = root.get("seed");
        if (seed == null || !seed.isIntegralNumber() || !seed.canConvertToLong()) {
            throw new BadTraceFileException("\"seed\" must be an integer");
        }
        JsonNode hk = root.get("attackerHasKey");
        if (hk == null || !hk.isBoolean()) {
            throw new BadTraceFileException("\"attackerHasKey\" must be true or false");
        }
        return new Header(engine, scheme, attack, property, seed.asLong(), hk.asBoolean());
    }

    /** A required string field. */
    public static String text(JsonNode root, String field) throws BadTraceFileException {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            throw new BadTraceFileException("missing string field \"" + field + "\"");
        }
        return n.asText();
    }

    /** Parses one action object of the shared vocabulary; the message names what is wrong. */
    public static TraceAction parseAction(JsonNode n) throws BadTraceFileException {
        return action(n, "action");
    }

    private static TraceAction action(JsonNode n, int i) throws BadTraceFileException {
        return action(n, "actions[" + i + "]");
    }

    private static TraceAction action(JsonNode n, String where) throws BadTraceFileException {
        if (n == null || !n.isObject()) {
            throw new BadTraceFileException(where + " is not an object");
        }
        String name = field(n, "action", where);
        if (!ACTIONS.contains(name)) {
            throw new BadTraceFileException(where + ": unknown action '" + name + "'");
        }
        String client = field(n, "client", where);
        if (!client.equals("c1") && !client.equals("c2")) {
            throw new BadTraceFileException(where + ": unknown client '" + client + "' (c1 or c2)");
        }
        Set<String> allowed = name.equals("SpoofJoinSyn") ? Set.of("action", "client", "mode", "src") : Set.of("action", "client");
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new BadTraceFileException(where + ": " + name + " has no parameter \"" + f + "\"");
            }
        }
        switch (name) {
            case "Connect": return new TraceAction.Connect(client);
            case "Join": return new TraceAction.Join(client);
            case "Advertise": return new TraceAction.Advertise(client);
            case "Close": return new TraceAction.Close(client);
            case "ForgeJoin": return new TraceAction.ForgeJoin(client);
            case "RewriteJoin": return new TraceAction.RewriteJoin(client);
            case "ForgeAddAddr": return new TraceAction.ForgeAddAddr(client);
            case "ForgeFastClose": return new TraceAction.ForgeFastClose(client);
            case "RemoveAddr": return new TraceAction.RemoveAddr(client);
            case "SetBackup": return new TraceAction.SetBackup(client);
            case "ForgeRemoveAddr": return new TraceAction.ForgeRemoveAddr(client);
            case "ForgeMpPrio": return new TraceAction.ForgeMpPrio(client);
            default: {
                String mode = field(n, "mode", where);
                if (!mode.equals("forge") && !mode.equals("replay")) {
                    throw new BadTraceFileException(where + ": SpoofJoinSyn mode '" + mode + "' (forge or replay)");
                }
                String src = field(n, "src", where);
                if (Addresses.byName(src).isEmpty()) {
                    throw new BadTraceFileException(where + ": unknown source address '" + src + "'");
                }
                return new TraceAction.SpoofJoinSyn(client, mode, src);
            }
        }
    }

    private static String field(JsonNode n, String f, String where) throws BadTraceFileException {
        JsonNode v = n.get(f);
        if (v == null || !v.isTextual()) {
            throw new BadTraceFileException(where + ": missing string \"" + f + "\"");
        }
        return v.asText();
    }

    // ---- writing ------------------------------------------------------------------------------

    public static Map<String, Object> actionMap(TraceAction a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", a.name());
        m.put("client", a.client());
        if (a instanceof TraceAction.SpoofJoinSyn s) {
            m.put("mode", s.mode());
            m.put("src", s.src());
        }
        return m;
    }

    /** The common fields in the shared order; {@code extra} (engine fields) follow {@code actions}. */
    public static Map<String, Object> toMap(CounterexampleFile f, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("engine", f.engine());
        m.put("scheme", f.scheme().wireName());
        m.put("attack", f.attack().wireName());
        m.put("property", f.property().modelName());
        m.put("seed", f.seed());
        m.put("keyedSide", f.keyedSide());
        m.put("attackerHasKey", f.attackerHasKey());
        if (f.guessedKey() != null) {
            m.put("guessedKey", f.guessedKey());
        }
        m.put("actions", f.actions().stream().map(TraceJson::actionMap).toList());
        m.putAll(extra);
        return m;
    }

    public static String write(CounterexampleFile f, Map<String, Object> extra) {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
        pp.indentArraysWith(new DefaultIndenter("  ", "\n"));
        pp.indentObjectsWith(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(pp).writeValueAsString(toMap(f, extra)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the file atomically (temp file in the same directory, then an atomic move). */
    public static void writeFile(Path target, CounterexampleFile f, Map<String, Object> extra) {
        AtomicWrite.text(target, write(f, extra));
    }
}
