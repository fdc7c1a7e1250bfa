package org.mptcpverify.chart;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.net.Packets;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.trace.RunOutcome;
import org.mptcpverify.trace.WireSender;
import org.mptcpverify.wire.TcpSegment;

/**
 * The chart of a segment-level counterexample ({@code mptcp-verify-segments/1}: the traces
 * engine's generic attacker, the tlc engine's generic core) as the Java reference replays it: one
 * arrow per wire crossing (real segments, real crypto), a divider per trace event that acts
 * (the attacker's reads are folded into the next divider's count, so a chart stays readable), and
 * the claimed property's failure at the event where the reference's monitor saw it.
 */
public final class SegmentChart {
    /** Lifelines in drawing order; those after {@code x} appear only when a segment touches them. */
    private static final List<String> ORDER = List.of("c1", "c2", "nat", "s", "x", "spoof");

    private SegmentChart() {}

    public static SequenceChart of(SegmentReplayer.Result replay) {
        SegmentTrace t = replay.trace();
        List<RunOutcome.WireRecord> wire = replay.wire();
        List<TcpSegment> segs = wire.stream().map(w -> Packets.decode(w.ipPacket()).orElseThrow(
                () -> new IllegalStateException("the reference put a segment on the wire that its codec rejects"))).toList();
        int failAt = replay.violation().map(SegmentReplayer.Violation::event).orElse(-1);
        Set<String> used = new LinkedHashSet<>(List.of("c1", "s", WireSender.ATTACKER));
        t.clients().keySet().forEach(used::add);
        List<ChartEvent> events = new ArrayList<>();
        int w = 0;
        int reads = 0;
        for (int e = 0; e < replay.steps().size(); e++) {
            SegmentEvent ev = e < t.events().size() ? t.events().get(e) : null;
            boolean crosses = w < wire.size() && wire.get(w).step() == e;
            if (ev instanceof SegmentEvent.Observe && !crosses && e != failAt) {
                reads++;
                continue;
            }
            String line = replay.steps().get(e);
            events.add(new ChartEvent.Action((e + 1) + ". " + line + (reads > 0 ? " (after " + reads + " read"
                    + (reads == 1 ? "" : "s") + " by x)" : "")));
            reads = 0;
            for (; w < wire.size() && wire.get(w).step() == e; w++) {
                String from = lifeline(WireSender.of(wire, segs, w));
                String to = receiver(t, wire, segs, w);
                used.add(from);
                used.add(to);
                List<String> lines = new ArrayList<>(SegmentLabel.of(segs.get(w)));
                boolean attacker = from.equals(WireSender.ATTACKER);
                if (wire.get(w).origin().equals(WireSender.ATTACKER)) lines.set(0, lines.get(0) + "  [sent by x]");
                else if (attacker) lines.set(0, lines.get(0) + "  [replayed/relayed/rewritten by x]");
                events.add(new ChartEvent.Message(from, to, lines, attacker));
            }
            if (e == failAt) {
                events.add(new ChartEvent.Failure(t.property().modelName(), replay.violation().orElseThrow().explanation()));
            }
        }
        if (failAt < 0) {
            events.add(new ChartEvent.Failure(t.property().modelName(), "NOT violated when the reference replays this trace"
                    + replay.divergence().map(d -> " (the reference diverges: " + d + ")").orElse("")));
        }
        List<String> lifelines = ORDER.stream().filter(used::contains).toList();
        List<String> captions = lifelines.stream().map(SegmentChart::caption).toList();
        String title = t.scheme().wireName() + " / " + t.attack().wireName() + ": " + t.property().modelName()
                + " (" + t.engine() + " counterexample, segment level, replayed on the Java reference)";
        return new SequenceChart(title, lifelines, captions, events);
    }

    /**
     * Where crossing {@code i} arrived: the attacker when its next copy is the attacker's rewrite
     * (it took the segment off the path), else its destination's owner (a replayed copy is sent
     * later by x from what it read; the original still arrived).
     */
    private static String receiver(SegmentTrace t, List<RunOutcome.WireRecord> wire, List<TcpSegment> segs, int i) {
        long id = wire.get(i).id();
        if (id >= 0) {
            for (int j = i + 1; j < wire.size(); j++) {
                if (wire.get(j).id() == id) {
                    int step = wire.get(j).step();
                    if (step >= 0 && step < t.events().size() && t.events().get(step) instanceof SegmentEvent.Rewrite) {
                        return lifeline(WireSender.of(wire, segs, j));
                    }
                    break;
                }
            }
        }
        return lifeline(Addresses.actorOf(segs.get(i).dst()));
    }

    /** An actor's lifeline; an address no actor owns (a spoofed source) reaches nobody. */
    private static String lifeline(String actor) {
        return ORDER.contains(actor) ? actor : "spoof";
    }

    private static String caption(String lifeline) {
        return switch (lifeline) {
            case "c1", "c2" -> "client (" + lifeline + ".a1, " + lifeline + ".a2)";
            case "s" -> "server (s.a1, s.a2)";
            case "x" -> "attacker (x.a)";
            case "nat" -> "NAT (nat.a)";
            default -> "spoofed source (no host)";
        };
    }
}
