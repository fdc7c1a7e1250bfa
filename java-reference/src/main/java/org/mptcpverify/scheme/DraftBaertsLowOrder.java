package org.mptcpverify.scheme;

import java.util.Optional;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.MptcpOption.MpFastClose;

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

    // Exchange-level attacker: called only through trace/ReferenceRunner (the legacy Alloy engine's alloy.json
    // replay and its tests); deleted with that engine (docs/traces-engine.md, "Exchange-level attacker: remaining users").
    /** Besides computing it from K, the attacker can replay A's observed NEW_KEY value. */
    @Override
    public Optional<MptcpOption> forgeFastClose(AttackerView v) {
        Optional<MptcpOption> computed = super.forgeFastClose(v);
        if (computed.isPresent() || !extModeSeen(v) || v.newKeyFromA().isEmpty()) {
            return computed;
        }
        return Optional.of(new MpFastClose(KEY_ID_0, v.newKeyFromA().get(v.newKeyFromA().size() - 1)));
    }
}
