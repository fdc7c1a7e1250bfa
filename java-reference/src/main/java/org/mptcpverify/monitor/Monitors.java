package org.mptcpverify.monitor;

import org.mptcpverify.vocab.PropertyId;

/** The monitor of each property. */
public final class Monitors {
    private Monitors() {}

    public static PropertyMonitor of(PropertyId p) {
        return switch (p) {
            case JOIN_AUTHENTICITY -> new JoinAuthenticityMonitor();
            case EXTERNAL_KEY_SECRECY -> new ExternalKeySecrecyMonitor();
            case SUBFLOW_ENDPOINT_AUTHENTICITY -> new SubflowEndpointAuthenticityMonitor();
            case JOIN_STATE_UNFORGEABLE -> new JoinStateUnforgeableMonitor();
            case ADDR_AUTHENTICITY -> new AddrAuthenticityMonitor();
            case CLOSE_AUTHENTICITY -> new CloseAuthenticityMonitor();
            case LEGIT_JOIN_SUCCEEDS -> new LegitJoinSucceedsMonitor();
            case CLEAN_FALLBACK -> new CleanFallbackMonitor();
            case KEY_ISOLATION -> new KeyIsolationMonitor();
            case PATH_MANAGER_INTEGRITY -> new PathManagerIntegrityMonitor();
            case JOIN_STATE_BOUNDED -> new JoinStateBoundedMonitor();
        };
    }
}
