package org.mptcpverify.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mptcpverify.endpoint.JoinLimits;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.scheme.Schemes;
import org.mptcpverify.trace.ActionAlphabet;
import org.mptcpverify.trace.ReferenceRunner;
import org.mptcpverify.trace.RunOutcome;
import org.mptcpverify.trace.Scenario;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * Issue #11 item 3: every built-in scheme, run from its definition (models/schemes) instead of its
 * hand-written class, produces byte-identical segments, the same accept/reject decisions (the
 * narrated steps, which say what each side accepted, reset or dropped), the same enabled attacker
 * actions (what the generic attacker could derive versus the scheme's forge* methods) and the same
 * violations, on random traces of every attack's action alphabet.
 */
class DefinitionVsReferenceTest {
    /** Traces per (scheme, attack); each up to MAX_LENGTH actions. */
    private static final int TRACES = 12;
    private static final int MAX_LENGTH = 7;

    private static final Map<SchemeId, AuthScheme> DEFINED = new java.util.HashMap<>();

    static synchronized AuthScheme defined(SchemeId id) {
        return DEFINED.computeIfAbsent(id, i -> new DefinedScheme(BuiltInDefinitions.of(i)));
    }

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (SchemeId s : SchemeId.values()) {
            for (AttackId a : AttackId.values()) {
                if (!org.mptcpverify.trace.ActionAlphabet.covers(a)) continue; // generic attacker only
                out.add(Arguments.of(s, a));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("cells")
    void definitionRunsLikeTheHandWrittenScheme(SchemeId scheme, AttackId attack) {
        ReferenceRunner hand = new ReferenceRunner(JoinLimits.CONTRACT_HALF_OPEN, Schemes::of);
        ReferenceRunner fromDefinition = new ReferenceRunner(JoinLimits.CONTRACT_HALF_OPEN,
                DefinitionVsReferenceTest::defined);
        List<TraceAction> alphabet = ActionAlphabet.of(attack, List.of("spoof1", "spoof2"));
        SplittableRandom pick = new SplittableRandom(scheme.ordinal() * 1000L + attack.ordinal());
        int attackerActions = 0;
        for (int t = 0; t < TRACES; t++) {
            List<TraceAction> trace = new ArrayList<>();
            trace.add(alphabet.get(0)); // Connect first, so most traces reach the interesting phases
            int len = 1 + pick.nextInt(MAX_LENGTH);
            for (int k = 1; k < len; k++) {
                trace.add(alphabet.get(pick.nextInt(alphabet.size())));
            }
            for (boolean attackerHasKey : List.of(false, true)) {
                Scenario sc = new Scenario(scheme, attack, pick.nextLong(),
                        attack == AttackId.ONE_SIDED_KEY ? (t % 2 == 0 ? "client" : "server") : null, attackerHasKey);
                RunOutcome a = hand.run(sc, trace);
                RunOutcome b = fromDefinition.run(sc, trace);
                String where = scheme + " / " + attack + " seed " + sc.seed() + " key " + attackerHasKey + " trace " + trace;
                assertEquals(a.segments().size(), b.segments().size(), "segment count: " + where + "\n" + a.steps() + "\n" + b.steps());
                for (int i = 0; i < a.segments().size(); i++) {
                    assertEquals(a.segments().get(i), b.segments().get(i), "segment " + i + ": " + where
                            + "\nhand:       " + a.steps() + "\ndefinition: " + b.steps());
                }
                assertEquals(a.steps(), b.steps(), "accept/reject decisions: " + where);
                assertEquals(a.enabled(), b.enabled(), "attacker capabilities: " + where);
                assertEquals(a.violations(), b.violations(), "violations: " + where);
                for (int i = 0; i < trace.size(); i++) {
                    if (trace.get(i).byAttacker() && a.enabled().get(i)) {
                        attackerActions++;
                    }
                }
            }
        }
        if (alphabet.stream().anyMatch(TraceAction::byAttacker)) {
            assertTrue(attackerActions > 0, "no attacker action was enabled: the comparison said nothing about forge*");
        }
    }
}
