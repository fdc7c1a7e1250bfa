package org.mptcpverify.sweeps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mptcpverify.io.AtomicWrite;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The committed sweeps (docs/sweeps.json): per engine and cell, the verdict at rising values of
 * one bound, and the SHA-256 of the model inputs the sweep was run on, so a stale sweep is
 * detected without running it again. No times are stored: the file is the same bytes for the
 * same inputs, seed and timeout, whatever the machine's load (a level that timed out says so).
 */
public record SweepData(List<Sweep> sweeps) {
    /** Where the committed sweeps live, relative to the repository root. */
    public static final Path FILE = Path.of("docs", "sweeps.json");

    /** One level of a sweep: the swept bound's value, the verdict, the size checked, and why if not decided. */
    public record Level(int value, String verdict, String size, String bounds, String reason) {
        /** Whether this level supports a claim within its bounds (HOLDS or VACUOUS: no violation found). */
        public boolean noViolation() {
            return verdict.equals("HOLDS") || verdict.equals("VACUOUS");
        }

        public boolean run() {
            return !verdict.equals("NOT_RUN");
        }
    }

    /** One (engine, cell, swept key) sweep, with the inputs it was run on. */
    public record Sweep(String engine, String model, SchemeId scheme, AttackId attack, String key, long seed,
                        int timeoutSeconds, Map<String, String> inputs, List<Level> levels) {
        public Sweep {
            inputs = new TreeMap<>(inputs);
            levels = List.copyOf(levels);
        }

        boolean sameSlot(Sweep o) {
            return engine.equals(o.engine) && scheme.equals(o.scheme) && attack == o.attack && key.equals(o.key);
        }
    }

    public SweepData {
        sweeps = sweeps.stream().sorted(ORDER).toList();
    }

    private static final Comparator<Sweep> ORDER = Comparator.comparing(Sweep::scheme)
            .thenComparing(Sweep::attack).thenComparing(Sweep::engine).thenComparing(Sweep::key);

    public static SweepData empty() {
        return new SweepData(List.of());
    }

    /** These sweeps in place of the ones of the same engine, cell and key; the others are kept. */
    public SweepData merge(List<Sweep> fresh) {
        List<Sweep> out = new ArrayList<>(sweeps.stream().filter(s -> fresh.stream().noneMatch(s::sameSlot)).toList());
        out.addAll(fresh);
        return new SweepData(out);
    }

    /** The sweeps of one engine and cell, in key order. */
    public List<Sweep> of(String engine, SchemeId scheme, AttackId attack) {
        return sweeps.stream().filter(s -> s.engine.equals(engine) && s.scheme.equals(scheme) && s.attack == attack).toList();
    }

    /** The committed file, or no sweeps if there is none. */
    public static SweepData read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return empty();
        }
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<Sweep> out = new ArrayList<>();
        for (JsonNode s : root.path("sweeps")) {
            String schemeName = s.path("scheme").asText();
            SchemeId scheme = SchemeId.byName(schemeName)
                    .orElseThrow(() -> new IOException(file + ": unknown scheme '" + schemeName + "'"));
            AttackId attack = AttackId.byName(s.path("attack").asText())
                    .orElseThrow(() -> new IOException(file + ": unknown attack '" + s.path("attack").asText() + "'"));
            String key = s.path("swept").asText();
            Map<String, String> inputs = new TreeMap<>();
            s.path("inputs").fields().forEachRemaining(e -> inputs.put(e.getKey(), e.getValue().asText()));
            List<Level> levels = new ArrayList<>();
            for (JsonNode l : s.path("levels")) {
                levels.add(new Level(l.path(key).asInt(), l.path("verdict").asText(), text(l, "size"), text(l, "bounds"),
                        text(l, "reason")));
            }
            out.add(new Sweep(s.path("engine").asText(), s.path("model").asText(), scheme, attack, key,
                    s.path("seed").asLong(), s.path("timeoutSeconds").asInt(), inputs, levels));
        }
        return new SweepData(out);
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    /** Writes the file atomically, deterministic for the same content. */
    public void write(Path file) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("about", "Sweeps of the default matrix's cells: ./mptcp-verify sweeps (docs/results.md, Bounds and sweeps)");
        List<Object> list = new ArrayList<>();
        for (Sweep s : sweeps) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("engine", s.engine);
            m.put("model", s.model);
            m.put("scheme", s.scheme.wireName());
            m.put("attack", s.attack.wireName());
            m.put("swept", s.key);
            m.put("seed", s.seed);
            m.put("timeoutSeconds", s.timeoutSeconds);
            m.put("inputs", s.inputs);
            List<Object> levels = new ArrayList<>();
            for (Level l : s.levels) {
                Map<String, Object> lm = new LinkedHashMap<>();
                lm.put(s.key, l.value);
                lm.put("verdict", l.verdict);
                lm.put("size", l.size);
                lm.put("bounds", l.bounds);
                lm.put("reason", l.reason);
                levels.add(lm);
            }
            m.put("levels", levels);
            list.add(m);
        }
        doc.put("sweeps", list);
        try {
            AtomicWrite.text(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + file, e);
        }
    }
}
