package org.mptcpverify.monitor;

import java.util.Optional;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.vocab.PropertyId;

/**
 * Every address an end acts on was advertised by its peer on this connection, and not withdrawn
 * since: an authentic ADD_ADDR replayed later is not an advertisement. Judged at both ends (issue
 * #12): a client's acceptance of the server's addresses (the ADD_ADDR originated at s), and the
 * server's acceptance of a client's (it originated at the connection's client, who announces the
 * address now).
 */
public final class AddrAuthenticityMonitor implements PropertyMonitor {
    @Override
    public PropertyId property() {
        return PropertyId.ADDR_AUTHENTICITY;
    }

    @Override
    public Optional<String> check(World w) {
        Optional<String> atClient = w.truth().accepts().stream().filter(a -> !a.origin().equals("s") || !a.current()).findFirst()
                .map(a -> a.client() + " added " + Addresses.nameOf(a.addr()) + " as a remote address and joined it, "
                        + (a.origin().equals("s") ? "on a copy of the server's ADD_ADDR: the server did not announce it"
                        + " on that connection then (never, or withdrawn by REMOVE_ADDR)"
                        : "on an ADD_ADDR that originated at " + a.origin()));
        if (atClient.isPresent()) {
            return atClient;
        }
        return w.truth().serverAccepts().stream().filter(a -> !a.origin().equals(a.client()) || !a.current()).findFirst()
                .map(a -> "the server added " + Addresses.nameOf(a.addr()) + " as a remote address of " + a.client()
                        + "'s connection, " + (a.origin().equals(a.client()) ? "on a copy of " + a.client()
                        + "'s ADD_ADDR: " + a.client() + " did not announce it on that connection then"
                        : "on an ADD_ADDR that originated at " + a.origin()));
    }
}
