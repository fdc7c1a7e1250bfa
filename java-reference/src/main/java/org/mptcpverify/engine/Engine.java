package org.mptcpverify.engine;

import java.util.List;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * One of the three deciding engines ("traces", "tlc", "alloy"). Each decides a (scheme, attack)
 * cell on its own; the matrix puts their results side by side.
 */
public interface Engine {
    /** "traces", "tlc" or "alloy". */
    String name();

    /**
     * Decides one cell. Never throws for a checking failure: a timeout, an error or a bound hit
     * is an INCONCLUSIVE result with its reason. Writes the counterexample files of a violated
     * cell under {@code options.counterexampleRoot()/<scheme>/<attack>/}.
     */
    CellResult check(SchemeId scheme, AttackId attack, EngineOptions options);

    /**
     * The first step of every engine's {@link #check}: the cell's bounds as {@link #resolve} gives
     * them for what {@code options} asks of this engine, or, when it cannot honour them, the
     * INCONCLUSIVE result ({@code bounds: ...}, timed from {@code startNanos}) to return instead.
     */
    default Resolved resolveFor(SchemeId scheme, AttackId attack, EngineOptions options, long startNanos) {
        try {
            return new Resolved(resolve(scheme, attack, options.boundsFor(name())), null);
        } catch (BoundsException e) {
            return new Resolved(null, CellResult.inconclusive(startNanos, java.util.Map.of(), "bounds: " + e.getMessage()));
        }
    }

    /** {@link #resolveFor}'s answer: the bounds, or the refusal (exactly one is non-null). */
    record Resolved(Bounds bounds, CellResult refusal) {
        public boolean refused() {
            return refusal != null;
        }
    }

    /** The bounds this engine honours. */
    default List<BoundKey> boundKeys() {
        return List.of();
    }

    /**
     * The full bounds this engine checks the cell with when asked for {@code requested} (the keys
     * meant for it, see {@link Bounds#forEngine}): its defaults, overridden by {@code requested}.
     *
     * @throws BoundsException when it cannot honour one of them for this cell
     */
    default Bounds resolve(SchemeId scheme, AttackId attack, Bounds requested) {
        BoundKey.requireKnown(name(), boundKeys(), requested);
        return requested;
    }
}
