package org.mptcpverify.scheme;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.collect.Ordered;

// Exchange-level attacker's view; goes with the legacy Alloy engine (docs/traces-engine.md, "Exchange-level
// attacker: remaining users"). inspect's capture summary is definition/CapturedHandshake.
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
 * @param shareA / shareB    Diffie-Hellman public values seen in clear in MP_CAPABLE (ecdh)
 * @param privateValues      Diffie-Hellman private values the attacker was given (the key control
 *                           of a key-agreement scheme: it has no external key to give)
 */
public record AttackerView(OptionalLong keyA, OptionalLong keyB, OptionalInt tokenA, OptionalInt tokenB,
                           int capableFlags, List<Integer> joinSynFields, List<Long> newKeyFromA,
                           List<Long> newKeyFromB, Set<Bytes> externalKeys, long ownKey,
                           Optional<Bytes> shareA, Optional<Bytes> shareB, Set<Bytes> privateValues) {
    public AttackerView {
        joinSynFields = List.copyOf(joinSynFields);
        newKeyFromA = List.copyOf(newKeyFromA);
        newKeyFromB = List.copyOf(newKeyFromB);
        externalKeys = Ordered.copy(externalKeys);
        privateValues = Ordered.copy(privateValues);
    }

    /** A view without Diffie-Hellman values (every scheme whose MP_CAPABLE carries keys or tokens). */
    public AttackerView(OptionalLong keyA, OptionalLong keyB, OptionalInt tokenA, OptionalInt tokenB,
                        int capableFlags, List<Integer> joinSynFields, List<Long> newKeyFromA,
                        List<Long> newKeyFromB, Set<Bytes> externalKeys, long ownKey) {
        this(keyA, keyB, tokenA, tokenB, capableFlags, joinSynFields, newKeyFromA, newKeyFromB, externalKeys,
                ownKey, Optional.empty(), Optional.empty(), Set.of());
    }

    public AttackerView withExternalKeys(Set<Bytes> keys) {
        return new AttackerView(keyA, keyB, tokenA, tokenB, capableFlags, joinSynFields, newKeyFromA,
                newKeyFromB, keys, ownKey, shareA, shareB, privateValues);
    }

    public AttackerView withShares(Optional<Bytes> a, Optional<Bytes> b, Set<Bytes> privates) {
        return new AttackerView(keyA, keyB, tokenA, tokenB, capableFlags, joinSynFields, newKeyFromA,
                newKeyFromB, externalKeys, ownKey, a, b, privates);
    }

    public boolean sawHandshake() {
        return keyA.isPresent() || keyB.isPresent() || tokenA.isPresent() || tokenB.isPresent()
                || shareA.isPresent() || shareB.isPresent();
    }
}
