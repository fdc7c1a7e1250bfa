package org.mptcpverify.endpoint;

import java.util.List;
import org.mptcpverify.wire.TcpSegment;

/**
 * An endpoint step: the new state, the segments it sends, what it did in words, and the decision
 * points of the receiver that a received segment reached ({@code KIND:point}, e.g.
 * {@code JOIN_ACK:hmac}), whether it passed them or not: an attack's witness counts only segments
 * that reached a check its property depends on (org.mptcpverify.engine.WitnessChecks).
 */
public record StepResult(EndpointState state, List<TcpSegment> out, List<String> notes, List<String> checked) {
    public StepResult {
        out = List.copyOf(out);
        notes = List.copyOf(notes);
        checked = List.copyOf(checked);
    }

    public StepResult(EndpointState state, List<TcpSegment> out, List<String> notes) {
        this(state, out, notes, List.of());
    }
}
