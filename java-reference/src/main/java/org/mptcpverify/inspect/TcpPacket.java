package org.mptcpverify.inspect;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The TCP fields inspect needs, read leniently from a captured IP packet: checksums are not
 * checked (captures taken on the sending host or on veth carry offloaded, unfinished checksums)
 * and a packet cut by the snap length keeps whatever options were captured. The MPTCP options
 * themselves are decoded by the reference codec, not here.
 *
 * @param optionsOffset offset of the TCP options area within {@code ip}
 * @param optionsLength bytes of TCP options present in {@code ip} (may be fewer than the header
 *                      declares when the capture was truncated)
 * @param optionsCut    true when the header declares more option bytes than were captured
 */
record TcpPacket(long frame, Endpoint src, Endpoint dst, long seq, long ack, int flags,
                 byte[] ip, int optionsOffset, int optionsLength, boolean optionsCut) {
    static final int FIN = 0x01, SYN = 0x02, RST = 0x04, ACK = 0x10;
    private static final int PROTO_TCP = 6;

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    boolean isSyn() {
        return has(SYN) && !has(ACK);
    }

    boolean isSynAck() {
        return has(SYN) && has(ACK);
    }

    /** The TCP segment in {@code ip}, or empty for anything that is not a readable TCP header. */
    static Optional<TcpPacket> parse(long frame, byte[] ip) {
        if (ip.length < 1) {
            return Optional.empty();
        }
        int version = (ip[0] & 0xff) >>> 4;
        int tcp;
        int end = ip.length;
        byte[] src;
        byte[] dst;
        if (version == 4) {
            if (ip.length < 20) {
                return Optional.empty();
            }
            int ihl = (ip[0] & 0x0f) * 4;
            int fragment = u16(ip, 6) & 0x1fff;
            if (ihl < 20 || (ip[9] & 0xff) != PROTO_TCP || fragment != 0) {
                return Optional.empty();
            }
            int total = u16(ip, 2);
            if (total >= ihl && total < end) {
                end = total; // 0 or larger: offloaded or cut; keep what we have
            }
            src = Arrays.copyOfRange(ip, 12, 16);
            dst = Arrays.copyOfRange(ip, 16, 20);
            tcp = ihl;
        } else if (version == 6) {
            if (ip.length < 40) {
                return Optional.empty();
            }
            src = Arrays.copyOfRange(ip, 8, 24);
            dst = Arrays.copyOfRange(ip, 24, 40);
            int next = ip[6] & 0xff;
            tcp = 40;
            // Hop-by-hop, routing and destination options headers: (next, length in 8-byte units).
            while (next == 0 || next == 43 || next == 60) {
                if (tcp + 2 > ip.length) {
                    return Optional.empty();
                }
                next = ip[tcp] & 0xff;
                tcp += 8 + 8 * (ip[tcp + 1] & 0xff);
            }
            if (next != PROTO_TCP) {
                return Optional.empty(); // fragments (44) and anything else
            }
        } else {
            return Optional.empty();
        }
        if (tcp + 20 > end) {
            return Optional.empty();
        }
        int dataOffset = ((ip[tcp + 12] & 0xff) >>> 4) * 4;
        if (dataOffset < 20) {
            return Optional.empty();
        }
        int declared = dataOffset - 20;
        int available = Math.max(0, Math.min(declared, end - (tcp + 20)));
        Endpoint s = new Endpoint(address(src), u16(ip, tcp));
        Endpoint d = new Endpoint(address(dst), u16(ip, tcp + 2));
        return Optional.of(new TcpPacket(frame, s, d, u32(ip, tcp + 4), u32(ip, tcp + 8),
                u16(ip, tcp + 12) & 0x0fff, ip, tcp + 20, available, available < declared));
    }

    private static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes expected", e);
        }
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }
}
