package org.mptcpverify.models.tlc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mptcpverify.io.AtomicWrite;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.trace.TraceJson;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * Writes {@code <root>/<scheme>/<attack>/tlc.json} (docs/threat-model.md "Counterexample files")
 * and {@code tlc.txt} (TLC's own trace text), each atomically, with the same bytes for the same
 * trace.
 */
public final class CounterexampleFile {
    public static final String FORMAT = "mptcp-verify-counterexample/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CounterexampleFile() {
    }

    public static Path cellDir(Path root, SchemeId scheme, AttackId attack) {
        Path dir = root;
        for (String part : scheme.wireName().split("/")) {
            dir = dir.resolve(part);
        }
        return dir.resolve(attack.wireName());
    }

    /** The JSON document, fields in the contract's order. */
    public static Map<String, Object> document(SchemeId scheme, AttackId attack, PropertyId property,
                                               long seed, String keyedSide, boolean attackerHasKey,
                                               List<TraceAction> actions, List<TraceState> states) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("engine", "tlc");
        doc.put("scheme", scheme.wireName());
        doc.put("attack", attack.wireName());
        doc.put("property", property.modelName());
        doc.put("seed", seed);
        doc.put("keyedSide", keyedSide);
        doc.put("attackerHasKey", attackerHasKey);
        List<Map<String, Object>> acts = new ArrayList<>();
        for (TraceAction a : actions) {
            acts.add(TraceJson.actionMap(a));
        }
        doc.put("actions", acts);
        List<Map<String, Object>> st = new ArrayList<>();
        for (TraceState s : states) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("number", s.number());
            m.put("action", s.header().replaceAll(" line .*", "").replace("<", "").replace(">", ""));
            // sorted variable names: TLC's own order depends on hashing
            m.put("variables", new java.util.TreeMap<>(s.variables()));
            st.add(m);
        }
        doc.put("states", st);
        return doc;
    }

    /** Writes tlc.json and tlc.txt; returns the JSON path. */
    public static Path write(Path root, SchemeId scheme, AttackId attack, Map<String, Object> doc,
                             String traceText) throws IOException {
        Path dir = Files.createDirectories(cellDir(root, scheme, attack));
        Path json = dir.resolve("tlc.json");
        writeAtomically(json, JSON.writeValueAsString(doc) + "\n");
        writeAtomically(dir.resolve("tlc.txt"), traceText);
        return json;
    }

    /** Removes this engine's files of a cell (tlc.json, tlc.txt), if any. */
    public static void delete(Path root, SchemeId scheme, AttackId attack) throws IOException {
        Path dir = cellDir(root, scheme, attack);
        Files.deleteIfExists(dir.resolve("tlc.json"));
        Files.deleteIfExists(dir.resolve("tlc.txt"));
    }

    static void writeAtomically(Path target, String content) throws IOException {
        AtomicWrite.write(target, content.getBytes(StandardCharsets.UTF_8));
    }
}
