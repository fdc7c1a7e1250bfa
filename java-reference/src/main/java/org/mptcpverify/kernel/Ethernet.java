package org.mptcpverify.kernel;

import java.util.Arrays;
import java.util.Optional;

/** Ethernet II framing of IPv4 packets (the only link layer the attacker's bridge carries). */
final class Ethernet {
    static final int HEADER = 14;
    static final int ETHERTYPE_IPV4 = 0x0800;
    /** Minimum frame without FCS; shorter frames are padded, as a NIC would. */
    private static final int MIN_FRAME = 60;

    private Ethernet() {}

    static byte[] frame(byte[] dstMac, byte[] srcMac, byte[] ipv4Packet) {
        byte[] f = new byte[Math.max(MIN_FRAME, HEADER + ipv4Packet.length)];
        System.arraycopy(dstMac, 0, f, 0, 6);
        System.arraycopy(srcMac, 0, f, 6, 6);
        f[12] = (byte) (ETHERTYPE_IPV4 >> 8);
        f[13] = (byte) ETHERTYPE_IPV4;
        System.arraycopy(ipv4Packet, 0, f, HEADER, ipv4Packet.length);
        return f;
    }

    /** The IPv4 packet of the frame (with any link padding), or empty for other EtherTypes. */
    static Optional<byte[]> ipv4(byte[] frame) {
        if (frame.length < HEADER + 20 || (((frame[12] & 0xff) << 8) | (frame[13] & 0xff)) != ETHERTYPE_IPV4) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOfRange(frame, HEADER, frame.length));
    }

    /** The IPv4 packet exactly, cut to its total length (drops link padding). */
    static Optional<byte[]> ipv4Exact(byte[] frame) {
        return ipv4(frame).map(ip -> {
            int total = ((ip[2] & 0xff) << 8) | (ip[3] & 0xff);
            return total >= 20 && total <= ip.length ? Arrays.copyOf(ip, total) : ip;
        });
    }

    static byte[] srcMac(byte[] frame) {
        return Arrays.copyOfRange(frame, 6, 12);
    }

    static byte[] dstMac(byte[] frame) {
        return Arrays.copyOfRange(frame, 0, 6);
    }
}
