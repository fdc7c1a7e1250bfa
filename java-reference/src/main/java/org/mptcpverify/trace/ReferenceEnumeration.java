package org.mptcpverify.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

// Exchange-level decision procedure: oracle of AlloyColumnTest (legacy Alloy engine) and CellVerdictTest; deleted
// with that engine (docs/traces-engine.md, "Exchange-level attacker: remaining users").
/**
 * Runs every action list of the attack's vocabulary up to a length on the Java reference and
 * collects the properties it violates: the reference's own bounded verdict on a cell, computed
 * without any expected answer, to compare with an engine's verdict or with hand-written traces.
 */
public final class ReferenceEnumeration {
    /**
     * Action-list length at which engines are compared with the reference: the longest committed
     * counterexample has 3 actions (thesis-xor and thesis-xor-global under join-dos); ReferenceEnumerationTest keeps it so.
     */
    public static final int COUNTEREXAMPLE_BOUND = 3;

    private ReferenceEnumeration() {
    }

    /** The attack's actions (shared {@link ActionAlphabet}), with the spoofed sources used here. */
    public static List<TraceAction> alphabet(AttackId attack) {
        return ActionAlphabet.of(attack, List.of("spoof1"));
    }

    /** Properties violated by some action list of length 1..maxLength (both keyed sides in one-sided-key). */
    public static Set<PropertyId> violated(SchemeId scheme, AttackId attack, int maxLength, long seed) {
        return violated(scheme, attack, maxLength, seed, false);
    }

    /** As {@link #violated(SchemeId, AttackId, int, long)}; {@code attackerHasKey} is the negative control. */
    public static Set<PropertyId> violated(SchemeId scheme, AttackId attack, int maxLength, long seed,
            boolean attackerHasKey) {
        ReferenceRunner runner = new ReferenceRunner();
        Set<PropertyId> found = EnumSet.noneOf(PropertyId.class);
        List<String> sides = attack == AttackId.ONE_SIDED_KEY ? List.of("client", "server") : Collections.singletonList(null);
        List<TraceAction> alphabet = alphabet(attack);
        for (String side : sides) {
            Scenario sc = new Scenario(scheme, attack, seed, side, attackerHasKey);
            List<List<TraceAction>> layer = List.of(List.of());
            for (int len = 1; len <= maxLength; len++) {
                List<List<TraceAction>> next = new ArrayList<>();
                for (List<TraceAction> prefix : layer) {
                    for (TraceAction a : alphabet) {
                        List<TraceAction> t = new ArrayList<>(prefix);
                        t.add(a);
                        RunOutcome o = runner.run(sc, t);
                        o.violations().forEach(v -> found.add(v.property()));
                        next.add(t);
                    }
                }
                layer = next;
            }
        }
        return found;
    }

    /**
     * Why an engine's decided verdict on a cell contradicts the reference's bounded one, if it does:
     * VIOLATED exactly when the reference reaches a violation, and every property the engine
     * reports violated is one the reference violates too (an engine may stop at its first
     * violation, so it may report fewer). NOT_APPLICABLE and INCONCLUSIVE are not compared here.
     */
    public static Optional<String> disagreement(Verdict engine, Set<PropertyId> engineViolated,
            Set<PropertyId> reference) {
        if (engine != Verdict.VIOLATED && engine != Verdict.HOLDS) {
            return Optional.empty();
        }
        if ((engine == Verdict.VIOLATED) != !reference.isEmpty()) {
            return Optional.of("engine " + engine + " " + engineViolated + ", reference violates " + reference);
        }
        if (!reference.containsAll(engineViolated)) {
            return Optional.of("engine violates " + engineViolated + ", reference only " + reference);
        }
        return Optional.empty();
    }
}
