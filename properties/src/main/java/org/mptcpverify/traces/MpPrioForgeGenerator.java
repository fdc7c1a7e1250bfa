package org.mptcpverify.traces;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.vocab.AttackId;

/** {@code mp-prio-forge}: sees as eavesdrop-all, injects MP_PRIO(backup) to the server; the client may ask for backup itself. */
public record MpPrioForgeGenerator() implements TraceGenerator {
    @Override
    public AttackId attack() {
        return AttackId.MP_PRIO_FORGE;
    }

    @Override
    public Set<AttackerCapability> capabilities() {
        return Set.of(AttackerCapability.FORGE_MP_PRIO);
    }

    @Override
    public Observation observation() {
        return Observation.ALL_UNTIL_ACTIVE;
    }

    @Override
    public Optional<Function<String, TraceAction>> clientRequest() {
        return Optional.of(TraceAction.SetBackup::new);
    }
}
