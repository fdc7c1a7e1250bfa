package org.mptcpverify.wire;

/**
 * The outcome of parsing something larger than one MPTCP option (a TCP options area, a whole
 * packet): the value, or a typed error at an absolute offset into the input.
 */
public sealed interface ParseResult<T> {
    record Ok<T>(T value) implements ParseResult<T> {}

    record Error<T>(int offset, DecodeResult.Reason reason, String detail) implements ParseResult<T> {
        /** The same error, retyped (errors carry no value). */
        public <U> Error<U> cast() {
            return new Error<>(offset, reason, detail);
        }
    }

    /** The value, or IllegalArgumentException with the error for callers that expect valid input. */
    default T orElseThrow() {
        if (this instanceof Ok<T> ok) return ok.value();
        Error<T> e = (Error<T>) this;
        throw new IllegalArgumentException(e.reason() + " at offset " + e.offset() + ": " + e.detail());
    }
}
