package org.mptcpverify.mutants;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.matrix.CellOutcome;
import org.mptcpverify.matrix.MatrixFormats;
import org.mptcpverify.mutants.MutationAnalysis.Kill;
import org.mptcpverify.mutants.MutationAnalysis.MutantResult;
import org.mptcpverify.mutants.MutationAnalysis.SchemeResult;
import org.mptcpverify.mutants.MutationAnalysis.Unconfirmed;
import org.mptcpverify.vocab.PropertyId;

/**
 * mutants.json, mutants.md and the terminal text of a mutation run (docs/mutants.md describes the
 * fields). No timings: the same seed gives the same bytes.
 */
public final class MutantReport {
    public static final String FORMAT = "mptcp-verify-mutants/1";

    private MutantReport() {}

    /** What the run was given, recorded in the outputs. */
    public record Settings(List<String> engines, long seed, String bounds, String command) {}

    public static String json(List<SchemeResult> results, Settings settings, Path base) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("command", settings.command());
        doc.put("engines", settings.engines());
        doc.put("seed", settings.seed());
        doc.put("bounds", settings.bounds());
        List<Object> schemes = new ArrayList<>();
        for (SchemeResult s : results) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("scheme", s.scheme().wireName());
            sm.put("definition", s.file());
            sm.put("mutants", s.mutants().size());
            sm.put("killed", s.killed());
            sm.put("score", score(s));
            sm.put("baseline", row(s.baseline(), base));
            List<Object> ms = new ArrayList<>();
            for (MutantResult m : s.mutants()) {
                Map<String, Object> mm = new LinkedHashMap<>();
                mm.put("name", m.id().wireName());
                mm.put("kind", m.mutant().kind().word);
                mm.put("message", m.mutant().message());
                mm.put("mode", m.mutant().mode());
                mm.put("line", m.mutant().line());
                mm.put("statement", m.mutant().statement());
                mm.put("killed", m.killed());
                mm.put("killedBy", m.kills().stream().map(k -> kill(k, base)).toList());
                mm.put("unconfirmed", m.unconfirmed().stream().map(u -> unconfirmed(u, base)).toList());
                if (!m.killed()) mm.put("triage", triage(SurvivorTriage.of(m, s.baseline())));
                mm.put("row", row(m.cells(), base));
                ms.add(mm);
            }
            sm.put("mutantResults", ms);
            schemes.add(sm);
        }
        doc.put("schemes", schemes);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render mutants JSON", e);
        }
    }

    /** Killed over all mutants, rounded to 3 places; 1.0 for a scheme without mutants (nothing to kill). */
    public static double score(SchemeResult s) {
        return s.mutants().isEmpty() ? 1.0 : Math.round(1000.0 * s.killed() / s.mutants().size()) / 1000.0;
    }

    private static Map<String, Object> row(List<CellOutcome> cells, Path base) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (CellOutcome c : cells) {
            Map<String, Object> byEngine = new LinkedHashMap<>();
            c.engines().forEach((e, r) -> byEngine.put(e, cell(r, base)));
            row.put(c.attack().wireName(), byEngine);
        }
        return row;
    }

    private static Map<String, Object> cell(CellResult r, Path base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", r.verdict().name());
        m.put("violated", names(r.violated()));
        if (r.counterexample() != null) m.put("counterexample", MatrixFormats.relative(r.counterexample(), base));
        if (r.reason() != null) m.put("reason", r.reason());
        return m;
    }

    private static Map<String, Object> triage(SurvivorTriage.Triage t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", t.code().word);
        m.put("segment", t.phase().keyword());
        m.put("summary", t.summary());
        List<Object> js = new ArrayList<>();
        for (SurvivorTriage.Judge j : t.judges()) {
            Map<String, Object> jm = new LinkedHashMap<>();
            jm.put("attack", j.attack());
            jm.put("engine", j.engine());
            jm.put("properties", names(j.properties()));
            jm.put("original", j.original().name());
            jm.put("violatedOnOriginal", names(j.violatedOnOriginal()));
            jm.put("mutant", j.mutant().name());
            js.add(jm);
        }
        m.put("judgedBy", js);
        return m;
    }

    private static Map<String, Object> kill(Kill k, Path base) {
        return finding(k.attack().wireName(), k.engine(), k.properties(), k.counterexample(), base);
    }

    private static Map<String, Object> unconfirmed(Unconfirmed u, Path base) {
        Map<String, Object> m = finding(u.attack().wireName(), u.engine(), u.properties(), u.counterexample(), base);
        m.put("why", u.why());
        return m;
    }

    private static Map<String, Object> finding(String attack, String engine, List<PropertyId> properties, Path cex, Path base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attack", attack);
        m.put("engine", engine);
        m.put("properties", names(properties));
        m.put("counterexample", cex == null ? null : MatrixFormats.relative(cex, base));
        return m;
    }

    private static List<String> names(List<PropertyId> ps) {
        return ps.stream().map(PropertyId::modelName).toList();
    }

    /** One block per scheme: score, then one line per mutant with the cells that kill it. */
    public static String text(List<SchemeResult> results) {
        StringBuilder sb = new StringBuilder();
        for (SchemeResult s : results) {
            sb.append(String.format(Locale.ROOT, "%s (%s): %d of %d mutants killed, score %.3f%n", s.scheme(), s.file(),
                    s.killed(), s.mutants().size(), score(s)));
            for (MutantResult m : s.mutants()) {
                sb.append(String.format(Locale.ROOT, "  %-58s line %-4d %s%n", m.id(), m.mutant().line(), verdict(m)
                        + (m.killed() ? "" : " (" + SurvivorTriage.of(m, s.baseline()).code().word + ")")));
            }
        }
        return sb.toString();
    }

    /** A Markdown table per scheme. */
    public static String markdown(List<SchemeResult> results, Settings settings) {
        StringBuilder sb = new StringBuilder("# Mutants\n\n");
        sb.append("Generated by `").append(settings.command()).append("` (engines ").append(String.join(", ", settings.engines()))
                .append(", seed ").append(settings.seed()).append(settings.bounds().isEmpty() ? "" : ", bounds " + settings.bounds())
                .append("). What the columns mean: docs/mutants.md.\n\n");
        sb.append("| scheme | mutants | killed | score |\n|---|---|---|---|\n");
        for (SchemeResult s : results) {
            sb.append(String.format(Locale.ROOT, "| `%s` | %d | %d | %.3f |%n", s.scheme(), s.mutants().size(), s.killed(), score(s)));
        }
        for (SchemeResult s : results) {
            sb.append("\n## ").append(s.scheme()).append("\n\n| mutant | line | killed by | why it survived |\n|---|---|---|---|\n");
            for (MutantResult m : s.mutants()) {
                String why = m.killed() ? "" : why(SurvivorTriage.of(m, s.baseline()));
                sb.append(String.format(Locale.ROOT, "| `%s` | %d | %s | %s |%n", m.mutant().mutation(), m.mutant().line(), verdict(m), why));
            }
        }
        return sb.toString();
    }

    private static String why(SurvivorTriage.Triage t) {
        return t.code().word + ": " + t.summary();
    }

    private static String verdict(MutantResult m) {
        String killers = m.kills().stream().map(k -> k.attack().wireName() + (k.engine().equals("traces") ? "" : "@" + k.engine())
                + " (" + String.join(", ", names(k.properties())) + ")").collect(Collectors.joining(", "));
        String notes = m.unconfirmed().stream().map(u -> u.attack().wireName() + ": " + u.why()).collect(Collectors.joining("; "));
        return (m.killed() ? "killed by " + killers : "SURVIVED") + (notes.isEmpty() ? "" : " [unconfirmed: " + notes + "]");
    }
}
