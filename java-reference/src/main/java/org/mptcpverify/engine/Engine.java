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
     * The preamble of every engine's {@link #check}: the cell's bounds as {@link #resolve} gives
     * them for what {@code options} asks of this engine, handed to {@code decide}; when it cannot
     * honour them, INCONCLUSIVE ({@code bounds: ...}, timed from {@code startNanos}) instead.
     */
    default CellResult withBounds(SchemeId scheme, AttackId attack, EngineOptions options, long startNanos,
                                  java.util.function.Function<Bounds, CellResult> decide) {
        Bounds resolved;
        try {
            resolved = resolve(scheme, attack, options.boundsFor(name()));
        } catch (BoundsException e) {
            return CellResult.inconclusive(startNanos, java.util.Map.of(), "bounds: " + e.getMessage());
        }
        return withUnjudged(attack.applicableProperties(scheme), decide.apply(resolved));
    }

    /**
     * The models (tlc, alloy) do not judge every property the traces engine does (issue #12):
     * JoinAnswerAuthenticity not at all, AddrAuthenticity and CloseAuthenticity at one end. Their
     * result says so in its bounds ({@code unjudged}), so that a HOLDS never reads as covering
     * what was not checked.
     */
    default CellResult withUnjudged(List<org.mptcpverify.vocab.PropertyId> applicable, CellResult r) {
        if (name().equals("traces") || r.verdict() == org.mptcpverify.vocab.Verdict.NOT_APPLICABLE) {
            return r;
        }
        List<String> unjudged = new java.util.ArrayList<>();
        for (org.mptcpverify.vocab.PropertyId p : applicable) {
            if (!judges(p)) {
                unjudged.add(p.modelName() + " (not modelled)");
            } else if (judgesOneEnd(p)) {
                unjudged.add(p.modelName() + " at the other end (judged: " + p.modelledEnd() + " only)");
            }
        }
        if (unjudged.isEmpty()) {
            return r;
        }
        java.util.Map<String, Object> bounds = new java.util.LinkedHashMap<>(r.bounds());
        bounds.put("unjudged", String.join("; ", unjudged));
        return new CellResult(r.verdict(), r.violated(), r.seconds(), bounds, r.counterexample(), r.reason(), r.witness());
    }

    /** Whether this engine judges property p at all (a model engine may leave one out, issue #12). */
    default boolean judges(org.mptcpverify.vocab.PropertyId p) {
        return p.inModels();
    }

    /**
     * Whether this engine judges property p at one end only ({@link
     * org.mptcpverify.vocab.PropertyId#modelsJudgeOneEnd}: the Alloy models); the generic TLA+ core
     * judges every property at both ends since session 19.
     */
    default boolean judgesOneEnd(org.mptcpverify.vocab.PropertyId p) {
        return p.modelsJudgeOneEnd();
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
