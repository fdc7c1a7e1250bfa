package org.mptcpverify.chart;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.net.Packets;
import org.mptcpverify.trace.Replayer;
import org.mptcpverify.trace.RunOutcome;
import org.mptcpverify.trace.WireSender;
import org.mptcpverify.trace.TraceJson.CounterexampleFile;
import org.mptcpverify.wire.TcpSegment;

/**
 * The chart of a counterexample as the Java reference replays it: one arrow per wire crossing
 * (real segments, real crypto), a divider per trace action, and the recorded property's failure
 * where the reference's monitor first saw it.
 */
public final class ReplayChart {
    /** Lifelines in drawing order; those after {@code x} appear only when a segment touches them. */
    private static final List<String> ORDER = List.of("c1", "c2", "nat", "s", "x", "spoof");
    private static final String ATTACKER = WireSender.ATTACKER;

    private ReplayChart() {}

    public static SequenceChart of(Replayer.Replay replay) {
        CounterexampleFile f = replay.file();
        RunOutcome o = replay.outcome();
        List<RunOutcome.WireRecord> wire = o.segments();
        List<TcpSegment> segs = wire.stream().map(w -> Packets.decode(w.ipPacket()).orElseThrow(
                () -> new IllegalStateException("the reference put a segment on the wire that its codec rejects"))).toList();
        int failAt = replay.violation().map(v -> v.afterSegments() >= 0 ? v.afterSegments() : lastOfStep(wire, v.atStep()))
                .orElse(-1);
        int failStep = replay.violation().map(RunOutcome.Violation::atStep).orElse(-1);
        Set<String> used = new LinkedHashSet<>(List.of("c1", "s", ATTACKER));
        if (f.attack().wireName().equals("two-keys-one-host")) used.add("c2");
        List<ChartEvent> events = new ArrayList<>();
        int step = -1;
        for (int i = 0; i <= wire.size(); i++) {
            if (i == failAt) {
                while (step < failStep) {
                    step++;
                    events.add(action(replay, step));
                }
                events.add(failure(replay));
            }
            if (i == wire.size()) break;
            RunOutcome.WireRecord w = wire.get(i);
            while (step < w.step()) {
                step++;
                events.add(action(replay, step));
            }
            String from = sender(wire, segs, i);
            String to = receiver(wire, segs, i);
            used.add(from);
            used.add(to);
            List<String> lines = new ArrayList<>(SegmentLabel.of(segs.get(i)));
            boolean attacker = w.origin().equals(ATTACKER) || from.equals(ATTACKER);
            if (w.origin().equals(ATTACKER)) lines.set(0, lines.get(0) + "  [sent by x]");
            else if (from.equals(ATTACKER)) lines.set(0, lines.get(0) + "  [relayed/rewritten by x]");
            events.add(new ChartEvent.Message(from, to, lines, attacker));
        }
        while (step < f.actions().size() - 1) {
            step++;
            events.add(action(replay, step));
        }
        if (failAt < 0) {
            events.add(new ChartEvent.Failure(f.property().modelName(), "NOT violated when the reference replays this trace"));
        }
        List<String> lifelines = ORDER.stream().filter(used::contains).toList();
        List<String> captions = lifelines.stream().map(ReplayChart::caption).toList();
        String title = f.scheme().wireName() + " / " + f.attack().wireName() + ": " + f.property().modelName()
                + " (" + f.engine() + " counterexample, replayed on the Java reference)";
        return new SequenceChart(title, lifelines, captions, events);
    }

    private static ChartEvent.Action action(Replayer.Replay replay, int step) {
        List<Boolean> enabled = replay.outcome().enabled();
        boolean on = step >= enabled.size() || enabled.get(step);
        String name = replay.outcome().steps().get(step);
        int colon = name.indexOf(": ");
        return new ChartEvent.Action((step + 1) + ". " + (colon > 0 ? name.substring(0, colon) : name)
                + (on ? "" : " (not enabled: no effect)"));
    }

    private static ChartEvent.Failure failure(Replayer.Replay replay) {
        RunOutcome.Violation v = replay.violation().orElseThrow();
        return new ChartEvent.Failure(v.property().modelName(), v.explanation());
    }

    private static int lastOfStep(List<RunOutcome.WireRecord> wire, int step) {
        int n = 0;
        for (RunOutcome.WireRecord w : wire) if (w.step() <= step) n++;
        return n;
    }

    /**
     * Who put crossing {@code i} on the wire: its origin for a first crossing; for a relayed or
     * rewritten copy (same id as an earlier crossing) the box that made it: the attacker or the
     * NAT when the copy carries its address as source, else the box the earlier crossing went to.
     */
    private static String sender(List<RunOutcome.WireRecord> wire, List<TcpSegment> segs, int i) {
        return lifeline(WireSender.of(wire, segs, i));
    }

    /** Where crossing {@code i} arrived: the box that forwarded a copy of it, else its destination's owner. */
    private static String receiver(List<RunOutcome.WireRecord> wire, List<TcpSegment> segs, int i) {
        long id = wire.get(i).id();
        if (id >= 0) {
            for (int j = i + 1; j < wire.size(); j++) {
                if (wire.get(j).id() == id) return sender(wire, segs, j);
            }
        }
        return lifeline(Addresses.actorOf(segs.get(i).dst()));
    }

    /** An actor's lifeline; an address no actor owns (a spoofed source) reaches nobody. */
    static String lifeline(String actor) {
        return ORDER.contains(actor) ? actor : "spoof";
    }

    static String caption(String lifeline) {
        return switch (lifeline) {
            case "c1", "c2" -> "client (" + lifeline + ".a1, " + lifeline + ".a2)";
            case "s" -> "server (s.a1, s.a2)";
            case "x" -> "attacker (x.a)";
            case "nat" -> "NAT (nat.a)";
            default -> "spoofed source (no host)";
        };
    }
}
