package org.mptcpverify.chart;

import java.util.List;

/**
 * A message sequence chart: lifelines left to right, then rows top to bottom.
 *
 * @param title     one line above the chart
 * @param lifelines the lifeline names in drawing order; every message's ends are among them
 * @param captions  per lifeline, the line drawn under its name (e.g. its addresses)
 */
public record SequenceChart(String title, List<String> lifelines, List<String> captions, List<ChartEvent> events) {
    public SequenceChart {
        lifelines = List.copyOf(lifelines);
        captions = List.copyOf(captions);
        events = List.copyOf(events);
        if (captions.size() != lifelines.size()) throw new IllegalArgumentException("one caption per lifeline");
        for (ChartEvent e : events) {
            if (e instanceof ChartEvent.Message m && (!lifelines.contains(m.from()) || !lifelines.contains(m.to()))) {
                throw new IllegalArgumentException("message " + m.from() + " -> " + m.to() + " outside the lifelines " + lifelines);
            }
        }
    }

    public int column(String lifeline) {
        return lifelines.indexOf(lifeline);
    }
}
