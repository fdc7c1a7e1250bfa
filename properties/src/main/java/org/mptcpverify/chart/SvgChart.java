package org.mptcpverify.chart;

import java.util.Locale;

/** A sequence chart as a self-contained SVG (no scripts, no external fonts or links). */
public final class SvgChart {
    static final String ATTACKER_COLOUR = "#b22222";
    private static final String INK = "#222222";

    private SvgChart() {}

    public static String render(SequenceChart c) {
        ChartLayout l = ChartLayout.of(c);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                + "viewBox=\"0 0 %.0f %.0f\" font-family=\"monospace\" font-size=\"10\">%n", l.width(), l.height(), l.width(), l.height()));
        sb.append("<title>").append(esc(c.title())).append("</title>\n");
        sb.append("<defs>\n");
        for (String[] m : new String[][] {{"arrow", INK}, {"arrow-x", ATTACKER_COLOUR}}) {
            sb.append("<marker id=\"").append(m[0]).append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" "
                    + "markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"").append(m[1])
                    .append("\"/></marker>\n");
        }
        sb.append("</defs>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(sb, ChartLayout.MARGIN, ChartLayout.MARGIN + 4, c.title(), "start", "font-weight=\"bold\" font-size=\"12\"", INK);
        double bottom = l.legendY() - 10;
        for (int i = 0; i < c.lifelines().size(); i++) {
            double x = l.columns().get(i);
            double w = Math.max(c.captions().get(i).length(), c.lifelines().get(i).length()) * ChartLayout.CHAR + 14;
            sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#f4f4f4\" stroke=\"%s\"/>%n",
                    x - w / 2, l.headTop(), w, ChartLayout.HEAD_HEIGHT, INK));
            text(sb, x, l.headTop() + 14, c.lifelines().get(i), "middle", "font-weight=\"bold\" font-size=\"12\"", INK);
            text(sb, x, l.headTop() + 28, c.captions().get(i), "middle", "", INK);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888888\" stroke-dasharray=\"4 3\"/>%n",
                    x, l.lifelineTop(), x, bottom));
        }
        for (ChartLayout.Placed p : l.rows()) {
            if (p.event() instanceof ChartEvent.Message m) message(sb, c, l, p, m);
            else if (p.event() instanceof ChartEvent.Action) {
                double y = p.top() + p.height() - 4;
                sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#bbbbbb\"/>%n",
                        ChartLayout.MARGIN, y, l.width() - ChartLayout.MARGIN, y));
                text(sb, ChartLayout.MARGIN, y - 4, p.lines().get(0), "start", "font-style=\"italic\"", INK);
            } else if (p.event() instanceof ChartEvent.Failure) {
                sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#fdecea\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                        ChartLayout.MARGIN, p.top(), l.width() - 2 * ChartLayout.MARGIN, p.height(), ATTACKER_COLOUR));
                for (int i = 0; i < p.lines().size(); i++) {
                    text(sb, ChartLayout.MARGIN + 8, p.top() + 4 + (i + 1) * ChartLayout.LINE, p.lines().get(i), "start",
                            i == 0 ? "font-weight=\"bold\"" : "", ATTACKER_COLOUR);
                }
            }
        }
        text(sb, ChartLayout.MARGIN, l.legendY(), ChartLayout.LEGEND_ATTACKER, "start", "", ATTACKER_COLOUR);
        text(sb, ChartLayout.MARGIN, l.legendY() + ChartLayout.LINE, ChartLayout.LEGEND_FAILURE, "start", "", ATTACKER_COLOUR);
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static void message(StringBuilder sb, SequenceChart c, ChartLayout l, ChartLayout.Placed p, ChartEvent.Message m) {
        double x1 = l.columns().get(c.column(m.from()));
        double x2 = l.columns().get(c.column(m.to()));
        double y = p.top() + p.height();
        String colour = m.attacker() ? ATTACKER_COLOUR : INK;
        if (x1 == x2) { // a segment to itself cannot happen on this network; draw a loop rather than nothing
            x2 = x1 + 30;
        }
        sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%s\"%s marker-end=\"url(#%s)\"/>%n",
                x1, y, x2, y, colour, m.attacker() ? "2" : "1.2", m.attacker() ? " stroke-dasharray=\"6 3\"" : "",
                m.attacker() ? "arrow-x" : "arrow"));
        double mid = (x1 + x2) / 2;
        for (int i = 0; i < p.lines().size(); i++) {
            text(sb, mid, p.top() + (i + 1) * ChartLayout.LINE - 2, p.lines().get(i), "middle", "", colour);
        }
    }

    private static void text(StringBuilder sb, double x, double y, String s, String anchor, String extra, String colour) {
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"%s\"%s xml:space=\"preserve\">",
                x, y, anchor, colour, extra.isEmpty() ? "" : " " + extra)).append(esc(s)).append("</text>\n");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
