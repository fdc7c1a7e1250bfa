package org.mptcpverify.net;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.mptcpverify.wire.TcpSegment;

/**
 * A deterministic in-memory network: segments in flight in sending order, delivered one at a time
 * in the order the caller chooses, rewritten by the boxes on their way (NAT, on-path attacker),
 * shown to taps as exact IP packet bytes, and logged with their ground-truth origin.
 */
public final class Network {
    private final Deque<Envelope> inFlight = new ArrayDeque<>();
    private final List<Rewriter> boxes = new ArrayList<>();
    private final List<Tap> taps = new ArrayList<>();
    private final List<Envelope> wire = new ArrayList<>();
    private long nextId = 1;

    public void addBox(Rewriter r) {
        boxes.add(r);
    }

    public void removeBox(Rewriter r) {
        boxes.remove(r);
    }

    public void addTap(Tap t) {
        taps.add(t);
    }

    /** Sends a segment from its source; its path follows from its addresses. */
    public Envelope send(TcpSegment s, String origin) {
        return send(s, origin, Addresses.pathBetween(s.src(), s.dst()));
    }

    /** Sends a segment on an explicit path (the attacker injecting from where it sits). */
    public Envelope send(TcpSegment s, String origin, String path) {
        Envelope e = new Envelope(nextId++, s, Packets.encode(s), path, origin, s.src(), s.srcPort());
        cross(e);
        inFlight.addLast(e);
        return e;
    }

    /** Forwards a relayed segment: a new segment on the wire, the origin and origin source kept. */
    public Envelope relay(Envelope from, TcpSegment s, String path) {
        Envelope e = new Envelope(from.id(), s, Packets.encode(s), path, from.origin(), from.originSrc(), from.originSrcPort());
        cross(e);
        inFlight.addLast(e);
        return e;
    }

    private void cross(Envelope e) {
        wire.add(e);
        for (Tap t : taps) {
            t.observe(e.path(), e.ipPacket());
        }
    }

    public boolean idle() {
        return inFlight.isEmpty();
    }

    public List<Envelope> inFlight() {
        return List.copyOf(inFlight);
    }

    /** Delivers the oldest segment in flight. */
    public Optional<Envelope> next() {
        return inFlight.isEmpty() ? Optional.empty() : Optional.of(pass(inFlight.removeFirst()));
    }

    /** Delivers the {@code index}-th segment in flight (delivery order chosen by the caller). */
    public Envelope take(int index) {
        List<Envelope> l = new ArrayList<>(inFlight);
        Envelope e = l.remove(index);
        inFlight.clear();
        inFlight.addAll(l);
        return pass(e);
    }

    /** The segment after the boxes on its way; a rewrite is a new crossing on the box's path. */
    private Envelope pass(Envelope e) {
        for (Rewriter r : boxes) {
            Optional<TcpSegment> rw = r.apply(e.segment());
            if (rw.isPresent()) {
                Envelope out = new Envelope(e.id(), rw.get(), Packets.encode(rw.get()), r.path(), e.origin(),
                        e.originSrc(), e.originSrcPort());
                cross(out);
                return out;
            }
        }
        return e;
    }

    /** How many crossings so far (cheaper than {@link #wire()}.size()). */
    public int crossings() {
        return wire.size();
    }

    /** Every crossing so far, in order. */
    public List<Envelope> wire() {
        return List.copyOf(wire);
    }
}
