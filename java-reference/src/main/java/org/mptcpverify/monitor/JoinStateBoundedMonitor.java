package org.mptcpverify.monitor;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.mptcpverify.endpoint.HalfOpenJoin;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.vocab.PropertyId;

/**
 * The server keeps half-open join state (request sockets) only for a SYN + MP_JOIN from a
 * return-routable source (an address of a host of the population, or the attacker's own x.a: a
 * spoofed source never answers, so its state is the amplifier of syn-flood-amplification), and no
 * connection holds more of it than the configured limit. State the server does not keep (a join
 * answered with a SYN cookie) is not counted: the reference keeps every half-open join, the
 * generic TLA+ core has the cookie mode (docs/properties.md, JoinStateBounded).
 */
public final class JoinStateBoundedMonitor implements PropertyMonitor {
    @Override
    public PropertyId property() {
        return PropertyId.JOIN_STATE_BOUNDED;
    }

    @Override
    public Optional<String> check(World w) {
        Set<InetAddress> routable = new HashSet<>();
        w.clients().values().forEach(routable::addAll);
        routable.add(Addresses.of("x.a"));
        Map<Integer, Integer> perConn = new TreeMap<>();
        for (HalfOpenJoin h : w.server().halfOpen().values()) {
            if (!routable.contains(h.tuple().remoteAddr())) {
                return Optional.of("half-open join state for " + w.ownerOf(h.connId()) + "'s connection kept for a SYN+MP_JOIN from "
                        + Addresses.nameOf(h.tuple().remoteAddr()) + ", which no host answers from (a spoofed source:"
                        + " the server's SYN/ACK goes to a victim)");
            }
            perConn.merge(h.connId(), 1, Integer::sum);
        }
        return perConn.entrySet().stream().filter(e -> w.halfOpenLimit() > 0 && e.getValue() > w.halfOpenLimit()).findFirst()
                .map(e -> w.ownerOf(e.getKey()) + "'s connection holds " + e.getValue()
                        + " half-open joins, above the limit " + w.halfOpenLimit());
    }
}
