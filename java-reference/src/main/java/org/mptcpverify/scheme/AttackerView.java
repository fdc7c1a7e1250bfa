package org.mptcpverify.scheme;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.mptcpverify.wire.Bytes;

/**
 * What the attacker knows about one target connection, read only from segments it observed
 * (decoded with the reference codec) plus what it was given: never from endpoint state. The
 * scheme's public algorithms turn this into forged values.
 *
 * @param keyA / keyB        64-bit MPTCP keys seen in clear in MP_CAPABLE
 * @param tokenA / tokenB    32-bit tokens seen in clear (draft-baerts, bound-key MP_CAPABLE)
 * @param capableFlags       flags of the server's MP_CAPABLE SYN/ACK seen, or -1
 * @param joinSynFields      token fields of the client's SYN+MP_JOIN seen for this connection
 * @param newKeyFromA/B      NEW_KEY values seen from the client / the server
 * @param externalKeys       external keys known (given, or derived), as the effective key bytes
 * @param ownKey             the attacker's own key Kx (for values it cannot derive)
 */
public record AttackerView(OptionalLong keyA, OptionalLong keyB, OptionalInt tokenA, OptionalInt tokenB,
                           int capableFlags, List<Integer> joinSynFields, List<Long> newKeyFromA,
                           List<Long> newKeyFromB, Set<Bytes> externalKeys, long ownKey) {
    public AttackerView {
        joinSynFields = List.copyOf(joinSynFields);
        newKeyFromA = List.copyOf(newKeyFromA);
        newKeyFromB = List.copyOf(newKeyFromB);
        externalKeys = Set.copyOf(externalKeys);
    }

    public AttackerView withExternalKeys(Set<Bytes> keys) {
        return new AttackerView(keyA, keyB, tokenA, tokenB, capableFlags, joinSynFields, newKeyFromA,
                newKeyFromB, keys, ownKey);
    }

    public boolean sawHandshake() {
        return keyA.isPresent() || keyB.isPresent() || tokenA.isPresent() || tokenB.isPresent();
    }
}
