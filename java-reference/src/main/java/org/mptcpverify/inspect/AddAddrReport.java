package org.mptcpverify.inspect;

import java.net.InetAddress;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One address announcement (ADD_ADDR without the echo flag); {@code why} says why {@code hmac} is UNAVAILABLE; retransmissions with identical
 * contents are merged. {@code echoFrame} is the first echo of it from the other side, if any.
 */
public record AddAddrReport(long frame, String sender, int addrId, InetAddress address, OptionalInt port,
                            HmacCheck hmac, OptionalLong echoFrame, String why) {}
