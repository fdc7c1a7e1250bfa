package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.models.core.CoreMessage;
import org.mptcpverify.models.core.SchemeData;
import org.mptcpverify.models.core.SchemeDataBuilder;
import org.mptcpverify.models.proof.InductiveProof;
import org.mptcpverify.models.proof.ProofResult;
import org.mptcpverify.models.proof.ProofScope;
import org.mptcpverify.models.proof.ProofStatus;
import org.mptcpverify.models.proof.ProtectingCheckMutants;
import org.mptcpverify.vocab.PropertyId;

/**
 * The Alloy induction at the other end (docs/proofs.md, "Both ends": the client's ADD_ADDR and the
 * server's MP_FASTCLOSE from the proof's own generated module mirror.als), each case also decided
 * by the Java checks, which must agree: bound-key's client end of CloseAuthenticity is PROVED with a
 * witness; the key given fails Base; `broken` fails Step; dropping the mirror check (the server's
 * HMAC check of the client's ADD_ADDR, the client's check of the server's MP_FASTCLOSE) fails
 * Property at the mirror receiver (a forgery, or a reflection of the receiver's own segment).
 */
class AlloyOtherEndTest {
    private static SchemeDefinition def(String name) throws Exception {
        return ProtectingCheckMutants.definition(name);
    }

    private static AlloyInduction.Result agreed(SchemeDefinition def, String attack, PropertyId p, ProofScope scope, Path dir)
            throws Exception {
        SchemeData d = SchemeDataBuilder.build(def);
        Map<String, Map<CoreMessage, SchemeData.Msg>> mirror = SchemeDataBuilder.mirror(def);
        AlloyInduction.Result a = AlloyInduction.check(d, mirror, attack, p, scope, dir, true);
        ProofResult jc = InductiveProof.proveOtherEnd(d, mirror, attack, p, scope);
        assertEquals(jc.status(), a.status(), def.name() + " / " + attack + " / " + p + " (other end): alloy " + a.reason()
                + " " + a.counterexample() + "; java " + jc.reason() + " " + jc.counterexample());
        System.out.printf(java.util.Locale.ROOT, "other end %s / %s / %s: %s %s, %.2f s CPU, %.2f s wall%n", def.name(), attack,
                p, a.status(), a.failedCheck() == null ? "" : a.failedCheck(), a.cpuSeconds(), a.seconds());
        return a;
    }

    @Test
    void boundKeyIsProvedAtTheClientEndOfCloseAuthenticity(@TempDir Path dir) throws Exception {
        AlloyInduction.Result ok = agreed(def("bound-key"), "fastclose-forge", PropertyId.CLOSE_AUTHENTICITY,
                ProofScope.STANDARD, dir.resolve("ok"));
        assertEquals(ProofStatus.PROVED, ok.status(), ok.reason());
        assertTrue(ok.commands().stream().anyMatch(c -> c.label().equals("Witness") && c.solution()), "a witness");
        // the mirror messages are in the proof's own module, under their own names; the scheme module is the core's
        String mirror = Files.readString(dir.resolve("ok/main/mirror.als"));
        assertTrue(mirror.contains("(m = M_bound and g = FASTCLOSE_B) => "), mirror);
        assertTrue(!Files.readString(dir.resolve("ok/main/scheme.als")).contains("FASTCLOSE_B"));
    }

    @Test
    void theKeyGivenFailsBaseAndBrokenFailsStep(@TempDir Path dir) throws Exception {
        AlloyInduction.Result keyed = agreed(def("bound-key"), "fastclose-forge", PropertyId.CLOSE_AUTHENTICITY,
                ProofScope.STANDARD.withKeyGiven(), dir.resolve("keyed"));
        assertEquals("base", keyed.failedCheck(), keyed.reason());
        AlloyInduction.Result broken = agreed(def("broken"), "fastclose-forge", PropertyId.CLOSE_AUTHENTICITY,
                ProofScope.STANDARD, dir.resolve("broken"));
        assertEquals("step", broken.failedCheck(), broken.reason());
    }

    @Test
    void droppingTheMirrorCheckFailsProperty(@TempDir Path dir) throws Exception {
        List<ProtectingCheckMutants.Case> cases = ProtectingCheckMutants.boundKeyOtherEnd();
        assertEquals(ProtectingCheckMutants.protectedOtherEnds(), cases.size());
        for (ProtectingCheckMutants.Case c : cases) {
            AlloyInduction.Result r = agreed(c.mutant().definition(), c.attack(), c.property(), ProofScope.STANDARD,
                    dir.resolve(c.mutant().message()));
            assertEquals("implication", r.failedCheck(), c.mutant().mutation() + ": " + r.reason());
            String receiver = c.property() == PropertyId.ADDR_AUTHENTICITY ? "R_s" : "R_c";
            // a forgery, or (MP_FASTCLOSE) the client's own segment reflected to it: either is accepted without the check
            assertTrue((r.counterexample().contains("FORGE") || r.counterexample().contains("REPLAY")) && java.util.regex.Pattern.compile("Tr\\.role = \\{?" + receiver + "\\b")
                    .matcher(r.counterexample()).find(), r.counterexample());
        }
    }
}
