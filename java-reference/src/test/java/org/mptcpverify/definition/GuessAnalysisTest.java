package org.mptcpverify.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The price of guessing over definitions (issue #13.4). Costs are checked against what the
 * definitions declare (a value set, a width), against a variant that must move a guess from online
 * to offline, and against the negative control {@code broken}, which deduction forges outright.
 */
class GuessAnalysisTest {
    private static String text(SchemeId id) throws IOException {
        return Files.readString(BuiltInDefinitions.file(id));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void theThesisKeyIsGuessedOnlineAtItsEntropy() {
        for (SchemeId id : List.of(SchemeId.THESIS_XOR, SchemeId.THESIS_XOR_GLOBAL)) {
            SchemeDefinition d = BuiltInDefinitions.of(id);
            GuessAnalysis.Cost c = new GuessAnalysis(d).cheapest(AttackId.EAVESDROP_HANDSHAKE).orElseThrow();
            assertEquals(List.of("K"), c.fields(), c.how());
            assertEquals(GuessAnalysis.Mode.ONLINE, c.mode(), "nothing observed in the handshake depends on K");
            assertEquals(log2(d.sinZeroKeyCount()), c.bits(), 1e-9);
            assertTrue(c.bits() < 27 && c.bits() > 26, "8 decimal digits: fewer than 2^27 keys");
        }
    }

    /**
     * The key space per sin_zero case (docs/schemes.md, "Which keys exist"): 8 digits when the
     * kernel's next byte is NUL (the definitions' 99,999,999), 7 digits and a NUL (9,999,999); the
     * x86 readings reverse the key's bytes, a bijection, and cost the same.
     */
    @Test
    void theKeySpacePerSinZeroCase() throws Exception {
        for (SchemeId id : List.of(SchemeId.THESIS_XOR, SchemeId.THESIS_XOR_LE, SchemeId.THESIS_XOR_GLOBAL,
                SchemeId.THESIS_XOR_GLOBAL_LE)) {
            GuessAnalysis.Cost eight = new GuessAnalysis(BuiltInDefinitions.of(id)).cheapest(AttackId.EAVESDROP_HANDSHAKE)
                    .orElseThrow();
            assertEquals(26.58, eight.bits(), 0.005, id + ": 8 digits");
            SchemeDefinition seven = DefinitionParser.parse("seven.scheme",
                    text(id).replaceFirst("values K : 99999999", "values K : 9999999"));
            GuessAnalysis.Cost c = new GuessAnalysis(seven).cheapest(AttackId.EAVESDROP_HANDSHAKE).orElseThrow();
            assertEquals(23.25, c.bits(), 0.005, id + ": 7 digits and a NUL");
            assertEquals(List.of("K"), c.fields());
        }
    }

    @Test
    void aNarrowerValueSetIsCheaper() throws Exception {
        String t = text(SchemeId.THESIS_XOR).replaceFirst("values K : 99999999", "values K : 40");
        SchemeDefinition d = DefinitionParser.parse("narrow.scheme", t);
        GuessAnalysis.Cost c = new GuessAnalysis(d).cheapest(AttackId.EAVESDROP_HANDSHAKE).orElseThrow();
        assertEquals(log2(40), c.bits(), 1e-9);
    }

    @Test
    void anObservedValueOverTheKeyMakesTheGuessOffline() throws Exception {
        // the join token hashes K with Key-B and the join index: an observed join SYN tests every guess of K
        String t = text(SchemeId.THESIS_XOR)
                .replace("  field token = xor(tokB, K)\n", "  field token = token(cat(K, Kb, i))\n")
                .replace("  lookup token == xor(tokB, K)", "  lookup token == token(cat(K, Kb, i))");
        SchemeDefinition d = DefinitionParser.parse("hashed.scheme", t);
        GuessAnalysis g = new GuessAnalysis(d);
        GuessAnalysis.Cost all = g.cheapest(AttackId.EAVESDROP_ALL).orElseThrow();
        assertEquals(GuessAnalysis.Mode.OFFLINE, all.mode(), all.how());
        assertEquals(List.of("K"), all.fields());
        // the handshake alone shows nothing over K: the same guess is online there
        GuessAnalysis.Cost hs = g.cheapest(AttackId.EAVESDROP_HANDSHAKE).orElseThrow();
        assertEquals(GuessAnalysis.Mode.ONLINE, hs.mode(), hs.how());
    }

    @Test
    void whatDeductionForgesCostsNothing() {
        GuessAnalysis broken = new GuessAnalysis(BuiltInDefinitions.of(SchemeId.BROKEN));
        for (AttackId a : AttackId.values()) {
            assertEquals(Optional.empty(), broken.cheapest(a).map(GuessAnalysis.Cost::how), a.wireName());
        }
    }

    @Test
    void aGuessNeverCostsMoreThanGuessingTheCheckedFieldsDirectly() {
        for (SchemeId id : SchemeId.values()) {
            GuessAnalysis g = new GuessAnalysis(BuiltInDefinitions.of(id));
            for (AttackId a : AttackId.values()) {
                g.cheapest(a).ifPresent(c -> {
                    assertTrue(c.bits() > 0 && c.bits() <= 161, id.wireName() + "/" + a.wireName() + ": " + c);
                    assertTrue(!c.fields().isEmpty() && c.how().startsWith("guess "), c.how());
                });
            }
        }
    }

    @Test
    void theReferenceDrawsTheKeyFromTheDeclaredValueSet() throws Exception {
        // thesis lines 984/995: kstrtoul(addr->sin_zero, 10, &external_key_tnb); sin_zero is 8 bytes
        // (lines 962, 969): every drawn key is a decimal string that fits and parses back to itself
        String t = text(SchemeId.THESIS_XOR).replaceFirst("values K : 99999999", "values K : 40");
        DefinedScheme narrow = new DefinedScheme(DefinitionParser.parse("narrow.scheme", t));
        DefinedScheme full = new DefinedScheme(BuiltInDefinitions.of(SchemeId.THESIS_XOR));
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 2000; i++) {
            byte[] m = new byte[32];
            rnd.nextBytes(m);
            org.mptcpverify.wire.Bytes material = org.mptcpverify.wire.Bytes.of(m);
            long v = parsedKey(narrow.keySetting(material));
            assertTrue(v >= 1 && v <= 40, "a key of values K : 40: " + v);
            seen.add(v);
            long w = parsedKey(full.keySetting(material));
            assertTrue(w >= 1 && w <= SchemeDefinition.MAX_SIN_ZERO_KEY, "eight digits at most: " + w);
        }
        assertEquals(40, seen.size(), "every value of the set is drawn");
    }

    private static long parsedKey(org.mptcpverify.scheme.KeySetting k) {
        return org.mptcpverify.scheme.Kstrtoul.parse(((org.mptcpverify.scheme.KeySetting.SinZero) k).sinZero())
                .orElseThrow();
    }

    @Test
    void valueSetsAreCheckedWhereTheReferenceDrawsFromThem() throws Exception {
        String thesis = text(SchemeId.THESIS_XOR);
        DefinitionException big = assertThrows(DefinitionException.class, () -> DefinitionParser.parse("t.scheme",
                thesis.replaceFirst("values K : 99999999", "values K : 100000000")));
        assertTrue(big.getMessage().contains("at most 99999999"), big.getMessage());
        DefinitionException one = assertThrows(DefinitionException.class, () -> DefinitionParser.parse("t.scheme",
                thesis.replaceFirst("values K : 99999999", "values K : 1")));
        assertTrue(one.getMessage().contains("at least 2"), one.getMessage());
        String paasch = text(SchemeId.DRAFT_PAASCH);
        String withValues = paasch.replaceFirst("(?m)^(external K .*)$", "$1\nvalues K : 1000");
        DefinitionException socket = assertThrows(DefinitionException.class,
                () -> DefinitionParser.parse("p.scheme", withValues));
        assertTrue(socket.getMessage().contains("needs a sin-zero"), socket.getMessage());
    }
}
