package org.mptcpverify.traces;

import java.util.ArrayList;
import java.util.List;
import org.mptcpverify.trace.TraceAction;

/**
 * The well-formed traces of an attack up to a length, enumerated in a fixed depth-first order
 * (each scenario variant in turn, then every trace in preorder: a prefix before its extensions).
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

    /** Every well-formed trace of 1..depth actions, or null when there are more than {@code limit}. */
    public static List<Variant> upTo(TraceGenerator g, int depth, int limit) {
        List<Variant> out = new ArrayList<>();
        for (String side : g.keyedSides()) {
            if (!walk(g, GenState.initial(g.clients()), depth, new ArrayList<>(), side, out, limit)) {
                return null;
            }
        }
        return out;
    }

    private static boolean walk(TraceGenerator g, GenState state, int depth, List<TraceAction> prefix, String side,
                                List<Variant> out, int limit) {
        if (depth == 0) {
            return true;
        }
        for (TraceAction a : g.enabled(state)) {
            prefix.add(a);
            out.add(new Variant(prefix, side));
            if (out.size() > limit || !walk(g, state.after(a, g.observation()), depth - 1, prefix, side, out, limit)) {
                return false;
            }
            prefix.remove(prefix.size() - 1);
        }
        return true;
    }

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
