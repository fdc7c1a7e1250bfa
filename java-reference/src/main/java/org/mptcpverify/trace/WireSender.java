package org.mptcpverify.trace;

import java.util.List;
import java.util.Optional;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.wire.TcpSegment;

/**
 * Who put a wire crossing of a run on the wire: for a segment's first crossing its origin; for a
 * copy forwarded on (same envelope id), the box that forwarded it, which is the NAT or else the
 * attacker x relaying or rewriting it. The replay chart draws arrows from it and the pcap of a
 * counterexample marks the attacker's crossings with it.
 */
public final class WireSender {
    public static final String ATTACKER = "x";

    private WireSender() {}

    /** The actor that sent crossing {@code i}; {@code segs} are the crossings decoded, same order. */
    public static String of(List<RunOutcome.WireRecord> wire, List<TcpSegment> segs, int i) {
        Optional<Integer> earlier = previousCopy(wire, i);
        if (earlier.isEmpty()) return wire.get(i).origin();
        String src = Addresses.actorOf(segs.get(i).src());
        if (src.equals(ATTACKER) || src.equals("nat")) return src;
        String before = Addresses.actorOf(segs.get(earlier.get()).dst());
        return before.equals("nat") ? "nat" : ATTACKER;
    }

    /** The crossing of the same envelope just before {@code i}, if it is a forwarded copy. */
    public static Optional<Integer> previousCopy(List<RunOutcome.WireRecord> wire, int i) {
        long id = wire.get(i).id();
        if (id < 0) return Optional.empty();
        for (int j = i - 1; j >= 0; j--) {
            if (wire.get(j).id() == id) return Optional.of(j);
        }
        return Optional.empty();
    }
}
