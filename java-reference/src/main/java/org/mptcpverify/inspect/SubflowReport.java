package org.mptcpverify.inspect;

/** A TCP subflow of a connection, as captured. {@code initial} for the MP_CAPABLE one. */
public record SubflowReport(Endpoint initiator, Endpoint responder, boolean initial, long firstFrame,
                            long lastFrame, long segments) {}
