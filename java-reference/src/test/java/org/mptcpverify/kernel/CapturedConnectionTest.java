package org.mptcpverify.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.SegmentCodec;
import org.mptcpverify.wire.TcpSegment;

/** What the attacker reconstructs from captured segments (no kernel needed). */
class CapturedConnectionTest {
    private static final InetAddress C = Topology.CLIENT;
    private static final InetAddress S = Topology.SERVER;
    // Vectors of the shared refs: KA, KB and their v1 tokens / IDSNs.
    private static final long KA = 0x0102030405060708L;
    private static final long KB = 0x1112131415161718L;

    private final List<Wiretap.Seen> seen = new ArrayList<>();

    /** Each segment goes through the reference codec as the wiretap would see it. */
    private void wire(TcpSegment t) {
        TcpSegment decoded = SegmentCodec.decode(SegmentCodec.encode(t)).orElseThrow();
        seen.add(new Wiretap.Seen(seen.size(), new RawFrame(0, false, new byte[0]), decoded));
    }

    private static TcpSegment seg(boolean up, long seq, long ack, int flags, List<TcpSegment.TcpOption> opts, String data) {
        return new TcpSegment(up ? C : S, up ? S : C, up ? 40000 : 5201, up ? 5201 : 40000, seq, ack, flags, 500,
                opts, Bytes.of(data.getBytes()));
    }

    private void handshakeAndData() {
        wire(seg(true, 1000, 0, TcpSegment.SYN, List.of(Forge.mptcp(MptcpOption.MpCapable.syn(1, 1))), ""));
        wire(seg(false, 9000, 1001, TcpSegment.SYN | TcpSegment.ACK,
                List.of(Forge.mptcp(MptcpOption.MpCapable.withKey(1, 1, KB))), ""));
        List<TcpSegment.TcpOption> third = new ArrayList<>(Forge.timestamps(77, 66));
        third.add(Forge.mptcp(MptcpOption.MpCapable.withKeys(1, 1, KA, KB)));
        wire(seg(true, 1001, 9001, TcpSegment.ACK, third, ""));
        List<TcpSegment.TcpOption> data = new ArrayList<>(Forge.timestamps(78, 66));
        data.add(Forge.mptcp(new MptcpOption.MpCapable(1, 1, OptionalLong.of(KA), OptionalLong.of(KB),
                OptionalInt.of(5), OptionalInt.empty())));
        wire(seg(true, 1001, 9001, TcpSegment.ACK | TcpSegment.PSH, data, "hello"));
        wire(seg(false, 9001, 1006, TcpSegment.ACK, Forge.timestamps(88, 78), ""));
    }

    @Test
    void keysTokensAndNextDataSequenceComeFromTheCapture() {
        handshakeAndData();
        CapturedConnection c = CapturedConnection.from(seen).orElseThrow();
        assertEquals(KA, c.clientKey());
        assertEquals(KB, c.serverKey());
        assertEquals(0xccad45ac, c.serverToken());
        assertEquals(0x66840dda, c.clientToken());
        assertEquals(5, c.fromClient().dataBytes());
        assertEquals(1006, c.fromClient().nextSeq());
        assertEquals(9001, c.fromServer().nextSeq());
        assertEquals(0xf5a101d3d29d6f72L + 1 + 5, c.clientNextDsn());
        assertEquals(0x535beea38e087c8eL + 1, c.serverNextDsn());
        assertEquals(OptionalLong.of(78), c.fromClient().tsVal());
        assertEquals(OptionalLong.of(88), c.fromServer().tsVal());
    }

    @Test
    void nothingBeforeTheThirdAck() {
        wire(seg(true, 1000, 0, TcpSegment.SYN, List.of(Forge.mptcp(MptcpOption.MpCapable.syn(1, 1))), ""));
        wire(seg(false, 9000, 1001, TcpSegment.SYN | TcpSegment.ACK,
                List.of(Forge.mptcp(MptcpOption.MpCapable.withKey(1, 1, KB))), ""));
        assertTrue(CapturedConnection.from(seen).isEmpty());
    }

    @Test
    void forgedInWindowSegmentContinuesTheCapturedSequenceAndEchoesTimestamps() {
        handshakeAndData();
        CapturedConnection c = CapturedConnection.from(seen).orElseThrow();
        TcpSegment f = Forge.inWindow(c, true, TcpSegment.ACK, new MptcpOption.MpFastClose(0, KB), Bytes.empty());
        assertEquals(1006, f.seq());
        assertEquals(9001, f.ack());
        assertEquals(C, f.src());
        assertEquals(OptionalLong.of(78), CapturedConnection.timestamp(f));
    }

    @Test
    void wrongKeysChangeBothKeysAndTheToken() {
        handshakeAndData();
        CapturedConnection c = CapturedConnection.from(seen).orElseThrow();
        CapturedConnection w = c.withWrongKeys(AttackContext.WRONG_KEY_MASK);
        assertNotEquals(c.clientKey(), w.clientKey());
        assertNotEquals(c.serverKey(), w.serverKey());
        assertNotEquals(c.serverToken(), w.serverToken());
        assertThrows(IllegalArgumentException.class, () -> c.withWrongKeys(0));
    }

    @Test
    void ethernetFramesPadToMinimumAndUnwrapExactly() {
        byte[] ip = SegmentCodec.encode(seg(true, 1, 0, TcpSegment.SYN, List.of(), ""));
        byte[] f = Ethernet.frame(Topology.SERVER_MAC, Topology.ATTACKER_MAC, ip);
        assertEquals(60, f.length);
        assertEquals(List.of(ip.length), List.of(Ethernet.ipv4Exact(f).orElseThrow().length));
        assertTrue(Ethernet.ipv4(new byte[60]).isEmpty(), "EtherType 0 is not IPv4");
    }
}
