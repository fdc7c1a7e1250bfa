package org.mptcpverify.kernel;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.mptcpverify.crypto.HashAlg;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/**
 * What a passive attacker learns about one MPTCP connection's initial subflow from captured
 * segments only: endpoints, both keys (v1 sends both in clear in the third ACK), and each
 * direction's latest TCP state (next sequence number, timestamp value, window), which is what
 * an in-window forged segment needs.
 */
public record CapturedConnection(InetAddress client, int clientPort, InetAddress server, int serverPort,
                                 int version, int capableFlags, long clientKey, long serverKey,
                                 Direction fromClient, Direction fromServer) {

    /**
     * One direction of the subflow as seen on the wire.
     *
     * @param isn        initial sequence number (of the SYN)
     * @param nextSeq    sequence number after the highest byte seen (SYN and FIN count one)
     * @param dataBytes  payload bytes sent (nextSeq - isn - 1, without SYN and FIN)
     * @param tsVal      the latest TCP timestamp value sent, if timestamps are in use
     * @param window     the latest window field
     * @param dssEnd     end (DSN + length) of the highest DSS mapping seen, if any
     */
    public record Direction(long isn, long nextSeq, long dataBytes, OptionalLong tsVal, int window,
                            OptionalLong dssEnd) {}

    /**
     * The same connection with both keys replaced by wrong ones (each XORed with {@code mask}):
     * the negative control, an attacker who sees everything except the keys, as under a scheme
     * that keeps keys off the wire.
     */
    public CapturedConnection withWrongKeys(long mask) {
        if (mask == 0) {
            throw new IllegalArgumentException("mask 0 leaves the keys right");
        }
        return new CapturedConnection(client, clientPort, server, serverPort, version, capableFlags,
                clientKey ^ mask, serverKey ^ mask, fromClient, fromServer);
    }

    public HashAlg hash() {
        return HashAlg.forVersion(version);
    }

    public int serverToken() {
        return MptcpCrypto.token(hash(), serverKey);
    }

    public int clientToken() {
        return MptcpCrypto.token(hash(), clientKey);
    }

    /** The next data sequence number the client will send: IDSN(client key) + 1 + bytes sent. */
    public long clientNextDsn() {
        return MptcpCrypto.idsn(hash(), clientKey) + 1 + fromClient.dataBytes;
    }

    public long serverNextDsn() {
        return MptcpCrypto.idsn(hash(), serverKey) + 1 + fromServer.dataBytes;
    }

    public boolean checksumRequired() {
        return (capableFlags & MptcpOption.FLAG_A_CHECKSUM) != 0;
    }

    /**
     * Reconstructs the connection from captured segments: the first MP_CAPABLE SYN, its SYN/ACK
     * and the third ACK carrying both keys; empty until all three were seen.
     */
    public static Optional<CapturedConnection> from(List<Wiretap.Seen> seen) {
        TcpSegment syn = null;
        TcpSegment synAck = null;
        MptcpOption.MpCapable third = null;
        for (Wiretap.Seen s : seen) {
            TcpSegment t = s.segment();
            Optional<MptcpOption.MpCapable> mpc = option(t, MptcpOption.MpCapable.class);
            if (mpc.isEmpty()) {
                continue;
            }
            if (syn == null && t.has(TcpSegment.SYN) && !t.has(TcpSegment.ACK)) {
                syn = t;
            } else if (syn != null && synAck == null && t.has(TcpSegment.SYN) && t.has(TcpSegment.ACK)
                    && reverse(syn, t) && mpc.get().senderKey().isPresent()) {
                synAck = t;
            } else if (synAck != null && third == null && !t.has(TcpSegment.SYN) && sameWay(syn, t)
                    && mpc.get().receiverKey().isPresent()) {
                third = mpc.get();
            }
        }
        if (third == null) {
            return Optional.empty();
        }
        final TcpSegment c = syn;
        final TcpSegment s = synAck;
        Direction up = direction(seen, c);
        Direction down = direction(seen, s);
        return Optional.of(new CapturedConnection(c.src(), c.srcPort(), c.dst(), c.dstPort(),
                third.version(), third.flags(), third.senderKey().getAsLong(),
                third.receiverKey().getAsLong(), up, down));
    }

    static Direction direction(List<Wiretap.Seen> seen, TcpSegment first) {
        long isn = first.seq();
        long next = (isn + 1) & 0xffffffffL;
        long ts = -1;
        int window = first.window();
        long dssEnd = -1;
        for (Wiretap.Seen s : seen) {
            TcpSegment t = s.segment();
            if (!sameWay(first, t)) {
                continue;
            }
            long end = (t.seq() + t.payload().length() + (t.has(TcpSegment.SYN) ? 1 : 0)
                    + (t.has(TcpSegment.FIN) ? 1 : 0)) & 0xffffffffL;
            if (((int) (end - next)) > 0) {
                next = end;
            }
            window = t.window();
            ts = timestamp(t).orElse(ts);
            Optional<MptcpOption.Dss> dss = option(t, MptcpOption.Dss.class);
            if (dss.isPresent() && dss.get().dataSequence().isPresent()
                    && dss.get().dataLevelLength().isPresent()) {
                dssEnd = Math.max(dssEnd, dss.get().dataSequence().getAsLong()
                        + dss.get().dataLevelLength().getAsInt());
            }
        }
        long bytes = (next - isn - 1) & 0xffffffffL;
        return new Direction(isn, next, bytes, ts < 0 ? OptionalLong.empty() : OptionalLong.of(ts),
                window, dssEnd < 0 ? OptionalLong.empty() : OptionalLong.of(dssEnd));
    }

    /** The TSval of a TCP timestamps option (kind 8), if present. */
    static OptionalLong timestamp(TcpSegment t) {
        for (TcpSegment.TcpOption o : t.options()) {
            if (o instanceof TcpSegment.TcpOption.Raw r && r.bytes().length() == 10 && (r.bytes().get(0) & 0xff) == 8) {
                byte[] b = r.bytes().toArray();
                return OptionalLong.of(((b[2] & 0xffL) << 24) | ((b[3] & 0xffL) << 16) | ((b[4] & 0xffL) << 8) | (b[5] & 0xffL));
            }
        }
        return OptionalLong.empty();
    }

    static <T extends MptcpOption> Optional<T> option(TcpSegment t, Class<T> type) {
        for (TcpSegment.TcpOption o : t.options()) {
            if (o instanceof TcpSegment.TcpOption.Mptcp m && type.isInstance(m.option())) {
                return Optional.of(type.cast(m.option()));
            }
        }
        return Optional.empty();
    }

    static boolean sameWay(TcpSegment a, TcpSegment b) {
        return a.src().equals(b.src()) && a.dst().equals(b.dst()) && a.srcPort() == b.srcPort()
                && a.dstPort() == b.dstPort();
    }

    static boolean reverse(TcpSegment a, TcpSegment b) {
        return a.src().equals(b.dst()) && a.dst().equals(b.src()) && a.srcPort() == b.dstPort()
                && a.dstPort() == b.srcPort();
    }
}
