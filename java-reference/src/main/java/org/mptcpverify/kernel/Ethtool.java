package org.mptcpverify.kernel;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Turns off transmit checksum offload on a veth interface (the SIOCETHTOOL ioctl that
 * {@code ethtool -K IF tx off} uses; no ethtool binary needed). veth leaves checksums partial
 * (pseudo-header only) by default, so captured frames would fail checksum verification; with
 * offload off the kernel computes real checksums and the capture is what a real wire carries.
 */
final class Ethtool {
    private static final int IFNAMSIZ = 16;

    private Ethtool() {}

    static void disableTxChecksum(String netns, String ifname) throws IOException {
        InNamespace.call(netns, () -> {
            LibC c = LibC.INSTANCE;
            int fd = c.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
            try {
                // struct ethtool_value { __u32 cmd; __u32 data; }
                Memory value = new Memory(8);
                value.setInt(0, LibC.ETHTOOL_STXCSUM);
                value.setInt(4, 0);
                // struct ifreq { char ifr_name[16]; void *ifr_data; ... } (40 bytes on 64-bit)
                Memory ifr = new Memory(40);
                ifr.clear();
                byte[] name = ifname.getBytes(StandardCharsets.US_ASCII);
                ifr.write(0, name, 0, Math.min(name.length, IFNAMSIZ - 1));
                ifr.setPointer(IFNAMSIZ, value);
                c.ioctl(fd, LibC.SIOCETHTOOL, ifr);
            } finally {
                c.close(fd);
            }
            return null;
        });
    }
}
