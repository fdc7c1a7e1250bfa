package org.mptcpverify.traces.generic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.definition.DefinedScheme;
import org.mptcpverify.definition.Mutants;
import org.mptcpverify.definition.Phase;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.engine.WitnessChecks;
import org.mptcpverify.scheme.Role;
import org.mptcpverify.scheme.Schemes;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The traces engine's witness (issue 12): a HOLDS counts only attacker segments that reached a
 * receiver's check of a kind the cell's properties depend on, as the reference reports the
 * decision points it reached; the controls: an attacker forbidden to send anything is VACUOUS, and
 * a definition whose check was deleted still has a witness (the receiver acts on the segment all
 * the same; the check's name then says "no check").
 */
class RelevantWitnessTest {
    static final long SEED = Long.getLong("mptcp.seed", 20261127L);
    static final int RUNS = 120;

    static GenericAttacker.Outcome run(SchemeDefinition def, SchemeId s, AttackId a, SegmentExplorer.Limits limits) {
        DefinedScheme impl = new DefinedScheme(def);
        return new GenericAttacker(limits, RUNS, id -> id == s ? impl : Schemes.of(id), () -> false)
                .check(s, a, def, SEED, false, a.properties());
    }

    /** Every decision point counted is one of a kind the properties depend on, and a HOLDS has one. */
    @Test
    void aHoldingCellCountsOnlyChecksItsPropertiesDependOn() {
        for (AttackId a : List.of(AttackId.FASTCLOSE_FORGE, AttackId.EAVESDROP_HANDSHAKE)) {
            SchemeDefinition def = GenericAttacker.definition(SchemeId.BOUND_KEY);
            GenericAttacker.Outcome o = run(def, SchemeId.BOUND_KEY, a, SegmentExplorer.Limits.DEFAULT);
            assertEquals(Verdict.HOLDS, o.verdict(), a + ": " + o.reason());
            List<String> kinds = WitnessChecks.kinds(a.applicableProperties(SchemeId.BOUND_KEY));
            assertTrue(o.relevant().segments() > 0 && o.relevant().runs() > 0, a + ": " + o.relevant());
            assertTrue(o.relevant().runs() <= o.witnessRuns(), a + ": a relevant run is a run with a delivery");
            o.relevant().points().keySet().forEach(p ->
                    assertTrue(kinds.contains(p.substring(0, p.indexOf(':'))), a + ": " + p + " is not of " + kinds));
        }
    }

    /** Control: a profile whose attacker may send nothing (no injection, no replay) is VACUOUS, never HOLDS. */
    @Test
    void anAttackerThatMaySendNothingIsVacuous() {
        SchemeDefinition def = GenericAttacker.definition(SchemeId.BOUND_KEY);
        GenericAttacker.Outcome o = run(def, SchemeId.BOUND_KEY, AttackId.FASTCLOSE_FORGE, new SegmentExplorer.Limits(24, 0, 2, 0));
        assertEquals(Verdict.VACUOUS, o.verdict(), o.reason());
        assertEquals(0, o.relevant().segments());
    }

    /**
     * Control: with the receiver's check of MP_FASTCLOSE deleted, the attacker's MP_FASTCLOSE still
     * reaches the receiver (which now accepts it): the witness does not rest on the check's existence.
     */
    @Test
    void aDeletedCheckStillHasAWitness() {
        SchemeDefinition def = GenericAttacker.definition(SchemeId.BOUND_KEY);
        Mutants.Mutant m = Mutants.of(def).stream()
                .filter(x -> x.kind() == Mutants.Kind.UNCHECKED && x.mode() != null && def.messages().stream()
                        .anyMatch(msg -> msg.name().equals(x.message()) && x.mode().equals(msg.mode())
                                && msg.phase() == Phase.FAST_CLOSE && msg.from() == Role.A))
                .findFirst().orElseThrow(); // the client's MP_FASTCLOSE in the keyed mode: the one the server checks
        GenericAttacker.Outcome o = run(m.definition(), SchemeId.BOUND_KEY, AttackId.FASTCLOSE_FORGE, SegmentExplorer.Limits.DEFAULT);
        assertTrue(o.relevant().segments() > 0, m.mutation() + ": " + o.verdict() + " " + o.relevant());
        assertTrue(o.relevant().points().keySet().stream().allMatch(p -> p.startsWith("FASTCLOSE:")), o.relevant().toString());
        List<String> names = WitnessChecks.names(List.of("FASTCLOSE"), m.definition());
        String deleted = m.message() + " [" + m.mode() + "]: no check";
        assertTrue(names.contains(deleted), names.toString());
        assertTrue(!WitnessChecks.names(List.of("FASTCLOSE"), def).contains(deleted), "the original names its check");
    }

    /** Every attack with an attacker depends on some check; the kinds are the core's and the replayer's names. */
    @Test
    void everyAttackerColumnDependsOnACheck() {
        for (AttackId a : AttackId.values()) {
            List<String> kinds = WitnessChecks.kinds(a.properties());
            assertTrue(!kinds.isEmpty(), a.wireName());
            kinds.forEach(k -> assertTrue(Phase.ofCoreMessage(k).isPresent() || List.of("REMOVE_ADDR", "MP_PRIO").contains(k),
                    a + ": " + k));
        }
        List<PropertyId> two = List.of(PropertyId.JOIN_AUTHENTICITY, PropertyId.EXTERNAL_KEY_SECRECY);
        assertEquals(two.stream().flatMap(p -> p.decidedBy().stream()).distinct().toList(), WitnessChecks.kinds(two),
                "the union, in the properties' order, each once");
    }
}
