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
    JOIN_STATE_BOUNDED("JoinStateBounded", false),
    // issue 12: the mirror image of JoinAuthenticity, the client's acceptance of a join's answer
    JOIN_ANSWER_AUTHENTICITY("JoinAnswerAuthenticity", false);

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

    /**
     * The segments (core message kinds, as in MptcpCore.tla and the replayer) whose receipt decides
     * the state this property reads: the receiver's checks of these are what an attacker must reach
     * for a HOLDS to say anything (the witness, {@code org.mptcpverify.engine.WitnessChecks}). Derived
     * from what the property reads: established and half-open joins are made by the server's
     * lookup of a join SYN and its check of the third ACK; an address by the client's check of an
     * ADD_ADDR; a close by the server's check of an MP_FASTCLOSE; path-manager changes by an
     * (unchecked) REMOVE_ADDR or MP_PRIO; the negotiated mode by the MP_CAPABLE handshake; the
     * attacker's knowledge of a key grows only from what an honest end computes from it in answer
     * to a segment (a join SYN answered with an HMAC, a join SYN/ACK answered with the third ACK's).
     */
    public java.util.List<String> decidedBy() {
        return switch (this) {
            case JOIN_AUTHENTICITY, SUBFLOW_ENDPOINT_AUTHENTICITY, KEY_ISOLATION -> java.util.List.of("JOIN_SYN", "JOIN_ACK");
            case EXTERNAL_KEY_SECRECY -> java.util.List.of("JOIN_SYN", "JOIN_SYNACK");
            case JOIN_STATE_UNFORGEABLE, JOIN_STATE_BOUNDED -> java.util.List.of("JOIN_SYN");
            case JOIN_ANSWER_AUTHENTICITY -> java.util.List.of("JOIN_SYNACK");
            case ADDR_AUTHENTICITY -> java.util.List.of("ADD_ADDR");
            case CLOSE_AUTHENTICITY -> java.util.List.of("FASTCLOSE");
            case PATH_MANAGER_INTEGRITY -> java.util.List.of("REMOVE_ADDR", "MP_PRIO");
            case DOWNGRADE_RESISTANCE -> java.util.List.of("MPC_SYN", "MPC_SYNACK", "MPC_ACK");
            case LEGIT_JOIN_SUCCEEDS -> java.util.List.of("JOIN_SYN", "JOIN_SYNACK", "JOIN_ACK");
            case CLEAN_FALLBACK -> java.util.List.of("MPC_SYN", "MPC_SYNACK", "MPC_ACK", "JOIN_SYN", "JOIN_SYNACK", "JOIN_ACK");
        };
    }

    /**
     * Whether the Alloy models judge this property. JoinAnswerAuthenticity (issue #12) is judged by
     * the traces engine and the generic TLA+ core only ({@link #inTlaCore}): the Alloy columns that
     * list it check the rest of their properties and say which one they leave out
     * (docs/properties.md).
     */
    public boolean inModels() {
        return this != JOIN_ANSWER_AUTHENTICITY;
    }

    /** Whether the generic TLA+ core judges this property: every one (JoinAnswerAuthenticity since session 11). */
    public boolean inTlaCore() {
        return true;
    }

    /**
     * Whether the Alloy models judge this property at one end only (an engine's default for {@code
     * Engine.judgesOneEnd}). AddrAuthenticity and CloseAuthenticity are judged at both ends by the
     * traces engine since issue #12 and by the generic TLA+ core since session 19, at the client
     * (addresses) and the server (closes) only by the Alloy core; PathManagerIntegrity at both ends
     * by the traces engine since session 17 and the TLA+ core since session 19 (the Alloy models
     * have no path-manager column). The proofs state their own ends (InductiveProof).
     */
    public boolean modelsJudgeOneEnd() {
        return this == ADDR_AUTHENTICITY || this == CLOSE_AUTHENTICITY || this == PATH_MANAGER_INTEGRITY;
    }

    /** The end the Alloy models judge, for a property they judge at one end only ({@link #modelsJudgeOneEnd}). */
    public String modelledEnd() {
        return switch (this) {
            case ADDR_AUTHENTICITY -> "the client's acceptance of the server's ADD_ADDR";
            case CLOSE_AUTHENTICITY -> "the server's acceptance of a client's MP_FASTCLOSE";
            case PATH_MANAGER_INTEGRITY -> "the server's acting on a client's REMOVE_ADDR and MP_PRIO";
            default -> "both ends";
        };
    }

    public static Optional<PropertyId> byName(String name) {
        return Arrays.stream(values()).filter(p -> p.modelName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return modelName;
    }
}
