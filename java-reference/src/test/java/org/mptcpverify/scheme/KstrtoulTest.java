package org.mptcpverify.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mptcpverify.wire.Bytes;

class KstrtoulTest {
    private static OptionalLong parse(String s, int size) {
        byte[] b = Arrays.copyOf(s.getBytes(StandardCharsets.ISO_8859_1), Math.max(size, s.length()));
        return Kstrtoul.parse(Bytes.of(b));
    }

    private static OptionalLong sinZero(String s) {
        return parse(s, 8);
    }

    @Test
    void decimalDigitsParse() {
        assertEquals(OptionalLong.of(12345678), sinZero("12345678")); // all 8 bytes, no NUL
        assertEquals(OptionalLong.of(42), sinZero("42"));
        assertEquals(OptionalLong.of(0), sinZero("0"));
        assertEquals(OptionalLong.of(7), sinZero("007"));
    }

    @Test
    void leadingPlusAndTrailingNewlineAreAccepted() {
        assertEquals(OptionalLong.of(5), sinZero("+5"));
        assertEquals(OptionalLong.of(7), sinZero("7\n"));
        assertEquals(OptionalLong.of(99), sinZero("+99\n"));
    }

    @Test
    void garbageIsAnError() {
        assertTrue(sinZero("").isEmpty(), "empty (all NUL)");
        assertTrue(sinZero("abc").isEmpty());
        assertTrue(sinZero("12a").isEmpty());
        assertTrue(sinZero("-1").isEmpty(), "kstrtoul takes no sign but '+'");
        assertTrue(sinZero("+").isEmpty());
        assertTrue(sinZero(" 1").isEmpty(), "no leading blanks");
        assertTrue(sinZero("1\n\n").isEmpty(), "one trailing newline only");
        assertTrue(sinZero("0x10").isEmpty(), "base 10: no prefix");
    }

    @Test
    void overflowIsAnError() {
        assertEquals(OptionalLong.of(-1L), parse("18446744073709551615", 24), "2^64-1 fits");
        assertTrue(parse("18446744073709551616", 24).isEmpty(), "2^64 overflows");
        assertTrue(parse("99999999999999999999", 24).isEmpty());
    }

    @Test
    void theThesisGlobalVariableKeepsItsValueWhenAParseFails() {
        ThesisXorGlobal s = new ThesisXorGlobal();
        HostKeys h = s.onBindOrConnect(HostKeys.initial(), KeySetting.SinZero.decimal(1234));
        assertEquals(1234, h.externalKeyTnb());
        HostKeys after = s.onBindOrConnect(h,
                new KeySetting.SinZero(Bytes.of(Arrays.copyOf("12x".getBytes(StandardCharsets.US_ASCII), 8))));
        assertEquals(1234, after.externalKeyTnb(), "kstrtoul writes only on success");
        HostKeys zeroed = s.onBindOrConnect(h, KeySetting.SinZero.decimal(0));
        assertEquals(0, zeroed.externalKeyTnb(), "\"0\" parses and sets the key to 0 (plain MPTCP)");
        HostKeys last = s.onBindOrConnect(h, KeySetting.SinZero.decimal(999));
        assertEquals(999, last.externalKeyTnb(), "the last bind/connect wins");
    }
}
