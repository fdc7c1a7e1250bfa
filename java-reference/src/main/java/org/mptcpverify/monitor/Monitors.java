package org.mptcpverify.monitor;

import org.mptcpverify.vocab.PropertyId;

/** The monitor of each property. */
public final class Monitors {
    private Monitors() {}

    public static PropertyMonitor of(PropertyId p) {
        return of(p, null);
    }

    /** @param scheme the scheme under judgement (DowngradeResistance asks it which mode an end is in); may be null */
    public static PropertyMonitor of(PropertyId p, org.mptcpverify.scheme.AuthScheme scheme) {
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
            case DOWNGRADE_RESISTANCE -> new DowngradeResistanceMonitor(scheme);
            case JOIN_STATE_BOUNDED -> new JoinStateBoundedMonitor();
            case JOIN_ANSWER_AUTHENTICITY -> new JoinAnswerAuthenticityMonitor();
        };
    }
}
