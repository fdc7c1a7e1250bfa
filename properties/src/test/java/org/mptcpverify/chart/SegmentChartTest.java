package org.mptcpverify.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.traces.generic.GenericAttacker;
import org.mptcpverify.traces.generic.SegmentExplorer;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * Charts of segment-level counterexamples (the traces engine's, the generic core's), drawn from
 * their replay: one arrow per wire crossing of the replay, every crossing the attacker originated
 * marked, the claimed property's failure once, after exactly the crossings of the events up to the
 * one where the monitor fired; SVG and TikZ well-formed and deterministic; a cut trace is charted as
 * not violated. The files come from the generic attacker on three cells (a forged join SYN, a
 * forged fast close, an on-path rewrite).
 */
class SegmentChartTest {
    private static final long SEED = Long.getLong("mptcp.seed", 20261127L);

    private static SegmentTrace counterexample(SchemeId s, AttackId a) {
        GenericAttacker.Outcome o = new GenericAttacker(SegmentExplorer.Limits.DEFAULT, GenericAttacker.DEFAULT_TRIES)
                .check(s, a, SEED, false);
        assertEquals(Verdict.VIOLATED, o.verdict(), s + " / " + a + ": the chart needs a counterexample: " + o.reason());
        return o.counterexample().orElseThrow();
    }

    @Test
    void everyCrossingIsAnArrowAndTheFailureComesAfterItsEvent() throws Exception {
        List<String> problems = new ArrayList<>();
        for (SegmentTrace t : List.of(counterexample(SchemeId.BOUND_KEY, AttackId.JOIN_DOS),
                counterexample(SchemeId.RFC8684, AttackId.FASTCLOSE_FORGE),
                counterexample(SchemeId.BOUND_KEY, AttackId.SYN_JOIN_REWRITE))) {
            SegmentReplayer.Result r = new SegmentReplayer().replay(t);
            SequenceChart c = SegmentChart.of(r);
            String name = t.scheme() + " / " + t.attack() + ": ";
            List<ChartEvent.Message> msgs = c.events().stream().filter(e -> e instanceof ChartEvent.Message)
                    .map(e -> (ChartEvent.Message) e).toList();
            if (msgs.size() != r.wire().size()) problems.add(name + msgs.size() + " arrows for " + r.wire().size() + " crossings");
            long byX = r.wire().stream().filter(w -> w.origin().equals("x")).count();
            long marked = msgs.stream().filter(ChartEvent.Message::attacker).count();
            if (marked < byX || marked == 0) problems.add(name + marked + " attacker arrows, " + byX + " crossings sent by x");
            List<ChartEvent.Failure> failures = c.events().stream().filter(e -> e instanceof ChartEvent.Failure)
                    .map(e -> (ChartEvent.Failure) e).toList();
            if (failures.size() != 1 || !failures.get(0).property().equals(t.property().modelName())) {
                problems.add(name + "failure not charted once: " + failures);
                continue;
            }
            int before = 0;
            for (ChartEvent e : c.events()) {
                if (e instanceof ChartEvent.Failure) break;
                if (e instanceof ChartEvent.Message) before++;
            }
            int event = r.violation().orElseThrow().event();
            long expected = r.wire().stream().filter(w -> w.step() <= event).count();
            if (before != expected) problems.add(name + "failure after " + before + " arrows, monitor fired after " + expected);
            String svg = SvgChart.render(c);
            if (!svg.equals(SvgChart.render(SegmentChart.of(new SegmentReplayer().replay(t))))) problems.add(name + "SVG differs on a second replay");
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            if (svg.split("marker-end=", -1).length - 1 != msgs.size()) problems.add(name + "SVG arrows");
            long tikz = TikzChart.render(c).lines().filter(l -> l.startsWith("\\draw[msg]") || l.startsWith("\\draw[amsg]")).count();
            if (tikz != msgs.size()) problems.add(name + "TikZ arrows " + tikz);
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aCutTraceIsChartedAsNotViolated() throws Exception {
        SegmentTrace t = counterexample(SchemeId.RFC8684, AttackId.FASTCLOSE_FORGE);
        SegmentTrace cut = t.withEvents(t.events().subList(0, 1)); // the first send only
        SegmentReplayer.Result r = new SegmentReplayer().replay(cut);
        assertFalse(r.reproduced());
        SequenceChart c = SegmentChart.of(r);
        ChartEvent last = c.events().get(c.events().size() - 1);
        assertTrue(last instanceof ChartEvent.Failure fl && fl.explanation().startsWith("NOT violated"), last.toString());
        assertTrue(c.events().stream().noneMatch(e -> e instanceof ChartEvent.Message m && m.attacker()));
    }
}
