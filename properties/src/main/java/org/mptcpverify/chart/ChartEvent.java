package org.mptcpverify.chart;

import java.util.List;

/**
 * One row of a message sequence chart. The renderers know only these rows, not where they came
 * from, so a chart can be drawn from a replay on the reference today and from a segment-level
 * trace file later.
 */
public sealed interface ChartEvent {
    /**
     * A segment from one lifeline to another.
     *
     * @param lines    the label: first line the TCP flags and MPTCP options, then the values that matter
     * @param attacker whether the attacker originated or modified it (drawn in the attacker's colour)
     */
    record Message(String from, String to, List<String> lines, boolean attacker) implements ChartEvent {
        public Message {
            lines = List.copyOf(lines);
            if (lines.isEmpty()) throw new IllegalArgumentException("a message needs a label");
        }
    }

    /** The start of a trace action (a horizontal divider with its text). */
    record Action(String text) implements ChartEvent {}

    /** The point where a property first fails, with why. */
    record Failure(String property, String explanation) implements ChartEvent {}
}
