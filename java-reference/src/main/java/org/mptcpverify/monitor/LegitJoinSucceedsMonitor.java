package org.mptcpverify.monitor;

import java.util.Optional;
import org.mptcpverify.vocab.PropertyId;

/** At quiescence, every legitimate join (a Join action, or a join opened on the server's ADD_ADDR) on a path the attacker does not touch was established at both ends. */
public final class LegitJoinSucceedsMonitor implements PropertyMonitor {
    @Override
    public PropertyId property() {
        return PropertyId.LEGIT_JOIN_SUCCEEDS;
    }

    @Override
    public boolean atEndOnly() {
        return true;
    }

    @Override
    public Optional<String> check(World w) {
        return w.truth().joins().stream()
                .filter(j -> !j.touchedByAttacker() && !w.truth().wasEstablished(j))
                .findFirst()
                .map(j -> j.client() + "'s join (action " + (j.step() + 1) + ") did not end in an established subflow at both ends");
    }
}
