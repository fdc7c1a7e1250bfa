package org.mptcpverify.traces;

/** The attacker's active actions (docs/threat-model.md), one per action name. */
public enum AttackerCapability {
    FORGE_JOIN,
    SPOOF_JOIN_SYN,
    REWRITE_JOIN,
    FORGE_ADD_ADDR,
    FORGE_FAST_CLOSE,
    FORGE_REMOVE_ADDR,
    FORGE_MP_PRIO
}
