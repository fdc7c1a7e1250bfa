package org.mptcpverify.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.mptcpverify.trace.RunOutcome;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/** Generation only uses actions enabled where they stand, only the attack's capabilities, within bounds. */
class TraceGeneratorTest {
    private static final int TRIES = 1500;
    private static final int MAX = 6;

    /** The threat model's table, written out here independently of the generators. */
    private static final Map<AttackId, Set<String>> ACTIVE = new EnumMap<>(Map.ofEntries(
            Map.entry(AttackId.REMOVE_ADDR_FORGE, Set.of("ForgeRemoveAddr")),
            Map.entry(AttackId.MP_PRIO_FORGE, Set.of("ForgeMpPrio")),
            Map.entry(AttackId.TWO_KEYS_ONE_HOST, Set.of())));
    static {
        ACTIVE.putAll(Map.of(
            AttackId.EAVESDROP_HANDSHAKE, Set.of("ForgeJoin"),
            AttackId.EAVESDROP_ALL, Set.of("ForgeJoin"),
            AttackId.SYN_JOIN_REWRITE, Set.of("RewriteJoin"),
            AttackId.JOIN_DOS, Set.of("SpoofJoinSyn"),
            AttackId.ADD_ADDR_MITM, Set.of("ForgeAddAddr"),
            AttackId.FASTCLOSE_FORGE, Set.of("ForgeFastClose"),
            AttackId.LEGIT_JOIN, Set.of(),
            AttackId.NAT_JOIN, Set.of(),
            AttackId.ONE_SIDED_KEY, Set.of()));
    }
    private static final Set<String> LEGIT = Set.of("Connect", "Join", "Advertise", "Close");
    /** The client's own path-manager request, in the two path-manager columns only. */
    private static final Map<AttackId, String> REQUEST = Map.of(
            AttackId.REMOVE_ADDR_FORGE, "RemoveAddr", AttackId.MP_PRIO_FORGE, "SetBackup");

    private static Set<String> legit(AttackId attack) {
        Set<String> l = new TreeSet<>(LEGIT);
        if (REQUEST.containsKey(attack)) {
            l.add(REQUEST.get(attack));
        }
        return l;
    }

