package org.mptcpverify.models.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * A check in a scheme's data must matter to the generic attacker (issue 10: in the old core,
 * deleting bound-key's third-ACK HMAC check changed no verdict). With the check deleted, an
 * attacker that sees a join SYN on p2 races it with a copy from its own address, gets the
 * SYN/ACK, and completes the join with any third ACK. The mutant is an edit of the definition
 * file, passed through the generator (SchemeDataBuilder).
 */
class CoreMutantTest {
    /** bound-key's keyed third ACK and its check, as models/schemes/bound-key.scheme states them. */
    static final String JOIN_ACK_CHECK = "  field hmac = truncL(160, hmac(Kc, cat(\"bk-join-A\", Ra, Rb)))\n  check hmac else rst\n";

    @Test
    void boundKeyWithoutItsThirdAckCheckFailsJoinAuthenticity() throws Exception {
        CoreCell cell = CoreCell.of(SchemeId.BOUND_KEY, AttackId.EAVESDROP_ALL,
                CoreBounds.standard(AttackId.EAVESDROP_ALL)).get(0);
        // the mutant is made in the definition and goes through the generator, as a user's edit would
        String text = Files.readString(GeneratedSchemeDataTest.definition(SchemeId.BOUND_KEY));
        assertTrue(text.contains(JOIN_ACK_CHECK), "the third-ACK check was not found in bound-key.scheme");
        String mutant = text.replace(JOIN_ACK_CHECK, "  field hmac = truncL(160, hmac(Kc, cat(\"bk-join-A\", Ra, Rb)))\n");
        String module = CoreSchemeFiles.render(DefinitionParser.parse("bound-key-mutant.scheme", mutant), "mutant")
                .get("schemes/" + cell.schemeModule() + ".tla");
        boolean[] edited = {false};
        CoreResult r = new CoreChecker(1).check(cell, List.of(PropertyId.JOIN_AUTHENTICITY),
                CoreCellsTest.TARGET.resolve("mutant"), CoreCellsTest.seed(), Duration.ofSeconds(600),
                committed -> {
                    edited[0] = !committed.equals(module);
                    return module;
                });
        assertTrue(edited[0], "the mutant's data equals the committed data");
        assertEquals(Verdict.VIOLATED, r.verdict(), "mutant not killed: " + r);
        assertEquals(List.of(PropertyId.JOIN_AUTHENTICITY), r.violated());
        assertTrue(r.trace().stream().anyMatch(s -> s.contains("ForgeJoinAck")), "trace: " + r.trace());
    }

    /** The threat model's second negative control: given K, the attacker joins bound-key connections. */
    @Test
    void boundKeyFallsToAnAttackerGivenTheExternalKey() {
        CoreCell cell = new CoreCell(SchemeId.BOUND_KEY, AttackId.EAVESDROP_HANDSHAKE, "both", true,
                CoreBounds.standard(AttackId.EAVESDROP_HANDSHAKE));
        CoreResult r = new CoreChecker(1).check(cell, List.of(PropertyId.JOIN_AUTHENTICITY),
                CoreCellsTest.TARGET.resolve("control"), CoreCellsTest.seed(), Duration.ofSeconds(600));
        assertEquals(Verdict.VIOLATED, r.verdict(), "control not violated: " + r);
        assertTrue(r.trace().stream().anyMatch(s -> s.contains("ForgeJoinSyn")), "trace: " + r.trace());
    }
}
