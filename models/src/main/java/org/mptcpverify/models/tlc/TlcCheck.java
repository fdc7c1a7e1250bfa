package org.mptcpverify.models.tlc;

import java.util.List;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * One TLC run: a (scheme, attack) cell, its configuration knobs, and the invariants to check.
 *
 * @param keyedSide "client" or "server" for one-sided-key, else null
 */
public record TlcCheck(SchemeId scheme, AttackId attack, String keyedSide, boolean attackerHasKey,
                       List<PropertyId> invariants, TlcBounds bounds) {
    public TlcCheck {
        invariants = List.copyOf(invariants);
        if ((attack == AttackId.ONE_SIDED_KEY) != (keyedSide != null)) {
            throw new IllegalArgumentException("keyedSide is required exactly for one-sided-key");
        }
    }
}
