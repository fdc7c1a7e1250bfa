package org.mptcpverify.definition;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.scheme.Role;
import org.mptcpverify.wire.Bytes;

/**
 * What a capture shows in clear of one connection's MP_CAPABLE handshake: the 64-bit keys, the
 * tokens sent in clear (token layouts) and the server's MP_CAPABLE flags (-1: not captured).
 * {@link DefinedScheme#capturedState} reads it as the fields of the definition's handshake messages.
 */
public record CapturedHandshake(OptionalLong keyA, OptionalLong keyB, OptionalInt tokenA, OptionalInt tokenB,
                                int capableFlags) {

    /** The MP_CAPABLE fields a message from {@code from} carries, by the definition's field names, as far as captured. */
    Map<String, Bytes> fieldsFrom(Role from) {
        OptionalLong own = from == Role.A ? keyA : keyB;
        OptionalLong peer = from == Role.A ? keyB : keyA;
        OptionalInt ownToken = from == Role.A ? tokenA : tokenB;
        OptionalInt peerToken = from == Role.A ? tokenB : tokenA;
        Map<String, Bytes> f = new LinkedHashMap<>();
        own.ifPresent(v -> f.put("sender-key", Bytes.of(MptcpCrypto.be64(v))));
        peer.ifPresent(v -> f.put("receiver-key", Bytes.of(MptcpCrypto.be64(v))));
        ownToken.ifPresent(v -> f.put("sender-token", Bytes.of(MptcpCrypto.be32(v))));
        peerToken.ifPresent(v -> f.put("receiver-token", Bytes.of(MptcpCrypto.be32(v))));
        return f;
    }
}
