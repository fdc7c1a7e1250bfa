package org.mptcpverify.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mutation score per scheme of the committed mutants run ({@link #FILE}, written by
 * {@code ./mptcp-verify mutants}, docs/mutants.md), as {@code results} and {@code matrix} show it
 * beside the verdicts. Read, never recomputed: a mutants run costs about twenty traces rows per
 * scheme, and neither command runs one.
 */
public final class MutationScores {
    /** The committed run, relative to the repository root. */
    public static final Path FILE = Path.of("docs", "mutants", "mutants.json");

    /** One scheme's score: killed of mutants. */
    public record Score(String scheme, int mutants, int killed, double score) {}

    private MutationScores() {}

    /** The committed scores in the file's order; empty when the checkout has no committed run. */
    public static List<Score> committed(Path root) {
        Path f = root.resolve(FILE);
        if (!Files.isRegularFile(f)) return List.of();
        try {
            return parse(Files.readString(f));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }

    public static List<Score> parse(String json) throws IOException {
        JsonNode doc = new ObjectMapper().readTree(json);
        List<Score> out = new ArrayList<>();
        for (JsonNode s : doc.path("schemes")) {
            out.add(new Score(s.get("scheme").asText(), s.get("mutants").asInt(), s.get("killed").asInt(), s.get("score").asDouble()));
        }
        return List.copyOf(out);
    }

    /** For matrix.json: scheme to {mutants, killed, score}, the schemes of {@code schemes} only. */
    public static Map<String, Object> json(List<Score> scores, List<String> schemes) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Score s : scores) {
            if (!schemes.contains(s.scheme())) continue;
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("mutants", s.mutants());
            e.put("killed", s.killed());
            e.put("score", s.score());
            m.put(s.scheme(), e);
        }
        return m;
    }

    /** The score table of docs/results.md, or a line saying there is no committed run. */
    public static String markdown(List<Score> scores) {
        if (scores.isEmpty()) return "No committed mutants run (" + FILE + ").\n";
        StringBuilder sb = new StringBuilder("| scheme | mutants | killed | score |\n|---|---|---|---|\n");
        for (Score s : scores) {
            sb.append(String.format(Locale.ROOT, "| `%s` | %d | %d | %.3f |%n", s.scheme(), s.mutants(), s.killed(), s.score()));
        }
        return sb.toString();
    }
}
