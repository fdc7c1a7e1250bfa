package org.mptcpverify.kernel;

import org.junit.jupiter.api.Assumptions;

/** Skips a kernel test, with the reason, where namespaces or MPTCP are not available. */
final class KernelAssumptions {
    private static final java.util.Optional<String> REASON = Topology.unavailableReason();

    private KernelAssumptions() {}

    static void assumeKernelAvailable() {
        Assumptions.assumeTrue(REASON.isEmpty(), () -> "kernel test skipped: " + REASON.orElse(""));
    }
}
