package org.mptcpverify.models.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The generic attacker's rules must each matter: weakening one rule of Attacker.tla turns a
 * VIOLATED cell into HOLDS. Each test checks the same cell twice, with the attacker as committed
 * (the control: VIOLATED) and with one rule removed (the mutant: must not be VIOLATED, and must
 * complete). A rule that no cell depends on would leave both verdicts equal and fail the test.
 */
class CoreAttackerMutantTest {
    /** Analysis by cancellation: a known XOR sum gives an operand when the others are synthesisable. */
    static final String CANCELLATION =
            "      \\cup UNION {{e \\in X.s : \\A o \\in X.s \\ {e} : Synth(o, K)} : X \\in Sums(K)}\n";

    /** Synthesis by function application, for every function symbol. */
    static final String APPLY = "\\/ t.op \\in Applications /\\ \\A i \\in DOMAIN t.a : Synth(t.a[i], K)";

    /** rfc8684's join token and its lookup, as models/schemes/rfc8684.scheme states them. */
    static final String JOIN_SYN = "  field token = tokB\n  lookup token == tokB";
    /** The same, masked as in thesis-xor: Token-B XOR a 32-bit external key. */
    static final String XORED_JOIN_SYN = "  field token = xor(tokB, K)\n  lookup token == xor(tokB, K)";
    /** rfc8684's definition gets thesis-xor's external key (declared after the hash line; no key = 0). */
    static final String HASH_LINE = "hash sha256";

    static final Duration TIMEOUT = Duration.ofSeconds(600);

    static UnaryOperator<String> replacing(String from, String to) {
        return text -> {
            assertTrue(text.contains(from), "not found, the mutant would test nothing: " + from);
            return text.replace(from, to);
        };
    }

    static CoreResult check(CoreCell cell, PropertyId property, String dir, Map<String, UnaryOperator<String>> edits) {
        return new CoreChecker(1).check(cell, List.of(property), CoreCellsTest.TARGET.resolve(dir),
                CoreCellsTest.seed(), TIMEOUT, edits);
    }

    /**
     * A thesis-like cell: rfc8684 with an external key whose low 32 bits mask the join token.
     * An eavesdropper knows Key-B (in clear in the SYN/ACK), hence Token-B, and cancels it out of
     * the join SYN's token to learn trunc_R32(K), which ExternalKeySecrecy forbids. Without
     * cancellation the same observations teach it nothing about K.
     */
    @Test
    void forbiddingXorCancellationHidesTheMaskedKey() throws Exception {
        CoreCell cell = new CoreCell(SchemeId.RFC8684, AttackId.EAVESDROP_ALL, "both", false,
                new CoreBounds(1, 1, 1, 1, 0, 0, false, false));
        // the thesis-like scheme is an edit of the definition, through the generator (as CoreMutantTest)
        String text = Files.readString(GeneratedSchemeDataTest.definition(SchemeId.RFC8684));
        for (String s : List.of(JOIN_SYN, HASH_LINE)) {
            assertTrue(text.contains(s), "not found in rfc8684.scheme, the edit would test nothing: " + s);
        }
        String edited = text.replace(JOIN_SYN, XORED_JOIN_SYN)
                .replaceFirst(HASH_LINE + ".*\n", "$0external K : 32 sin-zero\n");
        String module = CoreSchemeFiles.render(DefinitionParser.parse("rfc8684-thesis-like.scheme", edited), "mutant")
                .get("schemes/" + cell.schemeModule() + ".tla");
        assertTrue(module.contains("usesKey |-> TRUE") && module.contains("Xor("), "edit not in the data: " + module);
        UnaryOperator<String> thesisLike = committed -> module;
        CoreResult control = check(cell, PropertyId.EXTERNAL_KEY_SECRECY, "attacker-mutant/xor-control",
                Map.of(cell.schemeModule(), thesisLike));
        assertEquals(Verdict.VIOLATED, control.verdict(), "control: " + control);

        CoreResult r = check(cell, PropertyId.EXTERNAL_KEY_SECRECY, "attacker-mutant/xor",
                Map.of(cell.schemeModule(), thesisLike, "Attacker", replacing(CANCELLATION, "")));
        assertEquals(Verdict.HOLDS, r.verdict(), "mutant (no XOR cancellation) still " + r);
    }

    /**
     * rfc8684 under eavesdrop-handshake falls because the attacker computes the join HMACs from
     * the keys it saw; an attacker that cannot apply HMAC to known terms cannot finish a join.
     */
    @Test
    void forbiddingHmacSynthesisSavesRfc8684FromTheHandshakeEavesdropper() {
        CoreCell cell = CoreCell.of(SchemeId.RFC8684, AttackId.EAVESDROP_HANDSHAKE,
                CoreBounds.standard(AttackId.EAVESDROP_HANDSHAKE)).get(0);
        CoreResult control = check(cell, PropertyId.JOIN_AUTHENTICITY, "attacker-mutant/hmac-control", Map.of());
        assertEquals(Verdict.VIOLATED, control.verdict(), "control: " + control);

        CoreResult r = check(cell, PropertyId.JOIN_AUTHENTICITY, "attacker-mutant/hmac",
                Map.of("Attacker", replacing(APPLY,
                        "\\/ t.op \\in Applications \\ {\"hmac\"} /\\ \\A i \\in DOMAIN t.a : Synth(t.a[i], K)")));
        assertEquals(Verdict.HOLDS, r.verdict(), "mutant (no HMAC synthesis) still " + r);
    }
}
