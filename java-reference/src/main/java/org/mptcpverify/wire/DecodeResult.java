package org.mptcpverify.wire;

/** The outcome of decoding one option: the option and its length, or a typed error. */
public sealed interface DecodeResult {
    /** A well-formed option occupying {@code length} bytes. */
    record Decoded(MptcpOption option, int length) implements DecodeResult {}

    /** Malformed input: the absolute offset of the offending byte and why. */
    record DecodeError(int offset, Reason reason, String detail) implements DecodeResult {}

    enum Reason {
        TRUNCATED, NOT_MPTCP, BAD_LENGTH, UNKNOWN_SUBTYPE, BAD_VERSION, BAD_FIELD
    }
}
