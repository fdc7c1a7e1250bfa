package org.mptcpverify.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mptcpverify.trace.Scenario;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.trace.TraceAction.Advertise;
import org.mptcpverify.trace.TraceAction.Connect;
import org.mptcpverify.trace.TraceAction.ForgeJoin;
import org.mptcpverify.trace.TraceAction.Join;
import org.mptcpverify.trace.TraceAction.SpoofJoinSyn;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/** The shrinker reaches the toy protocol's known minima from long failing traces. */
class ShrinkerTest {
    private final ToyRunner toy = new ToyRunner();

    private Shrinker shrinkerFor(AttackId attack, PropertyId property) {
        TraceGenerator g = TraceGenerator.forAttack(attack);
        Scenario sc = Scenario.of(SchemeId.RFC8684, attack, 1);
        return new Shrinker(g::wellFormed, t -> toy.run(sc, t).violated(property), () -> false);
    }

    /** Long random well-formed traces of the attack, kept when they violate the property. */
    private List<List<TraceAction>> longFailingTraces(AttackId attack, PropertyId property, int want) {
        TraceGenerator g = TraceGenerator.forAttack(attack);
        Scenario sc = Scenario.of(SchemeId.RFC8684, attack, 1);
        List<List<TraceAction>> out = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(99);
        for (int n = 0; n < 100_000 && out.size() < want; n++) {
            int length = rnd.nextInt(12, 31);
            GenState s = GenState.initial(g.clients());
            List<TraceAction> t = new ArrayList<>();
            while (t.size() < length) {
                List<TraceAction> en = g.enabled(s);
                // Keep connections open so that traces get long: a Close only rarely.
                en.removeIf(a -> a instanceof TraceAction.Close && rnd.nextInt(10) > 0);
                if (en.isEmpty()) {
                    break;
                }
                TraceAction a = en.get(rnd.nextInt(en.size()));
                t.add(a);
                s = s.after(a, g.observation());
            }
            if (t.size() >= 12 && toy.run(sc, t).violated(property)) {
                out.add(t);
            }
        }
        assertEquals(want, out.size(), "not enough long failing traces generated");
        return out;
    }

    @Test
    void reachesTheThreeActionMinimumFromLongTraces() {
        for (List<TraceAction> failing : longFailingTraces(AttackId.EAVESDROP_HANDSHAKE, PropertyId.JOIN_AUTHENTICITY, 25)) {
            Shrinker.Result r = shrinkerFor(AttackId.EAVESDROP_HANDSHAKE, PropertyId.JOIN_AUTHENTICITY).shrink(failing);
            assertEquals(List.of(new Connect("c1"), new Advertise("c1"), new ForgeJoin("c1")), r.actions(),
                    "from " + ActionJson.describe(failing));
            assertTrue(r.complete());
            assertTrue(r.steps() >= 1 && r.runs() >= r.steps(), r.toString());
        }
    }

    @Test
    void simplifiesParametersReplayToForgeAndSpoof2ToSpoof1() {
        for (List<TraceAction> failing : longFailingTraces(AttackId.JOIN_DOS, PropertyId.JOIN_STATE_UNFORGEABLE, 15)) {
            Shrinker.Result r = shrinkerFor(AttackId.JOIN_DOS, PropertyId.JOIN_STATE_UNFORGEABLE).shrink(failing);
            SpoofJoinSyn simple = new SpoofJoinSyn("c1", "forge", "spoof1");
            assertEquals(List.of(new Connect("c1"), simple, simple, simple), r.actions(),
                    "from " + ActionJson.describe(failing));
        }
    }

    @Test
    void replayOnlyTraceShrinksToForge() {
        SpoofJoinSyn replay2 = new SpoofJoinSyn("c1", "replay", "spoof2");
        List<TraceAction> failing = List.of(new Connect("c1"), new Join("c1"), replay2, replay2, replay2);
        Shrinker.Result r = shrinkerFor(AttackId.JOIN_DOS, PropertyId.JOIN_STATE_UNFORGEABLE).shrink(failing);
        SpoofJoinSyn simple = new SpoofJoinSyn("c1", "forge", "spoof1");
        // Once replay became forge, the Join that made replay possible is no longer needed.
        assertEquals(List.of(new Connect("c1"), simple, simple, simple), r.actions());
    }

