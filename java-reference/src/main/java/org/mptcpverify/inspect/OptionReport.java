package org.mptcpverify.inspect;

/**
 * An MPTCP option of a connection that is neither handshake, join nor ADD_ADDR (MP_FASTCLOSE,
 * MP_TCPRST, REMOVE_ADDR, MP_PRIO, MP_FAIL, NEW_KEY), so that every option in a capture is listed.
 *
 * @param sender "A" or "B"
 * @param name   the option's RFC name
 * @param detail its fields, in words
 * @param check  for MP_FASTCLOSE, whether the value is the receiver's key (RFC 8684 3.5); the
 *               others carry no authenticator RFC 8684 defines ({@link HmacCheck#UNAVAILABLE})
 * @param why    why {@code check} is UNAVAILABLE, empty otherwise
 */
public record OptionReport(long frame, String sender, String name, String detail, HmacCheck check, String why) {}
