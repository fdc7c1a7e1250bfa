package org.mptcpverify.monitor;

import java.util.Optional;
import org.mptcpverify.endpoint.Connection;
import org.mptcpverify.endpoint.EndpointState;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.vocab.PropertyId;

/**
 * DowngradeResistance (handshake-downgrade, issue 13): when both ends hold the external key
 * (the scenario configures it at both), neither end is on an established MPTCP connection whose
 * joins it authenticates only from the clear-text handshake ({@link AuthScheme#externalKeyInUse}
 * false). Plain TCP, a refused handshake or no connection satisfy it: a refusing end holds.
 */
public final class DowngradeResistanceMonitor implements PropertyMonitor {
    private final AuthScheme scheme;

    /** @param scheme the scheme whose ends are judged; null judges by the negotiated key mode alone */
    public DowngradeResistanceMonitor(AuthScheme scheme) {
        this.scheme = scheme;
    }

    @Override
    public PropertyId property() {
        return PropertyId.DOWNGRADE_RESISTANCE;
    }

    @Override
    public Optional<String> check(World w) {
        if (w.realKeys().isEmpty()) {
            return Optional.empty(); // no end holds a key: nothing to downgrade
        }
        for (String client : w.clients().keySet()) {
            Optional<String> srv = keyless(w.server(), w.serverConnOf(client));
            if (srv.isPresent()) {
                return Optional.of("the server's connection of " + client + " " + srv.get());
            }
            Optional<String> cli = keyless(w.hosts().get(client), w.clientConnOf(client));
            if (cli.isPresent()) {
                return Optional.of(client + "'s connection " + cli.get());
            }
        }
        return Optional.empty();
    }

    private Optional<String> keyless(EndpointState host, Optional<Connection> c) {
        if (c.isEmpty() || !c.get().established() || !c.get().isMptcp()) {
            return Optional.empty();
        }
        boolean keyed = scheme == null ? c.get().keys().extMode() : scheme.externalKeyInUse(c.get().keys(), host.hostKeys());
        return keyed ? Optional.empty()
                : Optional.of("is MPTCP with joins authenticated from the clear-text handshake, though both ends hold the external key");
    }
}
