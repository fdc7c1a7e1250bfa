package org.mptcpverify.traces;

import java.util.Set;
import org.mptcpverify.vocab.AttackId;

/** {@code legit-join}: no attacker, legitimate actions only. */
public record LegitJoinGenerator() implements TraceGenerator {
    @Override
    public AttackId attack() {
        return AttackId.LEGIT_JOIN;
    }

    @Override
    public Set<AttackerCapability> capabilities() {
        return Set.of();
    }

    @Override
    public Observation observation() {
        return Observation.NOTHING;
    }
}
