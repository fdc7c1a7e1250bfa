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

    /**
     * A mutant no cell killed, with the run's triage ({@code mutants}' SurvivorTriage: code and
     * summary); {@code code} is empty in a run made before the triage existed.
     */
    public record Survivor(String scheme, String mutant, int line, String code, String summary) {}

    private MutationScores() {}

    /** The committed scores in the file's order; empty when the checkout has no committed run. */
    public static List<Score> committed(Path root) {
        return readCommitted(root, MutationScores::parse);
    }

    private interface Parser<T> {
        List<T> parse(String json) throws IOException;
    }

    /** The committed run through {@code parser}; empty when the checkout has none. */
    private static <T> List<T> readCommitted(Path root, Parser<T> parser) {
        Path f = root.resolve(FILE);
        if (!Files.isRegularFile(f)) return List.of();
        try {
            return parser.parse(Files.readString(f));
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

    /** The survivors of the committed run, in the file's order; empty without a committed run. */
    public static List<Survivor> survivors(Path root) {
        return readCommitted(root, MutationScores::parseSurvivors);
    }

    public static List<Survivor> parseSurvivors(String json) throws IOException {
        JsonNode doc = new ObjectMapper().readTree(json);
        List<Survivor> out = new ArrayList<>();
        for (JsonNode s : doc.path("schemes")) {
            for (JsonNode m : s.path("mutantResults")) {
                if (m.path("killed").asBoolean()) continue;
                JsonNode t = m.path("triage");
                out.add(new Survivor(s.get("scheme").asText(), m.get("name").asText(), m.path("line").asInt(),
                        t.path("code").asText(""), t.path("summary").asText("")));
            }
        }
        return List.copyOf(out);
    }

    /** docs/results.md's survivor table: each survivor with the run's reason for it (docs/mutants.md explains the codes). */
    public static String survivorsMarkdown(List<Survivor> survivors) {
        if (survivors.isEmpty()) return "";
        StringBuilder sb = new StringBuilder("| surviving mutant | line | why it survived |\n|---|---|---|\n");
        for (Survivor v : survivors) {
            sb.append(String.format(Locale.ROOT, "| `%s` | %d | %s |%n", v.mutant(), v.line(),
                    v.code().isEmpty() ? "(no triage in this run)" : "**" + v.code() + "**: " + v.summary()));
        }
        return sb.toString();
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
