package org.mptcpverify.inspect;

import java.util.List;
import java.util.OptionalInt;

/**
 * One MP_JOIN subflow. "A" here is the join's initiator (the host that sent the SYN+MP_JOIN),
 * as in RFC 8684's join figures; {@code initiatorSide} says which side of the connection that is.
 *
 * @param initiatorSide "A" or "B" of the connection, or null when the token matched no
 *                      connection whose keys were captured
 * @param why           why a check is UNAVAILABLE (empty when none is)
 * @param established   the responder went on to send a non-reset segment on the subflow after
 *                      the third ACK (what the kernel does only once it accepted the HMAC)
 * @param attackerSent  which of "SYN", "SYN/ACK", "third ACK" carry the attacker's packet
 *                      comment (captures the project wrote); empty when none or unmarked
 */
public record JoinReport(long synFrame, Endpoint initiator, Endpoint responder, String initiatorSide,
                         int token, int randA, OptionalInt randB, int addressId,
                         HmacCheck synAckHmac, HmacCheck ackHmac, boolean established, boolean reset,
                         String why, List<String> attackerSent) {
    public JoinReport {
        attackerSent = List.copyOf(attackerSent);
    }
}
