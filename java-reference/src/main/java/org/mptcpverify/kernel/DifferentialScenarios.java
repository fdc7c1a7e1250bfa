package org.mptcpverify.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/**
 * The segment sequences of the differential tests, played by the Java {@link KernelPeer} against
 * the kernel server (a multi-connection python MPTCP server), each step's reply recorded. The
 * same sequences are meant for the reference server; see docs/kernel.md.
 */
public final class DifferentialScenarios {
    static final int PORT = 5301;
    /** How long a step waits before calling the kernel silent. */
    static final long SILENCE_MS = 400;
    static final long REPLY_MS = 1_000;

    private final Topology topo;
    private final KernelPeer peer;
    private final MptcpApp server;
    private final Wiretap tap;
    private final List<KernelObservation> log = new ArrayList<>();

    DifferentialScenarios(Topology topo, Wiretap tap, MptcpApp server, long seed) {
        this.topo = topo;
        this.server = server;
        this.tap = tap;
        this.peer = new KernelPeer(tap, Topology.FORGED, Topology.SERVER, PORT, seed);
    }

    /** Builds a topology and a server, runs every scenario, tears down; returns the observations. */
    public static List<KernelObservation> runAll(long seed) throws IOException {
        try (Topology topo = Topology.create();
             Wiretap tap = Wiretap.open(topo.attacker(), Topology.IFACE, Topology.ATTACKER_MAC)) {
            MptcpApp server = MptcpApp.multiServer(topo, PORT);
            if (server.awaitEvent("listening", 3_000).isEmpty()) {
                throw new IOException("kernel server did not start: " + server.stderr());
            }
            DifferentialScenarios d = new DifferentialScenarios(topo, tap, server, seed);
            d.mpCapableHandshake();
            d.joinUnknownToken();
            d.joinBadHmac();
            d.goodJoin();
            d.joinBeyondLimit();
            d.addAddrBadHmac();
            d.fastcloseWrongKey();
            return List.copyOf(d.log);
        }
    }

    private void record(String scenario, String step, KernelReply reply, String note) {
        log.add(new KernelObservation(scenario, step, reply, note));
    }

    private int accepted() {
        return (int) server.events().stream().filter(e -> "accepted".equals(e.path("event").asText())).count();
    }

    void mpCapableHandshake() throws IOException {
        int before = accepted();
        KernelPeer.SynResult syn = peer.mpCapableSyn(REPLY_MS);
        record("mp-capable-v1", "SYN + MP_CAPABLE v1 (flag H)", syn.reply(), "");
        Optional<MptcpOption.MpCapable> mpc = syn.reply().option(MptcpOption.MpCapable.class);
        if (mpc.isEmpty() || mpc.get().senderKey().isEmpty()) {
            return;
        }
        long key = peer.nextKey();
        long serverKey = mpc.get().senderKey().getAsLong();
        KernelPeer.Subflow sf = new KernelPeer.Subflow(syn.port(), syn.isn(), syn.reply().segment().orElseThrow().seq());
        KernelReply third = peer.exchange(peer.segment(sf.port(), sf.seq(), sf.ack(), TcpSegment.ACK,
                List.of(MptcpOption.MpCapable.withKeys(1, MptcpOption.FLAG_H_HMAC, key, serverKey)),
                org.mptcpverify.wire.Bytes.empty()), SILENCE_MS);
        server.await(e -> accepted() > before, REPLY_MS);
        record("mp-capable-v1", "third ACK + MP_CAPABLE (both keys)", third,
                "server application accepted: " + (accepted() > before));
    }

    void joinUnknownToken() throws IOException {
        KernelPeer.Connection c = peer.connect(peer.nextKey());
        KernelPeer.JoinResult j = peer.join(c, c.serverToken() ^ 0x5a5a5a5a, false, REPLY_MS);
        record("join-unknown-token", "SYN + MP_JOIN, token no connection has", j.synReply(), "");
    }

    void joinBadHmac() throws IOException {
        KernelPeer.Connection c = peer.connect(peer.nextKey());
        KernelPeer.JoinResult j = peer.join(c, c.serverToken(), true, REPLY_MS);
        record("join-bad-hmac", "SYN + MP_JOIN, known token", j.synReply(), "HMAC-B valid: " + j.hmacBValid());
        j.ackReply().ifPresent(r -> record("join-bad-hmac", "third ACK + MP_JOIN, HMAC-A with one bit flipped", r, ""));
    }

    void goodJoin() throws IOException {
        KernelPeer.Connection c = peer.connect(peer.nextKey());
        KernelPeer.JoinResult j = peer.join(c, c.serverToken(), false, REPLY_MS);
        record("good-join", "SYN + MP_JOIN, known token", j.synReply(), "HMAC-B valid: " + j.hmacBValid());
        j.ackReply().ifPresent(r -> record("good-join", "third ACK + MP_JOIN, correct HMAC-A", r, ""));
    }

