package org.mptcpverify.scheme;

import org.mptcpverify.vocab.SchemeId;

/** MPTCP v1 (RFC 8684) as Linux does it: SYN without key, SHA-256, ADD_ADDR HMAC. */
public final class Rfc8684 extends KeyedMptcp {
    public Rfc8684() {
        super(1);
    }

    @Override
    public SchemeId id() {
        return SchemeId.RFC8684;
    }
}
