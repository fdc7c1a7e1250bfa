package org.mptcpverify.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.trace.ScenarioRunner;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * Property tests on the Java reference: one container per (attack, property), one test per scheme
 * of the matrix plus the {@code broken} control. Every test fails on an INCONCLUSIVE check and on a
 * counterexample that does not replay or is not 1-minimal; the controls fail when vacuous; the
 * {@code bound-key} design claims (docs/schemes.md) fail when violated. Other schemes' verdicts
 * are reported, not asserted: whether rfc8684 falls to an eavesdropper is what we measure.
 *
 * <p>Seed: {@code -Dmptcp.seed} (fixed by the pom); tries: {@code -Dmptcp.traces.tries}.
 */
@Tag("traces-properties")
class TracesPropertyTest {
    static final long SEED = Long.getLong("mptcp.seed", 20261127L);
    static final int TRIES = Integer.getInteger("mptcp.traces.tries", TracesEngine.DEFAULT_TRIES);
    private static final Path OUT = Path.of("target", "traces-property-tests");

    /** What docs/schemes.md claims for our design: everything except binding addresses. */
    private static final Set<PropertyId> BOUND_KEY_UNCLAIMED = Set.of(PropertyId.SUBFLOW_ENDPOINT_AUTHENTICITY);

    private static EngineOptions options(Path root, boolean attackerHasKey) {
        return new EngineOptions(SEED, root, Path.of("target"), Duration.ofSeconds(60), TRIES, attackerHasKey);
    }

    /** Reports the whole class as skipped, with the reason, when the reference is missing. */
    @org.junit.jupiter.api.Test
    void referenceRunnerIsAvailable() {
        ReferenceSupport.runnerOrSkip();
    }

    @TestFactory
    List<DynamicNode> everyAttackAndProperty() {
        ScenarioRunner runner = ReferenceSupport.runnerOrSkip();
        TracesEngine engine = new TracesEngine(runner);
        List<SchemeId> schemes = new ArrayList<>(SchemeId.matrixSchemes());
        schemes.add(SchemeId.BROKEN);
        List<DynamicNode> out = new ArrayList<>();
        for (AttackId attack : AttackId.values()) {
            for (PropertyId property : attack.properties()) {
                List<DynamicNode> cells = new ArrayList<>();
                for (SchemeId scheme : schemes) {
                    if (property.appliesTo(scheme)) {
                        cells.add(DynamicTest.dynamicTest(scheme.wireName(),
                                () -> checkCell(engine, runner, scheme, attack, property)));
                    }
                }
                out.add(DynamicContainer.dynamicContainer(attack.wireName() + " / " + property.modelName(), cells));
            }
        }
        return out;
    }

    private static void checkCell(TracesEngine engine, ScenarioRunner runner, SchemeId scheme, AttackId attack,
                                  PropertyId property) throws IOException {
        CellResult r = engine.check(scheme, attack, List.of(property), options(OUT.resolve(property.modelName()), false));
        String where = scheme + " / " + attack + " / " + property + " (seed " + SEED + ", tries " + TRIES
                + ", maxActions " + engine.maxActions() + ")";
        assertNotEquals(Verdict.INCONCLUSIVE, r.verdict(), where + ": " + r.reason());
        assertNotEquals(Verdict.NOT_APPLICABLE, r.verdict(), where + ": " + r.reason());
        String shrunk = "";
        if (r.verdict() == Verdict.VIOLATED) {
            CounterexampleReplay cx = CounterexampleReplay.read(r.counterexample());
            assertEquals(property, cx.property());
            cx.assertReplaysAndIsMinimal(runner, engine.maxActions());
            shrunk = cx.describe();
        }
        System.out.printf("traces %-26s %-20s %-28s %-9s %6.2fs %s%n", scheme, attack, property, r.verdict(),
                r.seconds(), shrunk);
        if (scheme == SchemeId.BROKEN && r.verdict() != Verdict.VIOLATED) {
            fail("negative control vacuous: the broken scheme does not violate " + where + "; "
                    + r.verdict() + " " + r.bounds());
        }
        if (scheme == SchemeId.BOUND_KEY && !BOUND_KEY_UNCLAIMED.contains(property) && r.verdict() == Verdict.VIOLATED) {
            fail("bound-key design claim broken: " + where + " violated by " + shrunk);
        }
    }

    @TestFactory
    List<DynamicNode> attackerGivenTheKeyBreaksJoinAuthenticity() {
        ScenarioRunner runner = ReferenceSupport.runnerOrSkip();
        TracesEngine engine = new TracesEngine(runner);
        List<DynamicNode> out = new ArrayList<>();
        for (SchemeId scheme : SchemeId.values()) {
            if (!scheme.usesExternalKey()) {
                continue;
            }
            out.add(DynamicTest.dynamicTest(scheme.wireName(), () -> {
                CellResult r = engine.check(scheme, AttackId.EAVESDROP_HANDSHAKE, List.of(PropertyId.JOIN_AUTHENTICITY),
                        options(OUT.resolve("attacker-has-key"), true));
                String where = scheme + " / eavesdrop-handshake / JoinAuthenticity with the attacker given the key (seed "
                        + SEED + ", tries " + TRIES + ")";
                assertEquals(Verdict.VIOLATED, r.verdict(), "negative control vacuous: " + where + ": "
                        + r.verdict() + " " + (r.reason() == null ? r.bounds() : r.reason()));
                CounterexampleReplay cx = CounterexampleReplay.read(r.counterexample());
                cx.assertReplaysAndIsMinimal(runner, engine.maxActions());
                System.out.printf("traces %-26s %-20s %-28s %-9s %6.2fs %s%n", scheme, "eavesdrop-handshake+key",
                        PropertyId.JOIN_AUTHENTICITY, r.verdict(), r.seconds(), cx.describe());
            }));
        }
        return out;
    }
}
