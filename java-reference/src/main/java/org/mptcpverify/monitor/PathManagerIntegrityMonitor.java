package org.mptcpverify.monitor;

import java.util.Optional;
import org.mptcpverify.vocab.PropertyId;

/**
 * The server closes or re-prioritises a subflow of C's connection on a REMOVE_ADDR or MP_PRIO only
 * when that option originated at C's client, and a client closes or re-prioritises a subflow of its
 * connection only when the option originated at the server (docs/properties.md, PathManagerIntegrity;
 * the client's side since issue #12's mirror directions).
 */
public final class PathManagerIntegrityMonitor implements PropertyMonitor {
    @Override
    public PropertyId property() {
        return PropertyId.PATH_MANAGER_INTEGRITY;
    }

    @Override
    public Optional<String> check(World w) {
        Optional<String> atServer = w.truth().pathChanges().stream().filter(c -> !c.origin().equals(w.ownerOf(c.serverConnId())))
                .findFirst().map(c -> "the server made subflow " + c.subflow() + " of " + w.ownerOf(c.serverConnId())
                        + "'s connection " + c.what() + " on an option that originated at " + c.origin());
        if (atServer.isPresent()) {
            return atServer;
        }
        return w.truth().clientPathChanges().stream().filter(c -> !c.origin().equals("s")).findFirst()
                .map(c -> c.client() + " made subflow " + c.subflow() + " of its connection " + c.what()
                        + " on an option that originated at " + c.origin() + ", not at the server");
    }
}
