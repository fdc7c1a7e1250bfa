package org.mptcpverify.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The namespaces, the Linux MPTCP applications and the attacker's raw socket work together. */
class PlumbingTest {
    @Test
    void attackerSeesTheClientsMptcpSynAndTopologyIsRemoved() throws Exception {
        KernelAssumptions.assumeKernelAvailable();
        List<RawFrame> frames = new ArrayList<>();
        String id;
        try (Topology topo = Topology.create()) {
            id = topo.id();
            try (PacketSocket sock = PacketSocket.open(topo.attacker(), Topology.IFACE)) {
                sock.startReader(f -> {
                    synchronized (frames) {
                        frames.add(f);
                    }
                });
                MptcpApp server = MptcpApp.server(topo, 5001);
                assertTrue(server.awaitEvent("listening", 30_000).isPresent(), server::stderr);
                MptcpApp client = MptcpApp.client(topo, Topology.SERVER.getHostAddress(), 5001);
                assertTrue(client.awaitEvent("connected", 30_000).isPresent(), client::stderr);
                byte[] hello = "hello kernel".getBytes(StandardCharsets.US_ASCII);
                client.send(hello);
                assertTrue(server.awaitEvent("data", 30_000).isPresent(), server::stderr);
                assertArrayEquals(hello, server.received());
                Thread.sleep(100);
            }
        }
        synchronized (frames) {
            // An IPv4 TCP SYN from the client MAC carrying option kind 30 (MP_CAPABLE).
            boolean sawMpCapableSyn = frames.stream().map(RawFrame::data).anyMatch(f ->
                    f.length > 54 && (f[12] & 0xff) == 0x08 && f[13] == 0 && f[23] == 6
                            && (f[14 + 20 + 13] & 0x12) == 0x02 && containsOption30(f));
            assertTrue(sawMpCapableSyn, "no MP_CAPABLE SYN among " + frames.size() + " frames");
            assertFalse(frames.stream().anyMatch(RawFrame::outgoing), "attacker sent nothing");
        }
        String left = Commands.run("ip", "netns", "list");
        assertFalse(left.contains(id), "namespaces left behind: " + left);
    }

    private static boolean containsOption30(byte[] f) {
        int tcp = 14 + 20;
        int hlen = ((f[tcp + 12] & 0xff) >> 4) * 4;
        for (int i = tcp + 20; i < tcp + hlen; ) {
            int kind = f[i] & 0xff;
            if (kind == 0) return false;
            if (kind == 1) { i++; continue; }
            if (kind == 30) return true;
            i += Math.max(2, f[i + 1] & 0xff);
        }
        return false;
    }

    @Test
    void countersParseMptcpLinesOnly() {
        String netstat = "TcpExt: A B\nTcpExt: 1 2\nMPTcpExt: MPJoinSynRx MPJoinAckRx\nMPTcpExt: 3 4\n";
        KernelCounters c = KernelCounters.parse(netstat);
        assertEquals(3, c.get("MPTcpExtMPJoinSynRx"));
        assertEquals(4, c.get("MPTcpExtMPJoinAckRx"));
        assertEquals(0, c.get("MPTcpExtA"));
    }
}
