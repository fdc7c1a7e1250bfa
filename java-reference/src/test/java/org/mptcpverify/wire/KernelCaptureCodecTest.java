package org.mptcpverify.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.mptcpverify.pcap.CapturedPacket;
import org.mptcpverify.pcap.PcapReader;

/**
 * Real Linux MPTCP v1 traffic (src/test/resources/captures/kernel-capture.pcap, two namespaces,
 * two subflows, ADD_ADDR): every packet decodes, every MPTCP option the kernel sent decodes to a
 * record, and re-encoding gives back the kernel's TCP bytes exactly (the checksum too where the
 * capture holds a final one; an offloaded checksum field must hold the pseudo-header sum).
 */
class KernelCaptureCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void kernelPacketsDecodeAndReencodeExactly() throws Exception {
        Path pcap = Path.of("src/test/resources/captures/kernel-capture.pcap");
        assertTrue(Files.exists(pcap), "missing " + pcap.toAbsolutePath());
        List<CapturedPacket> packets = PcapReader.read(pcap);
        TreeSet<Integer> subtypes = new TreeSet<>();
        int tcp = 0;
        int verified = 0;
        for (CapturedPacket cp : packets) {
            byte[] ip = cp.ip();
            if (cp.truncated() || ip.length < 20) continue;
            int proto = cp.ipVersion() == 4 ? ip[9] & 0xff : ip[6] & 0xff;
            if (proto != 6) continue;
            tcp++;
            String ctx = "frame " + cp.frameIndex() + " " + HEX.formatHex(ip);
            TcpSegment s = SegmentCodec.decode(ip, 0, ip.length, false).orElseThrow();
            for (TcpSegment.TcpOption o : s.options()) {
                if (o instanceof TcpSegment.TcpOption.Mptcp m) subtypes.add(m.option().subtype());
                else assertNotEquals(MptcpOption.KIND, ((TcpSegment.TcpOption.Raw) o).bytes().get(0) & 0xff,
                        "kernel MPTCP option left raw: " + ctx);
            }
            int ipHeader = cp.ipVersion() == 4 ? (ip[0] & 0x0f) * 4 : 40;
            int ipTotal = cp.ipVersion() == 4 ? ((ip[2] & 0xff) << 8 | (ip[3] & 0xff)) : 40 + ((ip[4] & 0xff) << 8 | (ip[5] & 0xff));
            byte[] theirs = Arrays.copyOfRange(ip, ipHeader, ipTotal);
            byte[] ours = SegmentCodec.encode(s);
            byte[] oursTcp = Arrays.copyOfRange(ours, cp.ipVersion() == 4 ? 20 : 40, ours.length);
            boolean finalChecksum = SegmentCodec.decode(ip) instanceof ParseResult.Ok;
            if (finalChecksum) {
                verified++;
            } else {
                // Offloaded: the field holds the folded pseudo-header sum (as in the thesis's
                // figure 5.3); check that, then compare everything else.
                boolean v4 = cp.ipVersion() == 4;
                byte[] src = v4 ? Arrays.copyOfRange(ip, 12, 16) : Arrays.copyOfRange(ip, 8, 24);
                byte[] dst = v4 ? Arrays.copyOfRange(ip, 16, 20) : Arrays.copyOfRange(ip, 24, 40);
                int n = theirs.length;
                byte[] tail = v4 ? new byte[] {0, 6, (byte) (n >> 8), (byte) n}
                        : new byte[] {0, 0, (byte) (n >> 8), (byte) n, 0, 0, 0, 6};
                int partial = SegmentCodecTest.onesComplementSum(src, dst, tail);
                assertEquals(partial, (theirs[16] & 0xff) << 8 | (theirs[17] & 0xff), "partial checksum: " + ctx);
                theirs[16] = theirs[17] = 0;
                oursTcp[16] = oursTcp[17] = 0;
            }
            assertEquals(HEX.formatHex(theirs), HEX.formatHex(oursTcp), ctx);
        }
        assertTrue(tcp > 20, "only " + tcp + " TCP packets in the capture");
        assertTrue(subtypes.containsAll(List.of(MptcpOption.SUBTYPE_MP_CAPABLE, MptcpOption.SUBTYPE_MP_JOIN,
                MptcpOption.SUBTYPE_DSS)), "subtypes seen: " + subtypes);
        System.out.println("kernel capture: " + tcp + " TCP packets, " + verified
                + " with final TCP checksums, MPTCP subtypes " + subtypes);
    }
}