    /** The columns with an action-based generator (the others run on the generic attacker only). */
    static java.util.stream.Stream<AttackId> actionAttacks() {
        return java.util.Arrays.stream(AttackId.values()).filter(org.mptcpverify.trace.ActionAlphabet::covers);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("actionAttacks")
    void generatedTracesUseOnlyEnabledActionsOfTheAttack(AttackId attack) {
        TraceGenerator g = TraceGenerator.forAttack(attack);
        assertEquals(attack, g.attack());
        Set<String> clients = attack == AttackId.TWO_KEYS_ONE_HOST ? Set.of("c1", "c2") : Set.of("c1");
        ToyRunner toy = new ToyRunner();
        Set<String> namesSeen = new TreeSet<>();
        Set<String> sidesSeen = new HashSet<>();
        Set<String> paramsSeen = new TreeSet<>();
        for (int i = 0; i < TRIES; i++) {
            GeneratedTrace t = g.generate(SchemeId.RFC8684, Seeds.trial(42, i), i, false, MAX);
            List<TraceAction> actions = t.actions();
            assertTrue(actions.size() >= 1 && actions.size() <= MAX, "length " + actions.size());
            assertEquals(attack, t.scenario().attack());
            assertEquals(SchemeId.RFC8684, t.scenario().scheme());
            if (attack == AttackId.ONE_SIDED_KEY) {
                sidesSeen.add(t.scenario().keyedSide());
            } else {
                assertNull(t.scenario().keyedSide());
            }
            checkAgainstRules(attack, clients, actions);
            RunOutcome o = toy.run(t.scenario(), actions);
            assertFalse(o.enabled().contains(false),
                    "the toy runner found a generated action not enabled: " + ActionJson.describe(actions));
            for (TraceAction a : actions) {
                namesSeen.add(a.name());
                if (a instanceof TraceAction.SpoofJoinSyn s) {
                    paramsSeen.add(s.mode() + "/" + s.src());
                }
                paramsSeen.add("client " + a.client());
            }
        }
        // Coverage: every capability and every legitimate action shows up.
        Set<String> expected = legit(attack);
        expected.addAll(ACTIVE.get(attack));
        assertEquals(expected, namesSeen);
        if (attack == AttackId.ONE_SIDED_KEY) {
            assertEquals(Set.of("client", "server"), sidesSeen);
        }
        if (attack == AttackId.JOIN_DOS) {
            assertTrue(paramsSeen.containsAll(Set.of("forge/spoof1", "forge/spoof2", "forge/spoof3",
                    "replay/spoof1", "replay/spoof2", "replay/spoof3")),
                    paramsSeen.toString());
        }
        if (attack == AttackId.TWO_KEYS_ONE_HOST) {
            assertTrue(paramsSeen.contains("client c2"));
        }
    }

    /** Whether {@code actions} follows the enabling rules (the boolean form of checkAgainstRules). */
    static boolean followsRules(AttackId attack, List<TraceAction> actions) {
        Set<String> clients = attack == AttackId.TWO_KEYS_ONE_HOST ? Set.of("c1", "c2") : Set.of("c1");
        try {
            checkAgainstRules(attack, clients, actions);
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    /** The enabling rules of docs/traces-engine.md, checked action by action. */
    private static void checkAgainstRules(AttackId attack, Set<String> clients, List<TraceAction> actions) {
        Map<String, String> phase = new HashMap<>();
        Set<String> joinSeen = new HashSet<>();
        boolean attackerActed = false;
        boolean observesJoins = attack == AttackId.EAVESDROP_ALL || attack == AttackId.JOIN_DOS
                || attack == AttackId.FASTCLOSE_FORGE || attack == AttackId.SYN_JOIN_REWRITE
                || REQUEST.containsKey(attack);
        for (TraceAction a : actions) {
            String why = ActionJson.describe(actions) + " at " + a;
            if (!clients.contains(a.client())) {
                fail("client not in scenario: " + why);
            }
            String p = phase.getOrDefault(a.client(), "none");
            if (a.byAttacker()) {
                assertTrue(ACTIVE.get(attack).contains(a.name()), "capability not in attack: " + why);
                assertEquals("open", p, "attacker action on a connection that is not open: " + why);
                if (a instanceof TraceAction.SpoofJoinSyn s) {
                    assertTrue(Set.of("forge", "replay").contains(s.mode()), why);
                    assertTrue(Set.of("spoof1", "spoof2", "spoof3").contains(s.src()), why);
                    if (s.mode().equals("replay")) {
                        assertTrue(joinSeen.contains(a.client()), "replay with nothing observed: " + why);
                    }
                }
                attackerActed = true;
                continue;
            }
            assertTrue(legit(attack).contains(a.name()), why);
            if (a instanceof TraceAction.Connect) {
                assertEquals("none", p, "Connect twice: " + why);
                phase.put(a.client(), "open");
            } else {
                assertEquals("open", p, a.name() + " without an open connection: " + why);
                if (a instanceof TraceAction.Close) {
                    phase.put(a.client(), "closed");
                } else if (attack == AttackId.SYN_JOIN_REWRITE || (observesJoins && !attackerActed)) {
                    joinSeen.add(a.client());
                }
            }
        }
    }

    @Test
    void sameSeedSameTraceDifferentSeedsDiffer() {
        Set<List<TraceAction>> distinct = new HashSet<>();
        for (AttackId attack : AttackId.values()) {
            if (!attack.actionLevel()) continue; // segment-level columns: GenericHandshakeColumnsTest
            TraceGenerator g = TraceGenerator.forAttack(attack);
            for (int i = 0; i < 50; i++) {
                GeneratedTrace a = g.generate(SchemeId.BOUND_KEY, Seeds.trial(7, i), i, true, MAX);
                GeneratedTrace b = TraceGenerator.forAttack(attack).generate(SchemeId.BOUND_KEY, Seeds.trial(7, i), i, true, MAX);
                assertEquals(a, b);
                assertTrue(a.scenario().attackerHasKey());
                distinct.add(a.actions());
            }
        }
        assertTrue(distinct.size() > 100, "generated traces are too alike: " + distinct.size());
    }

    @Test
    void cellSeedsDependOnSeedSchemeAndAttack() {
        long a = Seeds.cell(1, SchemeId.RFC8684, AttackId.JOIN_DOS);
        assertEquals(a, Seeds.cell(1, SchemeId.RFC8684, AttackId.JOIN_DOS));
        assertTrue(a != Seeds.cell(2, SchemeId.RFC8684, AttackId.JOIN_DOS));
        assertTrue(a != Seeds.cell(1, SchemeId.RFC6824, AttackId.JOIN_DOS));
        assertTrue(a != Seeds.cell(1, SchemeId.RFC8684, AttackId.EAVESDROP_ALL));
    }

    @Test
    void wellFormedRejectsActionsThatAreNotEnabled() {
        TraceGenerator g = TraceGenerator.forAttack(AttackId.JOIN_DOS);
        assertFalse(g.wellFormed(List.of(new TraceAction.Join("c1"))));
        assertFalse(g.wellFormed(List.of(new TraceAction.Connect("c1"), new TraceAction.Connect("c1"))));
        assertFalse(g.wellFormed(List.of(new TraceAction.Connect("c2"))));
        assertFalse(g.wellFormed(List.of(new TraceAction.Connect("c1"), new TraceAction.ForgeJoin("c1"))));
        assertFalse(g.wellFormed(List.of(new TraceAction.Connect("c1"),
                new TraceAction.SpoofJoinSyn("c1", "replay", "spoof1"))));
        assertTrue(g.wellFormed(List.of(new TraceAction.Connect("c1"), new TraceAction.Join("c1"),
                new TraceAction.SpoofJoinSyn("c1", "replay", "spoof1"))));
        // Seen only until the attacker's first active action.
        assertFalse(g.wellFormed(List.of(new TraceAction.Connect("c1"),
                new TraceAction.SpoofJoinSyn("c1", "forge", "spoof1"), new TraceAction.Join("c1"),
                new TraceAction.SpoofJoinSyn("c1", "replay", "spoof1"))));
        assertFalse(g.wellFormed(List.of(new TraceAction.Connect("c1"), new TraceAction.Close("c1"),
                new TraceAction.Join("c1"))));
    }
}
