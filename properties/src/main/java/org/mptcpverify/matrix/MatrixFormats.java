package org.mptcpverify.matrix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.models.proof.ProofResult;
import org.mptcpverify.models.proof.ProofStatus;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/** Renders a matrix run as text, Markdown, LaTeX or JSON. Output depends only on the run. */
public final class MatrixFormats {
    /** Marks a cell whose engines disagree; it must be impossible to miss. */
    public static final String DISAGREE_MARK = "DISAGREE";
    /** The one wording of an empty property list, everywhere a cell's properties are listed. */
    public static final String NO_PROPERTY = "none applies (NOT_APPLICABLE: the scheme has no external key)";
    /** The legend of the short form used in tables, the only place NOT_APPLICABLE is abbreviated. */
    public static final String NA_LEGEND = "n/a = NOT_APPLICABLE (no property of the attack applies to the scheme)";

    private MatrixFormats() {}

    // ---- JSON ------------------------------------------------------------------------------

    public static String json(MatrixRun run, Path counterexampleBase) {
        return json(run, counterexampleBase, CellProof.all(run));
    }

    /** matrix.json with the cells' unbounded-length proofs computed beforehand ({@link CellProof#all}). */
    public static String json(MatrixRun run, Path counterexampleBase, Map<CellOutcome, ProofResult> proofs) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Object> cells = new ArrayList<>();
        for (CellOutcome c : run.cells()) {
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("scheme", c.scheme().wireName());
            cell.put("attack", c.attack().wireName());
            cell.put("properties", c.attack().properties().stream()
                    .filter(p -> p.appliesTo(c.scheme())).map(PropertyId::modelName).toList());
            cell.put("verdict", c.verdict().name());
            cell.put("agree", c.agree());
            Map<String, Object> engines = new LinkedHashMap<>();
            c.engines().forEach((name, r) -> engines.put(name, engineJson(c, r, counterexampleBase)));
            cell.put("engines", engines);
            GuessCost.of(c).ifPresent(g -> cell.put("guessCost", g.json()));
            cell.put("proof", CellProof.json(proofs.get(c)));
            cells.add(cell);
        }
        root.put("cells", cells);
        // the committed mutants run's score per scheme of this run (docs/mutants.md): read, not recomputed
        root.put("mutationScores", MutationScores.json(MutationScores.committed(Versions.repoRoot()),
                run.cells().stream().map(c -> c.scheme().wireName()).distinct().toList()));
        root.put("versions", new TreeMap<>(run.versions()));
        root.put("seed", run.seed());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render matrix JSON", e);
        }
    }

    private static Map<String, Object> engineJson(CellOutcome c, CellResult r, Path base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", r.verdict().name());
        m.put("violated", r.violated().stream().map(PropertyId::modelName).toList());
        m.put("seconds", Math.round(r.seconds() * 100) / 100.0);
        if (r.bounds().get("tlcSeconds") instanceof Number t) m.put("tlcSeconds", t); // TLC's share of the seconds
        m.put("bounds", withoutTimings(r.bounds()));
        m.put("counterexample", relative(r.counterexample(), base));
        m.put("reason", r.reason());
        m.put("witness", !c.attack().hasAttacker() ? "none needed: no attacker by design"
                : r.witness().isEmpty() ? null : new TreeMap<>(r.witness()));
        // reused from a committed verdicts file, or decided by this run (the Alloy core's cells cost minutes)
        m.put("source", r.source() == null ? "computed" : "committed");
        if (r.source() != null) {
            m.put("committedIn", r.source().file());
            m.put("fingerprint", r.source().fingerprint());
        }
        return m;
    }

    /** Where a verdict comes from, in words: computed by this run, or the committed verdict reused. */
    public static String source(CellResult r) {
        return r.source() == null ? "computed by this run"
                : "committed verdict reused from " + r.source().file() + " (fingerprint " + r.source().fingerprint() + ")";
    }

    /** A counterexample path as written in reports: relative to the folder holding counterexamples/. */
    public static String relative(Path file, Path base) {
        if (file == null) return null;
        Path abs = file.toAbsolutePath().normalize();
        Path b = base.toAbsolutePath().normalize();
        return (abs.startsWith(b) ? b.relativize(abs) : abs).toString().replace('\\', '/');
    }

    // ---- text ------------------------------------------------------------------------------

    public static String text(MatrixRun run, Path base) {
        return text(run, base, CellProof.all(run));
    }

    /** The text matrix with the cells' unbounded-length proofs computed beforehand ({@link CellProof#all}). */
    public static String text(MatrixRun run, Path base, Map<CellOutcome, ProofResult> proofs) {
        StringBuilder sb = new StringBuilder();
        List<AttackId> attacks = attacks(run);
        List<SchemeId> schemes = schemes(run);
        sb.append("Verdict matrix (engines: ").append(String.join(", ", run.engines()))
                .append("; seed ").append(run.seed()).append(")\n\n");
        int w0 = schemes.stream().mapToInt(s -> s.wireName().length()).max().orElse(6) + 2;
        sb.append(pad("", w0));
        for (int i = 0; i < attacks.size(); i++) sb.append(pad("A" + (i + 1), 10));
        sb.append('\n');
        for (SchemeId s : schemes) {
            sb.append(pad(s.wireName(), w0));
            for (AttackId a : attacks) sb.append(pad(shortVerdict(cell(run, s, a)) + proofMark(proofs.get(cell(run, s, a))), 10));
            sb.append('\n');
        }
        sb.append('\n');
        for (int i = 0; i < attacks.size(); i++) {
            AttackId a = attacks.get(i);
            sb.append(String.format(Locale.ROOT, "  A%-3d %-20s %s%n", i + 1, a.wireName(),
                    String.join(", ", a.properties().stream().map(PropertyId::modelName).toList())));
        }
        sb.append("\n  VIOLATED / HOLDS (within bounds) / ").append(NA_LEGEND).append(" / INCONCL = INCONCLUSIVE / VACUOUS = no violation but the attacker never acted (no claim); ")
                .append("!! = the engines DISAGREE; ").append(PROOF_LEGEND).append('\n');
        List<CellOutcome> disagreeing = run.cells().stream().filter(c -> !c.agree()).toList();
        if (!disagreeing.isEmpty()) {
            sb.append("\n!!! ").append(disagreeing.size()).append(" cell(s) where the engines ").append(DISAGREE_MARK)
                    .append(":\n");
            for (CellOutcome c : disagreeing) sb.append("!!!   ").append(c.scheme()).append(" / ").append(c.attack())
                    .append(": ").append(engineSummary(c)).append('\n');
        }
        sb.append("\nDetails\n");
        for (CellOutcome c : run.cells()) {
            sb.append("\n").append(c.scheme()).append(" / ").append(c.attack()).append(": ")
                    .append(c.agree() ? c.verdict().name() : DISAGREE_MARK + " (" + engineSummary(c) + ")")
                    .append(CellProof.suffix(proofs.get(c)))
                    .append(GuessCost.of(c).map(g -> ", " + g.phrase()).orElse(""))
                    .append(proofLine(proofs.get(c)))
                    .append("\n  properties: ")
                    .append(c.properties().isEmpty() ? NO_PROPERTY
                            : String.join(", ", c.properties().stream().map(PropertyId::modelName).toList()))
                    .append('\n');
            c.engines().forEach((name, r) -> sb.append("  ").append(pad(name, 7)).append(pad(r.verdict().name(), 15))
                    .append(String.format(Locale.ROOT, "%7.2f s  ", r.seconds()))
                    .append(bounds(r)).append(witness(c, r, "; "))
                    .append(r.counterexample() == null ? "" : "\n" + " ".repeat(24) + "counterexample: " + relative(r.counterexample(), base))
                    .append(r.reason() == null ? "" : "\n" + " ".repeat(24) + "reason: " + r.reason())
                    .append(r.source() == null ? "" : "\n" + " ".repeat(24) + "source: " + source(r))
                    .append('\n'));
        }
        return sb.toString();
    }

    static final String PROOF_LEGEND = "+P = also PROVED for traces of any length within the proof's scope, -P = a proof was attempted and failed (docs/proofs.md)";

    private static String proofMark(ProofResult p) {
        if (p == null || p.status() == ProofStatus.NOT_ATTEMPTED) return "";
        return p.status() == ProofStatus.PROVED ? "+P" : "-P";
    }

    /** The Details line of a proof attempt ("" when none was made). */
    private static String proofLine(ProofResult p) {
        if (p == null || p.status() == ProofStatus.NOT_ATTEMPTED) return "";
        return "\n  proof: " + p.status() + " (" + p.engine() + "; " + p.method() + "; scope: " + p.scope() + ")"
                + (p.crossCheck().isEmpty() ? "" : "\n  proof cross-check: " + p.crossCheck())
                + (p.failedCheck() == null ? "" : "\n  proof failed its " + p.failedCheck() + ": " + p.reason()
                        + (p.counterexample() == null ? "" : "\n  proof counterexample: " + p.counterexample()));
    }

    private static String shortVerdict(CellOutcome c) {
        if (c == null) return "";
        if (!c.agree()) return "!!" + DISAGREE_MARK.substring(0, 4);
        return switch (c.verdict()) {
            case HOLDS -> "HOLDS";
            case VIOLATED -> "VIOLATED";
            case NOT_APPLICABLE -> "n/a";
            case INCONCLUSIVE -> "INCONCL";
            case VACUOUS -> "VACUOUS";
        };
    }

    static String engineSummary(CellOutcome c) {
        List<String> parts = new ArrayList<>();
        c.engines().forEach((n, r) -> parts.add(n + "=" + r.verdict()));
        return String.join(", ", parts);
    }

    /**
     * The attacker-activity witness behind a verdict, as a suffix after {@code sep}: first how many
     * attacker segments reached a check the cell's properties depend on (and which checks those
     * are, from the scheme's definition), then the engine's other counts; for an attack without an
     * attacker, that none is needed; empty when the engine gave none.
     */
    static String witness(CellOutcome c, CellResult r, String sep) {
        return witness(c.attack(), r, sep);
    }

    /** As {@link #witness(CellOutcome, CellResult, String)}, for one engine's result of {@code attack}. */
    public static String witness(AttackId attack, CellResult r, String sep) {
        if (!attack.hasAttacker()) {
            return r.verdict() == Verdict.HOLDS ? sep + "witness: none needed (no attacker by design)" : "";
        }
        if (r.witness().isEmpty()) return "";
        Map<String, Object> rest = new TreeMap<>(r.witness());
        String lead = "";
        if (rest.containsKey(RELEVANT)) {
            lead = rest.remove(RELEVANT) + " attacker segment(s) reached a check of " + rest.remove("relevantKinds")
                    + " (" + rest.remove("relevantChecks") + ")" + (rest.isEmpty() ? "" : "; ");
        }
        List<String> parts = new ArrayList<>();
        rest.forEach((k, v) -> parts.add(k + "=" + v));
        return sep + "witness: " + lead + String.join(", ", parts);
    }

    /** The witness count every engine reports (WitnessChecks#entries). */
    private static final String RELEVANT = "relevantChecksReached";

    public static String bounds(CellResult r) {
        List<String> parts = new ArrayList<>();
        withoutTimings(r.bounds()).forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(", ", parts);
    }

    /**
     * The bounds a verdict rests on, sorted, without wall-clock fields (an engine may report
     * {@code seconds} inside its bounds): timings are reported once per engine, not as bounds,
     * so that regenerated results differ from committed ones only where a verdict or bound does.
     */
    static Map<String, Object> withoutTimings(Map<String, ?> bounds) {
        Map<String, Object> out = new TreeMap<>();
        bounds.forEach((k, v) -> {
            if (k.equals("seconds") || k.endsWith("Seconds")) return;
            out.put(k, v instanceof Map<?, ?> m ? withoutTimings(castMap(m)) : v);
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castMap(Map<?, ?> m) {
        return (Map<String, ?>) m;
    }

    // ---- Markdown ------------------------------------------------------------------------------

    public static String markdown(MatrixRun run, Path base, boolean withSeconds) {
        return markdown(run, base, withSeconds, new java.util.IdentityHashMap<>());
    }

    /**
     * The Markdown matrix with the cells' unbounded-length proofs ({@link CellProof#all}): a PROVED
     * cell reads "HOLDS (proved)" in the grid, and every cell with a proof attempt, or a HOLDS or
     * VACUOUS safety cell ({@link #safetyCell}) without one, has a "Proof:" line in its section.
     * A cell missing from {@code proofs} is rendered as before (no proof was computed for it).
     */
    public static String markdown(MatrixRun run, Path base, boolean withSeconds, Map<CellOutcome, ProofResult> proofs) {
        StringBuilder sb = new StringBuilder();
        List<AttackId> attacks = attacks(run);
        sb.append("| scheme |");
        for (AttackId a : attacks) sb.append(" `").append(a.wireName()).append("` |");
        sb.append("\n|---|");
        sb.append("---|".repeat(attacks.size())).append('\n');
        for (SchemeId s : schemes(run)) {
            sb.append("| `").append(s.wireName()).append("` |");
            for (AttackId a : attacks) {
                CellOutcome c = cell(run, s, a);
                sb.append(' ').append(c == null ? "" : c.agree() ? mdVerdict(c.verdict()) + decidedBy(c) + mdProofMark(proofs.get(c))
                        : "**" + DISAGREE_MARK + "**").append(" |");
            }
            sb.append('\n');
        }
        sb.append("\nEngines: ").append(String.join(", ", run.engines())).append("; seed ").append(run.seed())
                .append(". HOLDS means no violation within the bounds listed per cell below; ").append(NA_LEGEND).append(".\n");
        sb.append("\n## Per cell\n");
        for (CellOutcome c : run.cells()) {
            sb.append("\n### `").append(c.scheme()).append("` / `").append(c.attack()).append("`: ")
                    .append(c.agree() ? c.verdict().name() : "**" + DISAGREE_MARK + "** (" + engineSummary(c) + ")")
                    .append(GuessCost.of(c).map(g -> ", " + g.phrase()).orElse(""))
                    .append("\n\nProperties: ")
                    .append(c.properties().isEmpty() ? NO_PROPERTY
                            : String.join(", ", c.properties().stream().map(p -> "`" + p.modelName() + "`").toList()))
                    .append(mdProofLine(c, proofs.get(c)))
                    .append("\n\n| engine | verdict | violated | bounds |")
                    .append(withSeconds ? " seconds |" : "").append(" counterexample |\n|---|---|---|---|")
                    .append(withSeconds ? "---|" : "").append("---|\n");
            c.engines().forEach((name, r) -> {
                sb.append("| ").append(name).append(" | ").append(r.verdict()).append(" | ")
                        .append(String.join(", ", r.violated().stream().map(PropertyId::modelName).toList()))
                        .append(" | ").append(bounds(r).replace("|", "\\|")).append(witness(c, r, "; "))
                        .append(r.reason() == null ? "" : "; reason: " + r.reason().replace("|", "\\|"))
                        .append(" |");
                if (withSeconds) sb.append(String.format(Locale.ROOT, " %.2f |", r.seconds()));
                String ce = relative(r.counterexample(), base);
                sb.append(' ').append(ce == null ? "" : "`" + ce + "`").append(" |\n");
            });
        }
        sb.append('\n').append(versionsSection(run, true));
        return sb.toString();
    }

    /**
     * The Markdown versions section: tools, commit, and the SHA-256 of every model input and of
     * the reference build. Without {@code perBuild}, the entries that change with every commit or
     * build are left out (for committed documents, which could never be current otherwise).
     */
    public static String versionsSection(MatrixRun run, boolean perBuild) {
        StringBuilder sb = new StringBuilder("## Versions\n\n");
        new TreeMap<>(run.versions()).forEach((k, v) -> {
            if (perBuild || !Versions.perBuild(k)) sb.append("- ").append(k).append(": `").append(v).append("`\n");
        });
        return sb.toString();
    }

    /**
     * " (proved)" after a PROVED cell's verdict in the Markdown grid, " (proved at one end)" when a
     * property of the cell is proved only at the end the proof families judge; "" otherwise.
     */
    private static String mdProofMark(ProofResult p) {
        return p != null && p.status() == ProofStatus.PROVED ? (CellProof.provedAtOneEnd(p) ? " (proved at one end)" : " (proved)") : "";
    }

    /** The "Proof:" paragraph of a cell's Markdown section, "" when there is nothing to say. */
    private static String mdProofLine(CellOutcome c, ProofResult p) {
        if (p == null || (p.status() == ProofStatus.NOT_ATTEMPTED && !(safetyCell(c) && c.agree()
                && (c.verdict() == Verdict.HOLDS || c.verdict() == Verdict.VACUOUS)))) {
            return "";
        }
        return "\n\nProof (all trace lengths, docs/proofs.md): " + proofSummary(p).replace("|", "\\|");
    }

    /**
     * A cell the proof column speaks about (docs/proofs.md): its attack has an attacker and at
     * least one of its properties applies to the scheme. The functional columns (no attacker by
     * design) and NOT_APPLICABLE cells are not safety cells.
     */
    public static boolean safetyCell(CellOutcome c) {
        return c.attack().hasAttacker() && !c.properties().isEmpty();
    }

    /**
     * A proof result in one line, from the result alone: PROVED with its method, engine,
     * cross-check and scope; NOT_PROVED with the failed check, its reason and the counterexample
     * state; NOT_ATTEMPTED with the reason no attempt was made.
     */
    public static String proofSummary(ProofResult p) {
        String text = switch (p.status()) {
            case PROVED -> "PROVED (method " + p.method() + ", engine " + p.engine()
                    + (p.crossCheck().isEmpty() ? "" : "; cross-check: " + p.crossCheck()) + "; scope: " + p.scope() + ")";
            case NOT_PROVED -> "NOT_PROVED (method " + p.method() + "; scope: " + p.scope() + "): failed its "
                    + (p.failedCheck() == null ? "check" : p.failedCheck()) + ": " + p.reason()
                    + (p.counterexample() == null ? "" : "; counterexample state: " + p.counterexample());
            case NOT_ATTEMPTED -> "NOT_ATTEMPTED: " + p.reason();
        };
        return text.replaceAll("\\s+", " ").strip();
    }

    /**
     * For an INCONCLUSIVE cell some engines did decide, alike: which, and what (the cell stays
     * INCONCLUSIVE until every engine has decided); empty otherwise.
     */
    static String decidedBy(CellOutcome c) {
        if (c.verdict() != Verdict.INCONCLUSIVE) return "";
        List<String> decided = new ArrayList<>();
        java.util.Set<Verdict> verdicts = new java.util.LinkedHashSet<>();
        c.engines().forEach((n, r) -> {
            if (r.verdict() != Verdict.INCONCLUSIVE) {
                decided.add(n);
                verdicts.add(r.verdict());
            }
        });
        if (decided.isEmpty() || verdicts.size() != 1) return "";
        return " (" + String.join(", ", decided) + ": " + verdicts.iterator().next().name() + ")";
    }

    private static String mdVerdict(Verdict v) {
        return switch (v) {
            case HOLDS -> "HOLDS";
            case VIOLATED -> "**VIOLATED**";
            case NOT_APPLICABLE -> "n/a";
            case INCONCLUSIVE -> "INCONCLUSIVE";
            case VACUOUS -> "**VACUOUS**";
        };
    }

    // ---- LaTeX ------------------------------------------------------------------------------

    /** The LaTeX table's label, for \\ref. */
    public static final String LATEX_LABEL = "tab:mptcp-verify-matrix";

    /**
     * A complete {@code table} float that compiles as is with the two packages named in its first
     * comment: caption, label, the matrix, a legend, and a footnote line naming the engines, their
     * bounds common to every cell, the seed, the tool version and the commit.
     */
    public static String latex(MatrixRun run) {
        StringBuilder sb = new StringBuilder();
        List<AttackId> attacks = attacks(run);
        sb.append("% Generated by ./mptcp-verify matrix (seed ").append(run.seed()).append("); engines: ")
                .append(String.join(", ", run.engines())).append(".\n");
        sb.append("% Needs \\usepackage{graphicx} (\\rotatebox, \\resizebox) and \\usepackage{booktabs} in the preamble.\n");
        sb.append("\\begin{table}[tbp]\n\\centering\n");
        sb.append("\\caption{MPTCP subflow authentication: verdict of each scheme (row) under each attack (column), ")
                .append("checked by ").append(tex(String.join(", ", run.engines()))).append(".}\n");
        sb.append("\\label{").append(LATEX_LABEL).append("}\n");
        sb.append("\\resizebox{\\columnwidth}{!}{%\n");
        sb.append("\\begin{tabular}{l").append("c".repeat(attacks.size())).append("}\n\\toprule\nScheme");
        for (AttackId a : attacks) sb.append(" & \\rotatebox{90}{\\texttt{").append(tex(a.wireName())).append("}}");
        sb.append(" \\\\\n\\midrule\n");
        for (SchemeId s : schemes(run)) {
            sb.append("\\texttt{").append(tex(s.wireName())).append('}');
            for (AttackId a : attacks) {
                CellOutcome c = cell(run, s, a);
                String v = c == null ? "" : !c.agree() ? "\\textbf{!}" : switch (c.verdict()) {
                    case HOLDS -> "H";
                    case VIOLATED -> "V";
                    case NOT_APPLICABLE -> "n/a";
                    case INCONCLUSIVE -> "?";
                    case VACUOUS -> "0";
                };
                sb.append(" & ").append(v);
            }
            sb.append(" \\\\\n");
        }
        sb.append("\\bottomrule\n\\end{tabular}}\n\\par\\smallskip\n\\begin{minipage}{\\columnwidth}\\footnotesize\n");
        sb.append("V = VIOLATED (a counterexample that replays on the Java reference); ")
                .append("H = HOLDS within the bounds below; ").append(tex(NA_LEGEND)).append("; ? = INCONCLUSIVE; 0 = VACUOUS (the attacker never acted: no claim); \\textbf{!} = the engines disagree.\\\\\n");
        sb.append("Engines and bounds common to every cell: ").append(tex(commonBounds(run)))
                .append("; per-cell bounds in \\texttt{matrix.json}. Seed ").append(run.seed())
                .append("; ").append(tex("mptcp-verify " + run.versions().getOrDefault("mptcp-verify", "unknown")))
                .append("; commit \\texttt{").append(tex(commit(run))).append("}.\n");
        sb.append("\\end{minipage}\n\\end{table}\n");
        return sb.toString();
    }

    /** The commit, shortened, with "+dirty" when the tree had uncommitted changes. */
    static String commit(MatrixRun run) {
        String c = run.versions().getOrDefault(Versions.GIT_COMMIT, "unknown");
        String shortC = c.matches("[0-9a-f]{40}") ? c.substring(0, 12) : c;
        return shortC + ("true".equals(run.versions().get(Versions.GIT_DIRTY)) ? "+dirty" : "");
    }

    /**
     * Per engine, the bounds every cell it decided shares (same key, same value), e.g. the Alloy
     * scope; bounds that differ per cell (state counts) are left to the per-cell reports.
     */
    static String commonBounds(MatrixRun run) {
        List<String> parts = new ArrayList<>();
        for (String engine : run.engines()) {
            Map<String, Object> common = null;
            for (CellOutcome c : run.cells()) {
                CellResult r = c.engines().get(engine);
                if (r == null || r.verdict() == Verdict.NOT_APPLICABLE) continue;
                Map<String, Object> b = new TreeMap<>(withoutTimings(r.bounds()));
                b.values().removeIf(v -> v instanceof Map<?, ?>);
                if (common == null) common = b;
                else common.entrySet().removeIf(e -> !e.getValue().equals(b.get(e.getKey())));
            }
            List<String> kv = new ArrayList<>();
            if (common != null) common.forEach((k, v) -> kv.add(k + "=" + v));
            parts.add(engine + (kv.isEmpty() ? "" : " (" + String.join(", ", kv) + ")"));
        }
        return String.join("; ", parts);
    }

    private static String tex(String s) {
        return Latex.escape(s);
    }

    // ---- helpers ------------------------------------------------------------------------------

    static List<AttackId> attacks(MatrixRun run) {
        return run.cells().stream().map(CellOutcome::attack).distinct().toList();
    }

    static List<SchemeId> schemes(MatrixRun run) {
        return run.cells().stream().map(CellOutcome::scheme).distinct().toList();
    }

    static CellOutcome cell(MatrixRun run, SchemeId s, AttackId a) {
        return run.cells().stream().filter(c -> c.scheme() == s && c.attack() == a).findFirst().orElse(null);
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s + " " : s + " ".repeat(w - s.length());
    }
}
