package org.mptcpverify.wire;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable byte string with value equality, for record fields that hold raw bytes. */
public final class Bytes {
    private static final HexFormat HEX = HexFormat.of();
    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    public static Bytes of(byte[] data) {
        return new Bytes(data.clone());
    }

    public static Bytes of(byte[] data, int off, int len) {
        return new Bytes(Arrays.copyOfRange(data, off, off + len));
    }

    public static Bytes fromHex(String hex) {
        return new Bytes(HEX.parseHex(hex));
    }

    public static Bytes empty() {
        return new Bytes(new byte[0]);
    }

    public int length() {
        return data.length;
    }

    public byte get(int i) {
        return data[i];
    }

    /** A copy of the contents. */
    public byte[] toArray() {
        return data.clone();
    }

    /** Lower-case hex without a prefix. */
    public String hex() {
        return HEX.formatHex(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return hex();
    }
}
