package org.mptcpverify.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.scheme.Rfc8684;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.MptcpOption.MpTcpRst;
import org.mptcpverify.wire.SegmentCodec;
import org.mptcpverify.wire.TcpSegment;

/**
 * Every MP_TCPRST reason of RFC 8684 3.6 (0x00 to 0x06), and codes it leaves unassigned, through
 * the codec and into the reference: a reset carrying any of them closes the subflow it arrives on
 * and nothing else (the reason only informs), whatever the T flag says. Linux 6.18 sends only 0, 1,
 * 3 and 6 (docs/kernel.md), so reasons 2, 4 and 5 are checked here and not against the kernel.
 */
class MpTcpRstReasonsTest {
    private static final List<Integer> REASONS = List.of(0, 1, 2, 3, 4, 5, 6, 7, 0x80, 0xff);

    private static TcpSegment rst(Tuple serverSide, long seq, int flags, int reason) {
        return new TcpSegment(serverSide.remoteAddr(), serverSide.localAddr(), serverSide.remotePort(),
                serverSide.localPort(), seq, 0, TcpSegment.RST, 0,
                List.of(new TcpSegment.TcpOption.Mptcp(new MpTcpRst(flags, reason))), Bytes.empty());
    }

    @Test
    void everyReasonSurvivesTheCodecWithItsFlags() {
        for (int reason : REASONS) {
            for (int flags : List.of(0, MpTcpRst.T, MpTcpRst.U | MpTcpRst.V | MpTcpRst.W | MpTcpRst.T)) {
                Tuple t = new Tuple(Hosts.addr("s.a1"), 80, Hosts.addr("c1.a2"), 40001);
                TcpSegment sent = rst(t, 1234, flags, reason);
                byte[] wire = SegmentCodec.encode(sent);
                TcpSegment got = SegmentCodec.decode(wire).orElseThrow();
                MpTcpRst r = Hosts.option(got, MpTcpRst.class).orElseThrow();
                assertEquals(new MpTcpRst(flags, reason), r);
                // RFC 8684 3.6: length 4, subtype 0x8 in the high nibble, flags in the low, reason in the fourth byte
                int at = indexOfKind30(wire);
                assertEquals(4, wire[at + 1] & 0xff);
                assertEquals((MptcpOption.SUBTYPE_MP_TCPRST << 4) | flags, wire[at + 2] & 0xff);
                assertEquals(reason, wire[at + 3] & 0xff);
            }
        }
    }

    @Test
    void theSevenRfcReasonsHaveTheirNames() {
        assertEquals("lack of resources", new MpTcpRst(0, MpTcpRst.LACK_OF_RESOURCES).reasonName());
        assertEquals("too much outstanding data", new MpTcpRst(0, MpTcpRst.TOO_MUCH_OUTSTANDING_DATA).reasonName());
        assertEquals("unacceptable performance", new MpTcpRst(0, MpTcpRst.UNACCEPTABLE_PERFORMANCE).reasonName());
        for (int reason = 0; reason <= 6; reason++) {
            assertNotEquals("unassigned", new MpTcpRst(0, reason).reasonName(), "reason " + reason);
        }
        assertEquals("unassigned", new MpTcpRst(0, 7).reasonName());
    }

    @Test
    void aResetWithAnyReasonClosesItsJoinOnlyAndTheConnectionGoesOn() {
        for (int reason : REASONS) {
            Hosts h = new Hosts(new Rfc8684(), 40 + reason);
            h.bind(KeySetting.none());
            h.connect(KeySetting.none());
            h.join();
            assertEquals(1, h.serverJoins().size(), "set-up: one join");
            Subflow join = h.serverJoins().get(0);
            int notes = h.notes.size();
            h.inFlight.add(rst(join.tuple(), join.peerIsn() + 1, MpTcpRst.T, reason));
            h.run();
            assertTrue(h.serverJoins().isEmpty(), "reason " + reason + ": the join is closed");
            assertEquals(ConnPhase.ESTABLISHED, h.serverConn().phase(), "reason " + reason + ": the connection goes on");
            assertTrue(h.serverConn().initialOpen(), "reason " + reason + ": the initial subflow stays");
            String said = String.join("\n", h.notes.subList(notes, h.notes.size()));
            assertTrue(said.contains("MP_TCPRST reason " + reason + ")"), said);
        }
    }

    /** Offset of the first MPTCP option (kind 30) in an encoded IPv4 TCP segment. */
    private static int indexOfKind30(byte[] ip) {
        int ihl = (ip[0] & 0x0f) * 4;
        int dataOffset = ((ip[ihl + 12] & 0xff) >> 4) * 4;
        for (int i = ihl + 20; i < ihl + dataOffset; ) {
            int kind = ip[i] & 0xff;
            if (kind == 30) {
                return i;
            }
            i += kind <= 1 ? 1 : ip[i + 1] & 0xff;
        }
        throw new AssertionError("no MPTCP option");
    }
}
