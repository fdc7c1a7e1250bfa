package org.mptcpverify.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mptcpverify.trace.ReferenceRunner;
import org.mptcpverify.trace.RunOutcome;
import org.mptcpverify.trace.Scenario;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/** No property is vacuous: the `broken` scheme and the attacker given the external key violate them. */
class NegativeControlTest {
    static final long SEED = Long.getLong("mptcp.seed", 20261127L);

    @Test
    void brokenViolatesEveryProperty() {
        Set<PropertyId> violated = EnumSet.noneOf(PropertyId.class);
        for (AttackId a : AttackId.values()) {
            if (!a.actionLevel()) continue; // segment-level columns: GenericHandshakeColumnsTest
            for (RunOutcome o : ShortestTraces.run(SchemeId.BROKEN, a, SEED, false)) {
                o.violations().forEach(v -> violated.add(v.property()));
            }
        }
        // every property some action-level column checks; DowngradeResistance and JoinStateBounded
        // have only segment-level columns (GenericHandshakeColumnsTest, the syn-flood tests control them),
        // and JoinAnswerAuthenticity only the segment-level traces engine (MirrorImagePropertiesTest):
        // the action vocabulary, the old models', has no answer to a client's join
        Set<PropertyId> actionLevel = EnumSet.noneOf(PropertyId.class);
        for (AttackId a : AttackId.values()) {
            if (a.actionLevel()) a.properties().stream().filter(PropertyId::inModels).forEach(actionLevel::add);
        }
        assertTrue(actionLevel.containsAll(EnumSet.complementOf(EnumSet.of(PropertyId.DOWNGRADE_RESISTANCE,
                PropertyId.JOIN_STATE_BOUNDED, PropertyId.JOIN_ANSWER_AUTHENTICITY))), actionLevel.toString());
        assertEquals(actionLevel, violated);
    }

    @Test
    void brokenViolatesEveryAttack() {
        for (AttackId a : AttackId.values()) {
            if (!a.actionLevel()) continue; // segment-level columns: GenericHandshakeColumnsTest
            assertTrue(ShortestTraces.run(SchemeId.BROKEN, a, SEED, false).stream().anyMatch(o -> !o.violations().isEmpty()),
                    "broken / " + a);
        }
    }

    /**
     * broken binds the server address into its SYN/ACK HMAC (docs/schemes.md): a rewritten source
     * goes through (syn-join-rewrite is violated), a join to an advertised address fails.
     */
    @Test
    void brokenAcceptsRewrittenSourcesButFailsAdvertisedJoins() {
        RunOutcome rw = ShortestTraces.run(SchemeId.BROKEN, AttackId.SYN_JOIN_REWRITE, SEED, false).get(0);
        assertTrue(rw.violated(PropertyId.SUBFLOW_ENDPOINT_AUTHENTICITY), rw.steps().toString());
        RunOutcome adv = ShortestTraces.run(SchemeId.BROKEN, AttackId.LEGIT_JOIN, SEED, false).get(1);
        assertTrue(adv.steps().get(1).contains("bad HMAC"), adv.steps().get(1));
        assertTrue(adv.violated(PropertyId.LEGIT_JOIN_SUCCEEDS));
    }

    @Test
    void brokenExceedsTheHalfOpenLimit() {
        RunOutcome o = new ReferenceRunner().run(new Scenario(SchemeId.BROKEN, AttackId.JOIN_DOS, SEED, null, false),
                List.of(new TraceAction.Connect("c1"), new TraceAction.SpoofJoinSyn("c1", "forge", "spoof1"),
                        new TraceAction.SpoofJoinSyn("c1", "forge", "spoof2"),
                        new TraceAction.SpoofJoinSyn("c1", "forge", "spoof3")));
        assertEquals(3, o.observations().get(3).get("halfOpen.c1"));
    }

    @Test
    void theAttackerGivenTheKeyForgesJoinsAgainstEveryExternalKeyScheme() {
        for (SchemeId s : SchemeId.values()) {
            if (!s.usesExternalKey()) {
                continue;
            }
            RunOutcome o = ShortestTraces.run(s, AttackId.EAVESDROP_HANDSHAKE, SEED, true).get(0);
            assertTrue(o.violated(PropertyId.JOIN_AUTHENTICITY), s + ": " + o.steps());
            assertEquals(true, o.observations().get(0).get("attackerKnowsKey"), s.toString());
        }
    }
}
