package org.mptcpverify.inspect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One MPTCP connection found in a capture. A is the side that sent the connection's first SYN
 * (MP_CAPABLE), B the other. Tokens and IDSNs are recomputed here from the keys seen on the wire,
 * with the hash of the version from MP_CAPABLE; they are empty when a key was not captured.
 * A connection whose MP_CAPABLE handshake was not captured appears with empty keys and only its
 * joins, and without the endpoints {@code a} and {@code b} of an initial subflow.
 */
public record ConnectionReport(long firstFrame, Optional<Endpoint> a, Optional<Endpoint> b, OptionalInt version,
                               OptionalLong keyA, OptionalLong keyB, OptionalInt tokenA, OptionalInt tokenB,
                               OptionalLong idsnA, OptionalLong idsnB, List<SubflowReport> subflows,
                               List<JoinReport> joins, List<AddAddrReport> addAddrs, List<OptionReport> options) {
    public ConnectionReport {
        options = List.copyOf(options);
        subflows = List.copyOf(subflows);
        joins = List.copyOf(joins);
        addAddrs = List.copyOf(addAddrs);
    }
}
