package org.mptcpverify.models.verdicts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * A model-checked column's committed verdicts (one JSON file per engine model), each with the
 * fingerprint of everything the checker read to decide the cell. {@code results --check} reuses a
 * verdict whose fingerprint is unchanged and reruns the checker for the others
 * ({@code FingerprintedEngine}), so checking the committed results does not pay a slow column in
 * full. The engine model supplies only the file, its format name and the {@link Fingerprint}
 * (the TLA+ core: {@code CoreVerdicts}; the Alloy core: {@code AlloyCoreVerdicts}).
 *
 * @param file        relative to the repository root
 * @param format      the file's {@code format} value
 * @param fingerprint what the cell's verdict depends on, as a SHA-256 hex string
 */
public record VerdictCache(String file, String format, Fingerprint fingerprint) {
    /** The fingerprint of a cell's inputs under a seed. */
    @FunctionalInterface
    public interface Fingerprint {
        String of(SchemeId scheme, AttackId attack, long seed);

        /**
         * Every fingerprint a committed entry of the cell may carry and still be current, {@link #of}
         * first: another only where the engine model states why a verdict over that input decides
         * the same question (the Alloy core: a cell checked over its full term universe before the
         * per-client one applied to it).
         */
        default List<String> accepted(SchemeId scheme, AttackId attack, long seed) {
            return List.of(of(scheme, attack, seed));
        }
    }

    /** Whether {@code e} was recorded for the cell's current inputs under {@code seed}. */
    public boolean current(Entry e, long seed) {
        return fingerprint.accepted(e.scheme(), e.attack(), seed).contains(e.fingerprint());
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /**
     * One cell's committed verdict.
     *
     * @param counterexample the counterexample file relative to the repository root, or null
     */
    public record Entry(SchemeId scheme, AttackId attack, Verdict verdict, List<PropertyId> violated,
                        Map<String, Object> bounds, Map<String, Object> witness, String counterexample, String reason,
                        String fingerprint) {

        /** The result this entry records; {@code counterexample} is where the caller put the file (or null). */
        public CellResult result(Path counterexample) {
            return new CellResult(verdict, violated, 0.0, bounds, counterexample, reason, witness);
        }

        /** The same verdict, properties, bounds, witness and reason as {@code other} (fingerprints aside). */
        public boolean sameOutcome(Entry other) {
            return verdict == other.verdict && violated.equals(other.violated) && bounds.equals(other.bounds)
                    && witness.equals(other.witness) && java.util.Objects.equals(reason, other.reason);
        }
    }

    /**
     * The entry of a result (timings left out: no run repeats them): a fresh one's with the current
     * fingerprint, a reused one's with the fingerprint it was recorded under (which may be another
     * {@link Fingerprint#accepted} one: what was solved stays on record).
     */
    public Entry entry(SchemeId scheme, AttackId attack, CellResult r, long seed) {
        String cx = r.counterexample() == null ? null
                : "counterexamples/" + scheme.wireName() + "/" + attack.wireName() + "/" + r.counterexample().getFileName();
        return new Entry(scheme, attack, r.verdict(), List.copyOf(r.violated()), untimed(r.bounds()), normal(r.witness()), cx,
                r.reason(), r.source() != null && r.source().file().equals(file) ? r.source().fingerprint()
                        : fingerprint.of(scheme, attack, seed));
    }

    /** SHA-256 of {@code text} (UTF-8) as lower-case hex: the fingerprint of the text a checker reads. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The file's text: entries in the order given, maps with sorted keys. */
    public String render(long seed, List<Entry> entries) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", format);
        root.put("generatedBy", "./mptcp-verify results");
        root.put("seed", seed);
        List<Map<String, Object>> cells = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scheme", e.scheme().wireName());
            m.put("attack", e.attack().wireName());
            m.put("verdict", e.verdict().name());
            m.put("violated", e.violated().stream().map(PropertyId::modelName).toList());
            m.put("bounds", e.bounds());
            m.put("witness", e.witness());
            m.put("counterexample", e.counterexample());
            m.put("reason", e.reason());
            m.put("fingerprint", e.fingerprint());
            cells.add(m);
        }
        root.put("cells", cells);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The committed entries by "scheme attack"; empty when the file does not exist. */
    public Map<String, Entry> read(Path file) throws IOException {
        Map<String, Entry> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) return out;
        JsonNode root = JSON.readTree(file.toFile());
        if (!format.equals(root.path("format").asText())) {
            throw new IOException(file + ": \"format\" is not " + format);
        }
        for (JsonNode c : root.path("cells")) {
            SchemeId s = SchemeId.byName(c.path("scheme").asText())
                    .orElseThrow(() -> new IOException(file + ": unknown scheme " + c.path("scheme")));
            AttackId a = AttackId.byName(c.path("attack").asText())
                    .orElseThrow(() -> new IOException(file + ": unknown attack " + c.path("attack")));
            List<PropertyId> violated = new ArrayList<>();
            for (JsonNode p : c.path("violated")) {
                violated.add(PropertyId.byName(p.asText()).orElseThrow(() -> new IOException(file + ": unknown property " + p)));
            }
            out.put(key(s, a), new Entry(s, a, Verdict.valueOf(c.path("verdict").asText()), violated,
                    map(c.path("bounds")), map(c.path("witness")), text(c.path("counterexample")), text(c.path("reason")),
                    c.path("fingerprint").asText()));
        }
        return out;
    }

    public static String key(SchemeId s, AttackId a) {
        return s.wireName() + " " + a.wireName();
    }

    public static Optional<Entry> lookup(Map<String, Entry> entries, SchemeId s, AttackId a) {
        return Optional.ofNullable(entries.get(key(s, a)));
    }

    private static String text(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? null : n.asText();
    }

    private static Map<String, Object> map(JsonNode n) {
        return normal(JSON.convertValue(n, new TypeReference<LinkedHashMap<String, Object>>() {}));
    }

    /** Numbers as longs, keys sorted: a map read back equals the map written. */
    private static Map<String, Object> normal(Map<String, Object> m) {
        Map<String, Object> out = new TreeMap<>();
        if (m == null) return out;
        m.forEach((k, v) -> out.put(k, v instanceof Integer || v instanceof Long || v instanceof Short ? ((Number) v).longValue() : v));
        return out;
    }

    private static Map<String, Object> untimed(Map<String, Object> bounds) {
        Map<String, Object> m = normal(bounds);
        m.keySet().removeIf(k -> k.endsWith("Seconds"));
        return m;
    }
}
