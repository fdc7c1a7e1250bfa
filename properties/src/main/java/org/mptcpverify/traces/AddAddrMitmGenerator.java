package org.mptcpverify.traces;

import java.util.Set;
import org.mptcpverify.vocab.AttackId;

/** {@code add-addr-mitm}: sees p1 during Connect, injects ADD_ADDR(x.a) to the client. */
public record AddAddrMitmGenerator() implements TraceGenerator {
    @Override
    public AttackId attack() {
        return AttackId.ADD_ADDR_MITM;
    }

    @Override
    public Set<AttackerCapability> capabilities() {
        return Set.of(AttackerCapability.FORGE_ADD_ADDR);
    }

    @Override
    public Observation observation() {
        return Observation.HANDSHAKE;
    }
}
