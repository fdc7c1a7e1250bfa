package org.mptcpverify.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * Where everything of a chart goes, in pixels at a 10 px monospace font (about 6 px a character),
 * y growing downwards. The SVG and TikZ renderers share it, so the two drawings agree.
 */
record ChartLayout(double width, double height, List<Double> columns, double headTop, double lifelineTop,
                   List<Placed> rows, double legendY) {
    static final double MARGIN = 20;
    static final double CHAR = 6.0;
    static final double LINE = 12;
    static final double HEAD_HEIGHT = 34;

    /** An event with the y of its top and its height (a message's arrow sits at the bottom). */
    record Placed(ChartEvent event, double top, double height, List<String> lines) {}

    static ChartLayout of(SequenceChart c) {
        int longest = 12;
        for (ChartEvent e : c.events()) {
            if (e instanceof ChartEvent.Message m) {
                int span = Math.max(1, Math.abs(c.column(m.to()) - c.column(m.from())));
                for (String l : m.lines()) longest = Math.max(longest, (l.length() + span - 1) / span);
            }
        }
        for (String s : c.captions()) longest = Math.max(longest, s.length());
        double gap = Math.max(150, longest * CHAR + 30);
        List<Double> columns = new ArrayList<>();
        for (int i = 0; i < c.lifelines().size(); i++) columns.add(MARGIN + gap / 2 + i * gap);
        double width = Math.max(2 * MARGIN + c.lifelines().size() * gap, c.title().length() * 7.0 + 2 * MARGIN);
        double headTop = MARGIN + 18;
        double y = headTop + HEAD_HEIGHT + 10;
        double lifelineTop = headTop + HEAD_HEIGHT;
        List<Placed> rows = new ArrayList<>();
        int wrap = Math.max(20, (int) ((width - 2 * MARGIN) / CHAR) - 4); // the failure box spans the chart
        for (ChartEvent e : c.events()) {
            if (e instanceof ChartEvent.Message m) {
                double h = m.lines().size() * LINE + 10;
                rows.add(new Placed(e, y, h, m.lines()));
                y += h + 6;
            } else if (e instanceof ChartEvent.Action a) {
                rows.add(new Placed(e, y, LINE + 8, List.of(a.text())));
                y += LINE + 14;
            } else if (e instanceof ChartEvent.Failure f) {
                List<String> lines = new ArrayList<>();
                lines.add(f.property() + " fails here");
                lines.addAll(wrap(f.explanation(), wrap));
                double h = lines.size() * LINE + 10;
                rows.add(new Placed(e, y, h, lines));
                y += h + 10;
            }
        }
        double legendY = y + 14;
        return new ChartLayout(width, legendY + 2 * LINE + MARGIN, columns, headTop, lifelineTop, rows, legendY);
    }

    static final String LEGEND_ATTACKER = "red arrow: a segment the attacker x sent, or relayed/rewritten on its way";
    static final String LEGEND_FAILURE = "red box: where the reference's monitor first sees the property fail";

    static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) out.add(line.toString());
        return out;
    }
}
