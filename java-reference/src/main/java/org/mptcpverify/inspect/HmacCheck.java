package org.mptcpverify.inspect;

/** The outcome of recomputing one authenticator seen in a capture. */
public enum HmacCheck {
    /** Recomputed from the keys and equal (compared in constant time). */
    VALID,
    /** Recomputed from the keys and different, or missing where the version requires one. */
    INVALID,
    /** Not checkable: the option or a key was not captured, or the version has no authenticator. */
    UNAVAILABLE;

    /** true / false / null, as in the JSON report. */
    public Boolean asJson() {
        return this == UNAVAILABLE ? null : this == VALID;
    }
}
