package org.mptcpverify.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mptcpverify.vocab.SchemeId;

/** Every committed definition parses; every kind of mistake is one line {@code file:line: problem}. */
class DefinitionParserTest {
    private static final String GOOD = String.join("\n",
            "scheme demo",                                              // 1
            "version 1",                                                // 2
            "hash sha256",                                              // 3
            "external K : 256 socket",                                  // 4
            "state Ka : 64",                                            // 5
            "state Kb : 64",                                            // 6
            "fresh Ka : 64 by A",                                       // 7
            "fresh Kb : 64 by B unused token(Kb)",                      // 8
            "let tokB = token(Kb)",                                     // 9
            "message syn : handshake-syn A->B MP_CAPABLE flags H",      // 10
            "  draw Ka",                                                // 11
            "message syn-ack : handshake-syn-ack B->A MP_CAPABLE",      // 12
            "  draw Kb",                                                // 13
            "  field sender-key = Kb",                                  // 14
            "  store Kb := sender-key",                                 // 15
            "message join-ack : join-ack A->B MP_JOIN",                 // 16
            "  field hmac = truncL(160, hmac(K, cat(Ra, Rb)))",         // 17
            "  check hmac else rst",                                    // 18
            "let tokA = token(Ka)",                                     // 19
            "message join-syn : join-syn A->B MP_JOIN",                 // 20
            "  field token = tokB",                                     // 21
            "  lookup token == tokB",                                   // 22
            "message join-syn-ack : join-syn-ack B->A MP_JOIN",         // 23
            "  field hmac = truncL(64, hmac(K, cat(Rb, Ra)))",          // 24
            "message ack : handshake-ack A->B MP_CAPABLE",              // 25
            "# ADD_ADDR: at the end (version 1's carries an HMAC)",     // 26
            "#",                                                        // 27
            "message fast-close-a : fast-close A->B MP_FASTCLOSE",      // 28
            "  field key = Kb",                                         // 29
            "message fast-close-b : fast-close B->A MP_FASTCLOSE",      // 30
            "  field key = Ka",                                         // 31
            "message add-addr-a : add-addr A->B ADD_ADDR",              // 32
            "  field hmac = truncR(64, hmac(K, cat(id, addr, port)))",  // 33
            "message add-addr-b : add-addr B->A ADD_ADDR",              // 34
            "  field hmac = truncR(64, hmac(K, cat(id, addr, port)))",  // 35
            "");

    private static String replaceLine(int line, String text) {
        List<String> l = new ArrayList<>(List.of(GOOD.split("\n", -1)));
        l.set(line - 1, text);
        return String.join("\n", l);
    }

    @Test
    void theExampleParses() throws DefinitionException {
        SchemeDefinition d = DefinitionParser.parse("demo.scheme", GOOD);
        assertEquals("demo", d.name());
        assertEquals(10, d.messages().size());
    }

