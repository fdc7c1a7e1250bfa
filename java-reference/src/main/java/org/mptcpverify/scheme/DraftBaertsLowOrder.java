package org.mptcpverify.scheme;

import org.mptcpverify.vocab.SchemeId;

/**
 * draft-baerts, MP_FASTCLOSE's "truncated HMAC" read as RFC 8684 truncates ADD_ADDR (rightmost 64
 * bits): A's MP_FASTCLOSE value then equals A's NEW_KEY value, which any eavesdropper saw.
 */
public final class DraftBaertsLowOrder extends DraftBaerts {
    @Override
    public SchemeId id() {
        return SchemeId.DRAFT_BAERTS_LOW_ORDER;
    }

    @Override
    protected long truncateFastClose(byte[] mac) {
        return SchemeCrypto.truncR64(mac);
    }
}
