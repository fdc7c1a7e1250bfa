package org.mptcpverify.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.mptcpverify.endpoint.Connection;
import org.mptcpverify.endpoint.Event;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/**
 * The reference's server role against the kernel client (ReferenceClientVsKernelTest is the other
 * direction): the kernel client connects to the reference at 10.1.0.66, sends data (its first data
 * segment carries MP_CAPABLE with a data-level length, RFC 8684 3.1), follows the reference's
 * ADD_ADDR without and with a port by joining it, and the reference authenticates the kernel's
 * joins; then the reference server sends MP_PRIO(backup), REMOVE_ADDR of the first announced
 * address and a RST on the initial subflow, which the kernel client acts on. Each step is judged by the kernel client's MIB counters and MPTCP_INFO and by the
 * reference's own state.
 */
class ReferenceServerVsKernelTest {
    private static final int PORT = 5303;
    private static final int OTHER_PORT = 8080;
    private static final long WAIT_MS = 1_500;

    @Test
    void theKernelClientConnectsSendsDataAndJoinsTheAddressesTheReferenceServerAnnounces() throws Exception {
        KernelAssumptions.assumeKernelAvailable();
        try (Topology topo = Topology.create();
             Wiretap tap = Wiretap.open(topo.attacker(), Topology.IFACE, Topology.ATTACKER_MAC)) {
            ReferencePeer ref = ReferencePeer.server(tap, 13L);
            ref.apply(new Event.Bind(PORT, KeySetting.none()));
            ref.apply(new Event.Bind(OTHER_PORT, KeySetting.none()));
            KernelCounters before = KernelCounters.read(topo.client());

            // MP_CAPABLE without data: SYN, the reference's SYN/ACK, the kernel's third ACK.
            MptcpApp client = MptcpApp.client(topo, Topology.FORGED.getHostAddress(), PORT);
            Optional<JsonNode> connected = Optional.empty();
            for (int i = 0; i < 10 && connected.isEmpty(); i++) {
                ref.pump(WAIT_MS / 3);
                connected = client.await(e -> "connected".equals(e.path("event").asText()), 1);
            }
            assertTrue(connected.isPresent(), "kernel client connected: " + client.events() + client.stderr());
            ref.pump(300);
            Connection c = ref.state().connections().values().iterator().next();
            assertTrue(c.established() && c.isMptcp(), "reference server: MPTCP connection; " + ref.notes());
            Map<String, Long> d = KernelCounters.read(topo.client()).since(before);
            assertEquals(1L, d.get("MPTcpExtMPCapableSYNACKRX"), "MIB MPCapableSYNACKRX: " + d);
            assertEquals(null, d.get("MPTcpExtMPCapableFallbackSYNACK"), "no fallback: " + d);

            // MP_CAPABLE with data: the kernel's first data segment repeats both keys with a data-level length.
            int tapMark = tap.size();
            byte[] hello = "hello from the kernel client\n".getBytes(StandardCharsets.US_ASCII);
            client.command("send " + HexFormat.of().formatHex(hello));
            Optional<Wiretap.Seen> data = tap.await(tapMark, t -> t.src().equals(Topology.CLIENT)
                    && t.payload().length() > 0, WAIT_MS);
            assertTrue(data.isPresent(), "the kernel client sent its data");
            Optional<MptcpOption.MpCapable> mpc = KernelReply.of(data.get().segment()).option(MptcpOption.MpCapable.class);
            assertTrue(mpc.isPresent() && mpc.get().dataLevelLength().isPresent()
                    && mpc.get().dataLevelLength().getAsInt() == hello.length,
                    "first data segment: MP_CAPABLE with data-level length " + hello.length + ": " + data.get().segment());
            assertEquals(java.util.OptionalLong.of(c.keys().remoteKey()), mpc.get().senderKey(), "the client key the reference holds");
            ref.pump(300);
            c = ref.state().connections().get(c.id());
            assertTrue(c.established() && c.isMptcp(), "reference server still MPTCP after MP_CAPABLE with data; "
                    + ref.notes());

            // ADD_ADDR without a port: the kernel echoes it and joins 10.1.0.67:PORT; the reference
            // checks the kernel's HMAC-A and establishes the join.
            tapMark = tap.size();
            ref.apply(new Event.Advertise(c.id(), 5, Topology.FORGED_2));
            for (int i = 0; i < 6 && ref.state().establishedJoins(c.id()).isEmpty(); i++) {
                ref.pump(WAIT_MS / 3);
            }
            assertTrue(tap.await(tapMark, t -> t.src().equals(Topology.CLIENT) && echo(t), 1).isPresent(),
                    "the kernel echoes the ADD_ADDR");
            assertTrue(tap.await(tapMark, t -> t.src().equals(Topology.CLIENT) && t.dst().equals(Topology.FORGED_2)
                    && t.dstPort() == PORT && t.has(TcpSegment.SYN), 1).isPresent(), "the kernel joins 10.1.0.67:" + PORT);
            assertEquals(1, ref.state().establishedJoins(c.id()).size(), "reference: kernel's join established; "
                    + ref.notes());
            d = KernelCounters.read(topo.client()).since(before);
            assertEquals(1L, d.get("MPTcpExtAddAddr"), "MIB AddAddr (HMAC accepted): " + d);
            assertEquals(1L, d.get("MPTcpExtEchoAddTx"), "MIB EchoAddTx: " + d);
            assertEquals(1L, d.get("MPTcpExtMPJoinSynAckRx"), "MIB MPJoinSynAckRx (HMAC-B accepted): " + d);
            ref.pump(300); // answers the kernel's retransmitted third ACK, if any
            assertEquals(1, subflows(client, ref, 1), "MPTCP_INFO subflows after the first join");

            // ADD_ADDR with a port (HMAC over it): echoed with the port, joined at that port.
            tapMark = tap.size();
            ref.apply(new Event.Advertise(c.id(), 6, Topology.FORGED, OptionalInt.of(OTHER_PORT)));
            for (int i = 0; i < 6 && ref.state().establishedJoins(c.id()).size() < 2; i++) {
                ref.pump(WAIT_MS / 3);
            }
            assertTrue(tap.await(tapMark, t -> t.src().equals(Topology.CLIENT) && echo(t)
                    && KernelReply.of(t).option(MptcpOption.AddAddr.class).orElseThrow().port().equals(OptionalInt.of(OTHER_PORT)),
                    1).isPresent(), "the kernel echoes the ADD_ADDR with its port");
            assertTrue(tap.await(tapMark, t -> t.src().equals(Topology.CLIENT) && t.dst().equals(Topology.FORGED)
                    && t.dstPort() == OTHER_PORT && t.has(TcpSegment.SYN), 1).isPresent(),
                    "the kernel joins 10.1.0.66:" + OTHER_PORT);
            d = KernelCounters.read(topo.client()).since(before);
            assertEquals(2L, d.get("MPTcpExtAddAddr"), "MIB AddAddr: " + d);
            assertEquals(1L, d.get("MPTcpExtPortAdd"), "MIB PortAdd: " + d);
            assertEquals(2, ref.state().establishedJoins(c.id()).size(), "reference: join to the port established; "
                    + ref.notes());
            ref.pump(300); // answers the kernel's retransmitted third ACK, if any
            assertEquals(2, subflows(client, ref, 2), "MPTCP_INFO subflows after the join to the port; client counters "
                    + KernelCounters.read(topo.client()).since(before) + "; client ss " + Ss.tcp(topo.client(), "all")
                    + "; reference " + ref.notes());

            // MP_PRIO(backup) sent by the reference server on the initial subflow: counted by the
            // kernel client and shown as the subflow's `ss` flag B (backup requested by the peer).
            ref.apply(new Event.SetBackup(c.id(), true));
            ref.pump(300);
            d = KernelCounters.read(topo.client()).since(before);
            assertEquals(1L, d.get("MPTcpExtMPPrioRx"), "MIB MPPrioRx: " + d);
            String flags = initialSubflowFlags(topo);
            assertTrue(flags.contains("B"), "ss flags of the client's initial subflow: " + flags);

            // REMOVE_ADDR sent by the reference server for 10.1.0.67: the kernel client counts it and
            // closes its join to that address gracefully (the socket leaves ESTABLISHED; its FIN is
            // queued behind the 29 bytes the reference never acknowledges, so it may not be on the
            // wire yet). As a Linux server, the reference answered the join with the id it announced
            // the address with (5), so that id names both the announcement and the join.
            int joinId = ref.sent().stream()
                    .filter(t -> t.src().equals(Topology.FORGED_2) && t.has(TcpSegment.SYN) && t.has(TcpSegment.ACK))
                    .map(t -> KernelReply.of(t).option(MptcpOption.MpJoinSynAck.class)).flatMap(Optional::stream)
                    .findFirst().orElseThrow().addressId();
            assertEquals(5, joinId, "the reference's SYN/ACK + MP_JOIN on 10.1.0.67 carries the announced id");
            int portJoinId = ref.sent().stream()
                    .filter(t -> t.src().equals(Topology.FORGED) && t.srcPort() == OTHER_PORT && t.has(TcpSegment.SYN)
                            && t.has(TcpSegment.ACK))
                    .map(t -> KernelReply.of(t).option(MptcpOption.MpJoinSynAck.class)).flatMap(Optional::stream)
                    .findFirst().orElseThrow().addressId();
            assertEquals(6, portJoinId, "the reference's SYN/ACK + MP_JOIN on 10.1.0.66:" + OTHER_PORT + " carries the announced id");
            assertEquals(1, Ss.established(topo.client(), Topology.FORGED_2, PORT).size(), "set-up: join to 10.1.0.67 established");
            ref.apply(new Event.RemoveAddr(c.id(), joinId));
            ref.pump(WAIT_MS / 2);
            d = KernelCounters.read(topo.client()).since(before);
            assertEquals(1L, d.get("MPTcpExtRmAddr"), "MIB RmAddr: " + d);
            assertTrue(Ss.established(topo.client(), Topology.FORGED_2, PORT).isEmpty(),
                    () -> "the kernel client closes its join to 10.1.0.67 on REMOVE_ADDR(" + joinId + "): " + ssAll(topo));
            assertEquals(1, Ss.established(topo.client(), Topology.FORGED, OTHER_PORT).size(),
                    "the join to 10.1.0.66:" + OTHER_PORT + " is not affected");

            // RST on the initial subflow sent by the reference server: the kernel client keeps the
            // connection on its remaining join (no error or EOF for its application).
            int appMark = client.eventCount();
            ref.apply(new Event.ResetInitial(c.id()));
            ref.pump(WAIT_MS / 2);
            assertTrue(client.awaitFrom(appMark, e -> "error".equals(e.path("event").asText())
                    || "eof".equals(e.path("event").asText()), 1).isEmpty(), "kernel client application: no error, no EOF: "
                    + client.events());
            assertTrue(Ss.established(topo.client(), Topology.FORGED, PORT).isEmpty(), "the initial subflow is gone");
            assertEquals(1, Ss.established(topo.client(), Topology.FORGED, OTHER_PORT).size(),
                    "ss: the join to 10.1.0.66:" + OTHER_PORT + " is still established");
            assertTrue(ref.state().connections().get(c.id()).established(), "reference: connection kept; " + ref.notes());
        }
    }

