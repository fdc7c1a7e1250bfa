package org.mptcpverify.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bit flipped in one authenticator of the committed kernel capture: inspect must flag exactly
 * that one. The bytes to flip are located from tshark's dissection (committed beside the capture),
 * not from inspect.
 */
class TamperedCaptureTest {
    @TempDir
    Path dir;

    private static final Path PCAP = KernelCaptureTest.committedCapture();

    private static TsharkTable table() throws Exception {
        return TsharkTable.read(KernelCaptureTest.sibling(PCAP, ".tshark.tsv"));
    }

    /** Flips the last bit of the only occurrence of {@code value} in the file. */
    static Path tamper(Path src, Path dst, byte[] value) throws Exception {
        byte[] file = Files.readAllBytes(src);
        int at = -1;
        for (int i = 0; i + value.length <= file.length; i++) {
            if (java.util.Arrays.equals(file, i, i + value.length, value, 0, value.length)) {
                assertEquals(-1, at, "value occurs more than once in the capture");
                at = i;
            }
        }
        assertTrue(at >= 0, "value not found in the capture");
        file[at + value.length - 1] ^= 1;
        Files.write(dst, file);
        return dst;
    }

    static String first(TsharkTable t, String field) {
        return t.rows().stream().map(r -> r.get(field)).filter(v -> v != null).findFirst().orElseThrow();
    }

    @Test
    void flippedAddAddrHmac() throws Exception {
        long h = TsharkTable.unsigned(first(table(), "tcp.options.mptcp.addaddrtrunchmac"));
        InspectReport r = Inspector.inspect(tamper(PCAP, dir.resolve("t.pcap"), ByteBuffer.allocate(8).putLong(h).array()));
        ConnectionReport c = r.connections().get(0);
        assertEquals(HmacCheck.INVALID, c.addAddrs().get(0).hmac());
        assertTrue(c.joins().stream().allMatch(j -> j.synAckHmac() == HmacCheck.VALID && j.ackHmac() == HmacCheck.VALID));
        assertEquals(1, r.hmacFailures());
    }

    @Test
    void flippedJoinSynAckHmac() throws Exception {
        long h = TsharkTable.unsigned(first(table(), "tcp.options.mptcp.sendtrunchmac"));
        InspectReport r = Inspector.inspect(tamper(PCAP, dir.resolve("t.pcap"), ByteBuffer.allocate(8).putLong(h).array()));
        assertEquals(1, r.hmacFailures());
        assertEquals(HmacCheck.INVALID, r.connections().get(0).joins().get(0).synAckHmac());
        assertEquals(HmacCheck.VALID, r.connections().get(0).joins().get(0).ackHmac());
    }

    @Test
    void flippedJoinThirdAckHmac() throws Exception {
        byte[] h = HexFormat.of().parseHex(first(table(), "tcp.options.mptcp.sendhmac"));
        InspectReport r = Inspector.inspect(tamper(PCAP, dir.resolve("t.pcap"), h));
        assertEquals(1, r.hmacFailures());
        assertEquals(HmacCheck.INVALID, r.connections().get(0).joins().get(0).ackHmac());
    }

    /** Random byte damage: inspect reports, or the reader rejects the file; nothing else. */
    @Test
    void randomDamageNeverCrashesInspect() throws Exception {
        long seed = Long.getLong("mptcp.seed", 20261127L);
        java.util.Random rnd = new java.util.Random(seed);
        byte[] original = Files.readAllBytes(PCAP);
        for (int i = 0; i < 300; i++) {
            byte[] f = original.clone();
            for (int k = 0; k < 1 + rnd.nextInt(40); k++) {
                f[24 + rnd.nextInt(f.length - 24)] = (byte) rnd.nextInt(256);
            }
            try {
                InspectReport r = Inspector.inspect("damaged", org.mptcpverify.pcap.PcapReader.read(Path.of("damaged"), f));
                ReportJson.format(r);
                ReportText.format(r);
            } catch (org.mptcpverify.pcap.PcapFormatException expected) {
                // a damaged record header: a typed error is the right answer
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " case " + i + ": " + e, e);
            }
        }
    }
}
