package org.mptcpverify.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.mptcpverify.pcap.CaptureFiles.ethernet;
import static org.mptcpverify.pcap.CaptureFiles.ipv4;
import static org.mptcpverify.pcap.CaptureFiles.ipv6;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PcapReaderTest {
    private static final Path NAME = Path.of("test.pcap");
    private static final byte[] P1 = ipv4(1, "hello".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] P2 = ipv4(3, new byte[] {1, 2, 3});
    private static final byte[] P6 = ipv6(new byte[] {9, 8, 7, 6});

    private static List<CapturedPacket> read(byte[] file) throws PcapFormatException {
        return PcapReader.read(NAME, file);
    }

    enum Order {
        LITTLE(ByteOrder.LITTLE_ENDIAN), BIG(ByteOrder.BIG_ENDIAN);
        final ByteOrder order;

        Order(ByteOrder o) {
            order = o;
        }
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void classicMicroseconds(Order o) throws Exception {
        byte[] f = new CaptureFiles.Classic(o.order, false, 101)
                .frame(1_700_000_000L, 123_456, P1).frame(1_700_000_001L, 7, P6).bytes();
        List<CapturedPacket> ps = read(f);
        assertEquals(2, ps.size());
        assertArrayEquals(P1, ps.get(0).ip());
        assertEquals(1_700_000_000_123_456_000L, ps.get(0).timestampNanos());
        assertEquals(1, ps.get(0).frameIndex());
        assertArrayEquals(P6, ps.get(1).ip());
        assertEquals(6, ps.get(1).ipVersion());
        assertEquals(1_700_000_001_000_007_000L, ps.get(1).timestampNanos());
        assertEquals(2, ps.get(1).frameIndex());
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void classicNanoseconds(Order o) throws Exception {
        byte[] f = new CaptureFiles.Classic(o.order, true, 101).frame(5, 123_456_789, P2).bytes();
        CapturedPacket p = read(f).get(0);
        assertEquals(5_123_456_789L, p.timestampNanos());
        assertArrayEquals(P2, p.ip());
        assertFalse(p.truncated());
    }

    @Test
    void emptyCaptureHasNoPackets() throws Exception {
        assertEquals(List.of(), read(new CaptureFiles.Classic(ByteOrder.LITTLE_ENDIAN, false, 1).bytes()));
        assertEquals(List.of(), read(new CaptureFiles.Ng(ByteOrder.BIG_ENDIAN).iface(1, -1).bytes()));
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void pcapngEnhancedAndSimplePacketsSkippingOtherBlocks(Order o) throws Exception {
        byte[] f = new CaptureFiles.Ng(o.order)
                .iface(101, -1)               // interface 0: microseconds
                .iface(1, 9)                  // interface 1: Ethernet, nanoseconds
                .other(4, new byte[] {0, 0, 0, 0}) // name resolution block: skipped
                .epb(0, 1_500_000_000_250_000L, P1)
                .epb(1, 1_500_000_000_000_000_777L, ethernet(0x0800, P2))
                .spb(P6)
                .other(5, new byte[20])       // interface statistics: skipped
                .bytes();
        List<CapturedPacket> ps = read(f);
        assertEquals(3, ps.size());
        assertArrayEquals(P1, ps.get(0).ip());
        assertEquals(1_500_000_000_250_000_000L, ps.get(0).timestampNanos());
        assertArrayEquals(P2, ps.get(1).ip());
        assertEquals(1_500_000_000_000_000_777L, ps.get(1).timestampNanos());
        assertArrayEquals(P6, ps.get(2).ip());
        assertEquals(List.of(1L, 2L, 3L), ps.stream().map(CapturedPacket::frameIndex).toList());
    }

    @Test
    void pcapngSectionsMayChangeByteOrderAndResetInterfaces() throws Exception {
        byte[] f = new CaptureFiles.Ng(ByteOrder.LITTLE_ENDIAN).iface(101, -1).epb(0, 1, P1)
                .section(ByteOrder.BIG_ENDIAN).iface(228, 0x80 | 10).epb(0, 3L << 10, P2).bytes();
        List<CapturedPacket> ps = read(f);
        assertEquals(2, ps.size());
        assertArrayEquals(P2, ps.get(1).ip());
        assertEquals(3_000_000_000L, ps.get(1).timestampNanos()); // 2^-10 s units
    }

    /**
     * Packet comments (opt_comment, code 1) in either byte order, several per packet, beside
     * other options (opt_flags, code 2), with the trailing NUL some writers add dropped.
     */
    @ParameterizedTest
    @EnumSource(Order.class)
    void pcapngPacketCommentsAreRead(Order o) throws Exception {
        byte[] utf8 = "attacker-originated: \u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] f = new CaptureFiles.Ng(o.order).iface(101, -1)
                .epbWithOptions(0, 1, P1, 2, new byte[4], 1, utf8, 1, "second\0".getBytes())
                .epb(0, 2, P2)
                .bytes();
        List<CapturedPacket> ps = read(f);
        assertEquals(List.of("attacker-originated: \u00e9", "second"), ps.get(0).comments());
        assertArrayEquals(P1, ps.get(0).ip());
        assertEquals(List.of(), ps.get(1).comments());
    }

    @Test
    void pcapngPacketOptionOverrunningItsBlockIsCorrupt() {
        byte[] f = new CaptureFiles.Ng(ByteOrder.LITTLE_ENDIAN).iface(101, -1)
                .epbWithOptions(0, 1, P1, 1, "abcd".getBytes()).bytes();
        int optionLength = 28 + 20 + 28 + ((P1.length + 3) & ~3) + 2;
        f[optionLength] = 40; // the comment now claims 40 bytes
        PcapFormatException e = assertThrows(PcapFormatException.class, () -> read(f));
        assertTrue(e.getMessage().contains("packet option 1"), e.getMessage());
    }

    @Test
    void pcapngPacketOnUndescribedInterfaceIsCorrupt() {
        byte[] f = new CaptureFiles.Ng(ByteOrder.LITTLE_ENDIAN).iface(101, -1).epb(1, 1, P1).bytes();
        PcapFormatException e = assertThrows(PcapFormatException.class, () -> read(f));
        assertEquals(28 + 20 + 8, e.offset()); // SHB 28, IDB 20, then the EPB's interface id
        assertTrue(e.getMessage().contains("interface 1"), e.getMessage());
    }

    /** Issue #16.8: an id of 2^31 or more was printed as a negative number. */
    @Test
    void pcapngInterfaceIdIsUnsignedInTheMessage() {
        byte[] f = new CaptureFiles.Ng(ByteOrder.LITTLE_ENDIAN).iface(101, -1).epb(0x80000000, 1, P1).bytes();
        PcapFormatException e = assertThrows(PcapFormatException.class, () -> read(f));
        assertTrue(e.getMessage().contains("interface 2147483648 "), e.getMessage());
    }

    @Test
    void ethernetWithVlanTagsAndPaddingAndNonIpFrames() throws Exception {
        byte[] arp = ethernet(0x0806, new byte[28]);
        byte[] padded = ethernet(0x0800, CaptureFiles.concat(P2, new byte[20])); // padded to 60+
        byte[] vlan = ethernet(0x0800, P1, 10);
        byte[] qinq = ethernet(0x86DD, P6, 0x8100, 20); // outer tag id irrelevant; two tags
        byte[] f = new CaptureFiles.Classic(ByteOrder.LITTLE_ENDIAN, false, 1)
                .frame(0, 0, arp).frame(0, 1, padded).frame(0, 2, vlan).frame(0, 3, qinq).bytes();
        List<CapturedPacket> ps = read(f);
        assertEquals(3, ps.size());
        assertArrayEquals(P2, ps.get(0).ip()); // padding trimmed by the IP total length
        assertArrayEquals(P1, ps.get(1).ip());
        assertArrayEquals(P6, ps.get(2).ip());
        assertEquals(List.of(2L, 3L, 4L), ps.stream().map(CapturedPacket::frameIndex).toList());
    }

    @Test
    void rawIpLinkTypes() throws Exception {
        assertArrayEquals(P6, one(101, P6));
        assertArrayEquals(P1, one(101, P1));
        assertArrayEquals(P1, one(228, P1));
        assertArrayEquals(P6, one(229, P6));
        // 228 is IPv4 only, 229 IPv6 only: the wrong version is not IP of that link.
        assertEquals(0, read(new CaptureFiles.Classic(ByteOrder.BIG_ENDIAN, false, 228).frame(0, 0, P6).bytes()).size());
        assertEquals(0, read(new CaptureFiles.Classic(ByteOrder.BIG_ENDIAN, false, 229).frame(0, 0, P1).bytes()).size());
    }

    @Test
    void linuxCookedHeaders() throws Exception {
        assertArrayEquals(P1, one(113, CaptureFiles.sll(0x0800, P1)));
        assertArrayEquals(P6, one(113, CaptureFiles.sll(0x86DD, P6)));
        assertArrayEquals(P2, one(276, CaptureFiles.sll2(0x0800, P2)));
        assertArrayEquals(P6, one(276, CaptureFiles.sll2(0x86DD, P6)));
        assertEquals(0, read(new CaptureFiles.Classic(ByteOrder.BIG_ENDIAN, false, 276)
                .frame(0, 0, CaptureFiles.sll2(0x0806, new byte[28])).bytes()).size());
    }

    private static byte[] one(int link, byte[] frame) throws PcapFormatException {
        List<CapturedPacket> ps = read(new CaptureFiles.Classic(ByteOrder.LITTLE_ENDIAN, false, link)
                .frame(0, 0, frame).bytes());
        assertEquals(1, ps.size());
        return ps.get(0).ip();
    }

    @Test
    void unsupportedLinkTypeIsAnError() {
        byte[] f = new CaptureFiles.Classic(ByteOrder.LITTLE_ENDIAN, false, 147).frame(0, 0, P1).bytes();
        PcapFormatException e = assertThrows(PcapFormatException.class, () -> read(f));
        assertTrue(e.reason().contains("unsupported link type 147"), e.reason());
    }

    @Test
    void snapLengthCutIsFlaggedNotFatal() throws Exception {
        byte[] cut = Arrays.copyOf(P1, 22);
        CapturedPacket p = read(new CaptureFiles.Classic(ByteOrder.LITTLE_ENDIAN, false, 101)
                .frame(0, 0, cut, P1.length).bytes()).get(0);
        assertTrue(p.truncated());
        assertArrayEquals(cut, p.ip());
    }

    @Test
    void truncatedClassicFileNamesTheOffset() {
        byte[] whole = new CaptureFiles.Classic(ByteOrder.LITTLE_ENDIAN, false, 101)
                .frame(0, 0, P1).frame(0, 1, P2).bytes();
        int secondRecord = 24 + 16 + P1.length;
        // Cut inside the second packet's data: the offset is where that data starts.
        PcapFormatException e = assertThrows(PcapFormatException.class,
                () -> read(Arrays.copyOf(whole, whole.length - 2)));
        assertEquals(secondRecord + 16, e.offset());
        assertTrue(e.getMessage().startsWith("test.pcap: byte offset " + (secondRecord + 16) + ": truncated"),
                e.getMessage());
        // Cut inside the second record header.
        e = assertThrows(PcapFormatException.class, () -> read(Arrays.copyOf(whole, secondRecord + 5)));
        assertEquals(secondRecord, e.offset());
        // Cut inside the file header.
        e = assertThrows(PcapFormatException.class, () -> read(Arrays.copyOf(whole, 10)));
        assertEquals(0, e.offset());
    }

    @Test
    void truncatedPcapngFileNamesTheBlock() {
        byte[] whole = new CaptureFiles.Ng(ByteOrder.LITTLE_ENDIAN).iface(101, -1).epb(0, 0, P1).bytes();
        PcapFormatException e = assertThrows(PcapFormatException.class,
                () -> read(Arrays.copyOf(whole, whole.length - 4)));
        assertEquals(28 + 20, e.offset());
    }

    @Test
    void pcapngLengthMismatchIsCorrupt() {
        byte[] f = new CaptureFiles.Ng(ByteOrder.LITTLE_ENDIAN).iface(101, -1).bytes();
        f[f.length - 4] = 99; // IDB trailing length
        PcapFormatException e = assertThrows(PcapFormatException.class, () -> read(f));
        assertEquals(f.length - 4, e.offset());
        assertTrue(e.reason().contains("trailing length"), e.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "GET / HTTP/1.1\r\n\r\n", "\u007fELF\u0002\u0001\u0001", "abc"})
    void nonPcapInputIsAnErrorAtOffsetZero(String text) {
        PcapFormatException e = assertThrows(PcapFormatException.class,
                () -> read(text.getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(0, e.offset());
        assertTrue(e.reason().startsWith("not a pcap or pcapng file"), e.reason());
        assertEquals(NAME, e.file());
    }

    /** Cut and flipped files must give packets or a PcapFormatException, never anything else. */
    @Test
    void damagedFilesNeverCrash() {
        long seed = Long.getLong("mptcp.seed", 20261127L);
        Random rnd = new Random(seed);
        byte[][] originals = {
                new CaptureFiles.Classic(ByteOrder.LITTLE_ENDIAN, false, 1).frame(0, 0, ethernet(0x0800, P1, 5))
                        .frame(0, 1, ethernet(0x86DD, P6)).bytes(),
                new CaptureFiles.Ng(ByteOrder.BIG_ENDIAN).iface(276, 9).iface(1, -1)
                        .epb(0, 5, CaptureFiles.sll2(0x0800, P1)).spb(CaptureFiles.sll2(0x86DD, P6))
                        .epb(1, 6, ethernet(0x0800, P2)).bytes()};
        for (int i = 0; i < 3000; i++) {
            byte[] f = originals[i % 2].clone();
            if (rnd.nextBoolean()) {
                f = Arrays.copyOf(f, rnd.nextInt(f.length + 1));
            }
            int flips = 1 + rnd.nextInt(4);
            for (int k = 0; k < flips && f.length > 0; k++) {
                f[rnd.nextInt(f.length)] = (byte) rnd.nextInt(256);
            }
            try {
                read(f);
            } catch (PcapFormatException expected) {
                assertTrue(expected.offset() >= 0 && expected.offset() <= f.length, expected.getMessage());
            } catch (RuntimeException e) {
                fail("seed " + seed + " case " + i + ": unchecked " + e, e);
            }
        }
    }
}
