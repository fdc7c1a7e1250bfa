package org.mptcpverify.vocab;

/**
 * The outcome of one engine on one (scheme, attack) cell. There is no default: an engine that
 * did not finish says INCONCLUSIVE with a reason, never HOLDS.
 */
public enum Verdict {
    /** Checked within the stated bounds, no violation found. */
    HOLDS,
    /** A counterexample exists and replays on the reference. */
    VIOLATED,
    /** No property of the attack applies to the scheme (e.g. no external key). */
    NOT_APPLICABLE,
    /** Timeout, error, or a bound was hit: no claim either way. */
    INCONCLUSIVE,
    /**
     * No violation within bounds, but no attacker action ever took effect (no witness): the
     * property was never exercised, so no security claim. Exit code 3 like INCONCLUSIVE.
     */
    VACUOUS
}
