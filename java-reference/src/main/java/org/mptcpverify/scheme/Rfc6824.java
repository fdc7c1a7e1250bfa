package org.mptcpverify.scheme;

import org.mptcpverify.vocab.SchemeId;

/** MPTCP v0 (RFC 6824): keys in clear in every MP_CAPABLE, SHA-1, no ADD_ADDR authenticator. */
public final class Rfc6824 extends KeyedMptcp {
    public Rfc6824() {
        super(0);
    }

    @Override
    public SchemeId id() {
        return SchemeId.RFC6824;
    }
}
