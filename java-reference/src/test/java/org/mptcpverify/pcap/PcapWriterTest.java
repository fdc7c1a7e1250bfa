package org.mptcpverify.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    /** Block by block as the pcapng specification lays them out (little-endian section). */
    @Test
    void blocksFollowThePcapngFormat() throws IOException {
        Path f = dir.resolve("x.pcap");
        PcapWriter.writeRawIp(f, List.of(new PcapWriter.TimedPacket(1_000_000_500_000L, A),
                new PcapWriter.TimedPacket(1_000_000_750_000L, B, "hi")));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x0A0D0D0A, b.getInt(0));      // section header block
        assertEquals(28, b.getInt(4));
        assertEquals(0x1A2B3C4D, b.getInt(8));      // byte-order magic
        assertEquals(1, b.getShort(12));            // version 1.0
        assertEquals(-1L, b.getLong(16));           // section length not given
        assertEquals(28, b.getInt(24));
        assertEquals(1, b.getInt(28));              // interface description block
        assertEquals(20, b.getInt(32));
        assertEquals(101, b.getShort(36));          // LINKTYPE_RAW
        assertEquals(PcapWriter.SNAP_LEN, b.getInt(40));
        int epb = 48;
        int first = 32 + A.length + (4 - A.length % 4) % 4;
        assertEquals(6, b.getInt(epb));             // enhanced packet block, no options
        assertEquals(first, b.getInt(epb + 4));
        assertEquals(0, b.getInt(epb + 8));         // interface 0
        long ts = ((long) b.getInt(epb + 12) << 32) | (b.getInt(epb + 16) & 0xFFFFFFFFL);
        assertEquals(1_000_000_500_000L, ts);       // microseconds: the default resolution
        assertEquals(A.length, b.getInt(epb + 20));
        assertEquals(A.length, b.getInt(epb + 24));
        assertEquals(first, b.getInt(epb + first - 4));
        int second = epb + first;
        int dataEnd = second + 28 + B.length + (4 - B.length % 4) % 4;
        assertEquals(1, b.getShort(dataEnd));       // opt_comment
        assertEquals(2, b.getShort(dataEnd + 2));
        assertEquals('h', b.get(dataEnd + 4));
        assertEquals('i', b.get(dataEnd + 5));
        assertEquals(0, b.getInt(dataEnd + 8));     // opt_endofopt
        assertEquals(dataEnd + 16, b.capacity());
    }

    @Test
    void commentsRoundTripThroughTheReader() throws Exception {
        Path f = dir.resolve("c.pcap");
        String marked = AttackerMark.comment("sent by x at trace step 3, \u00e9"); // non-ASCII: UTF-8
        PcapWriter.writeRawIp(f, List.of(new PcapWriter.TimedPacket(1, A, marked),
                new PcapWriter.TimedPacket(2, B), new PcapWriter.TimedPacket(3, A, "abc")));
        List<CapturedPacket> ps = PcapReader.read(f);
        assertEquals(List.of(marked), ps.get(0).comments());
        assertEquals(List.of(), ps.get(1).comments());
        assertEquals(List.of("abc"), ps.get(2).comments());
        assertEquals(java.util.Optional.of(marked), AttackerMark.find(ps.get(0).comments()));
        assertEquals(java.util.Optional.empty(), AttackerMark.find(ps.get(2).comments()));
        assertArrayEquals(A, ps.get(2).ip());
    }

    @Test
    void commentsWithNulOrTooLongAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PcapWriter.TimedPacket(1, A, "a\0b"));
        assertThrows(IllegalArgumentException.class, () -> new PcapWriter.TimedPacket(1, A, "x".repeat(70_000)));
    }

    /** Wireshark's own reader shows the comment on the frame it belongs to, and only there. */
    @Test
    void tsharkShowsThePacketComment() throws Exception {
        Assumptions.assumeTrue(onPath("tshark"), "tshark not installed");
        Path f = dir.resolve("tc.pcap");
        String marked = AttackerMark.comment("sent by x");
        PcapWriter.writeRawIp(f, List.of(new PcapWriter.TimedPacket(1, A), new PcapWriter.TimedPacket(2, B, marked)));
        Process p = new ProcessBuilder("tshark", "-n", "-r", f.toString(), "-Y", "frame.comment", "-T", "fields",
                "-e", "frame.number", "-e", "frame.comment")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        assertEquals(List.of("2\t" + marked), out.lines().toList());
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
