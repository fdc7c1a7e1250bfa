package org.mptcpverify.traces;

import java.util.Set;
import org.mptcpverify.vocab.AttackId;

/** {@code eavesdrop-handshake}: sees p1 during Connect, forges joins. */
public record EavesdropHandshakeGenerator() implements TraceGenerator {
    @Override
    public AttackId attack() {
        return AttackId.EAVESDROP_HANDSHAKE;
    }

    @Override
    public Set<AttackerCapability> capabilities() {
        return Set.of(AttackerCapability.FORGE_JOIN);
    }

    @Override
    public Observation observation() {
        return Observation.HANDSHAKE;
    }
}
