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
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** The hand-written reasons for the committed run's survivors, relative to the repository root. */
    public static final Path REASONS = Path.of("docs", "mutants.md");

    /**
     * A person's reason for one survivor, from {@link #REASONS}' survivor table: the line and triage
     * code it was assigned for (so a rerun that moves either shows the row as stale) and the letters
     * of the reasons defined above the table.
     */
    public record HandReason(String mutant, int line, String code, List<String> letters) {}

    /** The reasons docs/mutants.md assigns: its survivor rows, and the letters it defines with their titles. */
    public record Reasons(Map<String, HandReason> rows, Map<String, String> defined) {
        /** What results.md shows for {@code v}: its letters if the row matches the run, else why not. */
        String shown(Survivor v) {
            HandReason r = rows.get(v.mutant());
            if (r == null) return "(not assigned)";
            if (r.line() != v.line() || !r.code().equals(v.code())) return "(assigned for another run)";
            return String.join(", ", r.letters());
        }
    }

    private static final Pattern REASON_ROW = Pattern.compile(
            "^\\| `([^`]+)` \\| (\\d+) \\| ([a-z-]+) \\| ([A-Z](?:, [A-Z])*) \\|$", Pattern.MULTILINE);
    private static final Pattern REASON_DEF = Pattern.compile("^- \\*\\*([A-Z]): ([^*]+?)\\.?\\*\\*", Pattern.MULTILINE);

    private MutationScores() {}

    /** The reasons of docs/mutants.md; empty when the checkout has none. */
    public static Reasons reasons(Path root) {
        Path f = root.resolve(REASONS);
        try {
            return parseReasons(Files.isRegularFile(f) ? Files.readString(f) : "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + REASONS, e);
        }
    }

    /** Reads the survivor rows ({@code | `mutant` | line | code | A, B |}) and the letter definitions ({@code - **A: title.**}). */
    public static Reasons parseReasons(String markdown) {
        Map<String, HandReason> rows = new LinkedHashMap<>();
        Matcher m = REASON_ROW.matcher(markdown);
        while (m.find()) {
            rows.put(m.group(1), new HandReason(m.group(1), Integer.parseInt(m.group(2)), m.group(3), List.of(m.group(4).split(", "))));
        }
        Map<String, String> defined = new TreeMap<>();
        Matcher d = REASON_DEF.matcher(markdown);
        while (d.find()) {
            defined.put(d.group(1), d.group(2).trim());
        }
        return new Reasons(rows, defined);
    }

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

    /**
     * docs/results.md's survivor table: each survivor with the run's triage and the person's reason
     * docs/mutants.md gives it, then the legend of the letters used.
     */
    public static String survivorsMarkdown(List<Survivor> survivors, Reasons reasons) {
        if (survivors.isEmpty()) return "";
        StringBuilder sb = new StringBuilder("| surviving mutant | line | why it survived (the run's triage) | reason (mutants.md) |\n|---|---|---|---|\n");
        java.util.SortedSet<String> used = new java.util.TreeSet<>();
        for (Survivor v : survivors) {
            String shown = reasons.shown(v);
            if (!shown.startsWith("(")) used.addAll(List.of(shown.split(", ")));
            sb.append(String.format(Locale.ROOT, "| `%s` | %d | %s | %s |%n", v.mutant(), v.line(),
                    v.code().isEmpty() ? "(no triage in this run)" : "**" + v.code() + "**: " + v.summary(), shown));
        }
        if (!used.isEmpty()) {
            sb.append("\nReasons:");
            for (String l : used) {
                sb.append(' ').append(l).append(": ").append(reasons.defined().getOrDefault(l, "(not defined)")).append('.');
            }
            sb.append('\n');
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
