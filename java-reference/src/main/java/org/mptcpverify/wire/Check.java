package org.mptcpverify.wire;

/** Argument checks shared by the option records; each failure names the field. */
final class Check {
    private Check() {}

    static void range(String name, long v, long lo, long hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(name + " = " + v + " outside [" + lo + ", " + hi + "]");
        }
    }

    static void u8(String name, long v) {
        range(name, v, 0, 0xff);
    }

    static void u16(String name, long v) {
        range(name, v, 0, 0xffff);
    }

    static void u32(String name, long v) {
        range(name, v, 0, 0xffff_ffffL);
    }

    /** {@code later} may be present only if {@code earlier} is (layouts grow by appending). */
    static void present(String earlierName, boolean earlierPresent, String laterName, boolean laterPresent) {
        if (laterPresent && !earlierPresent) {
            throw new IllegalArgumentException(laterName + " requires " + earlierName);
        }
    }
}
