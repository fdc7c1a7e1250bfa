package org.mptcpverify.models.tlc;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.mptcpverify.trace.ActionAlphabet;
import org.mptcpverify.trace.RunOutcome;
import org.mptcpverify.trace.Scenario;
import org.mptcpverify.trace.ScenarioRunner;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * Random action lists in an attack's alphabet (legitimate actions plus the attack's active
 * actions, docs/threat-model.md), run on the reference to get validation traces. Deterministic in
 * the seed.
 */
final class ReferenceTraceGenerator {
    private ReferenceTraceGenerator() {
    }

    /** The attack's actions (shared {@link ActionAlphabet}), with the spoofed sources used here. */
    static List<TraceAction> alphabet(AttackId attack) {
        return ActionAlphabet.of(attack, List.of("spoof1", "spoof2"));
    }

    /** {@code perScenario} traces of {@code length} actions per scheme, attack and keyed side. */
    static List<ValidationTrace> generate(ScenarioRunner runner, List<SchemeId> schemes, int perScenario,
                                          int length, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<ValidationTrace> out = new ArrayList<>();
        for (SchemeId s : schemes) {
            for (AttackId a : AttackId.matrixAttacks()) {
                for (String side : TlcEngine.keyedSides(a)) {
                    List<TraceAction> alphabet = alphabet(a);
                    for (int n = 0; n < perScenario; n++) {
                        long traceSeed = rnd.nextLong();
                        List<TraceAction> actions = new ArrayList<>();
                        // start with the connections: a trace of only disabled actions checks little
                        actions.add(new TraceAction.Connect("c1"));
                        if (a == AttackId.TWO_KEYS_ONE_HOST) {
                            actions.add(new TraceAction.Connect("c2"));
                        }
                        while (actions.size() < length) {
                            actions.add(alphabet.get(rnd.nextInt(alphabet.size())));
                        }
                        Scenario sc = new Scenario(s, a, traceSeed, side, false);
                        RunOutcome o = runner.run(sc, actions);
                        out.add(new ValidationTrace("generated " + s + "/" + a + "/" + n, s, a, side, false,
                                traceSeed, actions, o.enabled(), o.observations()));
                    }
                }
            }
        }
        return out;
    }
}
