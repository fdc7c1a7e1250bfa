package org.mptcpverify.monitor;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.mptcpverify.endpoint.Connection;
import org.mptcpverify.endpoint.Subflow;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.scheme.Role;
import org.mptcpverify.vocab.PropertyId;

/** Every server-side subflow of C has as remote address an address of C's client. */
public final class SubflowEndpointAuthenticityMonitor implements PropertyMonitor {
    @Override
    public PropertyId property() {
        return PropertyId.SUBFLOW_ENDPOINT_AUTHENTICITY;
    }

    @Override
    public Optional<String> check(World w) {
        for (Connection c : w.server().connections().values()) {
            if (c.role() != Role.B || !c.established()) {
                continue;
            }
            Optional<String> bad = remote(w, w.ownerOf(c.id()), c.initial().remoteAddr());
            if (bad.isPresent()) {
                return bad;
            }
        }
        for (Subflow s : w.server().subflows().values()) {
            if (s.phase() == Subflow.Phase.ESTABLISHED) {
                Optional<String> bad = remote(w, w.ownerOf(s.connId()), s.tuple().remoteAddr());
                if (bad.isPresent()) {
                    return bad;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> remote(World w, String owner, InetAddress remote) {
        List<InetAddress> own = w.clients().getOrDefault(owner, List.of());
        return own.contains(remote) ? Optional.empty()
                : Optional.of("a server-side subflow of " + owner + "'s connection has remote address "
                        + Addresses.nameOf(remote) + ", not an address of " + owner);
    }
}
