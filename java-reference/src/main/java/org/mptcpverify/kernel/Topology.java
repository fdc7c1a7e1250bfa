package org.mptcpverify.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Three hosts in network namespaces and a hub between them:
 *
 * <pre>
 *   client  eth1 10.1.0.1 ──┐
 *   server  eth1 10.1.0.2 ──┼── br0 (namespace "br", ageing 0: floods every frame)
 *   attacker eth1 (no IP) ──┘
 * </pre>
 *
 * The bridge never learns addresses, so the attacker sees every frame of path 1. The attacker
 * has no IP address, so its own kernel neither answers nor resets what it forges; it uses
 * {@link #FORGED} as its address, and the server and client hold a permanent neighbour entry
 * mapping {@code FORGED} to the attacker's MAC so their replies reach it without ARP.
 *
 * <p>Names are unique per run ({@code mv<6 hex>-cli} ...). {@link #close()} deletes everything;
 * a shutdown hook does the same if the JVM is stopped (Ctrl-C) before that.
 */
public final class Topology implements AutoCloseable {
    public static final String IFACE = "eth1";
    /** {@code ip mptcp limits ... subflows} on client and server (Linux's default, set explicitly). */
    public static final int SUBFLOWS = org.mptcpverify.endpoint.JoinLimits.LINUX_DEFAULT_SUBFLOWS;
    public static final InetAddress CLIENT = addr("10.1.0.1");
    public static final InetAddress SERVER = addr("10.1.0.2");
    /** The address the attacker forges as its own (no host has it). */
    public static final InetAddress FORGED = addr("10.1.0.66");
    /** A second attacker address, for announcements (ADD_ADDR) in the differential tests. */
    public static final InetAddress FORGED_2 = addr("10.1.0.67");
    public static final byte[] CLIENT_MAC = mac("02:6d:76:00:00:01");
    public static final byte[] SERVER_MAC = mac("02:6d:76:00:00:02");
    public static final byte[] ATTACKER_MAC = mac("02:6d:76:00:00:66");
    /** Path 2 (only with {@link #createWithPath2()}): the client's second interface, routed through the attacker. */
    public static final String IFACE_2 = "eth2";
    public static final InetAddress CLIENT_2 = addr("10.2.0.1");
    /** The next hop the client uses on path 2; the attacker's eth2 answers to its MAC (no IP of its own). */
    public static final InetAddress GATEWAY_2 = addr("10.2.0.254");
    public static final byte[] CLIENT_MAC_2 = mac("02:6d:76:00:01:01");
    public static final byte[] ATTACKER_MAC_2 = mac("02:6d:76:00:01:66");

    private final String id;
    private final List<String> created = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final Thread hook;
    private boolean closed;

    private Topology(String id) {
        this.id = id;
        this.hook = new Thread(() -> {
            System.err.println("mptcp-verify: interrupted; removing namespaces " + id + "-*");
            teardownQuietly();
        }, "topology-teardown-" + id);
    }

    public String client() {
        return id + "-cli";
    }

    public String server() {
        return id + "-srv";
    }

    public String attacker() {
        return id + "-atk";
    }

    String bridge() {
        return id + "-br";
    }

    public String id() {
        return id;
    }

    /** Builds the topology; on any failure deletes what was made and rethrows. */
    public static Topology create() throws IOException {
        return create(false);
    }

    /**
     * The topology plus path 2: a veth from the client's {@link #IFACE_2} ({@link #CLIENT_2}) straight
     * into the attacker's namespace, and a policy route sending everything the client sends from
     * {@code CLIENT_2} to the attacker's MAC as next hop. The attacker is then the router of path 2:
     * what it does not forward never arrives, so it can suppress and rewrite (syn-join-rewrite).
     * Nothing uses path 2 until the client gets an MPTCP endpoint on it.
     */
    public static Topology createWithPath2() throws IOException {
        return create(true);
    }

    private static Topology create(boolean path2) throws IOException {
        byte[] r = new byte[3];
        new SecureRandom().nextBytes(r);
        Topology t = new Topology("mv" + HexFormat.of().formatHex(r));
        Runtime.getRuntime().addShutdownHook(t.hook);
        try {
            t.build();
            if (path2) {
                t.buildPath2();
            }
            return t;
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
    }

    private void build() throws IOException {
        for (String ns : List.of(bridge(), client(), server(), attacker())) {
            Commands.run("ip", "netns", "add", ns);
            created.add(ns);
            // IPv6 off: no router solicitations or DAD frames in the captures.
            Commands.runIn(ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1",
                    "net.ipv6.conf.default.disable_ipv6=1");
            Commands.run("ip", "-n", ns, "link", "set", "lo", "up");
        }
        Commands.run("ip", "-n", bridge(), "link", "add", "br0", "type", "bridge",
                "ageing_time", "0", "stp_state", "0");
        Commands.run("ip", "-n", bridge(), "link", "set", "br0", "up");
        attach(client(), "pc", CLIENT_MAC);
        attach(server(), "ps", SERVER_MAC);
        attach(attacker(), "pa", ATTACKER_MAC);
        Commands.run("ip", "-n", client(), "addr", "add", CLIENT.getHostAddress() + "/24", "dev", IFACE);
        Commands.run("ip", "-n", server(), "addr", "add", SERVER.getHostAddress() + "/24", "dev", IFACE);
        Commands.run("ip", "-n", attacker(), "link", "set", IFACE, "promisc", "on");
        for (String ns : List.of(client(), server())) {
            for (InetAddress forged : List.of(FORGED, FORGED_2)) {
                Commands.run("ip", "-n", ns, "neigh", "replace", forged.getHostAddress(), "lladdr",
                        macString(ATTACKER_MAC), "dev", IFACE, "nud", "permanent");
            }
            Commands.run("ip", "-n", ns, "mptcp", "limits", "set", "subflows", Integer.toString(SUBFLOWS),
                    "add_addr_accepted", "2");
        }
        // Client and server learn each other without ARP too, so captures start with the SYN.
        Commands.run("ip", "-n", client(), "neigh", "replace", SERVER.getHostAddress(), "lladdr",
                macString(SERVER_MAC), "dev", IFACE, "nud", "permanent");
        Commands.run("ip", "-n", server(), "neigh", "replace", CLIENT.getHostAddress(), "lladdr",
                macString(CLIENT_MAC), "dev", IFACE, "nud", "permanent");
    }

    private void buildPath2() throws IOException {
        Commands.run("ip", "link", "add", IFACE_2, "netns", client(), "address", macString(CLIENT_MAC_2), "type", "veth",
                "peer", "name", IFACE_2, "netns", attacker(), "address", macString(ATTACKER_MAC_2));
        for (String ns : List.of(client(), attacker())) {
            Commands.run("ip", "-n", ns, "link", "set", IFACE_2, "up");
            Ethtool.disableTxChecksum(ns, IFACE_2);
        }
        Commands.run("ip", "-n", attacker(), "link", "set", IFACE_2, "promisc", "on");
        Commands.run("ip", "-n", client(), "addr", "add", CLIENT_2.getHostAddress() + "/24", "dev", IFACE_2);
        Commands.run("ip", "-n", client(), "neigh", "replace", GATEWAY_2.getHostAddress(), "lladdr",
                macString(ATTACKER_MAC_2), "dev", IFACE_2, "nud", "permanent");
        // Source routing: the main table sends 10.1.0.0/24 out of eth1; from CLIENT_2 use path 2.
        Commands.run("ip", "-n", client(), "route", "add", "default", "via", GATEWAY_2.getHostAddress(), "dev", IFACE_2,
                "table", "2");
        Commands.run("ip", "-n", client(), "rule", "add", "from", CLIENT_2.getHostAddress(), "table", "2");
        // Replies from the server arrive on eth2 while the main table routes the server via eth1.
        Commands.runIn(client(), "sh", "-c", "for f in all default eth2; do echo 0 > /proc/sys/net/ipv4/conf/$f/rp_filter; done");
    }

    private void attach(String ns, String bridgePort, byte[] mac) throws IOException {
        Commands.run("ip", "link", "add", IFACE, "netns", ns, "address", macString(mac), "type", "veth",
                "peer", "name", bridgePort, "netns", bridge());
        Commands.run("ip", "-n", bridge(), "link", "set", bridgePort, "master", "br0", "up");
        Commands.run("ip", "-n", ns, "link", "set", IFACE, "up");
        Ethtool.disableTxChecksum(ns, IFACE);
    }

    /**
     * Starts {@code argv} inside namespace {@code ns}; the process is killed at teardown (before
     * the namespaces are deleted, which it would otherwise keep alive).
     */
    public synchronized Process spawn(String ns, List<String> argv) throws IOException {
        if (closed) {
            throw new IOException("topology " + id + " is torn down");
        }
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        all.addAll(argv);
        Process p = new ProcessBuilder(all).start();
        processes.add(p);
        return p;
    }

    /** Whether this machine can build the topology; empty when it can, else the reason. */
    public static java.util.Optional<String> unavailableReason() {
        try {
            if (!"root".equals(System.getProperty("user.name"))
                    && !Commands.tryRun("id", "-u").out().strip().equals("0")) {
                return java.util.Optional.of("not root: network namespaces need CAP_SYS_ADMIN");
            }
            // Listing can work where creating cannot (a container without CAP_SYS_ADMIN): try one.
            byte[] r = new byte[3];
            new SecureRandom().nextBytes(r);
            String probe = "mvprobe" + HexFormat.of().formatHex(r);
            Commands.Result made = Commands.tryRun("ip", "netns", "add", probe);
            if (made.exit() != 0) {
                return java.util.Optional.of("`ip netns add` fails here: " + made.err().strip());
            }
            Commands.tryRun("ip", "netns", "del", probe);
            java.nio.file.Path enabled = java.nio.file.Path.of("/proc/sys/net/mptcp/enabled");
            if (!java.nio.file.Files.exists(enabled)
                    || !java.nio.file.Files.readString(enabled).strip().equals("1")) {
                return java.util.Optional.of("MPTCP is not enabled in this kernel (/proc/sys/net/mptcp/enabled)");
            }
            if (Commands.tryRun(MptcpApp.PYTHON, "-c", "import socket; socket.socket(2, 1, 262).close()").exit() != 0) {
                return java.util.Optional.of("python3 cannot open an IPPROTO_MPTCP socket");
            }
            return java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.of("cannot run ip/python3: " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        teardownQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it does the same work
        }
    }

    private synchronized void teardownQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        // Deleting a namespace destroys its veth ends; processes still inside keep it alive, so
        // callers stop their processes first.
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Commands.tryRun("ip", "netns", "del", created.get(i));
            } catch (IOException e) {
                System.err.println("teardown: cannot delete netns " + created.get(i) + ": " + e.getMessage());
            }
        }
        created.clear();
    }

    static String macString(byte[] mac) {
        return HexFormat.ofDelimiter(":").formatHex(mac);
    }

    private static byte[] mac(String s) {
        return HexFormat.ofDelimiter(":").parseHex(s);
    }

    static InetAddress addr(String dotted) {
        try {
            return InetAddress.getByName(dotted);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(dotted, e);
        }
    }
}
