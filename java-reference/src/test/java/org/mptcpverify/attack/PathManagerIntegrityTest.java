package org.mptcpverify.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.trace.ReferenceRunner;
import org.mptcpverify.trace.RunOutcome;
import org.mptcpverify.trace.Scenario;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * PathManagerIntegrity on the reference: the server obeys the client's own REMOVE_ADDR and
 * MP_PRIO, which the monitor must not count as violations (else every cell would be VIOLATED by
 * the honest path manager alone), and the forged option of the same kind is what violates it.
 */
class PathManagerIntegrityTest {
    static final long SEED = Long.getLong("mptcp.seed", 20261127L);
    final ReferenceRunner runner = new ReferenceRunner();

    RunOutcome run(SchemeId s, AttackId a, TraceAction... actions) {
        return runner.run(new Scenario(s, a, SEED, null, false), List.of(actions));
    }

    @Test
    void theClientsOwnRemoveAddrClosesItsJoinAndIsNoViolation() {
        for (SchemeId s : SchemeId.values()) {
            RunOutcome o = run(s, AttackId.REMOVE_ADDR_FORGE, new TraceAction.Connect("c1"), new TraceAction.Join("c1"),
                    new TraceAction.RemoveAddr("c1"));
            assertEquals(List.of(true, true, true), o.enabled(), s + ": " + o.steps());
            assertEquals(1, o.observations().get(1).get("subflows.c1"), s + ": the join is up before: " + o.steps());
            assertEquals(0, o.observations().get(2).get("subflows.c1"), s + ": the server closed the join: " + o.steps());
            assertFalse(o.violated(PropertyId.PATH_MANAGER_INTEGRITY), s + ": " + o.violations());
        }
    }

    @Test
    void theClientsOwnMpPrioIsObeyedAndIsNoViolation() {
        for (SchemeId s : SchemeId.values()) {
            RunOutcome o = run(s, AttackId.MP_PRIO_FORGE, new TraceAction.Connect("c1"), new TraceAction.SetBackup("c1"));
            assertTrue(o.steps().get(1).contains("is backup for the peer"), s + ": " + o.steps());
            assertFalse(o.violated(PropertyId.PATH_MANAGER_INTEGRITY), s + ": " + o.violations());
        }
    }

    /** The same change made by the attacker's copy of the option is the violation (the monitor can fail). */
    @Test
    void theForgedOptionIsTheViolation() {
        RunOutcome rm = run(SchemeId.RFC8684, AttackId.REMOVE_ADDR_FORGE, new TraceAction.Connect("c1"),
                new TraceAction.Join("c1"), new TraceAction.ForgeRemoveAddr("c1"));
        assertTrue(rm.violated(PropertyId.PATH_MANAGER_INTEGRITY), rm.steps().toString());
        assertEquals(0, rm.observations().get(2).get("subflows.c1"), "the forged REMOVE_ADDR named the join's id too");
        RunOutcome prio = run(SchemeId.RFC8684, AttackId.MP_PRIO_FORGE, new TraceAction.Connect("c1"),
                new TraceAction.ForgeMpPrio("c1"));
        assertTrue(prio.violated(PropertyId.PATH_MANAGER_INTEGRITY), prio.steps().toString());
        // once the client asked for backup itself, the attacker's identical request changes nothing
        RunOutcome same = run(SchemeId.RFC8684, AttackId.MP_PRIO_FORGE, new TraceAction.Connect("c1"),
                new TraceAction.SetBackup("c1"), new TraceAction.ForgeMpPrio("c1"));
        assertFalse(same.violated(PropertyId.PATH_MANAGER_INTEGRITY), same.steps().toString());
    }

    /** A blind attacker that never saw the connection has no 4-tuple to put the option on. */
    @Test
    void theForgeryNeedsTheObservedFourTuple() {
        RunOutcome o = run(SchemeId.RFC8684, AttackId.REMOVE_ADDR_FORGE, new TraceAction.ForgeRemoveAddr("c1"),
                new TraceAction.Connect("c1"));
        assertEquals(List.of(false, true), o.enabled(), o.steps().toString());
    }
}
