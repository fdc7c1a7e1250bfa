package org.mptcpverify.endpoint;

import java.util.List;
import org.mptcpverify.wire.TcpSegment;

/** An endpoint step: the new state, the segments it sends, and what it did in words. */
public record StepResult(EndpointState state, List<TcpSegment> out, List<String> notes) {
    public StepResult {
        out = List.copyOf(out);
        notes = List.copyOf(notes);
    }
}
