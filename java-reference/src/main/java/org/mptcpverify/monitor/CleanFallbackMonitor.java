package org.mptcpverify.monitor;

import java.util.Optional;
import org.mptcpverify.endpoint.ConnPhase;
import org.mptcpverify.endpoint.Connection;
import org.mptcpverify.vocab.PropertyId;

/**
 * With a key on one side only, the outcome is MPTCP with the join established, plain TCP at both
 * ends, or a refused handshake: never MPTCP with a failing join, never the ends disagreeing.
 */
public final class CleanFallbackMonitor implements PropertyMonitor {
    @Override
    public PropertyId property() {
        return PropertyId.CLEAN_FALLBACK;
    }

    @Override
    public boolean atEndOnly() {
        return true;
    }

    @Override
    public Optional<String> check(World w) {
        for (String client : w.clients().keySet()) {
            Optional<Connection> cc = w.clientConnOf(client);
            Optional<Connection> sc = w.serverConnOf(client);
            if (cc.isEmpty() || cc.get().phase() == ConnPhase.REFUSED || cc.get().phase() == ConnPhase.SYN_SENT) {
                continue; // no connection, or the handshake was refused
            }
            if (cc.get().phase() == ConnPhase.CLOSED || sc.isEmpty()) {
                continue;
            }
            boolean cm = cc.get().isMptcp();
            boolean sm = sc.get().isMptcp();
            if (cm != sm) {
                return Optional.of("the ends disagree: " + client + " is " + (cm ? "MPTCP" : "plain TCP")
                        + ", the server " + (sm ? "MPTCP" : "plain TCP"));
            }
            if (cm) {
                Optional<GroundTruth.LegitJoin> failed = w.truth().joins().stream()
                        .filter(j -> j.client().equals(client) && !w.truth().wasEstablished(j))
                        .findFirst();
                if (failed.isPresent()) {
                    return Optional.of("both ends MPTCP but " + client + "'s join (action " + (failed.get().step() + 1)
                            + ") failed");
                }
            }
        }
        return Optional.empty();
    }
}
