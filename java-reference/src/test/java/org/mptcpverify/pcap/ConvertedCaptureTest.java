package org.mptcpverify.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed kernel capture rewritten by Wireshark's editcap into other container formats must
 * read back as the same packets: real pcapng and nanosecond pcap written by an independent tool.
 */
class ConvertedCaptureTest {
    @TempDir
    Path dir;

    static Path committed() {
        String root = System.getProperty("mptcp.repoRoot");
        Path m = root == null ? Path.of("") : Path.of(root, "java-reference");
        return m.resolve("src/test/resources/captures/kernel-capture.pcap").toAbsolutePath();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pcapng", "nsecpcap"})
    void editcapOutputReadsAsTheSamePackets(String format) throws Exception {
        Assumptions.assumeTrue(PcapWriterTest.onPath("editcap"), "editcap (Wireshark) not installed");
        Path out = dir.resolve("converted." + format);
        Process p = new ProcessBuilder("editcap", "-F", format, committed().toString(), out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), log);
        List<CapturedPacket> original = PcapReader.read(committed());
        List<CapturedPacket> converted = PcapReader.read(out);
        assertEquals(original.size(), converted.size());
        for (int i = 0; i < original.size(); i++) {
            assertEquals(original.get(i).frameIndex(), converted.get(i).frameIndex());
            assertEquals(original.get(i).timestampNanos(), converted.get(i).timestampNanos());
            assertArrayEquals(original.get(i).ip(), converted.get(i).ip());
        }
    }
}
