package org.mptcpverify.trace;

/**
 * One step of a trace, in the vocabulary shared by every engine (docs/threat-model.md). Each
 * action is a whole protocol exchange; the reference turns it into real segments.
 */
public sealed interface TraceAction {
    /** The action's shared name, as in TLA+ and Alloy. */
    String name();

    /** The client ("c1" or "c2") whose connection the action concerns. */
    String client();

    boolean byAttacker();

    record Connect(String client) implements TraceAction {
        public String name() { return "Connect"; }
        public boolean byAttacker() { return false; }
    }

    record Join(String client) implements TraceAction {
        public String name() { return "Join"; }
        public boolean byAttacker() { return false; }
    }

    record Advertise(String client) implements TraceAction {
        public String name() { return "Advertise"; }
        public boolean byAttacker() { return false; }
    }

    record Close(String client) implements TraceAction {
        public String name() { return "Close"; }
        public boolean byAttacker() { return false; }
    }

    // The attacker actions below: the exchange-level attacker (ReferenceRunner, legacy Alloy engine's alloy.json,
    // their tests); deleted with that engine (docs/traces-engine.md, "Exchange-level attacker: remaining users").
    record ForgeJoin(String client) implements TraceAction {
        public String name() { return "ForgeJoin"; }
        public boolean byAttacker() { return true; }
    }

    /** A lone SYN+MP_JOIN from a spoofed source; mode "forge" or "replay". */
    record SpoofJoinSyn(String client, String mode, String src) implements TraceAction {
        public String name() { return "SpoofJoinSyn"; }
        public boolean byAttacker() { return true; }
    }

    record RewriteJoin(String client) implements TraceAction {
        public String name() { return "RewriteJoin"; }
        public boolean byAttacker() { return true; }
    }

    record ForgeAddAddr(String client) implements TraceAction {
        public String name() { return "ForgeAddAddr"; }
        public boolean byAttacker() { return true; }
    }

    record ForgeFastClose(String client) implements TraceAction {
        public String name() { return "ForgeFastClose"; }
        public boolean byAttacker() { return true; }
    }

    /** The client withdraws its second address: REMOVE_ADDR naming c.a2's address id, to the server. */
    record RemoveAddr(String client) implements TraceAction {
        public String name() { return "RemoveAddr"; }
        public boolean byAttacker() { return false; }
    }

    /** The client asks the server to use its initial subflow as backup only: MP_PRIO(backup). */
    record SetBackup(String client) implements TraceAction {
        public String name() { return "SetBackup"; }
        public boolean byAttacker() { return false; }
    }

    /** REMOVE_ADDR injected to the server as if from the client's initial subflow. */
    record ForgeRemoveAddr(String client) implements TraceAction {
        public String name() { return "ForgeRemoveAddr"; }
        public boolean byAttacker() { return true; }
    }

    /** MP_PRIO(backup) injected to the server as if on the client's initial subflow. */
    record ForgeMpPrio(String client) implements TraceAction {
        public String name() { return "ForgeMpPrio"; }
        public boolean byAttacker() { return true; }
    }
}
