package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.definition.Mutants;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.models.core.SchemeData;
import org.mptcpverify.models.core.SchemeDataBuilder;
import org.mptcpverify.models.proof.InductiveProof;
import org.mptcpverify.models.proof.ProofExport;
import org.mptcpverify.models.proof.ProofResult;
import org.mptcpverify.models.proof.ProofScope;
import org.mptcpverify.models.proof.ProtectingCheckMutants;
import org.mptcpverify.models.proof.ProofStatus;
import org.mptcpverify.vocab.PropertyId;

/**
 * The Alloy induction (docs/proofs.md, "Alloy induction") against its controls, each also decided
 * by the Java checks, which must agree: bound-key is PROVED (no counterexample to Base, Step or
 * Property, and the Witness run finds an attacker delivery); `broken` fails the step (its client
 * sends the key); the key given to the attacker fails the base case; each bound-key mutant that
 * drops the check protecting the property fails the step or the implication (Property).
 */
class AlloyInductionTest {
    private static SchemeData data(SchemeDefinition d) throws Exception {
        return SchemeDataBuilder.build(d);
    }

    private static SchemeDefinition def(String name) throws Exception {
        return ProtectingCheckMutants.definition(name);
    }

    /** Alloy's result, asserted to agree with the Java checks' status on the same cell. */
    private static AlloyInduction.Result agreed(SchemeData d, String attack, PropertyId p, ProofScope scope, Path dir) {
        AlloyInduction.Result a = AlloyInduction.check(d, attack, p, scope, dir);
        ProofResult jc = InductiveProof.prove(d, attack, p, scope);
        assertEquals(jc.status(), a.status(), d.name() + " / " + attack + " / " + p + ": alloy " + a.reason() + " "
                + a.counterexample() + "; java " + jc.reason() + " " + jc.counterexample());
        System.out.printf(java.util.Locale.ROOT, "%s / %s / %s: %s %s, %.2f s CPU, %.2f s wall%n", d.name(), attack, p,
                a.status(), a.failedCheck() == null ? "" : a.failedCheck(), a.cpuSeconds(), a.seconds());
        return a;
    }

    @Test
    void boundKeyIsProvedAndBrokenFailsTheStep(@TempDir Path dir) throws Exception {
        SchemeData bk = data(def("bound-key"));
        for (PropertyId p : List.of(PropertyId.JOIN_AUTHENTICITY, PropertyId.EXTERNAL_KEY_SECRECY)) {
            AlloyInduction.Result ok = agreed(bk, "eavesdrop-all", p, ProofScope.STANDARD, dir.resolve("bk-" + p));
            assertEquals(ProofStatus.PROVED, ok.status(), ok.reason());
            assertTrue(ok.commands().stream().anyMatch(c -> c.label().equals("Witness") && c.solution()),
                    "an attacker delivery reaches a check");
            assertTrue(ok.commands().stream().filter(c -> AlloyInduction.CHECKS.contains(c.label())).noneMatch(
                    AlloyInduction.Command::solution));
        }
        AlloyInduction.Result bad = agreed(data(def("broken")), "eavesdrop-all", PropertyId.EXTERNAL_KEY_SECRECY,
                ProofScope.STANDARD, dir.resolve("broken"));
        assertEquals(ProofStatus.NOT_PROVED, bad.status());
        assertEquals("step", bad.failedCheck(), bad.reason());
        assertTrue(bad.counterexample().contains("Tr.how"), bad.counterexample());
    }

    @Test
    void theKeyGivenToTheAttackerFailsTheBaseCase(@TempDir Path dir) throws Exception {
        AlloyInduction.Result r = agreed(data(def("bound-key")), "eavesdrop-all", PropertyId.EXTERNAL_KEY_SECRECY,
                ProofScope.STANDARD.withKeyGiven(), dir.resolve("first"));
        assertEquals(ProofStatus.NOT_PROVED, r.status());
        assertEquals("base", r.failedCheck(), r.reason());
        assertNotNull(r.counterexample());
        assertTrue(r.counterexample().contains("K"), r.counterexample());
        // the same cell again, in a fresh folder: the same counterexample (matrix.json must not depend on the run)
        AlloyInduction.Result again = AlloyInduction.check(data(def("bound-key")), "eavesdrop-all",
                PropertyId.EXTERNAL_KEY_SECRECY, ProofScope.STANDARD.withKeyGiven(), dir.resolve("again"));
        assertEquals(r.counterexample(), again.counterexample());
    }

    /** Each bound-key mutant that drops the HMAC (or key) check of the property's message fails the step or the property. */
    @Test
    void droppingTheProtectingCheckFailsTheStepOrTheProperty(@TempDir Path dir) throws Exception {
        int killed = 0;
        for (ProtectingCheckMutants.Case c : ProtectingCheckMutants.boundKey()) {
            Mutants.Mutant m = c.mutant();
            AlloyInduction.Result r = agreed(data(m.definition()), c.attack(), c.property(), ProofScope.STANDARD,
                    dir.resolve(m.mutation()));
            assertEquals(ProofStatus.NOT_PROVED, r.status(), m.mutation());
            assertTrue(List.of("step", "implication").contains(r.failedCheck()), m.mutation() + ": " + r.reason());
            assertTrue(r.counterexample().contains("FORGE"), m.mutation() + ": " + r.counterexample());
            killed++;
        }
        assertEquals(ProtectingCheckMutants.protectedMessages(), killed, "one mutant per protected message");
    }

    /** The generated modules are a function of the definition and the cell: two generations give the same bytes. */
    @Test
    void theGeneratedModulesAreDeterministic() throws Exception {
        SchemeData bk = data(def("bound-key"));
        for (int i = 0; i < 2; i++) {
            List<ProofExport> a = ProofExport.of(bk, "add-addr-mitm", PropertyId.ADDR_AUTHENTICITY, ProofScope.STANDARD);
            List<ProofExport> b = ProofExport.of(bk, "add-addr-mitm", PropertyId.ADDR_AUTHENTICITY, ProofScope.STANDARD);
            assertEquals(2, a.size(), "the main and the quiet system");
            for (int k = 0; k < a.size(); k++) {
                AlloyInduction.Module ma = new AlloyInduction.Module(bk, a.get(k), PropertyId.ADDR_AUTHENTICITY, ProofScope.STANDARD);
                AlloyInduction.Module mb = new AlloyInduction.Module(bk, b.get(k), PropertyId.ADDR_AUTHENTICITY, ProofScope.STANDARD);
                assertEquals(ma.dag(), mb.dag());
                assertEquals(ma.inv(), mb.inv());
            }
        }
    }
}
