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
        Object r = read(frame, ip);
        return r instanceof TcpPacket t ? Optional.of(t) : Optional.empty();
    }

    /**
     * Why {@code ip} holds a TCP header that cannot be read (a fragment, a header cut by the
     * capture, an IPv6 extension header not walked), or empty: a readable segment, or a packet of
     * another protocol, which is nothing to report.
     */
    static Optional<String> unreadable(byte[] ip) {
        Object r = read(0, ip);
        return r instanceof String why ? Optional.of(why) : Optional.empty();
    }

    /** A TcpPacket, a String (a TCP packet that cannot be read, and why) or null (not TCP). */
    private static Object read(long frame, byte[] ip) {
        if (ip.length < 1) {
            return null;
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
            if (ihl < 20 || (ip[9] & 0xff) != PROTO_TCP) {
                return null;
            }
            if (fragment != 0) {
                return "IPv4 fragment after the first (not reassembled)"; // a first one holds the header
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
                return null;
            }
            src = Arrays.copyOfRange(ip, 8, 24);
            dst = Arrays.copyOfRange(ip, 24, 40);
            int next = ip[6] & 0xff;
            tcp = 40;
            // Extension headers (RFC 8200 4, RFC 7045): hop-by-hop, routing, destination options,
            // mobility, HIP, shim6 and the experimental 253/254 give their length in 8-byte units
            // beyond the first 8; AH (RFC 4302 2.2) in 4-byte units beyond the first 8.
            int headers = 0;
            while (EXTENSION_8.contains(next) || next == 51 || next == 44) {
                if (tcp + 2 > ip.length || ++headers > 32) {
                    return "IPv6 extension headers cut by the capture";
                }
                int after = ip[tcp] & 0xff;
                if (next == 44) {
                    // Fragment header: a first fragment holds the TCP header, as for IPv4.
                    if (tcp + 8 > ip.length) {
                        return "IPv6 extension headers cut by the capture";
                    }
                    if (after != PROTO_TCP && !EXTENSION_8.contains(after) && after != 51) {
                        return null;
                    }
                    if ((u16(ip, tcp + 2) & 0xfff8) != 0) {
                        return "IPv6 fragment after the first (not reassembled)";
                    }
                    tcp += 8;
                } else {
                    tcp += next == 51 ? 4 * ((ip[tcp + 1] & 0xff) + 2) : 8 + 8 * (ip[tcp + 1] & 0xff);
                }
                next = after;
            }
            if (next != PROTO_TCP) {
                return null;
            }
        } else {
            return null;
        }
        if (tcp + 20 > end) {
            return "TCP header cut by the capture (" + Math.max(0, end - tcp) + " of 20 bytes)";
        }
        int dataOffset = ((ip[tcp + 12] & 0xff) >>> 4) * 4;
        if (dataOffset < 20) {
            return "TCP data offset " + dataOffset + " is below 20 bytes";
        }
        int declared = dataOffset - 20;
        int available = Math.max(0, Math.min(declared, end - (tcp + 20)));
        Endpoint s = new Endpoint(address(src), u16(ip, tcp));
        Endpoint d = new Endpoint(address(dst), u16(ip, tcp + 2));
        return new TcpPacket(frame, s, d, u32(ip, tcp + 4), u32(ip, tcp + 8),
                u16(ip, tcp + 12) & 0x0fff, ip, tcp + 20, available, available < declared);
    }

    /** IPv6 extension headers whose length counts 8-byte units beyond the first 8 (RFC 7045 list). */
    private static final java.util.List<Integer> EXTENSION_8 = java.util.List.of(0, 43, 60, 135, 139, 140, 253, 254);

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
