package org.mptcpverify.chart;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The layout from a hand-made event list (the neutral form a segment-level trace will produce too). */
class ChartLayoutTest {
    private static final SequenceChart CHART = new SequenceChart("t", List.of("a", "b", "x"), List.of("A", "B", "X"), List.of(
            new ChartEvent.Action("1. hello"),
            new ChartEvent.Message("a", "b", List.of("SYN", "key=1"), false),
            new ChartEvent.Message("x", "a", List.of("FORGED & <odd> {chars} 100%_#"), true),
            new ChartEvent.Failure("P", "because " + "word ".repeat(60))));

    @Test
    void rowsGoDownInOrderAndLabelsFitBetweenNeighbouringLifelines() {
        ChartLayout l = ChartLayout.of(CHART);
        for (int i = 1; i < l.rows().size(); i++) {
            ChartLayout.Placed a = l.rows().get(i - 1);
            assertTrue(l.rows().get(i).top() >= a.top() + a.height(), "row " + i + " overlaps the one above");
        }
        double gap = l.columns().get(1) - l.columns().get(0);
        assertTrue(gap >= "FORGED & <odd> {chars} 100%_#".length() * ChartLayout.CHAR / 2, "labels wider than their arrows");
        ChartLayout.Placed failure = l.rows().get(3);
        assertTrue(failure.lines().size() > 2, "a long explanation wraps");
        assertTrue(failure.lines().stream().allMatch(s -> s.length() * ChartLayout.CHAR <= l.width()), "wrapped lines fit the width");
    }

    @Test
    void specialCharactersAreEscapedInBothFormats() throws Exception {
        String svg = SvgChart.render(CHART);
        assertTrue(svg.contains("FORGED &amp; &lt;odd&gt;"), svg);
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        String tikz = TikzChart.render(CHART);
        assertTrue(tikz.contains("FORGED \\& <odd> \\{chars\\} 100\\%\\_\\#"), tikz);
    }

    @Test
    void aMessageToAnUnknownLifelineIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SequenceChart("t", List.of("a"), List.of("A"),
                List.of(new ChartEvent.Message("a", "b", List.of("x"), false))));
    }
}
