package org.mptcpverify.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mptcpverify.vocab.SchemeId;

/**
 * Definitions nobody had written (session 13, issue #11): each one used to parse and then end a
 * run in an engine error, a silent plain-TCP row, a silently truncated number or a stack trace
 * (exit 4). Each must now be one line {@code file:line: problem}.
 */
class DefinitionRobustnessTest {
    /** rfc8684's committed definition under a name of its own, with one edit. */
    private static String rfc8684(String from, String to) throws IOException {
        String text = Files.readString(BuiltInDefinitions.file(SchemeId.RFC8684))
                .replace("scheme rfc8684\n", "scheme probe\n");
        assertTrue(text.contains(from), "the committed rfc8684 definition no longer has: " + from);
        return text.replace(from, to);
    }

    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        assertTrue(at >= 0, needle);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private static DefinitionException refused(String text) {
        DefinitionException e = assertThrows(DefinitionException.class, () -> DefinitionParser.parse("probe.scheme", text));
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    static Stream<Arguments> layouts() {
        return Stream.of(
                // a v0 SYN carries Key-A: without it the reference could not build the option
                Arguments.of("version 1\nhash sha256", "version 0\nhash sha1", "message syn :",
                        "message syn: a version 0 MP_CAPABLE with flags 0x1 and no field does not exist: MP_CAPABLE v0 has length 12 or 20 only"),
                // v1 ADD_ADDR without its HMAC (RFC 8684 3.4.1: only an echo has none)
                Arguments.of("  field hmac = truncR(64, hmac(cat(Kb, Ka), cat(id, addr, port)))\n  check hmac else ignore\n", "",
                        "message add-addr-b",
                        "message add-addr-b: version 1's ADD_ADDR must send field hmac (ADD_ADDR v1 carries an HMAC iff it is not an echo)"),
                // flag E on a v1 SYN/ACK selects draft-baerts's token layout, which has no room for Key-B
                Arguments.of("message syn-ack : handshake-syn-ack B->A MP_CAPABLE flags H",
                        "message syn-ack : handshake-syn-ack B->A MP_CAPABLE flags H,E", "message syn-ack :",
                        "message syn-ack: a version 1 MP_CAPABLE with flags 0x9 is sent in a layout that carries no field,"
                                + " not the fields it sends (sender-key): in version 1, flags E and G select the token layouts"),
                // flag G beside both keys: bound-key's layout
                Arguments.of("message ack : handshake-ack A->B MP_CAPABLE flags H",
                        "message ack : handshake-ack A->B MP_CAPABLE flags H,G", "message ack :",
                        "message ack: a version 1 MP_CAPABLE with flags 0x3 is sent in a layout that carries no field,"
                                + " not the fields it sends (sender-key, receiver-key): in version 1, flags E and G select the token layouts"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("layouts")
    void aMessageTheWireCannotCarryIsRefusedAtItsLine(String from, String to, String at, String problem) throws Exception {
        String text = rfc8684(from, to);
        assertEquals("probe.scheme:" + lineOf(text, at) + ": " + problem, refused(text).getMessage());
    }

    @Test
    void aVersion0AddAddrWithAnHmacIsRefused() throws Exception {
        String text = rfc8684("version 1\nhash sha256", "version 0\nhash sha1")
                .replace("  draw Ka\n", "  draw Ka\n  field sender-key = Ka\n  store Ka := sender-key\n");
        assertEquals("probe.scheme:" + lineOf(text, "message add-addr-a") + ": message add-addr-a: version 0's ADD_ADDR"
                + " has no field hmac (ADD_ADDR v0 has no HMAC)", refused(text).getMessage());
        // the same file without the two HMACs is a v0 scheme that parses
        String v0 = text.replaceAll("  field hmac = truncR\\(64, [^\\n]*\\n  check hmac else ignore\\n", "");
        assertEquals(0, DefinitionParser.parse("probe.scheme", v0).version());
    }

    @Test
    void aTermNestedTooDeeplyIsOneLineNotAStackOverflow() throws Exception {
        String deep = "hash(".repeat(20_000) + "Kb" + ")".repeat(20_000);
        String text = rfc8684("let idsnB = idsn(Kb)", "let idsnB = idsn(" + deep + ")");
        assertEquals("probe.scheme:" + lineOf(text, "let idsnB") + ": term nested deeper than 64 levels",
                refused(text).getMessage());
        // 60 levels are a term like any other
        String ok = rfc8684("let idsnB = idsn(Kb)", "let idsnB = idsn(" + "hash(".repeat(60) + "Kb" + ")".repeat(60) + ")");
        assertEquals("probe", DefinitionParser.parse("probe.scheme", ok).name());
    }

    @Test
    void aNumberMustFitItsWidth() throws Exception {
        String huge = rfc8684("cat(id, addr, port)))\n  check hmac else ignore\nmessage add-addr-b",
                "cat(id, addr, 99999999999999999999999:16)))\n  check hmac else ignore\nmessage add-addr-b");
        assertEquals("probe.scheme:" + lineOf(huge, "99999999999999999999999") + ": number 99999999999999999999999 is too large"
                + " (at most 9223372036854775807)", refused(huge).getMessage());
        String wide = huge.replace("99999999999999999999999:16", "70000:16");
        // 70000 used to be truncated to 4464 by the evaluator without a word
        assertEquals("probe.scheme:" + lineOf(wide, "70000") + ": number 70000 does not fit in 16 bits", refused(wide).getMessage());
        assertEquals("probe", DefinitionParser.parse("probe.scheme", huge.replace("99999999999999999999999:16", "65535:16")).name());
        String slot = rfc8684("state Ka : 64", "state Ka : 2147483648");
        assertEquals("probe.scheme:" + lineOf(slot, "state Ka") + ": not a number: 2147483648", refused(slot).getMessage());
        String big = rfc8684("state Ka : 64", "state Ka : 65536");
        assertEquals("probe.scheme:" + lineOf(big, "state Ka") + ": a width is at most 8192 bits, got 65536",
                refused(big).getMessage());
    }

    @Test
    void aFileThatIsNotTextIsOneLine(@TempDir Path dir) throws Exception {
        Path bin = dir.resolve("bin.scheme");
        Files.write(bin, new byte[] {'s', 'c', (byte) 0xff, (byte) 0xfe, 0, 1, '\n'});
        DefinitionException e = assertThrows(DefinitionException.class, () -> DefinitionParser.parse(bin));
        assertEquals(bin + ":0: not UTF-8 text", e.getMessage());
        String nul = "scheme probe\u0000\nversion 1\n";
        assertEquals("probe.scheme:1: control character U+0000 at column 13: not a text file", refused(nul).getMessage());
        Path big = dir.resolve("big.scheme");
        Files.write(big, new byte[(1 << 20) + 1]);
        DefinitionException b = assertThrows(DefinitionException.class, () -> DefinitionParser.parse(big));
        assertEquals(big + ":0: larger than 1048576 bytes: not a scheme definition", b.getMessage());
    }

    @Test
    void aByteOrderMarkAndCrLfLineEndsAreText(@TempDir Path dir) throws Exception {
        String text = rfc8684("version 1", "version 1");
        Path f = dir.resolve("probe.scheme");
        Files.write(f, ("\uFEFF" + text.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8));
        SchemeDefinition crlf = DefinitionParser.parse(f);
        SchemeDefinition plain = DefinitionParser.parse("probe.scheme", text);
        assertEquals(plain.messages().size(), crlf.messages().size());
        assertEquals(plain.lets(), crlf.lets());
    }

    @Test
    void letsThatGrowExponentiallyAreRefusedNotRunOutOfMemory() throws Exception {
        // each let uses the one before twice: 2^39 copies of hash(Kb) once expanded (exit 4, OutOfMemoryError, before)
        StringBuilder doubling = new StringBuilder("let x0 = hash(Kb)\n");
        StringBuilder nesting = new StringBuilder("let y0 = hash(Kb)\n");
        for (int i = 1; i < 40; i++) {
            doubling.append("let x").append(i).append(" = cat(x").append(i - 1).append(", x").append(i - 1).append(")\n");
            nesting.append("let y").append(i).append(" = xor(y").append(i - 1).append(", hash(y").append(i - 1).append("))\n");
        }
        String wide = rfc8684("let tokA = token(Ka)\n", doubling + "let tokA = token(Ka)\n");
        assertEquals("probe.scheme:" + lineOf(wide, "let x6 ") + ": cat of 16384 bits: a term is at most 8192 bits",
                refused(wide).getMessage());
        String deep = rfc8684("let tokA = token(Ka)\n", nesting + "let tokA = token(Ka)\n");
        assertEquals("probe.scheme:" + lineOf(deep, "let y12 ") + ": let y12 expands to more than 10000 terms",
                refused(deep).getMessage());
    }
}
