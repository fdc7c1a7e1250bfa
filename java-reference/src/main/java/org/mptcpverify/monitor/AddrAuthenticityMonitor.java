package org.mptcpverify.monitor;

import java.util.Optional;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.vocab.PropertyId;

/**
 * Every address a client acts on was advertised by the server (the ADD_ADDR originated at s) on
 * this connection, and not withdrawn since: an authentic ADD_ADDR replayed later is not an
 * advertisement.
 */
public final class AddrAuthenticityMonitor implements PropertyMonitor {
    @Override
    public PropertyId property() {
        return PropertyId.ADDR_AUTHENTICITY;
    }

    @Override
    public Optional<String> check(World w) {
        return w.truth().accepts().stream().filter(a -> !a.origin().equals("s") || !a.current()).findFirst()
                .map(a -> a.client() + " added " + Addresses.nameOf(a.addr()) + " as a remote address and joined it, "
                        + (a.origin().equals("s") ? "on a copy of the server's ADD_ADDR: the server did not announce it"
                        + " on that connection then (never, or withdrawn by REMOVE_ADDR)"
                        : "on an ADD_ADDR that originated at " + a.origin()));
    }
}
