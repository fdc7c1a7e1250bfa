package org.mptcpverify.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.mptcpverify.endpoint.ConnPhase;
import org.mptcpverify.endpoint.Connection;
import org.mptcpverify.endpoint.Event;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/**
 * The reference's client role against the kernel server (the other direction of
 * KernelVsReferenceTest, which plays a hand-written client against both servers): connect, join,
 * ADD_ADDR with a port, MP_FASTCLOSE, each judged by the kernel's MIB counters, MPTCP_INFO and its
 * application, and by the reference's own state.
 */
class ReferenceClientVsKernelTest {
    private static final int PORT = 5302;
    private static final long WAIT_MS = 1_500;

    @Test
    void theKernelServerAcceptsTheReferenceClientsConnectJoinAddAddrAndFastClose() throws Exception {
        KernelAssumptions.assumeKernelAvailable();
        try (Topology topo = Topology.create();
             Wiretap tap = Wiretap.open(topo.attacker(), Topology.IFACE, Topology.ATTACKER_MAC)) {
            Connected run = connect(topo, tap, 11L);
            MptcpApp server = run.server();
            ReferencePeer ref = run.ref();
            KernelCounters before = run.before();
            Connection c = run.conn();
            Map<String, Long> d = KernelCounters.read(topo.server()).since(before);
            assertEquals(1L, d.get("MPTcpExtMPCapableACKRX"), "MIB MPCapableACKRX: " + d);

            ref.apply(new Event.Join(c.id(), Topology.FORGED_2, Topology.SERVER, PORT, ref.nextEntropy()));
            ref.pump(WAIT_MS);
            assertEquals(1, ref.state().establishedJoins(c.id()).size(), "reference: join established; " + ref.notes());
            d = KernelCounters.read(topo.server()).since(before);
            assertEquals(1L, d.get("MPTcpExtMPJoinAckRx"), "MIB MPJoinAckRx (HMAC-A accepted): " + d);
            assertEquals(1, subflows(server), "MPTCP_INFO subflows");

            // MP_PRIO(backup) on the initial subflow: no reply, counted, the subflow flagged backup.
            ref.apply(new Event.SetBackup(c.id(), true));
            ref.pump(300);
            d = KernelCounters.read(topo.server()).since(before);
            assertEquals(1L, d.get("MPTcpExtMPPrioRx"), "MIB MPPrioRx: " + d);

            int tapMark = tap.size();
            ref.apply(new Event.Advertise(c.id(), 5, Topology.FORGED_2, OptionalInt.of(8080)));
            Optional<Wiretap.Seen> echo = tap.await(tapMark, t -> t.src().equals(Topology.SERVER)
                    && KernelReply.of(t).option(MptcpOption.AddAddr.class).map(MptcpOption.AddAddr::echo).orElse(false),
                    WAIT_MS);
            assertTrue(echo.isPresent(), "the kernel echoes the reference's ADD_ADDR with port (HMAC over the port)");
            d = KernelCounters.read(topo.server()).since(before);
            assertEquals(1L, d.get("MPTcpExtAddAddr"), "MIB AddAddr: " + d);
            assertEquals(1L, d.get("MPTcpExtPortAdd"), "MIB PortAdd: " + d);
            ref.pump(300);

            // REMOVE_ADDR of the reference's join address (id 1: 10.1.0.67 is its second address):
            // the kernel closes the subflows whose remote id is 1, i.e. the reference's join.
            int before1 = subflows(server);
            tapMark = tap.size();
            final int rmMark = tapMark;
            ref.apply(new Event.RemoveAddr(c.id(), 1));
            assertTrue(tap.await(rmMark, t -> t.src().equals(Topology.SERVER) && t.dst().equals(Topology.FORGED_2)
                            && t.srcPort() == PORT && (t.has(TcpSegment.FIN) || t.has(TcpSegment.RST)), WAIT_MS).isPresent(),
                    "the kernel closes the reference's join after its REMOVE_ADDR: "
                            + tap.segments().subList(rmMark, tap.size()) + " counters " + KernelCounters.read(topo.server()).since(before)
                            + " notes " + ref.notes());
            d = KernelCounters.read(topo.server()).since(before);
            assertEquals(1L, d.get("MPTcpExtRmAddr"), "MIB RmAddr (counted per subflow removed): " + d);
            assertEquals(before1 - 1, subflows(server), "MPTCP_INFO subflows after REMOVE_ADDR");
            ref.pump(300);

            int appMark = server.eventCount();
            tapMark = tap.size();
            ref.apply(new Event.FastClose(c.id()));
            Optional<JsonNode> ended = server.awaitFrom(appMark, e -> "error".equals(e.path("event").asText()), WAIT_MS);
            assertTrue(ended.isPresent() && ended.get().path("name").asText().equals("ConnectionResetError"),
                    "kernel application: ECONNRESET after the reference's MP_FASTCLOSE: " + ended);
            d = KernelCounters.read(topo.server()).since(before);
            assertEquals(1L, d.get("MPTcpExtMPFastcloseRx"), "MIB MPFastcloseRx: " + d);
            assertTrue(tap.await(tapMark, t -> t.src().equals(Topology.SERVER) && t.has(TcpSegment.RST), WAIT_MS)
                    .isPresent(), "the kernel resets the subflows");
            assertEquals(ConnPhase.CLOSED, ref.state().connections().get(c.id()).phase());
        }
    }

