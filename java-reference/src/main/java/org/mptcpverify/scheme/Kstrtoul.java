package org.mptcpverify.scheme;

import java.util.OptionalLong;
import org.mptcpverify.wire.Bytes;

/**
 * Linux's {@code kstrtoul(s, 10, &res)} as the thesis calls it on sockaddr_in.sin_zero: an optional
 * leading '+', one or more decimal digits, an optional trailing newline, then the end of the
 * string; anything else, or a value above 2^64-1, is an error and leaves {@code res} unwritten.
 *
 * <p>The string ends at the first NUL byte. {@link #parse(Bytes)} ends it at the end of the 8-byte
 * sin_zero as well (a NUL right after it). The kernel's copy does not: {@code move_addr_to_kernel}
 * copies the caller's 16 bytes into a {@code sockaddr_storage} on the stack and clears nothing
 * else, so after 8 digits kstrtoul reads on into bytes the application never wrote;
 * {@link #parse(Bytes, Bytes)} takes them ({@code after}) and shows what each does.
 */
public final class Kstrtoul {
    private Kstrtoul() {}

    /** The parsed value, or empty for an error (the caller's variable then keeps its old value). */
    public static OptionalLong parse(Bytes sinZero) {
        return parse(sinZero, Bytes.of(new byte[] {0}));
    }

    /**
     * kstrtoul over the kernel's copy: the 8 bytes of sin_zero, then {@code after}, the bytes that
     * follow them in the kernel's {@code sockaddr_storage} (unwritten by the application).
     *
     * @throws IllegalArgumentException when the string does not end (no NUL) within the bytes given
     */
    public static OptionalLong parse(Bytes sinZero, Bytes after) {
        byte[] all = new byte[sinZero.length() + after.length()];
        System.arraycopy(sinZero.toArray(), 0, all, 0, sinZero.length());
        System.arraycopy(after.toArray(), 0, all, sinZero.length(), after.length());
        return parseString(Bytes.of(all));
    }

    private static OptionalLong parseString(Bytes sinZero) {
        int end = 0;
        while (end < sinZero.length() && sinZero.get(end) != 0) {
            end++;
        }
        if (end == sinZero.length()) {
            throw new IllegalArgumentException("the string has no NUL within the " + end + " bytes given");
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
