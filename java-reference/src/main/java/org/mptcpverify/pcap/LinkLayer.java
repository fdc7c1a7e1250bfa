package org.mptcpverify.pcap;

/** Finds the IP packet inside a link-layer frame. */
final class LinkLayer {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88A8;
    private static final int ETHERTYPE_QINQ_OLD = 0x9100;

    private LinkLayer() {}

    /**
     * The offset of the IP header within {@code frame[0, length)}, or -1 when the frame does not
     * carry IPv4/IPv6 (ARP, LLDP, a header cut short by the snap length, ...).
     */
    static int ipOffset(LinkType type, byte[] frame, int start, int length) {
        return switch (type) {
            case ETHERNET -> ethernet(frame, start, length);
            // The family's values for IPv6 differ per BSD (24, 28, 30): the IP version decides.
            case NULL, LOOP -> length < 5 ? -1 : rawIp(frame, start + 4, length - 4, 0);
            case RAW -> rawIp(frame, start, length, 0);
            case IPV4 -> rawIp(frame, start, length, 4);
            case IPV6 -> rawIp(frame, start, length, 6);
            // SLL: packet type, ARPHRD, address length, 8 address bytes, then the protocol.
            case LINUX_SLL -> byProtocol(frame, start, length, 14, 16);
            // SLL2: protocol first, then reserved, ifindex, ARPHRD, packet type, address.
            case LINUX_SLL2 -> byProtocol(frame, start, length, 0, 20);
        };
    }

    private static int ethernet(byte[] f, int start, int length) {
        int at = 12;
        while (at + 2 <= length) {
            int type = u16(f, start + at);
            if (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD) {
                at += 4; // tag control info, then the next EtherType
                continue;
            }
            return isIp(type) ? checkVersion(f, start, length, at + 2, type) : -1;
        }
        return -1;
    }

    private static int byProtocol(byte[] f, int start, int length, int protoAt, int headerLen) {
        if (length < headerLen) {
            return -1;
        }
        int type = u16(f, start + protoAt);
        return isIp(type) ? checkVersion(f, start, length, headerLen, type) : -1;
    }

    private static int rawIp(byte[] f, int start, int length, int requiredVersion) {
        if (length < 1) {
            return -1;
        }
        int v = (f[start] & 0xff) >>> 4;
        if (v != 4 && v != 6) {
            return -1;
        }
        return requiredVersion == 0 || v == requiredVersion ? start : -1;
    }

    private static int checkVersion(byte[] f, int start, int length, int at, int etherType) {
        if (at >= length) {
            return -1;
        }
        int v = (f[start + at] & 0xff) >>> 4;
        int want = etherType == ETHERTYPE_IPV4 ? 4 : 6;
        return v == want ? start + at : -1;
    }

    private static boolean isIp(int etherType) {
        return etherType == ETHERTYPE_IPV4 || etherType == ETHERTYPE_IPV6;
    }

    private static int u16(byte[] f, int at) {
        return ((f[at] & 0xff) << 8) | (f[at + 1] & 0xff);
    }
}
