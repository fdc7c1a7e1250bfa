package org.mptcpverify.scheme;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.MptcpOption.MpCapable;
import org.mptcpverify.wire.MptcpOption.MpCapableTokens;

/**
 * Reading MP_CAPABLE whichever record the codec chose: a 4-byte SYN carries neither keys nor
 * tokens, so it may decode as {@link MpCapable} or {@link MpCapableTokens}; only its flags matter.
 */
final class Capable {
    private Capable() {}

    /** The MP_CAPABLE flags, or -1 when there is no MP_CAPABLE. */
    static int flags(Optional<MptcpOption> o) {
        if (o.isPresent() && o.get() instanceof MpCapable c) {
            return c.flags();
        }
        if (o.isPresent() && o.get() instanceof MpCapableTokens t) {
            return t.flags();
        }
        return -1;
    }

    static boolean hasFlag(Optional<MptcpOption> o, int flag) {
        int f = flags(o);
        return f >= 0 && (f & flag) != 0;
    }

    /** A v1 SYN's MP_CAPABLE: no keys, no tokens. */
    static boolean isBareV1(Optional<MptcpOption> o) {
        if (o.isPresent() && o.get() instanceof MpCapable c) {
            return c.version() == 1 && c.senderKey().isEmpty() && c.receiverKey().isEmpty();
        }
        if (o.isPresent() && o.get() instanceof MpCapableTokens t) {
            return t.version() == 1 && t.senderToken().isEmpty() && t.receiverToken().isEmpty() && t.confirm().isEmpty();
        }
        return false;
    }

    /**
     * A bare v1 SYN option as the keyed record, so the RFC 8684 code path of a server without an
     * external key can read it: that server does not know the E / G flags and ignores them.
     */
    static Optional<MptcpOption> asKeyed(Optional<MptcpOption> o) {
        if (o.isPresent() && o.get() instanceof MpCapableTokens t && isBareV1(o)) {
            int flags = t.flags() & ~(MptcpOption.FLAG_E_EXTERNAL_KEY | MptcpOption.FLAG_G_BOUND_KEY);
            return Optional.of(new MpCapable(t.version(), flags, OptionalLong.empty(), OptionalLong.empty(),
                    OptionalInt.empty(), OptionalInt.empty()));
        }
        return o;
    }

    static Optional<MpCapableTokens> tokens(Optional<MptcpOption> o) {
        return o.filter(MpCapableTokens.class::isInstance).map(MpCapableTokens.class::cast);
    }

    static MpCapableTokens bareSyn(int flags) {
        return new MpCapableTokens(1, flags, OptionalInt.empty(), OptionalInt.empty(), OptionalLong.empty());
    }
}
