package org.mptcpverify.traces.generic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.models.core.CoreBounds;
import org.mptcpverify.models.core.CoreCell;
import org.mptcpverify.models.core.CoreChecker;
import org.mptcpverify.models.core.CoreResult;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The generic TLA+ core's path-manager cells ({@code remove-addr-forge}, {@code mp-prio-forge},
 * goal PathManagerIntegrity) decided as the traces engine's generic attacker decides them on the
 * reference (an independent procedure: seeded segment-level runs, no model), here because the
 * models module cannot see this one. Every core VIOLATED exports a counterexample that delivers a
 * forged option and replays on the reference with the violation, and without its forged option
 * does not.
 */
class CorePathManagerAgreementTest {
    static final List<AttackId> PROFILES = List.of(AttackId.REMOVE_ADDR_FORGE, AttackId.MP_PRIO_FORGE);
    /**
     * Schemes checked in every build (a minute of TLC under load); {@code -Dmptcp.core.pm.all=true}
     * checks every scheme of the core (about 8 minutes on a loaded two-core machine).
     */
    static final List<SchemeId> CI_SCHEMES = List.of(SchemeId.RFC8684, SchemeId.BOUND_KEY);
    /** The default matrix's runs per traces cell. */
    static final int RUNS = 400;
    static final Path TARGET = Path.of("target", "core-pm-test").toAbsolutePath();

    static long seed() {
        return Long.parseLong(System.getProperty("mptcp.seed", "20261127"));
    }

    @Test
    void theCoreDecidesEveryPathManagerCellAsTheTracesEngineDoes() {
        List<String> wrong = new ArrayList<>();
        List<SchemeId> schemes = Boolean.getBoolean("mptcp.core.pm.all") ? SchemeId.tlaCoreSchemes() : CI_SCHEMES;
        for (SchemeId s : schemes) {
            SchemeDefinition def = GenericAttacker.definition(s);
            for (AttackId a : PROFILES) {
                CoreResult core = new CoreChecker(1).check(CoreCell.of(s, a, CoreBounds.standard(a)).get(0),
                        List.of(PropertyId.PATH_MANAGER_INTEGRITY), TARGET, seed(), Duration.ofSeconds(300));
                GenericAttacker.Outcome traces = new GenericAttacker(SegmentExplorer.Limits.DEFAULT, RUNS)
                        .check(s, a, def, seed(), false, List.of(PropertyId.PATH_MANAGER_INTEGRITY));
                System.out.println("[pm] " + s + " x " + a + ": core " + core.verdict() + ", traces " + traces.verdict()
                        + ", " + core.distinctStates() + " states, "
                        + String.format(java.util.Locale.ROOT, "%.1f", core.seconds()) + " s");
                if (core.verdict() == Verdict.INCONCLUSIVE || traces.verdict() == Verdict.INCONCLUSIVE
                        || (core.verdict() == Verdict.VIOLATED) != (traces.verdict() == Verdict.VIOLATED)) {
                    wrong.add(s + " x " + a + ": core " + core.verdict() + " (" + core.reason() + "), traces "
                            + traces.verdict());
                }
                if (core.verdict() == Verdict.VIOLATED) {
                    replayed(s, a, def, core).ifPresent(wrong::add);
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("; ", wrong));
    }

    /** The core's counterexample replays on the reference with the violation, and not without its forged option. */
    static Optional<String> replayed(SchemeId s, AttackId a, SchemeDefinition def, CoreResult r) {
        String msg = a == AttackId.REMOVE_ADDR_FORGE ? "REMOVE_ADDR" : "MP_PRIO";
        if (r.counterexample() == null) {
            return Optional.of(s + " x " + a + ": not exported: " + r.exportProblem());
        }
        SegmentTrace t = r.counterexample();
        List<Integer> forged = t.events().stream().filter(e -> e instanceof SegmentEvent.Inject i && i.msg().equals(msg))
                .map(e -> ((SegmentEvent.Inject) e).seg()).toList();
        try {
            SegmentReplayer.Result on = new SegmentReplayer(def).replay(t);
            if (on.divergence().isPresent()
                    || on.violation().map(v -> v.property() != PropertyId.PATH_MANAGER_INTEGRITY).orElse(true)) {
                return Optional.of(s + " x " + a + ": the core's trace does not replay the violation: " + on.report());
            }
            SegmentTrace without = t.withEvents(t.events().stream()
                    .filter(e -> !(e instanceof SegmentEvent.Inject i && forged.contains(i.seg()))
                            && !(e instanceof SegmentEvent.Deliver d && forged.contains(d.seg()))).toList());
            if (forged.isEmpty() || new SegmentReplayer(def).replay(without).violation().isPresent()) {
                return Optional.of(s + " x " + a + ": violated without a forged " + msg);
            }
        } catch (BadTraceFileException e) {
            return Optional.of(s + " x " + a + ": refused: " + e.getMessage());
        }
        return Optional.empty();
    }
}
