package org.mptcpverify.monitor;

import java.util.Optional;
import org.mptcpverify.vocab.PropertyId;

/** The server fast-closes C only on an MP_FASTCLOSE that originated at C's client. */
public final class CloseAuthenticityMonitor implements PropertyMonitor {
    @Override
    public PropertyId property() {
        return PropertyId.CLOSE_AUTHENTICITY;
    }

    @Override
    public Optional<String> check(World w) {
        return w.truth().closes().stream().filter(c -> !c.origin().equals(w.ownerOf(c.serverConnId()))).findFirst()
                .map(c -> "the server fast-closed " + w.ownerOf(c.serverConnId())
                        + "'s connection on an MP_FASTCLOSE that originated at " + c.origin());
    }
}
