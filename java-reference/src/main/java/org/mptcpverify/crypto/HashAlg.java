package org.mptcpverify.crypto;

/** The hash of an MPTCP version: SHA-1 for v0 (RFC 6824), SHA-256 for v1 (RFC 8684). */
public enum HashAlg {
    SHA1("SHA-1", "HmacSHA1", 20),
    SHA256("SHA-256", "HmacSHA256", 32);

    private final String digestName;
    private final String macName;
    private final int outputLength;

    HashAlg(String digestName, String macName, int outputLength) {
        this.digestName = digestName;
        this.macName = macName;
        this.outputLength = outputLength;
    }

    /** MPTCP version 0 -> SHA-1, version 1 -> SHA-256. */
    public static HashAlg forVersion(int version) {
        return switch (version) {
            case 0 -> SHA1;
            case 1 -> SHA256;
            default -> throw new IllegalArgumentException("MPTCP version " + version);
        };
    }

    public String digestName() { return digestName; }

    public String macName() { return macName; }

    /** Digest / HMAC output length in bytes. */
    public int outputLength() { return outputLength; }
}
