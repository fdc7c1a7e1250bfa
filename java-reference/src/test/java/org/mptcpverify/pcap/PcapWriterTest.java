package org.mptcpverify.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapWriterTest {
    @TempDir
    Path dir;

    private static final byte[] A = CaptureFiles.ipv4(1, new byte[] {1, 2, 3, 4});
    private static final byte[] B = CaptureFiles.ipv6(new byte[] {5});

    @Test
    void headerAndRecordsFollowTheClassicFormat() throws IOException {
        Path f = dir.resolve("x.pcap");
        PcapWriter.writeRawIp(f, List.of(A, B), 1_000_000_500_000L, 250_000L);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xA1B2C3D4, b.getInt(0));
        assertEquals(2, b.getShort(4));
        assertEquals(4, b.getShort(6));
        assertEquals(101, b.getInt(20));
        assertEquals(1_000_000, b.getInt(24));      // seconds
        assertEquals(500_000, b.getInt(28));        // microseconds
        assertEquals(A.length, b.getInt(32));
        assertEquals(A.length, b.getInt(36));
        int second = 24 + 16 + A.length;
        assertEquals(1_000_000, b.getInt(second));
        assertEquals(750_000, b.getInt(second + 4));
        assertEquals(24 + 32 + A.length + B.length, b.capacity());
    }

    @Test
    void readerReadsWhatTheWriterWrote() throws Exception {
        Path f = dir.resolve("round.pcap");
        PcapWriter.writeRawIp(f, List.of(new PcapWriter.TimedPacket(7, A), new PcapWriter.TimedPacket(3_000_001, B)));
        List<CapturedPacket> ps = PcapReader.read(f);
        assertEquals(2, ps.size());
        assertArrayEquals(A, ps.get(0).ip());
        assertEquals(7_000L, ps.get(0).timestampNanos());
        assertArrayEquals(B, ps.get(1).ip());
        assertEquals(3_000_001_000L, ps.get(1).timestampNanos());
    }

    @Test
    void sameInputSameBytesAndNoTemporaryFilesLeft() throws IOException {
        Path f1 = dir.resolve("a.pcap");
        Path f2 = dir.resolve("b.pcap");
        PcapWriter.writeRawIp(f1, List.of(A, B), 42, 1);
        PcapWriter.writeRawIp(f2, List.of(A, B), 42, 1);
        PcapWriter.writeRawIp(f2, List.of(A, B), 42, 1); // replaces an existing file
        assertArrayEquals(Files.readAllBytes(f1), Files.readAllBytes(f2));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("a.pcap", "b.pcap"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /** An independent reader agrees: tshark sees two raw-IP frames with our addresses. */
    @Test
    void tsharkReadsTheFile() throws Exception {
        Assumptions.assumeTrue(onPath("tshark"), "tshark not installed");
        Path f = dir.resolve("t.pcap");
        PcapWriter.writeRawIp(f, List.of(A, B), 1_000_000, 1);
        Process p = new ProcessBuilder("tshark", "-n", "-r", f.toString(), "-T", "fields",
                "-e", "frame.number", "-e", "ip.src", "-e", "ipv6.src")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        assertEquals(List.of("1\t10.0.1.1\t", "2\t\tfd00::1"), out.lines().toList());
    }

    static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
