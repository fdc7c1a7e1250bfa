package org.mptcpverify.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    private static Bytes ascii(String s) {
        return Bytes.of(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Eight digits fill sin_zero and leave no room for a NUL: the kernel's kstrtoul reads on into
     * the bytes after sin_zero in its sockaddr_storage copy, which the application never wrote.
     * The key is the application's only when the next byte is NUL (or a newline, then NUL).
     */
    @Test
    void eightDigitsDependOnTheByteAfterSinZero() {
        Bytes eight = ascii("12345678");
        assertEquals(OptionalLong.of(12345678), Kstrtoul.parse(eight, ascii("\0")));
        assertEquals(OptionalLong.of(12345678), Kstrtoul.parse(eight, ascii("\n\0")));
        assertEquals(OptionalLong.of(1234567890L), Kstrtoul.parse(eight, ascii("90\0")),
                "stale digits lengthen the key: another value than the application's");
        assertTrue(Kstrtoul.parse(eight, ascii("\u00a5\0")).isEmpty(),
                "any other byte is -EINVAL: the key variable keeps its old value (0: no key, plain MPTCP)");
        assertTrue(Kstrtoul.parse(eight, ascii("99999999999999\0")).isEmpty(), "22 digits overflow: -ERANGE");
        assertThrows(IllegalArgumentException.class, () -> Kstrtoul.parse(eight, ascii("1")), "no end in the bytes given");
        // seven digits and a NUL: the string ends inside sin_zero, whatever follows
        Bytes seven = ascii("1234567\0");
        for (String after : new String[] {"\0", "9\0", "\u00a5\0"}) {
            assertEquals(OptionalLong.of(1234567), Kstrtoul.parse(seven, ascii(after)));
        }
        assertEquals(Kstrtoul.parse(eight), Kstrtoul.parse(eight, ascii("\0")), "parse(sinZero): a NUL after sin_zero");
    }

    /**
     * The keys an application can rely on, counted by parsing every string of the shape (the
     * thesis's "0" means no key): up to 7 digits and a NUL give 10^7 - 1 keys (23.25 bits), 8 digits
     * 10^8 - 1 (26.58 bits) if the kernel's next byte is NUL. Counted over d = 1..4 digits and
     * checked against the closed form 10^d - 1 that docs/schemes.md uses for 7 and 8.
     */
    @Test
    void keySpacePerDigitCount() {
        for (int d = 1; d <= 4; d++) {
            java.util.Set<Long> keys = new java.util.HashSet<>();
            int n = (int) Math.pow(10, d);
            for (int v = 0; v < n; v++) {
                String digits = String.format("%0" + d + "d", v);
                OptionalLong k = Kstrtoul.parse(Bytes.of(Arrays.copyOf(digits.getBytes(StandardCharsets.US_ASCII), 8)));
                if (k.isPresent() && k.getAsLong() != 0) {
                    keys.add(k.getAsLong());
                }
            }
            assertEquals(n - 1, keys.size(), d + " digits");
        }
        assertEquals(23.25, Math.log(9_999_999) / Math.log(2), 0.005);
        assertEquals(26.58, Math.log(99_999_999) / Math.log(2), 0.005);
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
