package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.mptcpverify.models.core.CoreBounds;
import org.mptcpverify.models.core.CoreCell;
import org.mptcpverify.models.core.CoreChecker;
import org.mptcpverify.models.core.CoreResult;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The Alloy generic core against the TLA+ generic core, cell by cell:
 * same verdict and same violated properties, or a disagreement docs/models.md ("Alloy generic
 * core") explains. Opt-in, because one cell takes minutes on a loaded 2-core machine (measured
 * there): {@code -Dmptcp.alloycore.cells="rfc8684 x join-dos;..."} checks the listed cells,
 * {@code -Dmptcp.alloycore.all=true} every cell of rfc8684, bound-key and broken. It prints the
 * table of docs/models.md.
 */
class AlloyCoreAgreementTest {
    static final Path TARGET = Path.of("target", "alloy-core-agreement").toAbsolutePath();

    /** Disagreements explained in docs/models.md; none measured yet. */
    static final Map<String, String> EXPLAINED = Map.of();

    static List<String> selected() {
        if (Boolean.getBoolean("mptcp.alloycore.all")) {
            List<String> all = new ArrayList<>();
            for (SchemeId s : AlloyCoreCell.covered()) {
                for (AttackId a : AttackId.matrixAttacks()) {
                    if (!a.applicableProperties(s).isEmpty()) {
                        all.add(s.wireName() + " x " + a.wireName());
                    }
                }
            }
            return all;
        }
        String only = System.getProperty("mptcp.alloycore.cells", "");
        return only.isBlank() ? List.of() : List.of(only.split(";"));
    }

    @Test
    void alloyCoreAgreesWithTheTlaCore() throws Exception {
        List<String> cells = selected();
        Assumptions.assumeFalse(cells.isEmpty(),
                "opt-in (minutes per cell): -Dmptcp.alloycore.cells=\"scheme x attack;...\" or -Dmptcp.alloycore.all=true");
        AlloyCoreChecker alloyCore = new AlloyCoreChecker(AlloyCoreEngine.configuredSolver()); // as the engine: MiniSat unless -Dmptcp.alloy.solver or MPTCP_ALLOY_SOLVER says otherwise
        CoreChecker tlaCore = new CoreChecker(1);
        List<String> unexplained = new ArrayList<>();
        StringBuilder table = new StringBuilder("| scheme | attack | TLA+ core | Alloy core | violated (Alloy core) | s |\n"
                + "|---|---|---|---|---|---|\n");
        for (String key : cells) {
            String[] sa = key.split(" x ");
            SchemeId s = SchemeId.byName(sa[0].strip()).orElseThrow();
            AttackId a = AttackId.byName(sa[1].strip()).orElseThrow();
            assertTrue(AlloyCoreCell.covered().contains(s), key + ": no Alloy core data module");
            List<PropertyId> props = a.modelledProperties(s);
            List<AlloyCoreResult> mine = new ArrayList<>();
            for (AlloyCoreCell c : AlloyCoreCell.of(s, a)) {
                AlloyCoreResult r = alloyCore.check(c, TARGET.resolve("work"));
                System.out.println("[alloy-core] " + c.moduleName() + ": " + r.verdict() + " " + r.violated() + " " + r.commands());
                mine.add(r);
            }
            List<CoreResult> tla = new ArrayList<>();
            for (CoreCell c : CoreCell.of(s, a, CoreBounds.standard(a))) {
                tla.add(tlaCore.check(c, props, TARGET.resolve("tla-work"), 20261127L, Duration.ofSeconds(600)));
            }
            Verdict now = merge(mine.stream().map(AlloyCoreResult::verdict).toList());
            Verdict tlaVerdict = merge(tla.stream().map(CoreResult::verdict).toList());
            List<PropertyId> violated = mine.stream().flatMap(r -> r.violated().stream()).distinct().sorted().toList();
            List<PropertyId> tlaViolated = tla.stream().flatMap(r -> r.violated().stream()).distinct().sorted().toList();
            table.append("| ").append(s.wireName()).append(" | ").append(a.wireName()).append(" | ").append(tlaVerdict).append(" | ").append(now).append(" | ")
                    .append(String.join(", ", violated.stream().map(PropertyId::modelName).toList())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", mine.stream().mapToDouble(AlloyCoreResult::seconds).sum()))
                    .append(" |\n");
            boolean agrees = now == tlaVerdict && violated.equals(tlaViolated);
            if (!agrees && !EXPLAINED.containsKey(key)) {
                unexplained.add(key + ": TLA+ core " + tlaVerdict + " " + tlaViolated
                        + ", Alloy core " + now + " " + violated);
            }
        }
        System.out.println(table);
        assertEquals(List.of(), unexplained, "disagreements not explained in docs/models.md");
    }

    /** A cell checked on several sides: VIOLATED if any side is, HOLDS if all are, else the first other verdict. */
    static Verdict merge(List<Verdict> vs) {
        if (vs.contains(Verdict.VIOLATED)) {
            return Verdict.VIOLATED;
        }
        return vs.stream().filter(v -> v != Verdict.HOLDS).findFirst().orElse(Verdict.HOLDS);
    }
}
