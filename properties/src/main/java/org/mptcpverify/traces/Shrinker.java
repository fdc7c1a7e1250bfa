package org.mptcpverify.traces;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.mptcpverify.trace.TraceAction;

/**
 * Shrinks a failing trace to a locally minimal one: delta debugging over chunks down to single
 * actions (ddmin, complements only: a trace keeps its order), then parameter simplification one
 * action at a time, repeated until neither changes anything. Every candidate must be well formed
 * (each action enabled where it stands, as the generator defines it) and must still fail, which
 * the caller decides by re-running the reference and checking the same property.
 *
 * <p>The result is 1-minimal: removing any single action or simplifying any single parameter gives
 * a trace that is ill formed or passes. Deterministic when the oracle is.
 */
public final class Shrinker {
    private final Predicate<List<TraceAction>> wellFormed;
    private final Predicate<List<TraceAction>> fails;
    private final BooleanSupplier outOfTime;
    private int steps;
    private int runs;

    /**
     * @param wellFormed whether a candidate is a trace the generator could have produced
     * @param fails      re-runs a candidate; true when it still violates the property
     * @param outOfTime  checked before every run; when true, shrinking stops where it is
     */
    public Shrinker(Predicate<List<TraceAction>> wellFormed, Predicate<List<TraceAction>> fails,
                    BooleanSupplier outOfTime) {
        this.wellFormed = wellFormed;
        this.fails = fails;
        this.outOfTime = outOfTime;
    }

    /** The shrunk trace, the accepted shrink steps, the oracle runs, and whether it reached a fixpoint. */
    public record Result(List<TraceAction> actions, int steps, int runs, boolean complete) {
        public Result {
            actions = List.copyOf(actions);
        }
    }

    /** Shrinks {@code failing}, which must fail. One Shrinker per shrink. */
    public Result shrink(List<TraceAction> failing) {
        steps = 0;
        runs = 0;
        List<TraceAction> current = List.copyOf(failing);
        try {
            boolean changed = true;
            while (changed) {
                current = deltaDebug(current);
                List<TraceAction> simpler = simplifyOne(current);
                changed = simpler != null;
                if (changed) {
                    current = simpler;
                }
            }
            return new Result(current, steps, runs, true);
        } catch (OutOfTime e) {
            return new Result(e.best, steps, runs, false);
        }
    }

    /** ddmin with complements: remove chunks of size len/n, refining n up to single actions. */
    private List<TraceAction> deltaDebug(List<TraceAction> trace) {
        List<TraceAction> current = trace;
        int n = 2;
        while (current.size() >= 2) {
            int len = current.size();
            int chunk = (len + n - 1) / n;
            boolean reduced = false;
            for (int start = 0; start < len; start += chunk) {
                List<TraceAction> candidate = new ArrayList<>(current.subList(0, start));
                candidate.addAll(current.subList(Math.min(len, start + chunk), len));
                if (stillFails(candidate, current)) {
                    current = List.copyOf(candidate);
                    n = Math.max(n - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (n >= len) {
                    break;
                }
                n = Math.min(2 * n, len);
            }
        }
        return current;
    }

    /** The first accepted single-action parameter simplification, or null when none is. */
    private List<TraceAction> simplifyOne(List<TraceAction> trace) {
        for (int i = 0; i < trace.size(); i++) {
            for (TraceAction simpler : simplifications(trace.get(i))) {
                List<TraceAction> candidate = new ArrayList<>(trace);
                candidate.set(i, simpler);
                if (stillFails(candidate, trace)) {
                    return List.copyOf(candidate);
                }
            }
        }
        return null;
    }

    /** Simpler variants of one action, most preferred first: replay -> forge, spoofN -> spoof1, c2 -> c1. */
    static List<TraceAction> simplifications(TraceAction a) {
        List<TraceAction> out = new ArrayList<>();
        String first = TraceGenerator.SPOOF_SOURCES.get(0);
        if (a instanceof TraceAction.SpoofJoinSyn s) {
            if (s.mode().equals("replay")) {
                out.add(new TraceAction.SpoofJoinSyn(s.client(), "forge", s.src()));
            }
            if (!s.src().equals(first)) {
                out.add(new TraceAction.SpoofJoinSyn(s.client(), s.mode(), first));
            }
        }
        if (a.client().equals("c2")) {
            out.add(withClient(a, "c1"));
        }
        return out;
    }

    static TraceAction withClient(TraceAction a, String c) {
        if (a instanceof TraceAction.Connect) {
            return new TraceAction.Connect(c);
        } else if (a instanceof TraceAction.Join) {
            return new TraceAction.Join(c);
        } else if (a instanceof TraceAction.Advertise) {
            return new TraceAction.Advertise(c);
        } else if (a instanceof TraceAction.Close) {
            return new TraceAction.Close(c);
        } else if (a instanceof TraceAction.ForgeJoin) {
            return new TraceAction.ForgeJoin(c);
        } else if (a instanceof TraceAction.SpoofJoinSyn s) {
            return new TraceAction.SpoofJoinSyn(c, s.mode(), s.src());
        } else if (a instanceof TraceAction.RewriteJoin) {
            return new TraceAction.RewriteJoin(c);
        } else if (a instanceof TraceAction.ForgeAddAddr) {
            return new TraceAction.ForgeAddAddr(c);
        } else if (a instanceof TraceAction.ForgeFastClose) {
            return new TraceAction.ForgeFastClose(c);
        }
        throw new IllegalArgumentException("unknown action " + a);
    }

    private boolean stillFails(List<TraceAction> candidate, List<TraceAction> best) {
        if (candidate.isEmpty() || !wellFormed.test(candidate)) {
            return false;
        }
        if (outOfTime.getAsBoolean()) {
            throw new OutOfTime(best);
        }
        runs++;
        boolean failed;
        try {
            failed = fails.test(candidate);
        } catch (Stop stop) {
            throw new OutOfTime(best);
        }
        if (failed) {
            steps++;
            return true;
        }
        return false;
    }

    /** Thrown by the oracle to stop shrinking where it is (e.g. a run that exceeded the time budget). */
    public static final class Stop extends RuntimeException {
        public Stop() {
            super(null, null, false, false);
        }
    }

    /** Unwinds the search when the time budget is spent, carrying the best trace so far. */
    private static final class OutOfTime extends RuntimeException {
        final List<TraceAction> best;

        OutOfTime(List<TraceAction> best) {
            super(null, null, false, false);
            this.best = best;
        }
    }
}
