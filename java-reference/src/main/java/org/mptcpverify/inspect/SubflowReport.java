package org.mptcpverify.inspect;

/**
 * A TCP subflow of a connection, as captured. {@code initial} for the MP_CAPABLE one;
 * {@code attackerSegments} counts its segments whose packet comment marks them as the attacker's.
 */
public record SubflowReport(Endpoint initiator, Endpoint responder, boolean initial, long firstFrame,
                            long lastFrame, long segments, long attackerSegments) {}
