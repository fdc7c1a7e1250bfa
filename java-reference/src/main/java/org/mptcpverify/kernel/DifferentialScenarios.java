package org.mptcpverify.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
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
    static final int ADD_ADDR_PORT = 8080;

    /** Kernel-only evidence (the python server's events, MIB counters); absent for the reference. */
    private final Optional<Topology> topo;
    private final Optional<MptcpApp> server;
    private final Responder responder;
    private final KernelPeer peer;
    private final List<KernelObservation> log = new ArrayList<>();

    DifferentialScenarios(Responder responder, Optional<Topology> topo, Optional<MptcpApp> server, long seed) {
        this.topo = topo;
        this.server = server;
        this.responder = responder;
        this.peer = new KernelPeer(responder, Topology.FORGED, Topology.SERVER, PORT, seed);
    }

    /** Plays every scenario against {@code responder} and returns what it answered. */
    public static List<KernelObservation> play(Responder responder, long seed) throws IOException {
        DifferentialScenarios d = new DifferentialScenarios(responder, Optional.empty(), Optional.empty(), seed);
        d.playAll();
        return List.copyOf(d.log);
    }

    private void playAll() throws IOException {
        mpCapableHandshake();
        joinUnknownToken();
        joinBadHmac();
        goodJoin();
        joinBeyondLimit();
        halfOpenJoins();
        addAddrBadHmac();
        fastcloseWrongKey();
        addAddrWithPort();
        rstOnInitialSubflow();
        fastcloseOnRst();
        removeAddr();
        mpPrio();
        fallbackAtThirdAck();
    }

    /** Builds a topology and a server, runs every scenario, tears down; returns the observations. */
    public static List<KernelObservation> runAll(long seed) throws IOException {
        try (Topology topo = Topology.create();
             Wiretap tap = Wiretap.open(topo.attacker(), Topology.IFACE, Topology.ATTACKER_MAC)) {
            MptcpApp server = MptcpApp.multiServer(topo, PORT);
            if (server.awaitEvent("listening", 5_000).isEmpty()) {
                throw new IOException("kernel server did not start: " + server.stderr());
            }
            DifferentialScenarios d = new DifferentialScenarios(Responder.kernel(tap, Topology.SERVER_MAC),
                    Optional.of(topo), Optional.of(server), seed);
            d.playAll();
            return List.copyOf(d.log);
        }
    }

    private void record(String scenario, String step, KernelReply reply, String note) {
        log.add(new KernelObservation(scenario, step, reply, note));
    }

    private int accepted() {
        return server.map(s -> (int) s.events().stream()
                .filter(e -> "accepted".equals(e.path("event").asText())).count()).orElse(0);
    }

    private void awaitApp(java.util.function.Predicate<JsonNode> p, long ms) {
        server.ifPresent(s -> s.await(p, ms));
    }

    private String counters(Optional<KernelCounters> before) throws IOException {
        if (topo.isEmpty() || before.isEmpty()) {
            return "";
        }
        return "server counters: " + KernelCounters.read(topo.get().server()).since(before.get());
    }

    private Optional<KernelCounters> countersNow() throws IOException {
        return topo.isEmpty() ? Optional.empty() : Optional.of(KernelCounters.read(topo.get().server()));
    }

    /** Application-level outcome for connection {@code conn} since event {@code mark}, kernel only. */
    private String appOutcome(int conn, int mark, long waitMs) {
        if (server.isEmpty()) {
            return "";
        }
        Optional<JsonNode> ended = server.get().awaitFrom(mark, e -> e.path("conn").asInt() == conn
                && ("error".equals(e.path("event").asText()) || "eof".equals(e.path("event").asText())), waitMs);
        return "server application: " + ended.map(e -> e.path("event").asText()
                + (e.has("name") ? " " + e.path("name").asText() : "")).orElse("connection still open");
    }

    private int appMark() {
        return server.map(MptcpApp::eventCount).orElse(0);
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
        awaitApp(e -> accepted() > before, REPLY_MS);
        record("mp-capable-v1", "third ACK + MP_CAPABLE (both keys)", third,
                server.isEmpty() ? "" : "server application accepted: " + (accepted() > before));
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

    /**
     * join-dos on the wire: three SYN + MP_JOIN for one connection that are never completed (the
     * token is all they need), then a legitimate join on the same connection.
     */
    void halfOpenJoins() throws IOException {
        KernelPeer.Connection c = peer.connect(peer.nextKey());
        for (int i = 1; i <= 3; i++) {
            KernelReply r = peer.halfOpenJoin(c.serverToken(), REPLY_MS);
            record("half-open-joins", "lone SYN + MP_JOIN " + i + " of 3, never completed", r,
                    i == 3 ? halfOpenAtServer() : "");
        }
        KernelPeer.JoinResult j = peer.join(c, c.serverToken(), false, REPLY_MS);
        record("half-open-joins", "then a legitimate join: SYN + MP_JOIN", j.synReply(), "HMAC-B valid: " + j.hmacBValid());
        j.ackReply().ifPresent(r -> record("half-open-joins", "then a legitimate join: third ACK", r, ""));
    }

    /** Kernel only: the server's TCP sockets in SYN-RECV (request sockets), as `ss` lists them. */
    private String halfOpenAtServer() throws IOException {
        if (topo.isEmpty()) {
            return "";
        }
        String ss = Commands.runIn(topo.get().server(), "ss", "-Htn", "state", "syn-recv");
        long n = ss.lines().filter(l -> !l.isBlank()).count();
        return "server sockets in SYN-RECV: " + n;
    }

    void addAddrBadHmac() throws IOException {
        KernelPeer.Connection c = peer.connect(peer.nextKey());
        Optional<KernelCounters> before = countersNow();
        KernelReply bad = peer.onSubflow(c, KernelPeer.addAddr(c, 3, Topology.FORGED_2, true),
                t -> t.dst().equals(Topology.FORGED_2) || (t.dst().equals(Topology.FORGED) && t.dstPort() == c.subflow().port()),
                SILENCE_MS);
        record("add-addr-bad-hmac", "ACK + ADD_ADDR " + Topology.FORGED_2.getHostAddress() + ", HMAC with one bit flipped",
                bad, counters(before));
        before = countersNow();
        KernelReply good = peer.onSubflow(c, KernelPeer.addAddr(c, 4, Topology.FORGED_2, false),
                t -> t.dst().equals(Topology.FORGED_2) || (t.dst().equals(Topology.FORGED) && t.dstPort() == c.subflow().port()),
                REPLY_MS);
        record("add-addr-bad-hmac", "control: ACK + ADD_ADDR " + Topology.FORGED_2.getHostAddress() + ", correct HMAC",
                good, counters(before));
        Optional<TcpSegment> join = responder.await(0, t -> t.dst().equals(Topology.FORGED_2) && t.has(TcpSegment.SYN),
                REPLY_MS);
        record("add-addr-bad-hmac", "control: (nothing sent) the server's own segment to "
                + Topology.FORGED_2.getHostAddress(), join.map(KernelReply::of).orElse(KernelReply.silence()),
                join.flatMap(x -> KernelReply.of(x).option(MptcpOption.MpJoinSyn.class))
                        .map(m -> m.receiverToken() == token(c.clientKey()) ? "MP_JOIN token = token(peer key)"
                                : "MP_JOIN token is not the peer's").orElse(""));
    }

    void fastcloseWrongKey() throws IOException {
        int before = accepted();
        KernelPeer.Connection c = peer.connect(peer.nextKey());
        awaitApp(e -> accepted() > before, REPLY_MS);
        int conn = before + 1;
        int mark = appMark();
        KernelReply wrong = peer.onSubflow(c, new MptcpOption.MpFastClose(0, c.serverKey() ^ 1),
                t -> t.dst().equals(Topology.FORGED) && t.dstPort() == c.subflow().port(), SILENCE_MS);
        record("fastclose-wrong-key", "ACK + MP_FASTCLOSE, receiver key with one bit flipped", wrong,
                appOutcome(conn, mark, 100));
        mark = appMark();
        KernelReply right = peer.onSubflow(c, new MptcpOption.MpFastClose(0, c.serverKey()),
                t -> t.dst().equals(Topology.FORGED) && t.dstPort() == c.subflow().port(), REPLY_MS);
        record("fastclose-wrong-key", "control: ACK + MP_FASTCLOSE, correct receiver key", right,
                appOutcome(conn, mark, REPLY_MS));
    }

    /** Segments to the peer on subflow {@code sf}. */
    private static Predicate<TcpSegment> on(KernelPeer.Subflow sf) {
        return t -> t.dst().equals(Topology.FORGED) && t.dstPort() == sf.port();
    }

    /** A connection with one established join (the peer's address id {@link KernelPeer#JOIN_ADDRESS_ID}). */
    private record Joined(KernelPeer.Connection conn, KernelPeer.Subflow join, int appConn) {}

    private Joined connectAndJoin() throws IOException {
        int before = accepted();
        KernelPeer.Connection c = peer.connect(peer.nextKey());
        awaitApp(e -> accepted() > before, REPLY_MS);
        KernelPeer.JoinResult j = peer.join(c, c.serverToken(), false, REPLY_MS);
        if (j.ackReply().map(r -> r.kind() != KernelReply.Kind.ACK).orElse(true)) {
            throw new IOException("set-up join was not accepted: " + j);
        }
        return new Joined(c, j.subflow().orElseThrow(), before + 1);
    }

    /**
     * RFC 8684 3.4.1: the ADD_ADDR HMAC covers id, address and port. The peer announces 10.1.0.67
     * port 8080, once with the HMAC over port 0 (how the reference used to read it), then over 8080.
     */
    void addAddrWithPort() throws IOException {
        KernelPeer.Connection c = peer.connect(peer.nextKey());
        Predicate<TcpSegment> reply = t -> (t.dst().equals(Topology.FORGED_2) && t.dstPort() == ADD_ADDR_PORT)
                || (t.dst().equals(Topology.FORGED) && t.dstPort() == c.subflow().port());
        Optional<KernelCounters> before = countersNow();
        KernelReply zero = peer.onSubflow(c, KernelPeer.addAddrWithPort(c, 5, Topology.FORGED_2, ADD_ADDR_PORT,
                OptionalInt.empty()), reply, SILENCE_MS);
        record("add-addr-port", "ACK + ADD_ADDR 10.1.0.67:" + ADD_ADDR_PORT + ", HMAC over port 0", zero, counters(before));
        before = countersNow();
        int mark = responder.mark();
        KernelReply real = peer.onSubflow(c, KernelPeer.addAddrWithPort(c, 6, Topology.FORGED_2, ADD_ADDR_PORT,
                OptionalInt.of(ADD_ADDR_PORT)), reply, REPLY_MS);
        Optional<TcpSegment> join = responder.await(mark, t -> t.dst().equals(Topology.FORGED_2)
                && t.has(TcpSegment.SYN), topo.isPresent() ? REPLY_MS : 0);
        record("add-addr-port", "control: ACK + ADD_ADDR 10.1.0.67:" + ADD_ADDR_PORT + ", HMAC over the port", real,
                counters(before) + join.map(t -> "; server's join goes to port " + t.dstPort()).orElse(""));
    }

    /**
     * A plain RST on the initial subflow of a connection that has a join; then a valid MP_FASTCLOSE
     * on the join shows whether the connection lived on (the server resets the join) or not (silence).
     */
    void rstOnInitialSubflow() throws IOException {
        Joined j = connectAndJoin();
        int mark = appMark();
        KernelReply rst = peer.onSubflow(j.conn().subflow(), TcpSegment.RST, List.of(), on(j.join()), SILENCE_MS);
        record("rst-initial-subflow", "RST on the initial subflow (connection has one join)", rst,
                appOutcome(j.appConn(), mark, 100) + mptcpInfo(j.appConn()));
        KernelReply fc = peer.onSubflow(j.join(), TcpSegment.ACK,
                List.of(new MptcpOption.MpFastClose(0, j.conn().serverKey())), on(j.join()), REPLY_MS);
        record("rst-initial-subflow", "then ACK + MP_FASTCLOSE (correct key) on the join", fc, "");
    }

    /** MP_FASTCLOSE carried on a RST of the initial subflow: with a wrong key, then (new connection) the right one. */
    void fastcloseOnRst() throws IOException {
        Joined wrong = connectAndJoin();
        Optional<KernelCounters> before = countersNow();
        int mark = appMark();
        KernelReply w = peer.onSubflow(wrong.conn().subflow(), TcpSegment.RST,
                List.of(new MptcpOption.MpFastClose(0, wrong.conn().serverKey() ^ 1)), on(wrong.join()), SILENCE_MS);
        record("fastclose-on-rst", "RST + MP_FASTCLOSE (key one bit off) on the initial subflow", w,
                appOutcome(wrong.appConn(), mark, 100) + " " + counters(before));
        Joined right = connectAndJoin();
        before = countersNow();
        mark = appMark();
        KernelReply r = peer.onSubflow(right.conn().subflow(), TcpSegment.RST,
                List.of(new MptcpOption.MpFastClose(0, right.conn().serverKey())), on(right.join()), REPLY_MS);
        record("fastclose-on-rst", "control: RST + MP_FASTCLOSE (correct key) on the initial subflow", r,
                appOutcome(right.appConn(), mark, REPLY_MS) + " " + counters(before));
    }

    /** REMOVE_ADDR of an id no subflow has, then of the id the join carried. */
    void removeAddr() throws IOException {
        Joined j = connectAndJoin();
        Optional<KernelCounters> before = countersNow();
        KernelReply none = peer.onSubflow(j.conn().subflow(), TcpSegment.ACK,
                List.of(new MptcpOption.RemoveAddr(List.of(9))), on(j.join()), SILENCE_MS);
        // the close of the join (FIN or RST) is what REMOVE_ADDR is for; Linux sends an ACK before it
        record("remove-addr", "ACK + REMOVE_ADDR(9), an id no subflow has", none, counters(before));
        before = countersNow();
        KernelReply rm = peer.onSubflow(j.conn().subflow(), TcpSegment.ACK,
                List.of(new MptcpOption.RemoveAddr(List.of(KernelPeer.JOIN_ADDRESS_ID))),
                on(j.join()).and(t -> t.has(TcpSegment.FIN) || t.has(TcpSegment.RST)), REPLY_MS);
        record("remove-addr", "ACK + REMOVE_ADDR(" + KernelPeer.JOIN_ADDRESS_ID + "), the join's address id: its close", rm,
                counters(before) + mptcpInfo(j.appConn()));
    }

    /** MP_PRIO(backup) on the join: no reply is due; the kernel's subflow flags (ss) and MPTcpExtMPPrioRx show it. */
    void mpPrio() throws IOException {
        Joined j = connectAndJoin();
        Optional<KernelCounters> before = countersNow();
        KernelReply p = peer.onSubflow(j.join(), TcpSegment.ACK,
                List.of(new MptcpOption.MpPrio(true, OptionalInt.empty())), on(j.join()), SILENCE_MS);
        record("mp-prio", "ACK + MP_PRIO(backup) on the join", p, counters(before) + subflowFlags(j.join()));
    }

    /**
     * Kernel only: the server's `ss` MPTCP subflow flags of the peer's subflow {@code sf} (iproute2:
     * J joined by the peer, B backup requested by the peer, e fully established, c connected).
     */
    private String subflowFlags(KernelPeer.Subflow sf) throws IOException {
        if (topo.isEmpty()) {
            return "";
        }
        String ss = Commands.runIn(topo.get().server(), "ss", "-HtniO", "state", "established");
        return ss.lines().filter(l -> l.contains(Topology.FORGED.getHostAddress() + ":" + sf.port()))
                .map(l -> l.replaceAll(".*tcp-ulp-mptcp (flags:\\S+).*", "; ss subflow $1")).findFirst()
                .orElse("; ss: subflow not listed");
    }

    /**
     * Fallback (RFC 8684 3.7): the peer's third ACK carries no MP_CAPABLE, so the connection is plain
     * TCP; a join with the token of the server's key then finds no connection.
     */
    void fallbackAtThirdAck() throws IOException {
        KernelPeer.SynResult syn = peer.mpCapableSyn(REPLY_MS);
        Optional<MptcpOption.MpCapable> mpc = syn.reply().option(MptcpOption.MpCapable.class);
        if (mpc.isEmpty() || mpc.get().senderKey().isEmpty()) {
            record("fallback", "SYN + MP_CAPABLE", syn.reply(), "no MP_CAPABLE SYN/ACK");
            return;
        }
        long serverKey = mpc.get().senderKey().getAsLong();
        KernelPeer.Subflow sf = new KernelPeer.Subflow(syn.port(), syn.isn(), syn.reply().segment().orElseThrow().seq());
        Optional<KernelCounters> before = countersNow();
        KernelReply third = peer.exchange(peer.segment(sf.port(), sf.seq(), sf.ack(), TcpSegment.ACK, List.of(),
                org.mptcpverify.wire.Bytes.empty()), SILENCE_MS);
        record("fallback", "third ACK without MP_CAPABLE", third, counters(before));
        KernelPeer.Connection c = new KernelPeer.Connection(sf, peer.nextKey(), serverKey);
        KernelPeer.JoinResult j = peer.join(c, c.serverToken(), false, REPLY_MS);
        record("fallback", "then SYN + MP_JOIN with the token of the server's key", j.synReply(), "");
    }

    /** Kernel only: the application's MPTCP_INFO for connection {@code conn}. */
    private String mptcpInfo(int conn) {
        if (server.isEmpty()) {
            return "";
        }
        int mark = appMark();
        server.get().command("info " + conn);
        return server.get().awaitFrom(mark, e -> "info".equals(e.path("event").asText()) && e.path("conn").asInt() == conn, REPLY_MS)
                .map(e -> "; MPTCP_INFO " + e.path("info")).orElse("");
    }

    static int token(long key) {
        return MptcpCrypto.token(KernelPeer.V1, key);
    }
}