    private static java.util.List<String> ssAll(Topology topo) {
        try {
            return Ss.tcp(topo.client(), "all");
        } catch (java.io.IOException e) {
            return java.util.List.of(e.toString());
        }
    }

    /** The kernel client's `ss` MPTCP subflow flags of its initial subflow (to 10.1.0.66:PORT). */
    private static String initialSubflowFlags(Topology topo) throws java.io.IOException {
        return Ss.established(topo.client(), Topology.FORGED, PORT).stream().findFirst()
                .map(l -> l.replaceAll(".*tcp-ulp-mptcp flags:(\\S+).*", "$1")).orElse("none");
    }

    private static boolean echo(TcpSegment t) {
        return KernelReply.of(t).option(MptcpOption.AddAddr.class).map(MptcpOption.AddAddr::echo).orElse(false);
    }

    /**
     * MPTCP_INFO {@code subflows} of the kernel client's connection once it reaches {@code expected}
     * (the kernel counts a join when the reference's fourth ACK has arrived, which on a loaded
     * machine may follow the reference's own step by a while), else its last value after WAIT_MS. The
 * reference is pumped meanwhile, as a live peer would answer the kernel's retransmissions.
     */
    private static int subflows(MptcpApp client, ReferencePeer ref, int expected) throws Exception {
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
        int last;
        do {
            last = client.info("info", WAIT_MS).orElseThrow(() -> new AssertionError("no MPTCP_INFO from the kernel client"))
                    .path("subflows").asInt();
            if (last == expected) {
                return last;
            }
            ref.pump(100); // the reference keeps answering (a retransmitted third ACK) while we wait
        } while (System.nanoTime() < deadline);
        return last;
    }
}
