package org.mptcpverify.traces;

import java.util.Set;
import org.mptcpverify.vocab.AttackId;

/** {@code nat-join}: no attacker; the reference puts a NAT on p2. */
public record NatJoinGenerator() implements TraceGenerator {
    @Override
    public AttackId attack() {
        return AttackId.NAT_JOIN;
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
