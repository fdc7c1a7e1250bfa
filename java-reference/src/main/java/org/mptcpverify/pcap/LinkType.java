package org.mptcpverify.pcap;

import java.util.Optional;

/** The link-layer header types (tcpdump.org LINKTYPE_ values) whose frames we unwrap to IP. */
public enum LinkType {
    /** BSD loopback (macOS lo0, for one): a 4-byte address family in the capturing host's byte order. */
    NULL(0),
    ETHERNET(1),
    /** OpenBSD loopback: the same 4-byte family in network byte order. */
    LOOP(108),
    RAW(101),
    LINUX_SLL(113),
    IPV4(228),
    IPV6(229),
    LINUX_SLL2(276);

    private final int code;

    LinkType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<LinkType> of(int code) {
        for (LinkType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
