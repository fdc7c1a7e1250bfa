package org.mptcpverify.chart;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;

/**
 * The chart of a segment-level counterexample ({@code mptcp-verify-segments/1}, the generic
 * core's) as the Java reference replays it: one arrow per delivery (from whoever put the segment
 * on the wire to its destination's host, labelled with the reference's own account of it), one
 * divider per other event (send, read, loss, drop, rewrite, derivation), and the property's
 * failure after the event where the reference first saw it.
 */
public final class SegmentChart {
    private static final List<String> ORDER = List.of("c1", "c2", "s", "x", "spoof");
    private static final String ATTACKER = "x";

    private SegmentChart() {}

    /** Who put a segment on the wire, the host its source address names, the host it is addressed to, its message. */
    private record Seg(String origin, String srcHost, String dstHost, String msg) {}

    public static SequenceChart of(SegmentReplayer.Result replay) {
        SegmentTrace t = replay.trace();
        Map<Integer, Seg> segs = new HashMap<>();
        Set<String> used = new LinkedHashSet<>(List.of("c1", "s", ATTACKER));
        List<ChartEvent> rows = new ArrayList<>();
        int failAt = replay.violation().map(SegmentReplayer.Violation::event).orElse(-1);
        List<SegmentEvent> events = t.events();
        for (int i = 0; i < events.size(); i++) {
            String step = i < replay.steps().size() ? replay.steps().get(i) : events.get(i).name();
            String text = (i + 1) + ". " + step;
            SegmentEvent ev = events.get(i);
            if (ev instanceof SegmentEvent.Send e) {
                String client = host(e.conn());
                boolean fromServer = e.msg().equals("ADD_ADDR");
                segs.put(e.seg(), new Seg(fromServer ? "s" : client, fromServer ? "s" : client,
                        fromServer ? client : host(e.dst()), e.msg()));
                rows.add(new ChartEvent.Action(text));
            } else if (ev instanceof SegmentEvent.Inject e) {
                segs.put(e.seg(), new Seg(ATTACKER, host(e.src()), host(e.dst()), e.msg()));
                rows.add(new ChartEvent.Action(text));
            } else if (ev instanceof SegmentEvent.Replay e) {
                Seg of = segs.get(e.of());
                segs.put(e.seg(), new Seg(ATTACKER, host(e.src()), host(e.dst()), of == null ? "?" : of.msg()));
                rows.add(new ChartEvent.Action(text));
            } else if (ev instanceof SegmentEvent.Rewrite e) {
                Seg of = segs.get(e.seg());
                segs.put(e.as(), new Seg(ATTACKER, host(e.src()), of == null ? "s" : of.dstHost(), of == null ? "?" : of.msg()));
                rows.add(new ChartEvent.Action(text));
            } else if (ev instanceof SegmentEvent.Deliver e) {
                Seg s = segs.getOrDefault(e.seg(), new Seg("spoof", "spoof", "s", "?"));
                used.add(s.origin());
                used.add(s.dstHost());
                boolean byAttacker = s.origin().equals(ATTACKER);
                rows.add(new ChartEvent.Message(s.origin(), s.dstHost(),
                        List.of(s.msg() + " #" + e.seg() + (byAttacker ? "  [sent by x]" : ""), text), byAttacker));
                if (e.reply() > 0) {
                    // the answer goes to the address the segment came from: a spoofed source reaches nobody
                    segs.put(e.reply(), new Seg(s.dstHost(), s.dstHost(), s.srcHost(), e.replyMsg()));
                }
            } else {
                rows.add(new ChartEvent.Action(text));
            }
            if (i == failAt) {
                SegmentReplayer.Violation v = replay.violation().orElseThrow();
                rows.add(new ChartEvent.Failure(v.property().modelName(), v.explanation()));
            }
        }
        if (failAt < 0) {
            rows.add(new ChartEvent.Failure(t.property().modelName(), "NOT violated when the reference replays this trace"
                    + replay.divergence().map(d -> " (the reference diverges: " + d + ")").orElse("")));
        }
        List<String> lifelines = ORDER.stream().filter(used::contains).toList();
        List<String> captions = lifelines.stream().map(SegmentChart::caption).toList();
        String title = t.scheme().wireName() + " / " + t.attack().wireName() + ": " + t.property().modelName()
                + " (" + t.engine() + " segment-level counterexample, replayed on the Java reference)";
        return new SequenceChart(title, lifelines, captions, rows);
    }

    /** The host an address or connection names: s.a1 -> s, c1.1 -> c1, spoof1 -> spoof. */
    static String host(String name) {
        if (name == null) return "spoof";
        String h = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        if (h.equals("s") || h.equals("c1") || h.equals("c2") || h.equals(ATTACKER)) return h;
        return "spoof";
    }

    private static String caption(String lifeline) {
        return switch (lifeline) {
            case "c1", "c2" -> "client (" + lifeline + ".a1, " + lifeline + ".a2)";
            case "s" -> "server (s.a1, s.a2)";
            case "x" -> "attacker";
            default -> "spoofed source (no host)";
        };
    }
}
