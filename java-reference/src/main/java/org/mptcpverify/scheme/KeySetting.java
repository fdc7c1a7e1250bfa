package org.mptcpverify.scheme;

import java.util.Arrays;
import org.mptcpverify.wire.Bytes;

/** How an application hands an external key to a socket. */
public sealed interface KeySetting {
    /** No external key configured. */
    record None() implements KeySetting {}

    /** The thesis: the key as a decimal string in sockaddr_in.sin_zero (8 bytes) of bind()/connect(). */
    record SinZero(Bytes sinZero) implements KeySetting {
        public SinZero {
            if (sinZero.length() != 8) {
                throw new IllegalArgumentException("sin_zero is 8 bytes, got " + sinZero.length());
            }
        }

        /** The decimal digits of {@code value}, NUL-padded to 8 bytes. */
        public static SinZero decimal(long value) {
            byte[] digits = SchemeCrypto.ascii(Long.toUnsignedString(value));
            if (digits.length > 8) {
                throw new IllegalArgumentException("does not fit in sin_zero: " + Long.toUnsignedString(value));
            }
            return new SinZero(Bytes.of(Arrays.copyOf(digits, 8)));
        }
    }

    /** A socket option carrying the key (MPTCP_ENABLE_APP_KEY + MPTCP_KEY and the like). */
    record AppKey(Bytes key) implements KeySetting {}

    static KeySetting none() {
        return new None();
    }

    default boolean isNone() {
        return this instanceof None;
    }
}
