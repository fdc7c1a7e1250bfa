package org.mptcpverify.wire;

/** Encoding and decoding of MPTCP options. */
public final class OptionCodec {
    private OptionCodec() {}

    /**
     * Decodes one MPTCP option starting at {@code offset}, reading at most {@code available}
     * bytes. Never throws for any input and never reads outside [offset, offset + available).
     */
    public static DecodeResult decode(byte[] buf, int offset, int available) {
        throw new UnsupportedOperationException("codec not yet merged");
    }

    public static DecodeResult decode(byte[] option) {
        return decode(option, 0, option.length);
    }

    /** The whole option: kind, length, subtype and body. */
    public static byte[] encode(MptcpOption option) {
        throw new UnsupportedOperationException("codec not yet merged");
    }
}
