package org.mptcpverify.models.alloy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.mptcpverify.trace.ActionAlphabet;
import org.mptcpverify.trace.ReferenceRunner;
import org.mptcpverify.trace.RunOutcome;
import org.mptcpverify.trace.Scenario;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * Runs every action list of the attack's vocabulary up to a length on the Java reference and
 * collects the properties it violates: the reference's own bounded verdict on a cell, to compare
 * with the model's.
 */
final class ReferenceEnumeration {
    private ReferenceEnumeration() {
    }

    /** The attack's actions (shared {@link ActionAlphabet}), with the spoofed sources used here. */
    static List<TraceAction> alphabet(AttackId attack) {
        return ActionAlphabet.of(attack, List.of("spoof1"));
    }

    /** Properties violated by some action list of length 1..maxLength (both keyed sides in one-sided-key). */
    static Set<PropertyId> violated(SchemeId scheme, AttackId attack, int maxLength, long seed) {
        ReferenceRunner runner = new ReferenceRunner();
        Set<PropertyId> found = EnumSet.noneOf(PropertyId.class);
        List<String> sides = attack == AttackId.ONE_SIDED_KEY ? List.of("client", "server") : Collections.singletonList(null);
        List<TraceAction> alphabet = alphabet(attack);
        for (String side : sides) {
            Scenario sc = new Scenario(scheme, attack, seed, side, false);
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
}
