package org.mptcpverify.kernel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/**
 * The router of path 2 turned address translator: every segment the client sends from
 * {@link Topology#CLIENT_2} leaves on path 1 with source {@link Topology#FORGED} (ports, sequence
 * numbers and options untouched, checksums recomputed by the codec), and every segment the server
 * sends to {@code FORGED} on those ports goes back to the client with destination {@code CLIENT_2}.
 * The client's frames are never forwarded as they are, which is the suppression of the original.
 *
 * <p>Negative control ({@code wrongKeys} present): the third ACK's HMAC-A is replaced by the one
 * the attacker computes from those (wrong) keys and the nonces it relayed.
 */
final class JoinRewriter implements AutoCloseable {
    private final Wiretap path1;
    private final Wiretap path2;
    private final Optional<CapturedConnection> wrongKeys;
    private final Set<Integer> ports = ConcurrentHashMap.newKeySet();
    private final List<String> notes = new ArrayList<>();
    private final Thread out;
    private final Thread back;
    private volatile boolean stopped;
    private volatile int randomA;
    private volatile int randomB;

    JoinRewriter(Wiretap path1, Wiretap path2, Optional<CapturedConnection> wrongKeys) {
        this.path1 = path1;
        this.path2 = path2;
        this.wrongKeys = wrongKeys;
        this.out = loop("rewrite-out", path2, path2.size(), this::outbound);
        this.back = loop("rewrite-back", path1, path1.size(), this::inbound);
    }

    private interface Handler {
        void on(TcpSegment t) throws IOException;
    }

    private Thread loop(String name, Wiretap tap, int from, Handler h) {
        Thread t = new Thread(() -> {
            int next = from;
            while (!stopped) {
                Optional<Wiretap.Seen> s = tap.await(next, x -> true, 100);
                if (s.isEmpty()) {
                    continue;
                }
                next = s.get().index() + 1;
                try {
                    h.on(s.get().segment());
                } catch (IOException e) {
                    note("rewriter: " + e.getMessage());
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Client to server, over path 2: forward with the attacker's source address. */
    private void outbound(TcpSegment t) throws IOException {
        if (!t.src().equals(Topology.CLIENT_2)) {
            return;
        }
        List<TcpSegment.TcpOption> options = t.options();
        Optional<MptcpOption.MpJoinSyn> syn = CapturedConnection.option(t, MptcpOption.MpJoinSyn.class);
        if (t.has(TcpSegment.SYN) && syn.isPresent()) {
            ports.add(t.srcPort());
            randomA = syn.get().senderRandom();
            note(String.format("attacker: SYN + MP_JOIN (token %08x, address id %d) from %s:%d suppressed; sent as from %s:%d",
                    syn.get().receiverToken(), syn.get().addressId(), t.src().getHostAddress(), t.srcPort(),
                    Topology.FORGED.getHostAddress(), t.srcPort()));
        } else if (!ports.contains(t.srcPort())) {
            return;
        }
        if (wrongKeys.isPresent() && CapturedConnection.option(t, MptcpOption.MpJoinAck.class).isPresent()) {
            CapturedConnection c = wrongKeys.get();
            MptcpOption forged = new MptcpOption.MpJoinAck(
                    MptcpCrypto.joinAckHmac(c.hash(), c.clientKey(), c.serverKey(), randomA, randomB));
            options = options.stream().map(o -> o instanceof TcpSegment.TcpOption.Mptcp m
                    && m.option() instanceof MptcpOption.MpJoinAck ? Forge.mptcp(forged) : o).toList();
            note("attacker (control): third ACK's HMAC-A replaced by one from the wrong keys");
        }
        path1.send(Topology.SERVER_MAC, new TcpSegment(Topology.FORGED, t.dst(), t.srcPort(), t.dstPort(), t.seq(),
                t.ack(), t.flags(), t.window(), options, t.payload()));
    }

    /** Server to the attacker's address on a translated port: back to the client over path 2. */
    private void inbound(TcpSegment t) throws IOException {
        if (!t.dst().equals(Topology.FORGED) || !ports.contains(t.dstPort())) {
            return;
        }
        CapturedConnection.option(t, MptcpOption.MpJoinSynAck.class).ifPresent(sa -> randomB = sa.senderRandom());
        if (t.has(TcpSegment.RST)) {
            note("server kernel: RST on the translated subflow " + KernelReply.of(t).options());
        }
        path2.send(Topology.CLIENT_MAC_2, new TcpSegment(t.src(), Topology.CLIENT_2, t.srcPort(), t.dstPort(), t.seq(),
                t.ack(), t.flags(), t.window(), t.options(), t.payload()));
    }

    private void note(String line) {
        synchronized (notes) {
            if (!notes.contains(line)) {
                notes.add(line);
            }
        }
    }

    List<String> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }

    @Override
    public void close() {
        stopped = true;
        for (Thread t : List.of(out, back)) {
            try {
                t.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
