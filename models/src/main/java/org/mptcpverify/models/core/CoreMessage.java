package org.mptcpverify.models.core;

import java.util.Arrays;
import java.util.Optional;
import org.mptcpverify.definition.Phase;
import org.mptcpverify.scheme.Role;

/**
 * The messages the generic core exchanges (docs/models.md, "Data form of a scheme"), each the
 * segment of a definition's figure with that phase and sender. The core has no A->B ADD_ADDR, no
 * B->A MP_FASTCLOSE and no authenticated B->A REMOVE_ADDR or MP_PRIO: the definitions' messages
 * for those are not part of the data form.
 */
public enum CoreMessage {
    MPC_SYN(Phase.HANDSHAKE_SYN, Role.A),
    MPC_SYNACK(Phase.HANDSHAKE_SYN_ACK, Role.B),
    MPC_ACK(Phase.HANDSHAKE_ACK, Role.A),
    KEY_A(Phase.KEY_AGREEMENT, Role.A),
    KEY_B(Phase.KEY_AGREEMENT, Role.B),
    JOIN_SYN(Phase.JOIN_SYN, Role.A),
    JOIN_SYNACK(Phase.JOIN_SYN_ACK, Role.B),
    JOIN_ACK(Phase.JOIN_ACK, Role.A),
    ADD_ADDR(Phase.ADD_ADDR, Role.B),
    FASTCLOSE(Phase.FAST_CLOSE, Role.A),
    /** The client's REMOVE_ADDR; the server's (add-addr-replay's Withdraw) stays RFC 8684's in the core. */
    REMOVE_ADDR(Phase.REMOVE_ADDR, Role.A),
    MP_PRIO(Phase.MP_PRIO, Role.A);

    public final Phase phase;
    public final Role from;

    CoreMessage(Phase phase, Role from) {
        this.phase = phase;
        this.from = from;
    }

    public boolean join() {
        return phase == Phase.JOIN_SYN || phase == Phase.JOIN_SYN_ACK || phase == Phase.JOIN_ACK;
    }

    public static Optional<CoreMessage> of(Phase phase, Role from) {
        return Arrays.stream(values()).filter(m -> m.phase == phase && m.from == from).findFirst();
    }
}
