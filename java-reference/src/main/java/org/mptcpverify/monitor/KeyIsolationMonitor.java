package org.mptcpverify.monitor;

import java.util.Optional;
import org.mptcpverify.endpoint.Subflow;
import org.mptcpverify.vocab.PropertyId;

/**
 * Two applications with different keys on one server: every subflow of c1 is attached to c1's
 * connection and every subflow of c2 to c2's, and both clients' joins are established.
 */
public final class KeyIsolationMonitor implements PropertyMonitor {
    @Override
    public PropertyId property() {
        return PropertyId.KEY_ISOLATION;
    }

    @Override
    public boolean atEndOnly() {
        return true;
    }

    @Override
    public Optional<String> check(World w) {
        for (Subflow s : w.server().subflows().values()) {
            String origin = w.truth().joinSynAt(s.tuple()).map(GroundTruth.SynTruth::origin).orElse("?");
            String owner = w.ownerOf(s.connId());
            if (w.clients().containsKey(origin) && !origin.equals(owner)) {
                return Optional.of("a subflow of " + origin + " is attached to " + owner + "'s connection");
            }
        }
        return w.truth().joins().stream().filter(j -> !w.truth().wasEstablished(j)).findFirst()
                .map(j -> j.client() + "'s join (action " + (j.step() + 1) + ") is not established");
    }
}
