package org.mptcpverify.models.proof;

/**
 * The outcome of one proof attempt (matrix.json {@code proof}: status, method, engine, scope).
 *
 * @param status   PROVED, NOT_PROVED or NOT_ATTEMPTED
 * @param method   how the claim was checked (one sentence)
 * @param engine   which checker ran
 * @param scope    the population the claim holds for ({@link ProofScope#describe})
 * @param reason   for NOT_PROVED / NOT_ATTEMPTED: which check failed or why none ran; for PROVED the sizes of the invariant
 * @param failedCheck "base", "step" or "implication" for NOT_PROVED, else null
 * @param counterexample for NOT_PROVED: the state and step that leave the invariant or break the property, else null
 * @param millis   wall time of the attempt
 * @param crossCheck the other engine's status on the same cell ("java-closure: PROVED"), which must agree; "" when none ran
 */
public record ProofResult(ProofStatus status, String method, String engine, String scope, String reason,
                          String failedCheck, String counterexample, long millis, String crossCheck) {
    /** The Java check of base case, step and implication (InductiveProof): the method and its engine. */
    public static final String METHOD = "java-closure";
    public static final String ENGINE = "java-closure";

    public static ProofResult notAttempted(String reason) {
        return new ProofResult(ProofStatus.NOT_ATTEMPTED, METHOD, ENGINE, "", reason, null, null, 0, "");
    }

    /** The same result with {@code crossCheck} set. */
    public ProofResult withCrossCheck(String c) {
        return new ProofResult(status, method, engine, scope, reason, failedCheck, counterexample, millis, c);
    }

    /** The text matrix's suffix: ", PROVED" etc. */
    public String shortText() {
        return switch (status) {
            case PROVED -> "PROVED";
            case NOT_PROVED -> "NOT_PROVED";
            case NOT_ATTEMPTED -> "";
        };
    }
}
