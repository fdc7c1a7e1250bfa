package org.mptcpverify.traces;

import java.util.Set;
import org.mptcpverify.vocab.AttackId;

/** {@code join-dos}: sees as eavesdrop-all, sends lone spoofed SYN+MP_JOINs (forged or replayed). */
public record JoinDosGenerator() implements TraceGenerator {
    @Override
    public AttackId attack() {
        return AttackId.JOIN_DOS;
    }

    @Override
    public Set<AttackerCapability> capabilities() {
        return Set.of(AttackerCapability.SPOOF_JOIN_SYN);
    }

    @Override
    public Observation observation() {
        return Observation.ALL_UNTIL_ACTIVE;
    }
}
