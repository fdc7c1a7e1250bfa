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
            MptcpApp server = MptcpApp.multiServer(topo, PORT);
            assertTrue(server.awaitEvent("listening", 10_000).isPresent(), "kernel server started: " + server.stderr());
            ReferenceClient ref = new ReferenceClient(tap, 11L);
            KernelCounters before = KernelCounters.read(topo.server());

            ref.apply(new Event.Connect(Topology.FORGED, Topology.SERVER, PORT, KeySetting.none(), ref.nextEntropy()));
            ref.pump(WAIT_MS);
            Connection c = ref.state().connections().values().iterator().next();
            assertTrue(c.established() && c.isMptcp(), "reference client: MPTCP connection; " + ref.notes());
            assertTrue(server.await(e -> "accepted".equals(e.path("event").asText()), WAIT_MS).isPresent(),
                    "kernel application accepted the reference's connection");
            Map<String, Long> d = KernelCounters.read(topo.server()).since(before);
            assertEquals(1L, d.get("MPTcpExtMPCapableACKRX"), "MIB MPCapableACKRX: " + d);

            ref.apply(new Event.Join(c.id(), Topology.FORGED_2, Topology.SERVER, PORT, ref.nextEntropy()));
            ref.pump(WAIT_MS);
            assertEquals(1, ref.state().establishedJoins(c.id()).size(), "reference: join established; " + ref.notes());
            d = KernelCounters.read(topo.server()).since(before);
            assertEquals(1L, d.get("MPTcpExtMPJoinAckRx"), "MIB MPJoinAckRx (HMAC-A accepted): " + d);
            int mark = server.eventCount();
            server.command("info 1");
            Optional<JsonNode> info = server.awaitFrom(mark, e -> "info".equals(e.path("event").asText()), WAIT_MS);
            assertEquals(1, info.orElseThrow().path("info").path("subflows").asInt(), "MPTCP_INFO subflows: " + info);

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
}
