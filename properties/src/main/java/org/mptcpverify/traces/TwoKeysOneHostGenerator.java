package org.mptcpverify.traces;

import java.util.List;
import java.util.Set;
import org.mptcpverify.vocab.AttackId;

/** {@code two-keys-one-host}: no attacker; c1 (application 1) and c2 (application 2) on one server host. */
public record TwoKeysOneHostGenerator() implements TraceGenerator {
    @Override
    public AttackId attack() {
        return AttackId.TWO_KEYS_ONE_HOST;
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
    public List<String> clients() {
        return List.of("c1", "c2");
    }
}
