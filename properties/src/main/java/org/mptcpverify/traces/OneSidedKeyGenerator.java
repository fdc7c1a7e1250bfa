package org.mptcpverify.traces;

import java.util.List;
import java.util.Set;
import org.mptcpverify.vocab.AttackId;

/** {@code one-sided-key}: no attacker; tries alternate between the client and the server holding the only key. */
public record OneSidedKeyGenerator() implements TraceGenerator {
    @Override
    public AttackId attack() {
        return AttackId.ONE_SIDED_KEY;
    }

    @Override
    public Set<AttackerCapability> capabilities() {
        return Set.of();
    }

    @Override
    public Observation observation() {
        return Observation.NOTHING;
    }

    @Override
    public List<String> keyedSides() {
        return List.of("client", "server");
    }
}
