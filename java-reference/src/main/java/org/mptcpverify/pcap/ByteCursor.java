package org.mptcpverify.pcap;

import java.nio.file.Path;

/** Bounds-checked little/big-endian reads over a whole file held in memory. */
final class ByteCursor {
    private final Path file;
    private final byte[] data;
    private boolean bigEndian;

    ByteCursor(Path file, byte[] data) {
        this.file = file;
        this.data = data;
    }

    byte[] data() {
        return data;
    }

    int size() {
        return data.length;
    }

    void bigEndian(boolean big) {
        this.bigEndian = big;
    }

    boolean bigEndian() {
        return bigEndian;
    }

    /** Fails unless {@code n} bytes are available at {@code at}. */
    void require(long at, long n, String what) throws PcapFormatException {
        if (n < 0 || at < 0 || at + n > data.length) {
            throw error(at, "truncated " + what + ": needs " + n + " bytes, file has "
                    + Math.max(0, data.length - at) + " left");
        }
    }

    int u8(int at) {
        return data[at] & 0xff;
    }

    int u16(int at) {
        int a = data[at] & 0xff;
        int b = data[at + 1] & 0xff;
        return bigEndian ? (a << 8) | b : (b << 8) | a;
    }

    long u32(int at) {
        long a = data[at] & 0xff;
        long b = data[at + 1] & 0xff;
        long c = data[at + 2] & 0xff;
        long d = data[at + 3] & 0xff;
        return bigEndian ? (a << 24) | (b << 16) | (c << 8) | d : (d << 24) | (c << 16) | (b << 8) | a;
    }

    /** Reads 4 bytes big-endian whatever the file's order (for magic numbers). */
    long u32be(int at) {
        return ((data[at] & 0xffL) << 24) | ((data[at + 1] & 0xffL) << 16)
                | ((data[at + 2] & 0xffL) << 8) | (data[at + 3] & 0xffL);
    }

    PcapFormatException error(long at, String reason) {
        return new PcapFormatException(file, at, reason);
    }
}
