package org.mptcpverify.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.Verdict;

/**
 * One engine's decision on one cell.
 *
 * @param verdict          HOLDS / VIOLATED / NOT_APPLICABLE / INCONCLUSIVE
 * @param violated         the properties found violated (empty unless VIOLATED)
 * @param seconds          wall time of the check
 * @param bounds           what the verdict rests on, engine-specific and deterministic
 *                         (TLC: distinctStates, depth, the cfg's constants; Alloy: scope, solver,
 *                         vars, clauses; traces: tries, seed, maxActions)
 * @param counterexample   the engine's counterexample file (JSON), or null
 * @param reason           for INCONCLUSIVE, VACUOUS and NOT_APPLICABLE: why; else null
 * @param witness          attacker activity behind a HOLDS or VACUOUS verdict (e.g. how many
 *                         attacker actions took effect); empty when the engine reports none or the
 *                         attack has no attacker by design
 * @param source           where the verdict comes from: null when this run computed it, else the
 *                         committed verdicts file and fingerprint it was reused from
 */
public record CellResult(Verdict verdict, List<PropertyId> violated, double seconds,
                         Map<String, Object> bounds, Path counterexample, String reason,
                         Map<String, Object> witness, Committed source) {
    public CellResult {
        witness = witness == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(witness));
    }

    /**
     * A verdict reused from a committed verdicts file instead of being computed by this run.
     *
     * @param file        the verdicts file, relative to the repository root
     * @param fingerprint the cell's fingerprint, equal to the committed entry's
     */
    public record Committed(String file, String fingerprint) {}

    /** A verdict this run computed. */
    public CellResult(Verdict verdict, List<PropertyId> violated, double seconds,
                      Map<String, Object> bounds, Path counterexample, String reason, Map<String, Object> witness) {
        this(verdict, violated, seconds, bounds, counterexample, reason, witness, null);
    }

    /** The same verdict, reused from {@code from}. */
    public CellResult reusedFrom(Committed from) {
        return new CellResult(verdict, violated, seconds, bounds, counterexample, reason, witness, from);
    }

    /** A result without a witness (engines that do not measure attacker activity, or no attacker). */
    public CellResult(Verdict verdict, List<PropertyId> violated, double seconds,
                      Map<String, Object> bounds, Path counterexample, String reason) {
        this(verdict, violated, seconds, bounds, counterexample, reason, Map.of());
    }

    /** Wall seconds since {@code startNanos} ({@link System#nanoTime}): a check's {@link #seconds}. */
    public static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** INCONCLUSIVE for {@code reason} (a timeout, an error, a refused bound), timed from {@code startNanos}. */
    public static CellResult inconclusive(long startNanos, Map<String, Object> bounds, String reason) {
        return new CellResult(Verdict.INCONCLUSIVE, List.of(), secondsSince(startNanos), bounds, null, reason);
    }

    /** NOT_APPLICABLE: every property of the attack is about an external key the scheme lacks. */
    public static CellResult notApplicable(org.mptcpverify.vocab.SchemeId scheme, org.mptcpverify.vocab.AttackId attack,
                                           Map<String, Object> bounds) {
        return new CellResult(Verdict.NOT_APPLICABLE, List.of(), 0.0, bounds, null,
                "no property of " + attack.wireName() + " applies to " + scheme.wireName() + " (it has no external key)");
    }
}
