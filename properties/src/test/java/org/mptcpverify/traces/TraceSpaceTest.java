package org.mptcpverify.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.vocab.AttackId;

/** The enumeration is exactly the set of traces the enabling rules allow, in prefix order. */
class TraceSpaceTest {
    /** Every action an attack's traces could name at all, rules aside. */
    static List<TraceAction> alphabet(AttackId attack) {
        List<TraceAction> out = new ArrayList<>();
        for (String c : attack == AttackId.TWO_KEYS_ONE_HOST ? List.of("c1", "c2") : List.of("c1")) {
            out.add(new TraceAction.Connect(c));
            out.add(new TraceAction.Join(c));
            out.add(new TraceAction.Advertise(c));
            out.add(new TraceAction.Close(c));
            out.add(new TraceAction.ForgeJoin(c));
            out.add(new TraceAction.RewriteJoin(c));
            out.add(new TraceAction.ForgeAddAddr(c));
            out.add(new TraceAction.ForgeFastClose(c));
            out.add(new TraceAction.RemoveAddr(c));
            out.add(new TraceAction.SetBackup(c));
            out.add(new TraceAction.ForgeRemoveAddr(c));
            out.add(new TraceAction.ForgeMpPrio(c));
            for (String mode : List.of("forge", "replay")) {
                for (String src : List.of("spoof1", "spoof2", "spoof3")) {
                    out.add(new TraceAction.SpoofJoinSyn(c, mode, src));
                }
            }
        }
        return out;
    }

    /** Brute force: every sequence over the alphabet up to {@code depth}, kept when it follows the rules. */
    static Set<List<TraceAction>> bruteForce(AttackId attack, int depth) {
        Set<List<TraceAction>> out = new HashSet<>();
        List<List<TraceAction>> frontier = List.of(List.of());
        for (int d = 1; d <= depth; d++) {
            List<List<TraceAction>> next = new ArrayList<>();
            for (List<TraceAction> prefix : frontier) {
                for (TraceAction a : alphabet(attack)) {
                    List<TraceAction> t = new ArrayList<>(prefix);
                    t.add(a);
                    if (TraceGeneratorTest.followsRules(attack, t)) {
                        out.add(t);
                        next.add(t);
                    }
                }
            }
            frontier = next;
        }
        return out;
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("org.mptcpverify.traces.TraceGeneratorTest#actionAttacks")
    void enumerationEqualsBruteForceUpToFourActions(AttackId attack) {
        TraceGenerator g = TraceGenerator.forAttack(attack);
        List<TraceSpace.Variant> space = TraceSpace.upTo(g, 4, Integer.MAX_VALUE);
        Set<List<TraceAction>> expected = bruteForce(attack, 4);
        int sides = attack == AttackId.ONE_SIDED_KEY ? 2 : 1;
        assertEquals(expected.size() * sides, space.size());
        Set<TraceSpace.Variant> seen = new HashSet<>();
        int length = 1;
        for (TraceSpace.Variant v : space) {
            assertTrue(v.actions().size() >= length, "shorter trace after a longer one: " + v);
            length = v.actions().size();
            assertTrue(expected.contains(v.actions()), attack + ": " + ActionJson.describe(v.actions()));
            assertTrue(seen.add(v), "listed twice: " + v);
            if (v.actions().size() > 1) {
                TraceSpace.Variant parent = new TraceSpace.Variant(v.actions().subList(0, v.actions().size() - 1), v.keyedSide());
                assertTrue(seen.contains(parent), "extension before its prefix: " + v);
            }
        }
    }

    @Test
    void limitAndPlan() {
        TraceGenerator legit = TraceGenerator.forAttack(AttackId.LEGIT_JOIN);
        int all = TraceSpace.upTo(legit, 6, Integer.MAX_VALUE).size();
        assertNull(TraceSpace.upTo(legit, 6, all - 1));
        assertEquals(all, TraceSpace.upTo(legit, 6, all).size());
        TraceSpace.Plan complete = TraceSpace.plan(legit, 6, all);
        assertTrue(complete.complete());
        assertEquals(6, complete.depth());
        assertEquals(0, complete.random());
        assertEquals(all, complete.size());

        TraceGenerator dos = TraceGenerator.forAttack(AttackId.JOIN_DOS);
        TraceSpace.Plan hybrid = TraceSpace.plan(dos, 6, 500);
        assertFalse(hybrid.complete());
        assertTrue(hybrid.depth() >= 2 && hybrid.depth() < 6, "depth " + hybrid.depth());
        assertTrue(hybrid.enumerated().size() <= 250);
        assertEquals(500, hybrid.size());
        assertEquals(bruteForce(AttackId.JOIN_DOS, hybrid.depth()).size(), hybrid.enumerated().size());
        assertTrue(TraceSpace.upTo(dos, hybrid.depth() + 1, 250) == null, "could have enumerated deeper");

        TraceSpace.Plan none = TraceSpace.plan(dos, 6, 1);
        assertEquals(0, none.depth());
        assertEquals(1, none.random());
    }
}
