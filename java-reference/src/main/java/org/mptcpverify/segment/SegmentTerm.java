package org.mptcpverify.segment;

import java.util.List;

/**
 * What an attacker puts into a field of a segment it injects, as a term over what it has: fields
 * of segments it observed, its own fresh values and addresses, public labels and numbers, and the
 * public functions of the term algebra (docs/reference.md, "Segment-level counterexamples"). There
 * is no term for a secret: a value the attacker did not observe can only be named by the segment
 * field it was observed in, so a trace cannot hand the attacker anything it never saw.
 */
public sealed interface SegmentTerm {
    /** The functions an attacker may apply (none of them can be inverted). */
    List<String> FUNCTIONS = List.of("hash", "token", "idsn", "hmac", "cat", "xor", "truncL", "truncR", "pub", "dh");

    /** Field {@code field} of trace segment {@code seg}, which the attacker must have observed before. */
    record Observed(int seg, String field) implements SegmentTerm {}

    /** One of the attacker's own fresh values, {@code bits} wide, drawn from the trace's seed and name. */
    record Own(String name, int bits) implements SegmentTerm {}

    /**
     * External key {@code name} ("K1", "K2") of the population, or, for a scheme that agrees its key
     * by Diffie-Hellman (ecdh, mptls), the X25519 private value of one end of a connection
     * ("c1.1/a": the client's, "c1.1/b": the server's end of c1.1): only in the negative control where
     * the attacker is given the keys ({@code attackerHasKey}); any other trace naming it is refused.
     */
    record GivenKey(String name) implements SegmentTerm {}

    /**
     * A value the attacker supplies as a guess of one it does not know (the price of guessing:
     * docs/traces-engine.md, "Guessing"), as bytes; public, since the attacker chose it. A wrong
     * guess fails at the honest ends' checks like any other value.
     */
    record Guess(String hex) implements SegmentTerm {}

    /** An address of the plan (docs/threat-model.md), as its 4 IPv4 bytes: public. */
    record Address(String name) implements SegmentTerm {}

    /** An ASCII label such as {@code "bk-ticket"}: public. */
    record Label(String text) implements SegmentTerm {}

    /** A public number, {@code bits} wide, big-endian. */
    record Num(long value, int bits) implements SegmentTerm {}

    /**
     * A function of {@link #FUNCTIONS} applied to {@code args}; {@code bits} is the width of a
     * truncation (0 for the other functions).
     */
    record Apply(String op, int bits, List<SegmentTerm> args) implements SegmentTerm {
        public Apply {
            args = List.copyOf(args);
        }
    }
}
