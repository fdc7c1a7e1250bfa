package org.mptcpverify.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.mptcpverify.crypto.HashAlg;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/**
 * A minimal MPTCP v1 client written with the reference codec, speaking raw segments from the
 * attacker's forged address to a server (the kernel, or the reference endpoint): the Java side of
 * the differential tests. It sends exactly the segments a scenario prescribes and reports the
 * server's reply to each.
 */
public final class KernelPeer {
    static final HashAlg V1 = HashAlg.SHA256;
    private final Responder server0;
    private final InetAddress self;
    private final InetAddress server;
    private final int serverPort;
    private final SplittableRandom random;

    public KernelPeer(Responder responder, InetAddress self, InetAddress server, int serverPort, long seed) {
        this.server0 = responder;
        this.self = self;
        this.server = server;
        this.serverPort = serverPort;
        this.random = new SplittableRandom(seed);
    }

    /** One TCP subflow opened by the peer: its port and both sides' sequence numbers. */
    public record Subflow(int port, long isn, long serverIsn) {
        long seq() {
            return (isn + 1) & 0xffffffffL;
        }

        long ack() {
            return (serverIsn + 1) & 0xffffffffL;
        }
    }

    /** An MPTCP connection the peer opened: its subflow and the two keys. */
    public record Connection(Subflow subflow, long clientKey, long serverKey) {
        int serverToken() {
            return MptcpCrypto.token(V1, serverKey);
        }
    }

    int newPort() {
        return 20_000 + random.nextInt(20_000);
    }

    long newIsn() {
        return random.nextLong() & 0xffffffffL;
    }

    int nextInt() {
        return random.nextInt();
    }

    long nextKey() {
        return random.nextLong();
    }

    /**
     * Sends {@code s} and returns the kernel's first segment to (self, s.srcPort) within
     * {@code waitMs}, or silence.
     */
    public KernelReply exchange(TcpSegment s, long waitMs) throws IOException {
        return exchange(s, t -> t.dst().equals(self) && t.dstPort() == s.srcPort(), waitMs);
    }

    public KernelReply exchange(TcpSegment s, Predicate<TcpSegment> reply, long waitMs) throws IOException {
        int mark = server0.mark();
        server0.send(s);
        Optional<TcpSegment> r = server0.await(mark, reply, waitMs);
        return r.map(KernelReply::of).orElse(KernelReply.silence());
    }

    TcpSegment segment(int port, long seq, long ack, int flags, List<MptcpOption> mptcp, Bytes payload) {
        List<TcpSegment.TcpOption> opts = new java.util.ArrayList<>();
        if ((flags & TcpSegment.SYN) != 0) {
            opts.add(Forge.mss(1460));
        }
        mptcp.forEach(o -> opts.add(Forge.mptcp(o)));
        return new TcpSegment(self, server, port, serverPort, seq, ack, flags, Forge.WINDOW, opts, payload);
    }

    /** SYN + MP_CAPABLE v1 (flag H); returns the reply and the chosen port and ISN. */
    public record SynResult(KernelReply reply, int port, long isn) {}

    public SynResult mpCapableSyn(long waitMs) throws IOException {
        int port = newPort();
        long isn = newIsn();
        KernelReply r = exchange(segment(port, isn, 0, TcpSegment.SYN,
                List.of(MptcpOption.MpCapable.syn(1, MptcpOption.FLAG_H_HMAC)), Bytes.empty()), waitMs);
        return new SynResult(r, port, isn);
    }

    /** Opens an MPTCP connection: SYN, the kernel's SYN/ACK, third ACK with both keys. */
    public Connection connect(long clientKey) throws IOException {
        SynResult syn = mpCapableSyn(1_000);
        Optional<MptcpOption.MpCapable> mpc = syn.reply().option(MptcpOption.MpCapable.class);
        if (syn.reply().kind() != KernelReply.Kind.SYN_ACK || mpc.isEmpty() || mpc.get().senderKey().isEmpty()) {
            throw new IOException("kernel did not answer SYN + MP_CAPABLE with its key: " + syn.reply());
        }
        Subflow sf = new Subflow(syn.port(), syn.isn(), syn.reply().segment().orElseThrow().seq());
        long serverKey = mpc.get().senderKey().getAsLong();
        server0.send(segment(sf.port(), sf.seq(), sf.ack(), TcpSegment.ACK,
                List.of(MptcpOption.MpCapable.withKeys(1, MptcpOption.FLAG_H_HMAC, clientKey, serverKey)),
                Bytes.empty()));
        return new Connection(sf, clientKey, serverKey);
    }

