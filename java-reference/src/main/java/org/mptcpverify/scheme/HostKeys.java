package org.mptcpverify.scheme;

/**
 * Host-wide key state. Only {@code thesis-xor-global} (and its x86 reading {@code /le}) uses it:
 * the kernel variables {@code external_key_tnb} (set by every bind()/connect() whose sin_zero
 * parses) and {@code token_tnb} (the local token of the connection the server created last).
 */
public record HostKeys(long externalKeyTnb, int tokenTnb) {
    public static HostKeys initial() {
        return new HostKeys(0, 0);
    }

    public HostKeys withExternalKey(long k) {
        return new HostKeys(k, tokenTnb);
    }

    public HostKeys withTokenTnb(int t) {
        return new HostKeys(externalKeyTnb, t);
    }
}
