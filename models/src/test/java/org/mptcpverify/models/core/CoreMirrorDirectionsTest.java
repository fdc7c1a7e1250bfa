package org.mptcpverify.models.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mptcpverify.definition.DefinedScheme;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.definition.Mutants;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The mirror-image directions of the generic TLA+ core (session 19): the server's acceptance of a
 * client's ADD_ADDR (AddrAuthenticity at the server), the client's acceptance of the server's
 * MP_FASTCLOSE (CloseAuthenticity at the client) and of the server's REMOVE_ADDR and MP_PRIO
 * (PathManagerIntegrity at the client). Each is guarded by one check of a definition that the
 * attacker cannot pass without a key; the negative controls are the definitions' mutants without
 * that check (the mutation names of the traces engine's MirrorImagePropertiesTest), which TLC must
 * find VIOLATED through the forgery towards that end, with a counterexample that replays on the
 * mutant's reference and not on the original's. Without injections, the ends' own mirror messages
 * are no violation.
 */
class CoreMirrorDirectionsTest {
    record Case(String scheme, String mutation, AttackId attack, PropertyId property, String forge, String msg) {}

    static final List<Case> CASES = List.of(
            new Case("draft-baerts", "unchecked.add-addr-a.ext.hmac", AttackId.ADD_ADDR_MITM, PropertyId.ADDR_AUTHENTICITY,
                    "ForgeAddAddrToServer", "ADD_ADDR_A"),
            new Case("draft-baerts", "unchecked.fast-close-b.ext.key", AttackId.FASTCLOSE_FORGE, PropertyId.CLOSE_AUTHENTICITY,
                    "ForgeFastCloseToClient", "FASTCLOSE_B"),
            new Case("mptls", "unchecked.remove-addr-b.hmac", AttackId.REMOVE_ADDR_FORGE, PropertyId.PATH_MANAGER_INTEGRITY,
                    "ForgeRemoveAddrToClient", "REMOVE_ADDR"),
            new Case("mptcpsec", "unchecked.mp-prio-b.hmac", AttackId.MP_PRIO_FORGE, PropertyId.PATH_MANAGER_INTEGRITY,
                    "ForgeMpPrioToClient", "MP_PRIO"));

    @Test
    void eachMirrorCheckIsKilledByTheForgeryTowardsItsEnd() throws Exception {
        for (Case c : CASES) {
            SchemeId s = SchemeId.byName(c.scheme()).orElseThrow();
            SchemeDefinition original = DefinitionParser.parse(GeneratedSchemeDataTest.definition(s));
            SchemeDefinition mutant = Mutants.of(original).stream().filter(m -> m.mutation().equals(c.mutation()))
                    .findFirst().orElseThrow(() -> new AssertionError(c + ": no such mutant")).definition();
            CoreCell cell = CoreCell.of(s, c.attack(), CoreBounds.standard(c.attack())).get(0);
            // (a mutant has a name of its own: its module is renamed to the cell's)
            String module = CoreSchemeFiles.render(mutant, "mutant").entrySet().stream()
                    .filter(e -> e.getKey().startsWith("schemes/")).findFirst().orElseThrow().getValue()
                    .replaceFirst("MODULE Scheme_\\S+", "MODULE " + cell.schemeModule());
            boolean[] edited = {false};
            CoreResult r = new CoreChecker(1).check(cell, List.of(c.property()),
                    CoreCellsTest.TARGET.resolve("mirror-" + c.mutation()), CoreCellsTest.seed(), Duration.ofSeconds(600),
                    committed -> {
                        edited[0] = !committed.equals(module);
                        return module;
                    });
            assertTrue(edited[0], c + ": the mutant's data equals the committed data");
            assertEquals(Verdict.VIOLATED, r.verdict(), c + ": mutant not killed: " + r);
            assertEquals(List.of(c.property()), r.violated(), c.toString());
            assertTrue(r.trace().stream().anyMatch(x -> x.contains(c.forge())), c + ": trace " + r.trace());
            SegmentTrace t = r.counterexample();
            assertTrue(t != null, c + ": not exported: " + r.exportProblem());
            assertTrue(t.events().stream().anyMatch(e -> e instanceof SegmentEvent.Inject i && i.msg().equals(c.msg())),
                    c + ": no forged " + c.msg() + " in " + t.events());
            SegmentReplayer.Result onMutant = new SegmentReplayer(x -> new DefinedScheme(mutant)).replay(t);
            assertTrue(onMutant.divergence().isEmpty() && onMutant.violation().map(v -> v.property() == c.property()).orElse(false),
                    c + ": does not replay on the mutant: " + onMutant.report());
            SegmentReplayer.Result onOriginal = new SegmentReplayer(x -> new DefinedScheme(original)).replay(t);
            assertFalse(onOriginal.divergence().isEmpty() && onOriginal.violation().isPresent(),
                    c + ": replays on the original too: " + onOriginal.report());
        }
    }

    /**
     * Without injections, the client's own ADD_ADDR to the server and the server's own MP_FASTCLOSE
     * are no violation (rfc8684, whose v1 ADD_ADDR HMAC and clear-key MP_FASTCLOSE both directions
     * accept), so the violations above are the forgeries'; and the tlc result no longer says it
     * judges one end only.
     */
    @Test
    void theEndsOwnMirrorMessagesAreNoViolation() {
        for (AttackId a : List.of(AttackId.ADD_ADDR_MITM, AttackId.FASTCLOSE_FORGE)) {
            CoreBounds b = CoreBounds.standard(a);
            CoreBounds none = new CoreBounds(b.apps(), b.clientsPerApp(), b.connsPerClient(), b.joins(), 0, 0,
                    b.lossy(), b.attackerPeer());
            CoreResult r = new CoreChecker(1).check(new CoreCell(SchemeId.RFC8684, a, "both", false, none),
                    a.properties(), CoreCellsTest.TARGET.resolve("mirror-control"), CoreCellsTest.seed(),
                    Duration.ofSeconds(300));
            assertEquals(Verdict.HOLDS, r.verdict(), a + ": " + r);
        }
    }

    /**
     * The tlc engine judges the three properties at both ends, so its results no longer name an
     * unjudged end; the Alloy models' default (PropertyId.modelsJudgeOneEnd) still does.
     */
    @Test
    void theTlcResultsNameNoUnjudgedEnd() {
        CoreEngine e = new CoreEngine(1);
        List<PropertyId> both = List.of(PropertyId.ADDR_AUTHENTICITY, PropertyId.CLOSE_AUTHENTICITY,
                PropertyId.PATH_MANAGER_INTEGRITY);
        for (PropertyId p : both) {
            assertFalse(e.judgesOneEnd(p), p.toString());
            assertTrue(p.modelsJudgeOneEnd(), p + ": the Alloy core still judges one end");
        }
        org.mptcpverify.engine.CellResult r = e.withUnjudged(both,
                new org.mptcpverify.engine.CellResult(Verdict.HOLDS, List.of(), 1.0, Map.of("runs", 1), null, null));
        assertFalse(r.bounds().containsKey("unjudged"), r.bounds().toString());
    }

    /** Every committed scheme module carries the mirror data its definition states. */
    @Test
    void theSchemeModulesCarryTheMirrorMessages() throws Exception {
        SchemeDefinition d = DefinitionParser.parse(GeneratedSchemeDataTest.definition(SchemeId.MPTLS));
        Map<String, Map<CoreMessage, SchemeData.Msg>> mirror = SchemeDataBuilder.coreMirror(d);
        assertTrue(mirror.values().stream().anyMatch(m -> m.containsKey(CoreMessage.REMOVE_ADDR) && m.containsKey(CoreMessage.MP_PRIO)),
                "mptls states tagged REMOVE_ADDR and MP_PRIO B->A: " + mirror.keySet());
        String text = Files.readString(GeneratedSchemeDataTest.CORE.resolve("schemes/Scheme_mptls.tla"));
        assertTrue(text.contains("mirror |-> ["), "no mirror data in Scheme_mptls.tla");
    }
}
