package org.mptcpverify.traces;

import java.util.ArrayList;
import java.util.List;
import org.mptcpverify.trace.TraceAction;

/**
 * The well-formed traces of an attack up to a length, enumerated in a fixed order: by length,
 * then (for one-sided-key) by scenario variant, then in the generator's order of enabled actions.
 * At 6 actions most attacks have a few hundred traces, so the engine runs them all when they fit
 * in its budget; otherwise it enumerates as deep as half the budget allows and samples the rest.
 */
public final class TraceSpace {
    /** One enumerated trace and the scenario variant ({@code keyedSide}) it runs in. */
    public record Variant(List<TraceAction> actions, String keyedSide) {
        public Variant {
            actions = List.copyOf(actions);
        }
    }

    /**
     * How a cell spends its tries: every trace of at most {@code depth} actions ({@code enumerated}),
     * then {@code random} generated traces of up to maxActions. {@code complete} when the
     * enumeration reached maxActions: then nothing is left to sample.
     */
    public record Plan(int depth, List<Variant> enumerated, int random, boolean complete) {
        public Plan {
            enumerated = List.copyOf(enumerated);
        }

        public int size() {
            return enumerated.size() + random;
        }
    }

    private TraceSpace() {
    }

    /**
     * Every well-formed trace of 1..depth actions, or null when there are more than {@code limit};
     * shortest first (breadth first, each length across the scenario variants), so the first
     * enumerated trace that violates a property is a shortest one.
     */
    public static List<Variant> upTo(TraceGenerator g, int depth, int limit) {
        List<Variant> out = new ArrayList<>();
        List<List<Node>> frontiers = new ArrayList<>();
        for (String side : g.keyedSides()) {
            frontiers.add(List.of(new Node(GenState.initial(g.clients()), List.of(), side)));
        }
        for (int d = 1; d <= depth; d++) {
            for (int f = 0; f < frontiers.size(); f++) {
                List<Node> next = new ArrayList<>();
                for (Node n : frontiers.get(f)) {
                    for (TraceAction a : g.enabled(n.state())) {
                        List<TraceAction> t = new ArrayList<>(n.actions());
                        t.add(a);
                        out.add(new Variant(t, n.side()));
                        if (out.size() > limit) {
                            return null;
                        }
                        next.add(new Node(n.state().after(a, g.observation()), t, n.side()));
                    }
                }
                frontiers.set(f, next);
            }
        }
        return out;
    }

    private record Node(GenState state, List<TraceAction> actions, String side) {}

    /** All traces when they fit in {@code tries}; else the deepest enumeration within half of it, plus samples. */
    public static Plan plan(TraceGenerator g, int maxActions, int tries) {
        List<Variant> all = upTo(g, maxActions, tries);
        if (all != null) {
            return new Plan(maxActions, all, 0, true);
        }
        for (int d = maxActions - 1; d >= 1; d--) {
            List<Variant> some = upTo(g, d, tries / 2);
            if (some != null) {
                return new Plan(d, some, tries - some.size(), false);
            }
        }
        return new Plan(0, List.of(), tries, false);
    }
}
