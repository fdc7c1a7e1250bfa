package org.mptcpverify.monitor;

import java.util.Optional;
import org.mptcpverify.vocab.PropertyId;

/**
 * An end fast-closes C only once its peer on C has asked for it: an MP_FASTCLOSE the peer sent on C
 * before the end accepted one. Who built the accepted segment does not matter: a copy of the
 * peer's own request that overtakes it closes what the peer closed (docs/properties.md, "Authentic
 * means requested"). Judged at both ends (issue #12): the server's closes (requested by the
 * connection's client) and each client's (requested by the server).
 */
public final class CloseAuthenticityMonitor implements PropertyMonitor {
    @Override
    public PropertyId property() {
        return PropertyId.CLOSE_AUTHENTICITY;
    }

    @Override
    public Optional<String> check(World w) {
        Optional<String> atServer = w.truth().closes().stream().filter(c -> !c.requested()).findFirst()
                .map(c -> "the server fast-closed " + w.ownerOf(c.serverConnId())
                        + "'s connection on an MP_FASTCLOSE that originated at " + c.origin() + ", which "
                        + w.ownerOf(c.serverConnId()) + " had not asked for (it had sent no MP_FASTCLOSE on it)");
        if (atServer.isPresent()) {
            return atServer;
        }
        return w.truth().clientCloses().stream().filter(c -> !c.requested()).findFirst()
                .map(c -> c.client() + " fast-closed its connection on an MP_FASTCLOSE that originated at " + c.origin()
                        + ", which the server had not asked for (it had sent no MP_FASTCLOSE on it)");
    }
}