    /**
     * The reference resets its own initial subflow (a plain RST) while its join is up: the kernel
     * keeps the connection (RFC 8684 3.3.5, Linux), so its application sees no error and the
     * reference's MP_FASTCLOSE, which now goes over the join, still reaches the connection.
     */
    @Test
    void theKernelServerKeepsTheConnectionWhenTheReferenceResetsItsInitialSubflow() throws Exception {
        KernelAssumptions.assumeKernelAvailable();
        try (Topology topo = Topology.create();
             Wiretap tap = Wiretap.open(topo.attacker(), Topology.IFACE, Topology.ATTACKER_MAC)) {
            Connected run = connect(topo, tap, 12L);
            MptcpApp server = run.server();
            ReferencePeer ref = run.ref();
            KernelCounters before = run.before();
            Connection c = run.conn();
            ref.apply(new Event.Join(c.id(), Topology.FORGED_2, Topology.SERVER, PORT, ref.nextEntropy()));
            ref.pump(WAIT_MS);
            assertEquals(1, ref.state().establishedJoins(c.id()).size(), "set-up: join established; " + ref.notes());

            int appMark = server.eventCount();
            ref.apply(new Event.ResetInitial(c.id()));
            ref.pump(WAIT_MS);
            assertTrue(server.awaitFrom(appMark, e -> "error".equals(e.path("event").asText())
                    || "eof".equals(e.path("event").asText()), 1).isEmpty(), "kernel application: no error, no EOF: "
                    + server.events());
            assertEquals(1, subflows(server), "MPTCP_INFO subflows: the join is still there");
            Map<String, Long> d = KernelCounters.read(topo.server()).since(before);
            assertEquals(null, d.get("MPTcpExtMPFastcloseRx"), "no fast close yet: " + d);

            int tapMark = tap.size();
            ref.apply(new Event.FastClose(c.id()));
            Optional<JsonNode> ended = server.awaitFrom(appMark, e -> "error".equals(e.path("event").asText()), WAIT_MS);
            assertTrue(ended.isPresent() && ended.get().path("name").asText().equals("ConnectionResetError"),
                    "kernel application: ECONNRESET after the MP_FASTCLOSE sent over the join: " + ended);
            d = KernelCounters.read(topo.server()).since(before);
            assertEquals(1L, d.get("MPTcpExtMPFastcloseRx"), "MIB MPFastcloseRx: " + d);
            assertTrue(tap.await(tapMark, t -> t.src().equals(Topology.SERVER) && t.dst().equals(Topology.FORGED_2)
                    && t.has(TcpSegment.RST), WAIT_MS).isPresent(), "the kernel resets the join");
        }
    }

    private record Connected(MptcpApp server, ReferencePeer ref, KernelCounters before, Connection conn) {}

    /** A kernel server, and the reference client connected to it (checked on both sides). */
    private static Connected connect(Topology topo, Wiretap tap, long seed) throws Exception {
        MptcpApp server = MptcpApp.multiServer(topo, PORT);
        assertTrue(server.awaitEvent("listening", 10_000).isPresent(), "kernel server started: " + server.stderr());
        ReferencePeer ref = ReferencePeer.client(tap, seed);
        KernelCounters before = KernelCounters.read(topo.server());
        ref.apply(new Event.Connect(Topology.FORGED, Topology.SERVER, PORT, KeySetting.none(), ref.nextEntropy()));
        ref.pump(WAIT_MS);
        Connection c = ref.state().connections().values().iterator().next();
        assertTrue(c.established() && c.isMptcp(), "reference client: MPTCP connection; " + ref.notes());
        assertTrue(server.await(e -> "accepted".equals(e.path("event").asText()), WAIT_MS).isPresent(),
                "kernel application accepted the reference's connection");
        return new Connected(server, ref, before, c);
    }

    /** MPTCP_INFO {@code subflows} (additional subflows) of the kernel server's connection 1. */
    private static int subflows(MptcpApp server) {
        return server.info("info 1", WAIT_MS).orElseThrow(() -> new AssertionError("no MPTCP_INFO from the kernel server"))
                .path("subflows").asInt();
    }
}
