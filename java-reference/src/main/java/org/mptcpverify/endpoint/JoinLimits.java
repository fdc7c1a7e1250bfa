package org.mptcpverify.endpoint;

import java.util.OptionalInt;

/**
 * A server's limits on the joins of one connection, a named choice because Linux and the
 * threat-model contract differ (docs/kernel.md, "Reference vs kernel").
 *
 * @param halfOpenPerConnection half-open joins a connection may hold; a SYN + MP_JOIN beyond it is
 *                              reset (MP_TCPRST reason 3). Empty: no per-connection bound (Linux).
 * @param subflowsPerConnection additional (joined) subflows a connection may have established; a
 *                              third ACK beyond it is reset (MP_TCPRST reason 3), as Linux's
 *                              {@code ip mptcp limits ... subflows N} does. Empty: unbounded.
 */
public record JoinLimits(OptionalInt halfOpenPerConnection, OptionalInt subflowsPerConnection) {
    /** Linux's default {@code subflows} limit (6.18: {@code ip mptcp limits show} in a new namespace). */
    public static final int LINUX_DEFAULT_SUBFLOWS = 2;

    /** The half-open bound of the threat-model contract, which the matrix's reference runs use. */
    public static final int CONTRACT_HALF_OPEN = 2;

    /** Linux 6.18: no per-connection half-open bound; {@code subflows} checked at the third ACK. */
    public static JoinLimits linux(int subflows) {
        return new JoinLimits(OptionalInt.empty(), OptionalInt.of(subflows));
    }

    /** The default: Linux with its default {@code subflows} limit. */
    public static JoinLimits linuxDefault() {
        return linux(LINUX_DEFAULT_SUBFLOWS);
    }

    /**
     * The contract's modelling choice (docs/properties.md, JoinStateUnforgeable): at most
     * {@code halfOpen} half-open joins per connection, enforced at the SYN; no bound on established joins.
     */
    public static JoinLimits contract(int halfOpen) {
        return new JoinLimits(OptionalInt.of(halfOpen), OptionalInt.empty());
    }

    @Override
    public String toString() {
        return "half-open per connection " + show(halfOpenPerConnection) + ", subflows " + show(subflowsPerConnection);
    }

    private static String show(OptionalInt v) {
        return v.isPresent() ? Integer.toString(v.getAsInt()) : "unbounded";
    }
}
