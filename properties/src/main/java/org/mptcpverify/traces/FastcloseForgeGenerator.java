package org.mptcpverify.traces;

import java.util.Set;
import org.mptcpverify.vocab.AttackId;

/** {@code fastclose-forge}: sees as eavesdrop-all, injects MP_FASTCLOSE to the server. */
public record FastcloseForgeGenerator() implements TraceGenerator {
    @Override
    public AttackId attack() {
        return AttackId.FASTCLOSE_FORGE;
    }

    @Override
    public Set<AttackerCapability> capabilities() {
        return Set.of(AttackerCapability.FORGE_FAST_CLOSE);
    }

    @Override
    public Observation observation() {
        return Observation.ALL_UNTIL_ACTIVE;
    }
}
