package org.mptcpverify.traces;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.vocab.AttackId;

/** {@code remove-addr-forge}: sees as eavesdrop-all, injects REMOVE_ADDR to the server; the client may withdraw c.a2 itself. */
public record RemoveAddrForgeGenerator() implements TraceGenerator {
    @Override
    public AttackId attack() {
        return AttackId.REMOVE_ADDR_FORGE;
    }

    @Override
    public Set<AttackerCapability> capabilities() {
        return Set.of(AttackerCapability.FORGE_REMOVE_ADDR);
    }

    @Override
    public Observation observation() {
        return Observation.ALL_UNTIL_ACTIVE;
    }

    @Override
    public Optional<Function<String, TraceAction>> clientRequest() {
        return Optional.of(TraceAction.RemoveAddr::new);
    }
}