    @Test
    void everyBuiltInDefinitionParsesUnderItsVocabularyName() throws DefinitionException {
        for (SchemeId id : SchemeId.values()) {
            Path f = BuiltInDefinitions.file(id);
            assertTrue(Files.isRegularFile(f), "missing " + f);
            assertEquals(id.wireName(), DefinitionParser.parse(f).name(), f.toString());
        }
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of(17, "  field hmac = truncL(160, hmac(Kz, cat(Ra, Rb)))", "demo.scheme:17: unknown term Kz"),
                Arguments.of(17, "  field hmac = truncL(160, hmac(pub(Ra), cat(Ra, Rb)))",
                        "demo.scheme:17: pub takes 256-bit X25519 values, Ra is 32 bits"),
                Arguments.of(17, "  field hmac = truncL(160, hmac(dh(Ka, Kb), cat(Ra, Rb)))",
                        "demo.scheme:17: dh takes 256-bit X25519 values, Ka is 64 bits"),
                Arguments.of(17, "  field hmac = truncL(64, hmac(K, cat(Ra, Rb)))",
                        "demo.scheme:17: field hmac is 160 bits, the term truncL(64, hmac(K, cat(Ra, Rb))) is 64 bits"),
                Arguments.of(18, "  check hmac == truncL(64, hmac(K, Ra)) else rst",
                        "demo.scheme:18: check of hmac is 160 bits, the term truncL(64, hmac(K, Ra)) is 64 bits"),
                Arguments.of(18, "  check confirm == Ka else rst", "demo.scheme:18: MP_JOIN in join-ack has no field confirm"),
                Arguments.of(15, "  store Kc := sender-key", "demo.scheme:15: unknown slot Kc"),
                Arguments.of(15, "  store Kb := receiver-key", "demo.scheme:15: store on field receiver-key that no side sends in handshake-syn-ack"),
                Arguments.of(14, "  field token = Kb", "demo.scheme:14: MP_CAPABLE in handshake-syn-ack has no field token"
                        + " (fields: sender-key, receiver-key, sender-token, receiver-token, confirm, share)"),
                Arguments.of(17, "  field hmac = xor(Ra, Ka)", "demo.scheme:17: xor of different widths: Ra is 32 bits, Ka is 64"),
                Arguments.of(13, "  draw Ka", "demo.scheme:13: Ka is drawn by A, this message is sent by B"),
                Arguments.of(16, "message join-ack : join-ack A->B ADD_ADDR", "demo.scheme:16: join-ack carries MP_JOIN, not ADD_ADDR"),
                Arguments.of(16, "message join-ack : join-nope A->B MP_JOIN", "demo.scheme:16: unknown phase join-nope"),
                Arguments.of(3, "hash md5", "demo.scheme:3: hash is sha1 or sha256, got md5"),
                Arguments.of(9, "lett tokB = token(Kb)", "demo.scheme:9: unknown keyword lett"),
                Arguments.of(9, "let tokB = tokn(Kb)", "demo.scheme:9: unknown function tokn"),
                Arguments.of(18, "  check hmac else explode", "demo.scheme:18: unknown outcome explode"),
                Arguments.of(11, "  draw Kq", "demo.scheme:11: unknown fresh value Kq"),
                Arguments.of(10, "message syn [ext] : handshake-syn A->B MP_CAPABLE", "demo.scheme:10: unknown mode ext"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("mistakes")
    void aMistakeIsOneLineNamingFileLineAndProblem(int line, String text, String message) {
        DefinitionException e = assertThrows(DefinitionException.class,
                () -> DefinitionParser.parse("demo.scheme", replaceLine(line, text)));
        assertEquals(message, e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void aCheckOnAFieldNoSideSends() {
        String text = GOOD + "message prio : key-agreement A->B NEW_KEY\n  field hmac = 0:64\n"
                + "message prio-b : key-agreement B->A NEW_KEY\n  check hmac == 0:64 else ignore\n";
        DefinitionException e = assertThrows(DefinitionException.class, () -> DefinitionParser.parse("demo.scheme", text));
        assertEquals("demo.scheme:39: check on field hmac that no side sends in key-agreement", e.getMessage());
        DefinitionException f = assertThrows(DefinitionException.class,
                () -> DefinitionParser.parse("demo.scheme", replaceLine(24, "")));
        assertEquals("demo.scheme:23: join-syn-ack message join-syn-ack must send field hmac", f.getMessage());
        String text2 = replaceLine(29, "  check key == Kb else ignore");
        DefinitionException e2 = assertThrows(DefinitionException.class, () -> DefinitionParser.parse("demo.scheme", text2));
        assertEquals("demo.scheme:29: check on field key that no side sends in fast-close", e2.getMessage());
    }

    @Test
    void aMissingSegmentOrLookupIsNamed() {
        DefinitionException e = assertThrows(DefinitionException.class,
                () -> DefinitionParser.parse("demo.scheme", replaceLine(30, "message fast-close-b : fast-close A->B MP_FASTCLOSE")));
        assertEquals("demo.scheme:30: two messages for fast-close A->B in the same mode", e.getMessage());
        DefinitionException l = assertThrows(DefinitionException.class,
                () -> DefinitionParser.parse("demo.scheme", replaceLine(22, "")));
        assertEquals("demo.scheme:20: a join-syn message needs a lookup line (which connection the join attaches to)", l.getMessage());
        DefinitionException m = assertThrows(DefinitionException.class,
                () -> DefinitionParser.parse("demo.scheme", replaceLine(35, "").replace(
                        "message add-addr-b : add-addr B->A ADD_ADDR", "")));
        assertEquals("demo.scheme:1: no add-addr message B->A for mode base", m.getMessage());
    }

    @Test
    void aMissingFileIsReportedAsSuch() {
        DefinitionException e = assertThrows(DefinitionException.class,
                () -> DefinitionParser.parse(Path.of("no/such.scheme")));
        assertTrue(e.getMessage().startsWith("no/such.scheme:0: cannot read"), e.getMessage());
    }
}
