package org.mptcpverify.models.proof;

/** The status of an unbounded-length proof attempt for one cell (docs/proofs.md). */
public enum ProofStatus {
    /** Base case, induction step and implication all checked: the property holds for traces of any length within the scope. */
    PROVED,
    /** The attempt ran and one of its three checks failed; the result says which and why. */
    NOT_PROVED,
    /** No attempt: the cell is not a HOLDS safety cell, or the scheme uses a construct the proof does not cover. */
    NOT_ATTEMPTED
}