    /** The server allows 2 additional subflows per connection (ip mptcp limits), so join 3 is one too many. */
    void joinBeyondLimit() throws IOException {
        KernelPeer.Connection c = peer.connect(peer.nextKey());
        for (int i = 1; i <= 3; i++) {
            KernelPeer.JoinResult j = peer.join(c, c.serverToken(), false, REPLY_MS);
            String n = "join " + i + " of 3 (limit: 2 subflows)";
            record("join-beyond-limit", "SYN + MP_JOIN, " + n, j.synReply(), "");
            final int k = i;
            j.ackReply().ifPresent(r -> record("join-beyond-limit", "third ACK + MP_JOIN, " + "join " + k, r, ""));
        }
    }

    void addAddrBadHmac() throws IOException {
        KernelPeer.Connection c = peer.connect(peer.nextKey());
        KernelCounters before = KernelCounters.read(topo.server());
        KernelReply bad = peer.onSubflow(c, KernelPeer.addAddr(c, 3, Topology.FORGED_2, true),
                t -> t.dst().equals(Topology.FORGED_2) || (t.dst().equals(Topology.FORGED) && t.dstPort() == c.subflow().port()),
                SILENCE_MS);
        record("add-addr-bad-hmac", "ACK + ADD_ADDR " + Topology.FORGED_2.getHostAddress() + ", HMAC with one bit flipped",
                bad, "server counters: " + KernelCounters.read(topo.server()).since(before));
        before = KernelCounters.read(topo.server());
        KernelReply good = peer.onSubflow(c, KernelPeer.addAddr(c, 4, Topology.FORGED_2, false),
                t -> t.dst().equals(Topology.FORGED_2) || (t.dst().equals(Topology.FORGED) && t.dstPort() == c.subflow().port()),
                REPLY_MS);
        record("add-addr-bad-hmac", "control: ACK + ADD_ADDR " + Topology.FORGED_2.getHostAddress() + ", correct HMAC",
                good, "server counters: " + KernelCounters.read(topo.server()).since(before));
        Optional<Wiretap.Seen> join = tap.await(0, t -> t.dst().equals(Topology.FORGED_2) && t.has(TcpSegment.SYN),
                REPLY_MS);
        record("add-addr-bad-hmac", "control: (nothing sent) the server's own segment to "
                + Topology.FORGED_2.getHostAddress(), join.map(x -> KernelReply.of(x.segment())).orElse(KernelReply.silence()),
                join.flatMap(x -> KernelReply.of(x.segment()).option(MptcpOption.MpJoinSyn.class))
                        .map(m -> m.receiverToken() == token(c.clientKey()) ? "MP_JOIN token = token(peer key)"
                                : "MP_JOIN token is not the peer's").orElse(""));
    }

    void fastcloseWrongKey() throws IOException {
        int before = accepted();
        KernelPeer.Connection c = peer.connect(peer.nextKey());
        server.await(e -> accepted() > before, REPLY_MS);
        int conn = before + 1;
        int mark = server.eventCount();
        KernelReply wrong = peer.onSubflow(c, new MptcpOption.MpFastClose(0, c.serverKey() ^ 1),
                t -> t.dst().equals(Topology.FORGED) && t.dstPort() == c.subflow().port(), SILENCE_MS);
        Optional<JsonNode> ended = server.awaitFrom(mark, e -> e.path("conn").asInt() == conn
                && ("error".equals(e.path("event").asText()) || "eof".equals(e.path("event").asText())), 100);
        record("fastclose-wrong-key", "ACK + MP_FASTCLOSE, receiver key with one bit flipped", wrong,
                "server application: " + ended.map(e -> e.path("event").asText()).orElse("connection still open"));
        mark = server.eventCount();
        KernelReply right = peer.onSubflow(c, new MptcpOption.MpFastClose(0, c.serverKey()),
                t -> t.dst().equals(Topology.FORGED) && t.dstPort() == c.subflow().port(), REPLY_MS);
        ended = server.awaitFrom(mark, e -> e.path("conn").asInt() == conn
                && ("error".equals(e.path("event").asText()) || "eof".equals(e.path("event").asText())), REPLY_MS);
        record("fastclose-wrong-key", "control: ACK + MP_FASTCLOSE, correct receiver key", right,
                "server application: " + ended.map(e -> e.path("event").asText() + " " + e.path("name").asText())
                        .orElse("connection still open"));
    }

    static int token(long key) {
        return MptcpCrypto.token(KernelPeer.V1, key);
    }
}