    @Test
    void movesActionsFromC2ToC1WhereValid() {
        for (List<TraceAction> failing : longFailingTraces(AttackId.TWO_KEYS_ONE_HOST, PropertyId.KEY_ISOLATION, 15)) {
            Shrinker.Result r = shrinkerFor(AttackId.TWO_KEYS_ONE_HOST, PropertyId.KEY_ISOLATION).shrink(failing);
            assertEquals(3, r.actions().size(), ActionJson.describe(r.actions()));
            assertEquals(new Join("c1"), r.actions().get(2), ActionJson.describe(r.actions()));
            assertTrue(r.actions().subList(0, 2).containsAll(List.of(new Connect("c1"), new Connect("c2"))));
        }
    }

    @Test
    void resultIsOneMinimal() {
        TraceGenerator g = TraceGenerator.forAttack(AttackId.JOIN_DOS);
        Scenario sc = Scenario.of(SchemeId.RFC8684, AttackId.JOIN_DOS, 1);
        for (List<TraceAction> failing : longFailingTraces(AttackId.JOIN_DOS, PropertyId.JOIN_STATE_UNFORGEABLE, 5)) {
            List<TraceAction> min = shrinkerFor(AttackId.JOIN_DOS, PropertyId.JOIN_STATE_UNFORGEABLE).shrink(failing).actions();
            assertTrue(toy.run(sc, min).violated(PropertyId.JOIN_STATE_UNFORGEABLE));
            for (int i = 0; i < min.size(); i++) {
                List<TraceAction> less = new ArrayList<>(min);
                less.remove(i);
                assertFalse(g.wellFormed(less) && toy.run(sc, less).violated(PropertyId.JOIN_STATE_UNFORGEABLE),
                        "removable action " + i + " in " + ActionJson.describe(min));
            }
        }
    }

    @Test
    void stopsWhenOutOfTimeWithAStillFailingTrace() {
        List<TraceAction> failing = longFailingTraces(AttackId.EAVESDROP_HANDSHAKE, PropertyId.JOIN_AUTHENTICITY, 1).get(0);
        TraceGenerator g = TraceGenerator.forAttack(AttackId.EAVESDROP_HANDSHAKE);
        Scenario sc = Scenario.of(SchemeId.RFC8684, AttackId.EAVESDROP_HANDSHAKE, 1);
        AtomicInteger budget = new AtomicInteger(2);
        Shrinker s = new Shrinker(g::wellFormed, t -> toy.run(sc, t).violated(PropertyId.JOIN_AUTHENTICITY),
                () -> budget.getAndDecrement() <= 0);
        Shrinker.Result r = s.shrink(failing);
        assertFalse(r.complete());
        assertEquals(2, r.runs());
        assertTrue(toy.run(sc, r.actions()).violated(PropertyId.JOIN_AUTHENTICITY));
        assertTrue(r.actions().size() <= failing.size());
    }

    @Test
    void countsOnlyAcceptedStepsAndIsDeterministic() {
        List<TraceAction> failing = longFailingTraces(AttackId.EAVESDROP_HANDSHAKE, PropertyId.JOIN_AUTHENTICITY, 1).get(0);
        Shrinker.Result a = shrinkerFor(AttackId.EAVESDROP_HANDSHAKE, PropertyId.JOIN_AUTHENTICITY).shrink(failing);
        Shrinker.Result b = shrinkerFor(AttackId.EAVESDROP_HANDSHAKE, PropertyId.JOIN_AUTHENTICITY).shrink(failing);
        assertEquals(a, b);
        assertTrue(a.steps() < a.runs(), a.toString());
    }
}
