package org.mptcpverify.models.tlc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/** Reads the traces engine's export, {@code validation-traces/<scheme>.json} (docs/traces-engine.md). */
public final class ValidationTraces {
    private ValidationTraces() {
    }

    public static List<ValidationTrace> read(Path file, SchemeId scheme) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (root == null || !root.isArray()) {
            throw new IOException(file + ": not a JSON list of traces");
        }
        List<ValidationTrace> out = new ArrayList<>();
        int index = 0;
        for (JsonNode t : root) {
            String name = file.getFileName() + "[" + index++ + "]";
            AttackId attack = AttackId.byName(text(t, "attack", name))
                    .orElseThrow(() -> new IOException(name + ": unknown attack " + t.get("attack")));
            JsonNode side = t.get("keyedSide");
            List<TraceAction> actions = new ArrayList<>();
            for (JsonNode a : t.withArray("actions")) {
                actions.add(action(a, name));
            }
            List<Boolean> enabled = new ArrayList<>();
            for (JsonNode e : t.withArray("enabled")) {
                enabled.add(e.asBoolean());
            }
            List<Map<String, Object>> observations = new ArrayList<>();
            for (JsonNode o : t.withArray("observations")) {
                Map<String, Object> m = new LinkedHashMap<>();
                o.fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue().isBoolean() ? f.getValue().asBoolean()
                        : f.getValue().isNumber() ? (Object) f.getValue().asInt() : f.getValue().asText()));
                observations.add(m);
            }
            out.add(new ValidationTrace(name, scheme, attack,
                    side == null || side.isNull() ? null : side.asText(),
                    t.path("attackerHasKey").asBoolean(false), t.path("seed").asLong(),
                    actions, enabled, observations));
        }
        return out;
    }

    static TraceAction action(JsonNode a, String where) throws IOException {
        Map<String, String> r = new LinkedHashMap<>();
        a.fields().forEachRemaining(f -> r.put(f.getKey(), f.getValue().asText()));
        try {
            return TraceActions.action(r);
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode t, String field, String where) throws IOException {
        JsonNode n = t.get(field);
        if (n == null || !n.isTextual()) {
            throw new IOException(where + ": missing " + field);
        }
        return n.asText();
    }
}
