package org.mptcpverify.monitor;

import java.util.Optional;
import org.mptcpverify.endpoint.Subflow;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.vocab.PropertyId;

/** Every subflow the server attaches to C was created by a SYN+MP_JOIN that originated at C's client. */
public final class JoinAuthenticityMonitor implements PropertyMonitor {
    @Override
    public PropertyId property() {
        return PropertyId.JOIN_AUTHENTICITY;
    }

    @Override
    public Optional<String> check(World w) {
        for (Subflow s : w.server().subflows().values()) {
            if (s.phase() != Subflow.Phase.ESTABLISHED || w.insidersOwn(s.connId())) {
                continue;
            }
            String owner = w.ownerOf(s.connId());
            String origin = w.truth().joinSynAt(s.tuple()).map(GroundTruth.SynTruth::origin).orElse("?");
            if (!origin.equals(owner)) {
                return Optional.of("the server attached a subflow from " + Addresses.nameOf(s.tuple().remoteAddr())
                        + " to " + owner + "'s connection, but its SYN+MP_JOIN originated at " + origin);
            }
        }
        return Optional.empty();
    }
}
