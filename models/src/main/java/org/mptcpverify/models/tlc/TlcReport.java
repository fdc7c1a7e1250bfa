package org.mptcpverify.models.tlc;

import java.util.List;
import java.util.Optional;

/**
 * What a TLC {@code -tool} run said.
 *
 * @param violatedInvariant the invariant of message 2110, if any
 * @param trace             the error trace (2217 states), empty without a violation
 * @param traceText         the violation and trace messages as TLC printed them (tlc.txt)
 * @param distinctStates    from the final statistics (2199), if printed
 * @param depth             from 2194, if printed
 * @param completed         TLC said "Model checking completed. No error has been found." (2193)
 * @param errors            texts of error-severity messages other than the violation
 */
public record TlcReport(Optional<String> violatedInvariant, List<TraceState> trace, String traceText,
                        Optional<Long> distinctStates, Optional<Integer> depth, boolean completed,
                        List<String> errors) {
}
