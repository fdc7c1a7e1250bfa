package org.mptcpverify.scheme;

import java.util.OptionalLong;
import org.mptcpverify.wire.Bytes;

/**
 * Linux's {@code kstrtoul(s, 10, &res)} as the thesis calls it on sockaddr_in.sin_zero: an optional
 * leading '+', one or more decimal digits, an optional trailing newline, then the end of the
 * string; anything else, or a value above 2^64-1, is an error and leaves {@code res} unwritten.
 * The string ends at the first NUL byte or at the end of the 8-byte sin_zero (the bytes after it
 * are not modelled).
 */
public final class Kstrtoul {
    private Kstrtoul() {}

    /** The parsed value, or empty for an error (the caller's variable then keeps its old value). */
    public static OptionalLong parse(Bytes sinZero) {
        int end = 0;
        while (end < sinZero.length() && sinZero.get(end) != 0) {
            end++;
        }
        int i = 0;
        if (i < end && sinZero.get(i) == '+') {
            i++;
        }
        int digitsStart = i;
        long value = 0;
        while (i < end && sinZero.get(i) >= '0' && sinZero.get(i) <= '9') {
            int d = sinZero.get(i) - '0';
            // Overflow of unsigned 64-bit: value * 10 + d > 2^64 - 1 (kstrtoull returns -ERANGE).
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, 10)) > 0) {
                return OptionalLong.empty();
            }
            value = value * 10 + d;
            i++;
        }
        if (i == digitsStart) {
            return OptionalLong.empty();
        }
        if (i < end && sinZero.get(i) == '\n') {
            i++;
        }
        return i == end ? OptionalLong.of(value) : OptionalLong.empty();
    }
}
