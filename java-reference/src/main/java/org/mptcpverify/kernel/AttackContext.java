package org.mptcpverify.kernel;

import java.util.List;
import java.util.SplittableRandom;

/**
 * What an attack works with: the topology (only to read the kernel's evidence afterwards), the
 * attacker's wiretap (its only way to learn and act), the two applications, the connection as
 * reconstructed from the capture, a seeded random source for the attacker's own choices (ports,
 * nonces, sequence numbers), the kernels' counters from before the connection, the evidence log,
 * whether this is the negative control, and the attacker's tap on path 2 when the attack has one.
 */
public record AttackContext(Topology topology, Wiretap tap, MptcpApp client, MptcpApp server,
                            CapturedConnection connection, byte[] clientData, SplittableRandom random,
                            KernelCounters clientBefore, KernelCounters serverBefore, List<String> evidence,
                            boolean wrongKeys, java.util.Optional<Wiretap> path2) {
    /** Mask XORed into both keys for the negative control. */
    static final long WRONG_KEY_MASK = 0x0101010101010101L;

    /** The connection as the capture shows it now (latest sequence numbers and timestamps). */
    CapturedConnection fresh() {
        CapturedConnection c = CapturedConnection.from(tap.segments()).orElse(connection);
        return wrongKeys ? c.withWrongKeys(WRONG_KEY_MASK) : c;
    }

    void note(String line) {
        evidence.add(line);
    }

    /** Counters that changed in the server namespace since before the connection. */
    java.util.Map<String, Long> serverCounterDelta() throws java.io.IOException {
        return KernelCounters.read(topology.server()).since(serverBefore);
    }

    java.util.Map<String, Long> clientCounterDelta() throws java.io.IOException {
        return KernelCounters.read(topology.client()).since(clientBefore);
    }
}
