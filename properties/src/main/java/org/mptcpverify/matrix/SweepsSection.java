package org.mptcpverify.matrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.sweeps.SweepData;
import org.mptcpverify.sweeps.SweepInputs;
import org.mptcpverify.vocab.Verdict;

/**
 * docs/results.md, "Bounds and sweeps": for every cell that holds or is vacuous, per engine the
 * bounds the matrix checked it at and the committed sweep (docs/sweeps.json) that shows whether
 * the verdict stays at other bounds; and the staleness check of that file for `results --check`.
 */
public final class SweepsSection {
    static final String REGENERATE = "./mptcp-verify sweeps";

    private SweepsSection() {}

    /** The committed sweeps of the checkout at {@code root}. */
    public static SweepData committed(Path root) {
        try {
            return SweepData.read(root.resolve(SweepData.FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The section, from the run's verdicts and the given sweeps. */
    public static String render(MatrixRun run, SweepData data) {
        StringBuilder sb = new StringBuilder("## Bounds and sweeps\n\n");
        sb.append("For every cell that holds (or is vacuous), per engine: the bounds the matrix checked it at, and ")
                .append("the committed sweep (`").append(REGENERATE).append("`, [sweeps.json](sweeps.json)): the verdict ")
                .append("at each level of one bound, the others at the engine's defaults. `tlc` sweeps run on the generic ")
                .append("TLA+ core (docs/models.md). H = HOLDS, VAC = VACUOUS, V = VIOLATED, T = timeout after the ")
                .append("sweep's per-level limit (larger levels not run), I = INCONCLUSIVE. \"Largest\" is the largest ")
                .append("level checked without a violation. A verdict that changes with the bound is marked **changes**. ")
                .append("Each sweep records the SHA-256 of the definition and model files it ran on; ")
                .append("`results --check` fails when one of them changed.\n\n");
        sb.append("| scheme | attack | verdict | engine | matrix bounds | sweep | largest | stable |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        int n = 0;
        for (CellOutcome c : run.cells()) {
            if (c.verdict() != Verdict.HOLDS && c.verdict() != Verdict.VACUOUS) continue;
            for (Map.Entry<String, CellResult> e : c.engines().entrySet()) {
                n++;
                List<SweepData.Sweep> sweeps = data.of(e.getKey(), c.scheme(), c.attack());
                sb.append("| `").append(c.scheme()).append("` | `").append(c.attack()).append("` | ")
                        .append(e.getValue().verdict()).append(" | ").append(e.getKey()).append(" | ")
                        .append(ResultsDoc.shortBounds(e.getKey(), e.getValue().bounds())).append(" | ");
                if (sweeps.isEmpty()) {
                    sb.append("not swept (`").append(REGENERATE).append(" --engines ").append(e.getKey())
                            .append(" --cells ").append(c.scheme()).append(':').append(c.attack()).append("`) | - | - |\n");
                    continue;
                }
                sb.append(String.join("; ", sweeps.stream().map(SweepsSection::levels).toList())).append(" | ")
                        .append(String.join("; ", sweeps.stream().map(SweepsSection::largest).toList())).append(" | ")
                        .append(String.join("; ", sweeps.stream().map(SweepsSection::stability).toList())).append(" |\n");
            }
        }
        if (n == 0) sb.append("| (no cell holds) | | | | | | | |\n");
        return sb.toString();
    }

    /** "joins 1 H, 2 H, 3 T". */
    static String levels(SweepData.Sweep s) {
        List<String> parts = new ArrayList<>();
        for (SweepData.Level l : s.levels()) {
            if (!l.run()) continue;
            parts.add(l.value() + " " + abbreviation(l));
        }
        return s.key() + " " + String.join(", ", parts);
    }

    private static String abbreviation(SweepData.Level l) {
        return switch (l.verdict()) {
            case "HOLDS" -> "H";
            case "VACUOUS" -> "VAC";
            case "VIOLATED" -> "V";
            case "NOT_APPLICABLE" -> "n/a";
            default -> l.reason() != null && l.reason().contains("timeout") ? "T" : "I";
        };
    }

    /**
     * "joins=2 (75 states)": the largest level decided without a violation and what it checked;
     * for the traces engine also up to which length the trace space was enumerated in full.
     */
    static String largest(SweepData.Sweep s) {
        return s.levels().stream().filter(SweepData.Level::noViolation).reduce((a, b) -> b)
                .map(l -> s.key() + "=" + l.value() + detail(l)).orElse(s.key() + ": none");
    }

    private static String detail(SweepData.Level l) {
        List<String> parts = new ArrayList<>();
        if (l.size() != null && !l.size().equals("-")) parts.add(l.size());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("exhaustiveUpTo=(\\d+)")
                .matcher(l.bounds() == null ? "" : l.bounds());
        if (m.find()) parts.add("all traces of up to " + m.group(1) + " actions");
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    /** "yes", or where the verdict changes: a VIOLATED level is a finding, VACUOUS below HOLDS is where the attacker starts acting. */
    static String stability(SweepData.Sweep s) {
        List<SweepData.Level> decided = s.levels().stream()
                .filter(l -> l.noViolation() || l.verdict().equals("VIOLATED")).toList();
        if (decided.size() < 2) return "- (" + decided.size() + " level decided)";
        SweepData.Level violated = decided.stream().filter(l -> l.verdict().equals("VIOLATED")).findFirst().orElse(null);
        if (violated != null) return "**changes**: VIOLATED at " + s.key() + "=" + violated.value();
        SweepData.Level firstHolds = decided.stream().filter(l -> l.verdict().equals("HOLDS")).findFirst().orElse(null);
        boolean vacuousAbove = firstHolds != null && decided.stream()
                .anyMatch(l -> l.verdict().equals("VACUOUS") && l.value() > firstHolds.value());
        if (vacuousAbove) return "**changes**: VACUOUS above HOLDS";
        if (firstHolds != null && firstHolds != decided.get(0)) {
            return "yes (VACUOUS below " + s.key() + "=" + firstHolds.value() + ")";
        }
        return "yes";
    }

    /** Each stale sweep with what changed and the command that regenerates it; empty when all are current. */
    public static List<String> stale(Path root, SweepData data) {
        List<String> out = new ArrayList<>();
        for (SweepData.Sweep s : data.sweeps()) {
            List<String> changes = SweepInputs.changes(root, s);
            if (!changes.isEmpty()) {
                out.add("stale: " + SweepData.FILE.toString().replace('\\', '/') + " " + s.engine() + " " + s.scheme() + " / "
                        + s.attack() + " over " + s.key() + " (" + String.join(", ", changes) + "): run " + REGENERATE
                        + " --engines " + s.engine() + " --cells " + s.scheme() + ":" + s.attack());
            }
        }
        return out;
    }
}
