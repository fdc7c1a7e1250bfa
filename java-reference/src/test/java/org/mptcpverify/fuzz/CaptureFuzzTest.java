package org.mptcpverify.fuzz;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.List;
import org.mptcpverify.pcap.CapturedPacket;
import org.mptcpverify.pcap.PcapFormatException;
import org.mptcpverify.pcap.PcapReader;

/** Fuzzing of the pcap/pcapng reader: packets or one PcapFormatException at an offset inside the file, nothing else. */
class CaptureFuzzTest {
    private static final Path NAME = Path.of("fuzz.pcap");

    @FuzzTest(maxDuration = "30s")
    void captures(byte[] data) {
        try {
            List<CapturedPacket> packets = PcapReader.read(NAME, data);
            long previous = 0;
            for (CapturedPacket p : packets) {
                assertTrue(p.ip().length <= data.length, "a packet larger than the file");
                assertTrue(p.frameIndex() > previous, "frame numbers increase");
                previous = p.frameIndex();
            }
        } catch (PcapFormatException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= data.length, "offset " + e.offset() + " of " + data.length);
            assertTrue(e.getMessage().startsWith(NAME.toString()), e.getMessage());
        }
    }
}
