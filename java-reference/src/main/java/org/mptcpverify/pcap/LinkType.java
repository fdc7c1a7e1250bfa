package org.mptcpverify.pcap;

import java.util.Optional;

/** The link-layer header types (tcpdump.org LINKTYPE_ values) whose frames we unwrap to IP. */
public enum LinkType {
    ETHERNET(1),
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