    /** The outcome of a join attempt: the SYN's reply, and the third ACK's reply if it got that far. */
    public record JoinResult(KernelReply synReply, Optional<KernelReply> ackReply, boolean hmacBValid,
                             Optional<Subflow> subflow) {}

    /**
     * SYN + MP_JOIN with {@code token}; on a SYN/ACK, a third ACK with the HMAC computed from
     * {@code keys} (or a corrupted one when {@code corruptHmac}).
     */
    public JoinResult join(Connection c, int token, boolean corruptHmac, long waitMs) throws IOException {
        int port = newPort();
        long isn = newIsn();
        int randomA = nextInt();
        KernelReply r = exchange(segment(port, isn, 0, TcpSegment.SYN,
                List.of(new MptcpOption.MpJoinSyn(0, JOIN_ADDRESS_ID, token, randomA)), Bytes.empty()), waitMs);
        Optional<MptcpOption.MpJoinSynAck> sa = r.option(MptcpOption.MpJoinSynAck.class);
        if (r.kind() != KernelReply.Kind.SYN_ACK || sa.isEmpty()) {
            return new JoinResult(r, Optional.empty(), false, Optional.empty());
        }
        boolean valid = MptcpCrypto.constantTimeEquals(sa.get().truncatedHmac(),
                MptcpCrypto.joinSynAckHmac(V1, c.serverKey(), c.clientKey(), sa.get().senderRandom(), randomA));
        byte[] hmac = MptcpCrypto.joinAckHmac(V1, c.clientKey(), c.serverKey(), randomA, sa.get().senderRandom())
                .toArray();
        if (corruptHmac) {
            hmac[0] ^= 0x01;
        }
        Subflow sf = new Subflow(port, isn, r.segment().orElseThrow().seq());
        KernelReply ack = exchange(segment(port, sf.seq(), sf.ack(), TcpSegment.ACK,
                List.of(new MptcpOption.MpJoinAck(Bytes.of(hmac))), Bytes.empty()), waitMs);
        return new JoinResult(r, Optional.of(ack), valid, Optional.of(sf));
    }

    /** A lone SYN + MP_JOIN with {@code token} that the peer never completes (half-open state). */
    public KernelReply halfOpenJoin(int token, long waitMs) throws IOException {
        return exchange(segment(newPort(), newIsn(), 0, TcpSegment.SYN,
                List.of(new MptcpOption.MpJoinSyn(0, 2, token, nextInt())), Bytes.empty()), waitMs);
    }

    /** The MP_JOIN address id this peer sends in its joins. */
    static final int JOIN_ADDRESS_ID = 2;

    /** A segment with {@code flags} and {@code options} on {@code sf}, in window, waiting for a reply matching {@code reply}. */
    public KernelReply onSubflow(Subflow sf, int flags, List<MptcpOption> options, Predicate<TcpSegment> reply,
                                 long waitMs) throws IOException {
        return exchange(segment(sf.port(), sf.seq(), (flags & TcpSegment.ACK) != 0 ? sf.ack() : 0, flags, options,
                Bytes.empty()), reply, waitMs);
    }

    /** An ACK on the connection's first subflow carrying {@code option}, in window. */
    public KernelReply onSubflow(Connection c, MptcpOption option, Predicate<TcpSegment> reply, long waitMs)
            throws IOException {
        return exchange(segment(c.subflow().port(), c.subflow().seq(), c.subflow().ack(), TcpSegment.ACK,
                List.of(option), Bytes.empty()), reply, waitMs);
    }

    /** ADD_ADDR v1 of {@code address} with the HMAC from the connection's keys (peer = sender). */
    public static MptcpOption.AddAddr addAddr(Connection c, int id, InetAddress address, boolean corrupt) {
        long hmac = MptcpCrypto.addAddrHmac(V1, c.clientKey(), c.serverKey(), id, address, OptionalInt.empty());
        return new MptcpOption.AddAddr(1, 0, id, address, OptionalInt.empty(),
                java.util.OptionalLong.of(corrupt ? hmac ^ 1 : hmac));
    }

    /**
     * ADD_ADDR v1 of {@code address} and {@code port}; the HMAC covers {@code hmacPort} (the real port
     * for RFC 8684 3.4.1, or none to reproduce the old reference's reading).
     */
    public static MptcpOption.AddAddr addAddrWithPort(Connection c, int id, InetAddress address, int port,
                                                      OptionalInt hmacPort) {
        long hmac = MptcpCrypto.addAddrHmac(V1, c.clientKey(), c.serverKey(), id, address, hmacPort);
        return new MptcpOption.AddAddr(1, 0, id, address, OptionalInt.of(port), java.util.OptionalLong.of(hmac));
    }
}
