package org.mptcpverify.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/**
 * RFC 8684 3.7 on the kernel server, with DSS checksums negotiated (net.mptcp.checksum_enabled = 1
 * in the server's namespace): after a good mapping, a mapping whose checksum fails on the only
 * subflow draws MP_FAIL (the connection may then fall back to an infinite mapping); on a joined
 * subflow, where fallback is no longer possible, the subflow is reset (MP_TCPRST reason 6,
 * middlebox interference, with MP_FAIL). Linux 6.18 departs from the RFC's MP_FAIL when the very
 * first mapping fails: it falls back to TCP at once (`MPTcpExtDssFallback`), no MP_FAIL. Expected
 * values from the RFC except that documented departure; the counters named are the kernel's. The
 * reference has no data path, so it has no counterpart (docs/kernel.md). Control: the right
 * checksum, whose bytes the application reads. After the MP_FAIL Linux delivers the failed
 * mapping's bytes too (it falls back rather than discarding them), which the test records.
 */
class ChecksumFailureKernelTest {
    private static final int PORT = 5304;
    private static final byte[] DATA = "checksummed bytes\n".getBytes(StandardCharsets.US_ASCII);
    private static final long WAIT_MS = 1_500;

    /** RFC 8684 3.3.1: one's complement sum over DSN (64), subflow sequence (32), length (16), zero (16), payload. */
    static int dssChecksum(long dsn, long ssn, int length, byte[] payload) {
        byte[] b = new byte[16 + payload.length + (payload.length & 1)];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (dsn >>> (56 - 8 * i));
        }
        for (int i = 0; i < 4; i++) {
            b[8 + i] = (byte) (ssn >>> (24 - 8 * i));
        }
        b[12] = (byte) (length >>> 8);
        b[13] = (byte) length;
        System.arraycopy(payload, 0, b, 16, payload.length);
        long sum = 0;
        for (int i = 0; i < b.length; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private record Setup(Topology topo, Wiretap tap, MptcpApp server, KernelPeer peer, KernelPeer.Connection conn,
                         KernelCounters before) implements AutoCloseable {
        @Override
        public void close() {
            tap.close();
            topo.close();
        }
    }

    private static Setup connect(long seed) throws Exception {
        KernelAssumptions.assumeKernelAvailable();
        Topology topo = Topology.create();
        try {
            Commands.runIn(topo.server(), "sh", "-c", "echo 1 > /proc/sys/net/mptcp/checksum_enabled");
            Wiretap tap = Wiretap.open(topo.attacker(), Topology.IFACE, Topology.ATTACKER_MAC);
            MptcpApp server = MptcpApp.multiServer(topo, PORT);
            assertTrue(server.awaitEvent("listening", 10_000).isPresent(), "kernel server started: " + server.stderr());
            KernelCounters before = KernelCounters.read(topo.server());
            KernelPeer peer = new KernelPeer(Responder.kernel(tap, Topology.SERVER_MAC), Topology.FORGED, Topology.SERVER,
                    PORT, seed);
            KernelPeer.Connection c = peer.connect(0x5eed_0000_0000_0001L ^ seed);
            assertTrue(server.await(e -> "accepted".equals(e.path("event").asText()), WAIT_MS).isPresent(),
                    "kernel application accepted the connection");
            return new Setup(topo, tap, server, peer, c, before);
        } catch (Exception | Error e) {
            topo.close();
            throw e;
        }
    }

    /**
     * DATA mapped at the client's DSN {@code offset} bytes after its first, at relative subflow
     * sequence 1 + {@code offset} of {@code sf}, checksum right or one bit off; the reply is the
     * first RST or MP_FAIL within WAIT_MS, else silence.
     */
    private static KernelReply sendData(Setup s, KernelPeer.Subflow sf, int offset, boolean rightChecksum) throws Exception {
        long dsn = MptcpCrypto.idsn(KernelPeer.V1, s.conn().clientKey()) + 1 + offset;
        long dataAck = MptcpCrypto.idsn(KernelPeer.V1, s.conn().serverKey()) + 1;
        int sum = dssChecksum(dsn, 1 + offset, DATA.length, DATA) ^ (rightChecksum ? 0 : 1);
        MptcpOption.Dss dss = new MptcpOption.Dss(MptcpOption.Dss.F_ACK | MptcpOption.Dss.F_ACK8
                | MptcpOption.Dss.F_MAPPING | MptcpOption.Dss.F_DSN8, OptionalLong.of(dataAck), OptionalLong.of(dsn),
                OptionalLong.of(1 + offset), OptionalInt.of(DATA.length), OptionalInt.of(sum));
        return s.peer().exchange(s.peer().segment(sf.port(), (sf.seq() + offset) & 0xffffffffL, sf.ack(), TcpSegment.ACK | TcpSegment.PSH,
                List.of(dss), Bytes.of(DATA)), t -> t.dst().equals(Topology.FORGED) && t.dstPort() == sf.port()
                && (t.has(TcpSegment.RST) || CapturedConnection.option(t, MptcpOption.MpFail.class).isPresent()), WAIT_MS);
    }

    @Test
    void aBadChecksumAfterAGoodMappingOnTheOnlySubflowDrawsMpFail() throws Exception {
        try (Setup s = connect(21L)) {
            KernelReply good = sendData(s, s.conn().subflow(), 0, true);
            assertTrue(good.option(MptcpOption.MpFail.class).isEmpty() && good.kind() != KernelReply.Kind.RST,
                    "control: " + good);
            assertTrue(s.server().await(e -> s.server().received().length >= DATA.length, WAIT_MS).isPresent()
                    && Arrays.equals(DATA, s.server().received()), "control: the application reads the bytes");
            assertEquals(null, KernelCounters.read(s.topo().server()).since(s.before()).get("MPTcpExtDataCsumErr"),
                    "control: no checksum error");

            KernelReply r = sendData(s, s.conn().subflow(), DATA.length, false);
            Map<String, Long> d = KernelCounters.read(s.topo().server()).since(s.before());
            System.out.println("   bad checksum after a good mapping: " + r + "; counters " + d);
            Optional<MptcpOption.MpFail> fail = r.option(MptcpOption.MpFail.class);
            assertTrue(fail.isPresent(), "MP_FAIL in reply to the bad checksum (RFC 8684 3.7): " + r);
            assertEquals(MptcpCrypto.idsn(KernelPeer.V1, s.conn().clientKey()) + 1 + DATA.length,
                    fail.get().dataSequence(), "MP_FAIL names the failed mapping's data sequence number");
            assertEquals(1L, d.get("MPTcpExtDataCsumErr"), "MIB DataCsumErr: " + d);
            assertEquals(1L, d.get("MPTcpExtMPFailTx"), "MIB MPFailTx: " + d);
            // Linux 6.18 starts the fallback with the MP_FAIL and delivers the failed mapping's bytes too.
            assertTrue(s.server().await(e -> s.server().received().length >= 2 * DATA.length, WAIT_MS).isPresent(),
                    "the failed mapping's bytes are delivered as well: " + s.server().received().length + " bytes");
        }
    }

    /**
     * The reference's receive side of RFC 8684 3.7 against the kernel: after the kernel's MP_FAIL,
     * the peer answers as the reference does (MptcpEndpoint.infiniteMapping at the DSN the MP_FAIL
     * named, here with the zero checksum field this connection's checksums require) on its next
     * data; the kernel takes it as the fallback (MPTcpExtInfiniteMapRx +1), keeps the connection
     * and delivers the bytes in order.
     */
    @Test
    void theReferencesAnswerToMpFailIsAnInfiniteMappingTheKernelAccepts() throws Exception {
        try (Setup s = connect(24L)) {
            assertTrue(sendData(s, s.conn().subflow(), 0, true).option(MptcpOption.MpFail.class).isEmpty(), "set-up: good mapping");
            KernelReply r = sendData(s, s.conn().subflow(), DATA.length, false);
            MptcpOption.MpFail fail = r.option(MptcpOption.MpFail.class).orElseThrow(() -> new AssertionError("no MP_FAIL: " + r));
            assertTrue(s.server().await(e -> s.server().received().length >= 2 * DATA.length, WAIT_MS).isPresent(),
                    "set-up: the failed mapping's bytes are delivered");
            KernelPeer.Subflow sf = s.conn().subflow();
            int offset = 2 * DATA.length;
            MptcpOption.Dss infinite = org.mptcpverify.endpoint.MptcpEndpoint.infiniteMapping(fail.dataSequence(), true);
            KernelReply after = s.peer().exchange(s.peer().segment(sf.port(), (sf.seq() + offset) & 0xffffffffL, sf.ack(),
                    TcpSegment.ACK | TcpSegment.PSH, List.of(infinite), Bytes.of(DATA)),
                    t -> t.dst().equals(Topology.FORGED) && t.dstPort() == sf.port(), WAIT_MS);
            Map<String, Long> d = KernelCounters.read(s.topo().server()).since(s.before());
            System.out.println("   infinite mapping after MP_FAIL: " + after + "; counters " + d);
            assertEquals(1L, d.get("MPTcpExtInfiniteMapRx"), "MIB InfiniteMapRx: " + d);
            assertEquals(1L, d.get("MPTcpExtDssFallback"), "MIB DssFallback (the kernel fell back too): " + d);
            assertTrue(after.kind() != KernelReply.Kind.RST, "no reset: " + after);
            assertTrue(s.server().await(e -> s.server().received().length >= 3 * DATA.length, WAIT_MS).isPresent(),
                    "the bytes after the infinite mapping are delivered: " + s.server().received().length + " bytes");
            byte[] stream = s.server().received();
            assertTrue(Arrays.equals(DATA, Arrays.copyOfRange(stream, 2 * DATA.length, 3 * DATA.length)), "in order");
        }
    }

    @Test
    void aBadChecksumOnTheFirstMappingFallsBackWithoutMpFail() throws Exception {
        try (Setup s = connect(22L)) {
            KernelReply r = sendData(s, s.conn().subflow(), 0, false);
            Map<String, Long> d = KernelCounters.read(s.topo().server()).since(s.before());
            System.out.println("   bad checksum on the first mapping: " + r + "; counters " + d);
            assertEquals(KernelReply.Kind.SILENCE, r.kind(), "neither RST nor MP_FAIL: " + r);
            assertEquals(1L, d.get("MPTcpExtDataCsumErr"), "MIB DataCsumErr: " + d);
            assertEquals(1L, d.get("MPTcpExtDssFallback"), "MIB DssFallback (fell back to TCP): " + d);
            assertEquals(null, d.get("MPTcpExtMPFailTx"), "no MP_FAIL: " + d);
        }
    }

    @Test
    void aBadChecksumOnAJoinedSubflowResetsIt() throws Exception {
        try (Setup s = connect(23L)) {
            KernelPeer.JoinResult j = s.peer().join(s.conn(), s.conn().serverToken(), false, WAIT_MS);
            assertTrue(j.hmacBValid() && j.subflow().isPresent(), "set-up: join established: " + j);
            KernelReply r = sendData(s, j.subflow().get(), 0, false);
            Map<String, Long> d = KernelCounters.read(s.topo().server()).since(s.before());
            System.out.println("   bad checksum on a join: " + r + "; counters " + d);
            assertEquals(KernelReply.Kind.RST, r.kind(), "the joined subflow is reset (RFC 8684 3.7): " + r);
            assertEquals(1L, d.get("MPTcpExtDataCsumErr"), "MIB DataCsumErr: " + d);
            assertEquals(Optional.of(6), r.resetReason(), "MP_TCPRST reason 6, middlebox interference: " + r);
            assertTrue(r.option(MptcpOption.MpFail.class).isPresent(), "the RST carries MP_FAIL too: " + r);
            assertEquals(1L, d.get("MPTcpExtMPFailTx"), "MIB MPFailTx: " + d);
        }
    }
}
