package org.mptcpverify.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.engine.Bounds;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.models.core.CoreEngine;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * A segment-level counterexample of the generic core gets its chart: the attacker's injected
 * segment drawn from x in the attacker's colour, the server's answer going to the spoofed source,
 * the property's failure where the reference saw it, and the files written beside the trace.
 */
class SegmentChartTest {
    @Test
    void aCoreCounterexampleIsChartedFromItsReplay(@TempDir Path tmp) throws Exception {
        CellResult r = new CoreEngine(1).check(SchemeId.BROKEN, AttackId.JOIN_DOS, new EngineOptions(20261127L,
                tmp.resolve("cx"), tmp.resolve("work"), Duration.ofSeconds(600), 0, false, Bounds.NONE));
        assertEquals(Verdict.VIOLATED, r.verdict(), r.toString());
        Charts.Drawn d = Charts.draw(r.counterexample());
        assertTrue(d.reproduced());
        SequenceChart c = d.chart();
        assertTrue(c.title().startsWith("broken / join-dos: JoinStateUnforgeable"), c.title());
        assertTrue(c.events().stream().anyMatch(e -> e instanceof ChartEvent.Message m && m.attacker()
                && m.from().equals("x") && m.to().equals("s") && m.lines().get(0).startsWith("JOIN_SYN")), c.events().toString());
        assertTrue(c.events().stream().anyMatch(e -> e instanceof ChartEvent.Message m && !m.attacker()
                && m.from().equals("c1") && m.to().equals("s")), "the honest handshake is drawn too");
        List<ChartEvent> failures = c.events().stream().filter(e -> e instanceof ChartEvent.Failure).toList();
        assertEquals(1, failures.size());
        assertEquals("JoinStateUnforgeable", ((ChartEvent.Failure) failures.get(0)).property());

        Charts.writeBesideAll(tmp.resolve("cx"));
        for (Charts.Format f : Charts.Format.values()) {
            Path chart = Charts.beside(r.counterexample(), f);
            assertTrue(Files.readString(chart).contains("JOIN"), chart.toString()); // TikZ escapes the underscore
        }
    }
}
