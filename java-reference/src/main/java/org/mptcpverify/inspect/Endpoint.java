package org.mptcpverify.inspect;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/** One end of a TCP subflow: an address and a port. */
public record Endpoint(InetAddress address, int port) implements Comparable<Endpoint> {
    @Override
    public int compareTo(Endpoint o) {
        byte[] a = address.getAddress();
        byte[] b = o.address.getAddress();
        int c = Integer.compare(a.length, b.length);
        if (c == 0) {
            c = Arrays.compareUnsigned(a, b);
        }
        return c != 0 ? c : Integer.compare(port, o.port);
    }

    @Override
    public String toString() {
        String a = format(address);
        return (address instanceof Inet6Address ? "[" + a + "]" : a) + ":" + port;
    }

    /** Dotted quad, or IPv6 in the RFC 5952 form (longest zero run compressed, lower case). */
    public static String format(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1; // a single zero group is not compressed
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(w[i]));
        }
        return s.toString();
    }
}
