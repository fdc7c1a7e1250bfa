package org.mptcpverify.monitor;

import java.util.Optional;
import org.mptcpverify.vocab.PropertyId;

/**
 * The server fast-closes C only once C's client has asked for it: an MP_FASTCLOSE the client sent
 * on C before the server accepted one. Who built the accepted segment does not matter: a copy of
 * the client's own request that overtakes it closes what the client closed (docs/properties.md,
 * "Authentic means requested").
 */
public final class CloseAuthenticityMonitor implements PropertyMonitor {
    @Override
    public PropertyId property() {
        return PropertyId.CLOSE_AUTHENTICITY;
    }

    @Override
    public Optional<String> check(World w) {
        return w.truth().closes().stream().filter(c -> !c.requested()).findFirst()
                .map(c -> "the server fast-closed " + w.ownerOf(c.serverConnId())
                        + "'s connection on an MP_FASTCLOSE that originated at " + c.origin() + ", which "
                        + w.ownerOf(c.serverConnId()) + " had not asked for (it had sent no MP_FASTCLOSE on it)");
    }
}
