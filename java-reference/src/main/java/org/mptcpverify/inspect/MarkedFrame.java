package org.mptcpverify.inspect;

/**
 * A frame whose pcapng packet comment marks it as sent by the attacker
 * ({@link org.mptcpverify.pcap.AttackerMark}); {@code comment} is that comment, verbatim.
 */
public record MarkedFrame(long frame, String comment) {}
