package org.mptcpverify.traces;

import java.util.Set;
import org.mptcpverify.vocab.AttackId;

/** {@code syn-join-rewrite}: sits on p2 and rewrites the source of the client's join SYN. */
public record SynJoinRewriteGenerator() implements TraceGenerator {
    @Override
    public AttackId attack() {
        return AttackId.SYN_JOIN_REWRITE;
    }

    @Override
    public Set<AttackerCapability> capabilities() {
        return Set.of(AttackerCapability.REWRITE_JOIN);
    }

    @Override
    public Observation observation() {
        return Observation.PATH_P2;
    }
}
