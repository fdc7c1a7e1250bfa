package org.mptcpverify.scheme;

/** The hash a scheme uses for tokens, IDSNs and HMACs: SHA-1 for v0-based schemes, SHA-256 otherwise. */
public enum Hash {
    SHA1("SHA-1", "HmacSHA1"),
    SHA256("SHA-256", "HmacSHA256");

    private final String digestName;
    private final String macName;

    Hash(String digestName, String macName) {
        this.digestName = digestName;
        this.macName = macName;
    }

    public String digestName() {
        return digestName;
    }

    public String macName() {
        return macName;
    }
}
