package org.mptcpverify.pcap;

import java.util.List;

/**
 * One IP packet taken from a capture file.
 *
 * @param frameIndex    1-based position of the frame in the file, counting every packet record
 *                      (also the non-IP ones that were skipped), as Wireshark numbers frames
 * @param timestampNanos capture time in nanoseconds since the Unix epoch
 * @param ip            the IPv4 or IPv6 packet, starting at the IP header (a private copy)
 * @param truncated     true when the capture kept fewer bytes than the frame had on the wire
 * @param comments      the frame's pcapng packet comments ({@code opt_comment}), in file order;
 *                      empty for classic pcap
 */
public record CapturedPacket(long frameIndex, long timestampNanos, byte[] ip, boolean truncated,
                             List<String> comments) {
    public CapturedPacket {
        ip = ip.clone();
        comments = List.copyOf(comments);
    }

    public CapturedPacket(long frameIndex, long timestampNanos, byte[] ip, boolean truncated) {
        this(frameIndex, timestampNanos, ip, truncated, List.of());
    }

    /** A copy of the IP packet bytes. */
    @Override
    public byte[] ip() {
        return ip.clone();
    }

    public int length() {
        return ip.length;
    }

    /** 4 or 6, from the first nibble. */
    public int ipVersion() {
        return ip.length == 0 ? 0 : (ip[0] & 0xff) >>> 4;
    }
}
