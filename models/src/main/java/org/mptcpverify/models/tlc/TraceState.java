package org.mptcpverify.models.tlc;

import java.util.Map;

/**
 * One state of a TLC error trace.
 *
 * @param number    1-based position in the trace
 * @param header    TLC's label, e.g. {@code <Connect line 378, col 5 to ... of module MptcpJoin>}
 * @param variables variable name to TLA+ value text, in TLC's order
 */
public record TraceState(int number, String header, Map<String, String> variables) {
}
