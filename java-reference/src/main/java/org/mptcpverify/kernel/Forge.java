package org.mptcpverify.kernel;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/** Builders for the segments the attacker forges (plain TCP parts; MPTCP options come from the codec's records). */
final class Forge {
    static final int WINDOW = 64_240;
    private static final TcpSegment.TcpOption NOP = new TcpSegment.TcpOption.Raw(Bytes.of(new byte[] {1}));

    private Forge() {}

    static TcpSegment.TcpOption mptcp(MptcpOption o) {
        return new TcpSegment.TcpOption.Mptcp(o);
    }

    static TcpSegment.TcpOption mss(int mss) {
        return new TcpSegment.TcpOption.Raw(Bytes.of(new byte[] {2, 4, (byte) (mss >> 8), (byte) mss}));
    }

    /** NOP, NOP, timestamps (kind 8): the usual 12-byte aligned layout. */
    static List<TcpSegment.TcpOption> timestamps(long tsVal, long tsEcr) {
        byte[] b = new byte[10];
        b[0] = 8;
        b[1] = 10;
        put32(b, 2, tsVal);
        put32(b, 6, tsEcr);
        return List.of(NOP, NOP, new TcpSegment.TcpOption.Raw(Bytes.of(b)));
    }

    /**
     * A segment in the window of the {@code from} direction of a captured subflow, carrying
     * {@code option}: next sequence number and ACK as last seen, the sender's latest timestamp
     * echoed as the peer expects (PAWS accepts an equal TSval).
     */
    static TcpSegment inWindow(CapturedConnection c, boolean fromClient, int flags, MptcpOption option, Bytes payload) {
        CapturedConnection.Direction me = fromClient ? c.fromClient() : c.fromServer();
        CapturedConnection.Direction peer = fromClient ? c.fromServer() : c.fromClient();
        List<TcpSegment.TcpOption> opts = new ArrayList<>();
        if (me.tsVal().isPresent() && peer.tsVal().isPresent()) {
            opts.addAll(timestamps(me.tsVal().getAsLong(), peer.tsVal().getAsLong()));
        }
        opts.add(mptcp(option));
        InetAddress src = fromClient ? c.client() : c.server();
        InetAddress dst = fromClient ? c.server() : c.client();
        int sport = fromClient ? c.clientPort() : c.serverPort();
        int dport = fromClient ? c.serverPort() : c.clientPort();
        return new TcpSegment(src, dst, sport, dport, me.nextSeq(), peer.nextSeq(), flags, me.window(), opts, payload);
    }

    /**
     * The negative control of the unauthenticated options: {@code s} with its sequence number moved
     * half the sequence space away, so no window can contain it (RFC 9293 3.10.7.4: an unacceptable
     * segment is answered with an ACK and otherwise dropped, options included).
     */
    static TcpSegment outOfWindow(TcpSegment s) {
        return new TcpSegment(s.src(), s.dst(), s.srcPort(), s.dstPort(), (s.seq() + 0x8000_0000L) & 0xffffffffL,
                s.ack(), s.flags(), s.window(), s.options(), s.payload());
    }

    /** The in-window forged segment, or its out-of-window control. */
    static TcpSegment inWindowOrControl(AttackContext ctx, boolean fromClient, MptcpOption option) {
        TcpSegment s = inWindow(ctx.fresh(), fromClient, TcpSegment.ACK, option, Bytes.empty());
        return ctx.wrongKeys() ? outOfWindow(s) : s;
    }

    static OptionalLong some(long v) {
        return OptionalLong.of(v);
    }

    private static void put32(byte[] b, int at, long v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
