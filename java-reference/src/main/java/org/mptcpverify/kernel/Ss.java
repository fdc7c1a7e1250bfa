package org.mptcpverify.kernel;

import java.io.IOException;
import java.util.List;

/** What iproute2's `ss` shows of TCP sockets (MPTCP subflows included) inside one namespace. */
final class Ss {
    private Ss() {}

    /** `ss -HtniO state STATE`: one line per socket, with the MPTCP subflow info (tcp-ulp-mptcp flags). */
    static List<String> tcp(String netns, String state) throws IOException {
        return Commands.runIn(netns, "ss", "-HtniO", "state", state).lines().filter(l -> !l.isBlank()).toList();
    }

    /** Sockets in SYN-RECV (request sockets) of a namespace. */
    static int synRecv(String netns) throws IOException {
        return tcp(netns, "syn-recv").size();
    }

    /**
     * The established sockets with {@code address} as local or peer address, on {@code port} if it
     * is not 0 (ss writes a device-bound socket's address as ADDRESS%DEVICE:PORT).
     */
    static List<String> established(String netns, java.net.InetAddress address, int port) throws IOException {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("(^|\\s)" + java.util.regex.Pattern.quote(address.getHostAddress())
                + "(%\\S+)?:" + (port == 0 ? "\\d+" : Integer.toString(port)) + "(\\s|$)");
        return tcp(netns, "established").stream().filter(l -> p.matcher(l).find()).toList();
    }

    /** The socket's local and peer address columns and its MPTCP subflow flags, for evidence lines. */
    static String brief(String line) {
        String[] f = line.trim().split("\\s+");
        String flags = line.matches(".*tcp-ulp-mptcp (flags:\\S+).*")
                ? " " + line.replaceAll(".*tcp-ulp-mptcp (flags:\\S+).*", "$1") : "";
        return f.length >= 4 ? f[2] + " <-> " + f[3] + flags : line.strip();
    }
}
