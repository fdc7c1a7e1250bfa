package org.mptcpverify.segment;

import java.util.List;
import java.util.Map;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.Bytes;

/**
 * A segment-level counterexample (format {@value SegmentTraceJson#FORMAT}): the cell and the
 * property it claims violated, the population with its keys as concrete values, and the events.
 *
 * @param keyedSide  who holds the external key: "both", "client" or "server"
 * @param clients    client name ("c1", "c2") to its connection names ("c1.1"); one connection each
 * @param keys       application key name ("K1", "K2") to the key material the applications bind
 *                   (the scheme derives its effective key from it, as in the traces engine)
 */
public record SegmentTrace(String engine, SchemeId scheme, AttackId attack, PropertyId property, long seed,
                           String keyedSide, boolean attackerHasKey, Map<String, List<String>> clients,
                           Map<String, Bytes> keys, List<SegmentEvent> events) {
    public SegmentTrace {
        clients = Map.copyOf(clients);
        keys = Map.copyOf(keys);
        events = List.copyOf(events);
    }

    /** The same trace with other events (tests remove or alter the attacker's knowledge this way). */
    public SegmentTrace withEvents(List<SegmentEvent> other) {
        return new SegmentTrace(engine, scheme, attack, property, seed, keyedSide, attackerHasKey, clients, keys, other);
    }
}
