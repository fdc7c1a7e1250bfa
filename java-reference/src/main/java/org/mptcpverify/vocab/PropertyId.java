package org.mptcpverify.vocab;

import java.util.Arrays;
import java.util.Optional;

/** The security and liveness properties, named identically in Java, TLA+ and Alloy. */
public enum PropertyId {
    JOIN_AUTHENTICITY("JoinAuthenticity", false),
    EXTERNAL_KEY_SECRECY("ExternalKeySecrecy", true),
    SUBFLOW_ENDPOINT_AUTHENTICITY("SubflowEndpointAuthenticity", false),
    JOIN_STATE_UNFORGEABLE("JoinStateUnforgeable", false),
    ADDR_AUTHENTICITY("AddrAuthenticity", false),
    CLOSE_AUTHENTICITY("CloseAuthenticity", false),
    LEGIT_JOIN_SUCCEEDS("LegitJoinSucceeds", false),
    CLEAN_FALLBACK("CleanFallback", true),
    KEY_ISOLATION("KeyIsolation", true),
    PATH_MANAGER_INTEGRITY("PathManagerIntegrity", false),
    // issue 13: two ends that both hold the external key never end up keyless (handshake-downgrade)
    DOWNGRADE_RESISTANCE("DowngradeResistance", true),
    JOIN_STATE_BOUNDED("JoinStateBounded", false);

    private final String modelName;
    private final boolean needsExternalKey;

    PropertyId(String modelName, boolean needsExternalKey) {
        this.modelName = modelName;
        this.needsExternalKey = needsExternalKey;
    }

    /** The name of the invariant / assertion / property in every engine. */
    public String modelName() {
        return modelName;
    }

    /** A property about the external key does not apply to a scheme without one. */
    public boolean appliesTo(SchemeId scheme) {
        return !needsExternalKey || scheme.usesExternalKey();
    }

    public static Optional<PropertyId> byName(String name) {
        return Arrays.stream(values()).filter(p -> p.modelName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return modelName;
    }
}
