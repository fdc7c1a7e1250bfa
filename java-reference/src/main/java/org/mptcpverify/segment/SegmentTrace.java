package org.mptcpverify.segment;

import java.util.List;
import java.util.Map;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.collect.Ordered;

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
        // sorted (Ordered, never Map.copyOf: per-JVM iteration order): the replayer binds the server's
        // applications in this order, and thesis-xor-global's host-wide key is the last one bound
        clients = Ordered.sorted(clients);
        keys = Ordered.sorted(keys);
        events = List.copyOf(events);
    }

    /** The same trace with other events (tests remove or alter the attacker's knowledge this way). */
    public SegmentTrace withEvents(List<SegmentEvent> other) {
        return new SegmentTrace(engine, scheme, attack, property, seed, keyedSide, attackerHasKey, clients, keys, other);
    }

    /**
     * The negative control of a trace: every value the attacker read (a field of an observed
     * segment inside an injected field's term) or was given (an external key) replaced by a guess
     * of its own of the same width (256 bits for a key),
     * everything else unchanged. An attack that needs what it read must fail on this trace.
     */
    public SegmentTrace withGuesses() {
        List<SegmentEvent> out = new java.util.ArrayList<>();
        for (SegmentEvent e : events) {
            if (e instanceof SegmentEvent.Inject i) {
                Map<String, SegmentTerm> f = new java.util.TreeMap<>();
                i.fields().forEach((k, v) -> f.put(k, guess(v, i.msg())));
                out.add(new SegmentEvent.Inject(i.seg(), i.msg(), i.conn(), i.subflow(), i.src(), i.dst(), f));
            } else if (e instanceof SegmentEvent.Derive d) {
                out.add(new SegmentEvent.Derive(guess(d.value(), "")));
            } else {
                out.add(e);
            }
        }
        return withEvents(out);
    }

    /** Whether some injected field is built from a value the attacker read or was given. */
    public boolean usesReads() {
        return events.stream().anyMatch(e -> e instanceof SegmentEvent.Inject i
                && i.fields().values().stream().anyMatch(SegmentTrace::reads)
                || e instanceof SegmentEvent.Derive d && reads(d.value()));
    }

    private static boolean reads(SegmentTerm t) {
        return t instanceof SegmentTerm.Observed || t instanceof SegmentTerm.GivenKey
                || t instanceof SegmentTerm.Apply a && a.args().stream().anyMatch(SegmentTrace::reads);
    }

    private static SegmentTerm guess(SegmentTerm t, String msg) {
        if (t instanceof SegmentTerm.Observed o) {
            return new SegmentTerm.Own("x.guess." + o.seg() + "." + o.field(), WireFields.LANGUAGE.bitsOf(msg, o.field()).orElse(64));
        }
        if (t instanceof SegmentTerm.GivenKey k) {
            return new SegmentTerm.Own("x.guess." + k.name(), 256);
        }
        if (t instanceof SegmentTerm.Apply a) {
            return new SegmentTerm.Apply(a.op(), a.bits(), a.args().stream().map(x -> guess(x, msg)).toList());
        }
        return t;
    }
}
