package org.mptcpverify.models.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.definition.DefinedScheme;
import org.mptcpverify.definition.Mutants;
import org.mptcpverify.definition.Phase;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.engine.Bounds;
import org.mptcpverify.engine.WitnessChecks;
import org.mptcpverify.scheme.Role;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The tlc witness (issue 12): the witness run finds an attacker segment of a kind the cell's
 * properties depend on reaching its receiver's check; the controls: an attacker that may send
 * nothing reaches none, and a definition whose check was deleted still has its witness. One
 * vocabulary: MptcpCore's default WitnessMsgs names every kind a property depends on.
 */
class CoreWitnessControlsTest {
    private static String lastStep(CoreWitness w) {
        return w.steps().get(w.steps().size() - 1);
    }

    @Test
    void theWitnessIsASegmentOfARelevantKindAndAnAttackerThatMaySendNothingHasNone() {
        CoreWitness w = new CoreEngine(1).witness(SchemeId.BOUND_KEY, AttackId.FASTCLOSE_FORGE,
                CoreEngineTest.options("w-bk-ff", Bounds.NONE));
        assertTrue(w.decided() && w.reached(), w.toString());
        assertTrue(lastStep(w).contains("\"Deliver\"") && lastStep(w).contains("m |-> \"FASTCLOSE\""), w.steps().toString());

        CoreWitness none = new CoreEngine(1).witness(SchemeId.BOUND_KEY, AttackId.FASTCLOSE_FORGE,
                CoreEngineTest.options("w-bk-ff-0", Bounds.parse("injections=0")));
        assertTrue(none.decided(), none.toString());
        assertFalse(none.reached(), none.toString());
        assertTrue(none.distinctStates() > 0, "the whole state space was explored");
    }

    @Test
    void aDefinitionWhoseCheckWasDeletedStillHasItsWitness() throws Exception {
        SchemeDefinition def = WitnessChecks.builtIn(SchemeId.BOUND_KEY);
        Mutants.Mutant m = Mutants.of(def).stream()
                .filter(x -> x.kind() == Mutants.Kind.UNCHECKED && x.mode() != null && def.messages().stream()
                        .anyMatch(msg -> msg.name().equals(x.message()) && x.mode().equals(msg.mode())
                                && msg.phase() == Phase.FAST_CLOSE && msg.from() == Role.A))
                .findFirst().orElseThrow();
        SchemeDefinition d = m.definition();
        // under a name of its own that is a TLA+ module name (a mutant's has '~' and '.')
        SchemeDefinition named = new SchemeDefinition("bk-unchecked-close", d.file(), d.version(), d.hash(), d.keySource(),
                d.keyWidth(), d.fresh(), d.slots(), d.hostSlots(), d.halfOpenUnlimited(), d.modes(), d.lets(), d.messages(),
                d.keyValues());
        CoreEngine engine = CoreEngine.withSchemeFile(1, named, m.name());
        CoreWitness w = engine.witness(DefinedScheme.idOf(named), AttackId.FASTCLOSE_FORGE,
                CoreEngineTest.options("w-bk-ff-unchecked", Bounds.NONE));
        assertTrue(w.decided() && w.reached(), m.mutation() + ": " + w);
        assertTrue(lastStep(w).contains("m |-> \"FASTCLOSE\""), w.steps().toString());
    }

    @Test
    void theCoreNamesEveryKindAPropertyDependsOn() throws IOException {
        String core;
        try (InputStream in = CoreChecker.class.getResourceAsStream("/tla/core/MptcpCore.tla")) {
            core = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int at = core.indexOf("WitnessMsgs ==");
        String defaults = core.substring(at, core.indexOf("AttackerSegmentChecked ==", at));
        for (PropertyId p : PropertyId.values()) {
            for (String k : p.decidedBy()) {
                assertTrue(defaults.contains("\"" + k + "\""), p + ": " + k + " missing from MptcpCore's WitnessMsgs");
                assertTrue(core.contains("s.m = \"" + k + "\""), k + " is no message the core delivers");
            }
        }
        CoreCell cell = CoreCell.of(SchemeId.RFC8684, AttackId.JOIN_DOS, CoreBounds.standard(AttackId.JOIN_DOS)).get(0);
        String cfg = CoreChecker.witnessCfg(cell, List.of("JOIN_SYN"));
        assertTrue(cfg.contains("WitnessMsgs = {\"JOIN_SYN\"}") && cfg.contains("WitnessProbes = TRUE"), cfg);
        assertEquals(1, cfg.split("PROPERTY ", -1).length - 1, cfg);
    }
}
