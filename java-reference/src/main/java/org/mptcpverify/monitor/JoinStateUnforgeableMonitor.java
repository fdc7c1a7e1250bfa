package org.mptcpverify.monitor;

import java.util.Map;
import java.util.Optional;
import org.mptcpverify.endpoint.HalfOpenJoin;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.vocab.PropertyId;

/**
 * Every half-open join was created by a SYN+MP_JOIN its connection's client sent, from the address
 * it sent it from; and no connection holds more half-open joins than the configured limit.
 */
public final class JoinStateUnforgeableMonitor implements PropertyMonitor {
    @Override
    public PropertyId property() {
        return PropertyId.JOIN_STATE_UNFORGEABLE;
    }

    @Override
    public Optional<String> check(World w) {
        Map<Integer, Integer> perConn = new java.util.TreeMap<>();
        for (HalfOpenJoin h : w.server().halfOpen().values()) {
            if (w.insidersOwn(h.connId())) {
                continue; // the insider's own connection: its joins are its own business
            }
            String owner = w.ownerOf(h.connId());
            Optional<GroundTruth.SynTruth> t = w.truth().joinSynAt(h.tuple());
            String origin = t.map(GroundTruth.SynTruth::origin).orElse("?");
            if (!origin.equals(owner)) {
                return Optional.of("half-open join state for " + owner + "'s connection created by a SYN+MP_JOIN from "
                        + Addresses.nameOf(h.tuple().remoteAddr()) + " that originated at " + origin);
            }
            if (!t.get().originSrc().equals(h.tuple().remoteAddr())) {
                return Optional.of("half-open join state for " + owner + "'s connection created by " + owner
                        + "'s SYN+MP_JOIN rewritten from " + Addresses.nameOf(t.get().originSrc()) + " to "
                        + Addresses.nameOf(h.tuple().remoteAddr()));
            }
            perConn.merge(h.connId(), 1, Integer::sum);
        }
        return perConn.entrySet().stream().filter(e -> e.getValue() > w.halfOpenLimit()).findFirst()
                .map(e -> w.ownerOf(e.getKey()) + "'s connection holds " + e.getValue()
                        + " half-open joins, above the limit " + w.halfOpenLimit());
    }
}
