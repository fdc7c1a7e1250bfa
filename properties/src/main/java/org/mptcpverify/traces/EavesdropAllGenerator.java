package org.mptcpverify.traces;

import java.util.Set;
import org.mptcpverify.vocab.AttackId;

/** {@code eavesdrop-all}: sees every legitimate segment until it acts, forges joins. */
public record EavesdropAllGenerator() implements TraceGenerator {
    @Override
    public AttackId attack() {
        return AttackId.EAVESDROP_ALL;
    }

    @Override
    public Set<AttackerCapability> capabilities() {
        return Set.of(AttackerCapability.FORGE_JOIN);
    }

    @Override
    public Observation observation() {
        return Observation.ALL_UNTIL_ACTIVE;
    }
}
