package org.mptcpverify.matrix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * What a sharded matrix run leaves for {@code merge}: {@code shard.json} (which shard of which
 * selection) beside the usual matrix.json, and the way back from matrix.json to a {@link MatrixRun}.
 */
public final class ShardFiles {
    public static final String SHARD_JSON = "shard.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShardFiles() {}

    /** The selection a shard belongs to, in matrix order. */
    public record Selection(Shard shard, List<SchemeId> schemes, List<AttackId> attacks, List<String> engines) {}

    public static String render(Selection s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shard", s.shard().toString());
        m.put("schemes", s.schemes().stream().map(SchemeId::wireName).toList());
        m.put("attacks", s.attacks().stream().map(AttackId::wireName).toList());
        m.put("engines", s.engines());
        try {
            return JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@code dir/shard.json}; IllegalArgumentException (one line) when missing or malformed. */
    public static Selection readSelection(Path dir) {
        JsonNode n = read(dir.resolve(SHARD_JSON));
        try {
            List<SchemeId> schemes = new ArrayList<>();
            n.path("schemes").forEach(x -> schemes.add(SchemeId.byName(x.asText()).orElseThrow()));
            List<AttackId> attacks = new ArrayList<>();
            n.path("attacks").forEach(x -> attacks.add(AttackId.byName(x.asText()).orElseThrow()));
            List<String> engines = new ArrayList<>();
            n.path("engines").forEach(x -> engines.add(x.asText()));
            return new Selection(Shard.parse(n.path("shard").asText()), schemes, attacks, engines);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(dir.resolve(SHARD_JSON) + ": not a shard description (" + e.getMessage() + ")");
        }
    }

    /**
     * Reads {@code dir/matrix.json} back into the run it was rendered from; counterexample paths
     * are resolved against {@code counterexampleBase} (where merge copies them).
     */
    public static MatrixRun readRun(Path dir, List<String> engines, Path counterexampleBase) {
        Path file = dir.resolve("matrix.json");
        JsonNode root = read(file);
        try {
            List<CellOutcome> cells = new ArrayList<>();
            for (JsonNode c : root.path("cells")) {
                Map<String, CellResult> byEngine = new LinkedHashMap<>();
                for (String e : engines) {
                    JsonNode r = c.path("engines").path(e);
                    if (r.isMissingNode()) throw new IllegalArgumentException("no " + e + " result in a cell");
                    List<PropertyId> violated = new ArrayList<>();
                    r.path("violated").forEach(v -> violated.add(PropertyId.byName(v.asText()).orElseThrow()));
                    @SuppressWarnings("unchecked")
                    Map<String, Object> bounds = JSON.convertValue(r.path("bounds"), LinkedHashMap.class);
                    if (r.path("tlcSeconds").isNumber()) {
                        bounds.put("tlcSeconds", r.path("tlcSeconds").asDouble()); // a timing kept beside the bounds
                    }
                    Path cx = r.path("counterexample").isTextual()
                            ? counterexampleBase.resolve(r.path("counterexample").asText()) : null;
                    String reason = r.path("reason").isTextual() ? r.path("reason").asText() : null;
                    // the witness is an object of counts, or a text (no attacker by design) that is rendered, not kept
                    @SuppressWarnings("unchecked")
                    Map<String, Object> witness = r.path("witness").isObject()
                            ? JSON.convertValue(r.path("witness"), LinkedHashMap.class) : Map.of();
                    CellResult.Committed source = "committed".equals(r.path("source").asText())
                            ? new CellResult.Committed(r.path("committedIn").asText(), r.path("fingerprint").asText()) : null;
                    byEngine.put(e, new CellResult(Verdict.valueOf(r.path("verdict").asText()), violated,
                            r.path("seconds").asDouble(), bounds, cx, reason, witness, source));
                }
                cells.add(new CellOutcome(SchemeId.byName(c.path("scheme").asText()).orElseThrow(),
                        AttackId.byName(c.path("attack").asText()).orElseThrow(), byEngine));
            }
            Map<String, String> versions = new LinkedHashMap<>();
            root.path("versions").fields().forEachRemaining(f -> versions.put(f.getKey(), f.getValue().asText()));
            return new MatrixRun(engines, cells, root.path("seed").asLong(), versions, 0.0);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": not a matrix.json of this version (" + e.getMessage() + ")");
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
