package org.mptcpverify.inspect;

import java.util.List;
import java.util.stream.Stream;

/**
 * Everything inspect found in one capture.
 *
 * @param notes things worth a reader's attention that are not HMAC verdicts: malformed MPTCP
 *              options, options on subflows whose handshake was not captured, conflicting keys
 * @param attackerFrames frames whose pcapng packet comment marks them as the attacker's, in file
 *              order: captures the project writes mark them; any other capture has none, which
 *              says nothing about who sent what
 */
public record InspectReport(String file, long ipPackets, long tcpSegments, long mptcpOptions,
                            List<ConnectionReport> connections, List<String> notes,
                            List<MarkedFrame> attackerFrames) {
    public InspectReport {
        connections = List.copyOf(connections);
        notes = List.copyOf(notes);
        attackerFrames = List.copyOf(attackerFrames);
    }

    /** Whether {@code frame} carries the attacker's packet comment. */
    public boolean attackerMarked(long frame) {
        return attackerFrames.stream().anyMatch(m -> m.frame() == frame);
    }

    private Stream<HmacCheck> checks() {
        return connections.stream().flatMap(c -> Stream.concat(
                c.joins().stream().flatMap(j -> Stream.of(j.synAckHmac(), j.ackHmac())),
                c.addAddrs().stream().map(AddAddrReport::hmac)));
    }

    /** HMACs recomputed and compared. */
    public long hmacsChecked() {
        return checks().filter(h -> h != HmacCheck.UNAVAILABLE).count();
    }

    /**
     * HMAC fields seen that could not be recomputed: a key not captured, a join matching no captured
     * connection, or an external-key scheme (inspect knows RFC 6824 / RFC 8684 derivations only).
     */
    public long hmacsNotChecked() {
        return checks().filter(h -> h == HmacCheck.UNAVAILABLE).count();
    }

    /** HMACs recomputed that did not match: any makes inspect exit 1. */
    public long hmacFailures() {
        return checks().filter(h -> h == HmacCheck.INVALID).count();
    }
}
