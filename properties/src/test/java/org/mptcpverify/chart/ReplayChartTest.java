package org.mptcpverify.chart;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.mptcpverify.matrix.Versions;
import org.mptcpverify.trace.Replayer;
import org.mptcpverify.trace.RunOutcome;
import org.mptcpverify.trace.TraceJson;

/**
 * Charts drawn from committed counterexamples (every engine's): one arrow per wire crossing, the
 * attacker's crossings marked, the recorded property's failure after exactly the crossings the
 * reference had seen when its monitor fired, and well-formed, deterministic SVG.
 */
class ReplayChartTest {
    private static final Path CX = Versions.repoRoot().resolve("counterexamples");

    static List<Path> committed() throws IOException {
        try (Stream<Path> s = Files.walk(CX)) {
            // action-level files only: segment-level ones (traces, the generic core) are SegmentChartTest's
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).filter(ReplayChartTest::actionLevel)
                    .sorted().toList();
        }
    }

    private static boolean actionLevel(Path p) {
        try {
            return !org.mptcpverify.segment.SegmentTraceJson.isSegmentFormat(TraceJson.tree(TraceJson.readText(p)));
        } catch (TraceJson.BadTraceFileException e) {
            return true; // unreadable: the test reports it
        }
    }

    @Test
    void everyCommittedCounterexampleChartsEverySegmentAndItsFailure() throws Exception {
        List<Path> files = committed();
        assertFalse(files.isEmpty(), "no committed counterexamples under " + CX);
        List<String> problems = new ArrayList<>();
        for (Path p : files) {
            Replayer.Replay r = Charts.replay(p);
            SequenceChart c = ReplayChart.of(r);
            List<RunOutcome.WireRecord> wire = r.outcome().segments();
            List<ChartEvent.Message> msgs = c.events().stream().filter(e -> e instanceof ChartEvent.Message)
                    .map(e -> (ChartEvent.Message) e).toList();
            String name = CX.relativize(p) + ": ";
            if (msgs.size() != wire.size()) problems.add(name + msgs.size() + " arrows for " + wire.size() + " segments");
            long byX = wire.stream().filter(w -> w.origin().equals("x")).count();
            if (msgs.stream().filter(ChartEvent.Message::attacker).count() < byX) problems.add(name + "attacker segments not all marked");
            if (msgs.stream().anyMatch(m -> m.from().equals(m.to()))) problems.add(name + "an arrow from a lifeline to itself");
            if (!c.lifelines().containsAll(List.of("c1", "s", "x"))) problems.add(name + "lifelines " + c.lifelines());
            List<ChartEvent.Failure> failures = c.events().stream().filter(e -> e instanceof ChartEvent.Failure)
                    .map(e -> (ChartEvent.Failure) e).toList();
            if (!r.reproduced() || failures.size() != 1 || !failures.get(0).property().equals(r.file().property().modelName())) {
                problems.add(name + "failure not charted once for " + r.file().property().modelName());
                continue;
            }
            int before = 0;
            for (ChartEvent e : c.events()) {
                if (e instanceof ChartEvent.Failure) break;
                if (e instanceof ChartEvent.Message) before++;
            }
            RunOutcome.Violation v = r.violation().orElseThrow();
            if (before != v.afterSegments()) problems.add(name + "failure after " + before + " arrows, monitor fired after " + v.afterSegments());
            long actions = c.events().stream().filter(e -> e instanceof ChartEvent.Action).count();
            if (actions != r.file().actions().size()) problems.add(name + actions + " action dividers for " + r.file().actions().size() + " actions");
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aRewrittenJoinIsInterceptedByTheAttackerAndForwardedAsItsOwn() throws Exception {
        // syn-join-rewrite: c1's SYN+MP_JOIN never reaches s as sent; x rewrites its source and forwards it
        SequenceChart c = ReplayChart.of(Charts.replay(CX.resolve("bound-key/syn-join-rewrite/alloy.json")));
        List<ChartEvent.Message> joins = c.events().stream().filter(e -> e instanceof ChartEvent.Message m
                && m.lines().get(0).startsWith("SYN+MP_JOIN")).map(e -> (ChartEvent.Message) e).toList();
        assertEquals(2, joins.size(), "the join SYN as sent and as forwarded: " + joins);
        assertEquals(List.of("c1", "x", false), List.of(joins.get(0).from(), joins.get(0).to(), joins.get(0).attacker()));
        assertEquals(List.of("x", "s", true), List.of(joins.get(1).from(), joins.get(1).to(), joins.get(1).attacker()));
        assertTrue(joins.get(1).lines().get(0).contains("x.a -> s.a1"), joins.get(1).lines().get(0));
    }

    @Test
    void svgIsWellFormedWithOneArrowPerMessageAndDeterministic() throws Exception {
        for (Path p : committed().subList(0, 6)) {
            SequenceChart c = ReplayChart.of(Charts.replay(p));
            String svg = SvgChart.render(c);
            assertEquals(svg, SvgChart.render(ReplayChart.of(Charts.replay(p))), "same file, same bytes");
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            long msgs = c.events().stream().filter(e -> e instanceof ChartEvent.Message).count();
            assertEquals(msgs, svg.split("marker-end=", -1).length - 1L, p.toString());
            String tikz = TikzChart.render(c);
            assertEquals(msgs, tikz.lines().filter(l -> l.startsWith("\\draw[msg]") || l.startsWith("\\draw[amsg]")).count(), p.toString());
        }
    }

    @Test
    void aTraceThatNoLongerViolatesIsChartedAsNotViolated(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        // control: the eavesdropper's trace without its forged join violates nothing
        String json = Files.readString(CX.resolve("rfc8684/eavesdrop-handshake/alloy.json"));
        TraceJson.CounterexampleFile f = TraceJson.parse(json);
        TraceJson.CounterexampleFile cut = new TraceJson.CounterexampleFile(f.engine(), f.scheme(), f.attack(), f.property(),
                f.seed(), f.keyedSide(), f.attackerHasKey(), f.actions().subList(0, 1));
        Replayer.Replay r = new Replayer().replay(cut);
        assertFalse(r.reproduced());
        SequenceChart c = ReplayChart.of(r);
        ChartEvent last = c.events().get(c.events().size() - 1);
        assertTrue(last instanceof ChartEvent.Failure fl && fl.explanation().startsWith("NOT violated"), last.toString());
        assertTrue(c.events().stream().noneMatch(e -> e instanceof ChartEvent.Message m && m.attacker()));
    }
}
