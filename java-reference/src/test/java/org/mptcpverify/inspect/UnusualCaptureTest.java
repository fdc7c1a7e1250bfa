package org.mptcpverify.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpverify.inspect.InspectorTest.ADD_ADDR_FROM_A;
import static org.mptcpverify.inspect.InspectorTest.JOIN_ACK_HMAC;
import static org.mptcpverify.inspect.InspectorTest.JOIN_SYNACK_HMAC;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.pcap.PcapWriter;

/**
 * Captures nobody had fed inspect (session 13, issue #13): taken on several interfaces of
 * different link types, over IPv6 with extension headers, reordered, fragmented or cut. Each used
 * to lose the connection, or part of it, without a word; inspect must read what it can and say
 * what it did not read and why. The packets are {@link InspectorTest#standard}'s, whose three
 * HMACs were computed independently of the reference.
 */
class UnusualCaptureTest {
    @TempDir
    Path dir;

    private static List<byte[]> standard() {
        return InspectorTest.standard(JOIN_SYNACK_HMAC, JOIN_ACK_HMAC, ADD_ADDR_FROM_A).packets();
    }

    private InspectReport rawIp(List<byte[]> packets) throws Exception {
        Path f = dir.resolve("c.pcap");
        PcapWriter.writeRawIp(f, packets, 1_000_000, 1000);
        return Inspector.inspect(f);
    }

    private static void allThreeVerify(InspectReport r) {
        assertEquals(1, r.connections().size(), r.notes().toString());
        assertEquals(3, r.hmacsChecked(), r.notes().toString());
        assertEquals(0, r.hmacFailures());
        assertTrue(r.connections().get(0).joins().get(0).established());
    }

    @Test
    void aJoinSynCapturedAfterItsSynAckIsStillTheJoin() throws Exception {
        List<byte[]> p = new ArrayList<>(standard());
        // frames 6 (join SYN) and 7 (its SYN/ACK) swapped, as a capture merged from two interfaces may have them
        byte[] syn = p.get(5);
        p.set(5, p.get(6));
        p.set(6, syn);
        p.add(syn.clone()); // and the SYN once more, a retransmission
        InspectReport r = rawIp(p);
        allThreeVerify(r);
        assertTrue(r.notes().stream().noneMatch(n -> n.contains("SYN was not captured")), r.notes().toString());
    }

    /** The IPv4 packet as IPv6 (addresses 2001:db8::IPv4), behind the given extension headers. */
    private static byte[] toIpv6(byte[] v4, byte[] extensions, int firstNext) {
        int ihl = (v4[0] & 0x0f) * 4;
        byte[] tcp = Arrays.copyOfRange(v4, ihl, v4.length);
        ByteBuffer b = ByteBuffer.allocate(40 + extensions.length + tcp.length);
        b.putInt(6 << 28).putShort((short) (extensions.length + tcp.length)).put((byte) firstNext).put((byte) 64);
        for (int at : new int[] {12, 16}) {
            b.put(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0}).put(v4, at, 4);
        }
        return b.put(extensions).put(tcp).array();
    }

    @Test
    void ipv6ExtensionHeadersAreWalkedAhIncluded() throws Exception {
        // hop-by-hop (8 bytes) -> destination options (8) -> AH (RFC 4302: payload length 4 = 24 bytes) -> TCP
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        ext.writeBytes(new byte[] {60, 0, 1, 4, 0, 0, 0, 0});
        ext.writeBytes(new byte[] {51, 0, 1, 4, 0, 0, 0, 0});
        byte[] ah = new byte[24];
        ah[0] = 6;
        ah[1] = 4;
        ext.writeBytes(ah);
        List<byte[]> v6 = standard().stream().map(p -> toIpv6(p, ext.toByteArray(), 0)).toList();
        InspectReport r = rawIp(v6);
        allThreeVerify(r);
        assertEquals("[2001:db8::c000:201]:40000", r.connections().get(0).a().orElseThrow().toString());
    }

    @Test
    void packetsThatCannotBeReadAreNamedWithTheReason() throws Exception {
        List<byte[]> p = new ArrayList<>(standard());
        byte[] fragment = p.get(8).clone(); // the join's last ACK, as a later IPv4 fragment
        fragment[6] = 0x20;
        fragment[7] = 0x01;
        p.set(8, fragment);
        p.add(Arrays.copyOf(p.get(0), 30)); // a TCP header cut after 10 bytes
        byte[] v6frag = toIpv6(p.get(1), new byte[] {6, 0, 0, 0x10, 0, 0, 0, 1}, 44); // IPv6, offset 2
        p.add(v6frag);
        InspectReport r = rawIp(p);
        assertEquals(List.of(
                "1 TCP packet(s) not read, IPv4 fragment after the first (not reassembled): frame 9",
                "1 TCP packet(s) not read, TCP header cut by the capture (10 of 20 bytes): frame 10",
                "1 TCP packet(s) not read, IPv6 fragment after the first (not reassembled): frame 11"),
                r.notes().stream().filter(n -> n.contains("not read")).toList());
        assertTrue(!r.connections().get(0).joins().get(0).established(), "the ACK that established it was not read");
    }

    @Test
    void anEchoOfNoAnnouncementIsNamed() throws Exception {
        List<byte[]> p = new ArrayList<>(standard());
        p.set(4, new Synthetic().tcp(InspectorTest.SB, 80, InspectorTest.CA, 40000, 501, 101, Synthetic.ACK,
                Synthetic.addAddrEcho(9, "203.0.113.9")).packets().get(0));
        InspectReport r = rawIp(p);
        assertTrue(r.notes().contains("frame 5: ADD_ADDR echo of id 9 203.0.113.9 that echoes no announcement"
                + " captured before it"), r.notes().toString());
    }

    // ---- pcapng with several interfaces

    private static byte[] block(int type, byte[] body) {
        int padded = (body.length + 3) & ~3;
        ByteBuffer b = ByteBuffer.allocate(12 + padded).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(type).putInt(12 + padded).put(body).position(8 + padded);
        return b.putInt(12 + padded).array();
    }

    private static byte[] epb(int iface, byte[] frame) {
        ByteBuffer b = ByteBuffer.allocate(20 + frame.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(iface).putInt(0).putInt(0).putInt(frame.length).putInt(frame.length).put(frame);
        return block(6, b.array());
    }

    @Test
    void aPcapngOfSeveralLinkTypesIsReadInterfaceByInterface() throws Exception {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(block(0x0A0D0D0A, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1).array()));
        for (int link : new int[] {0, 1, 105}) { // BSD loopback, Ethernet, 802.11 (not unwrapped)
            f.writeBytes(block(1, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                    .putShort((short) link).putShort((short) 0).putInt(65535).array()));
        }
        List<byte[]> p = standard();
        for (int i = 0; i < p.size(); i++) {
            if (i < 3) {
                // loopback: the address family in the capturing host's byte order (2, AF_INET)
                f.writeBytes(epb(0, ByteBuffer.allocate(4 + p.get(i).length).order(ByteOrder.LITTLE_ENDIAN)
                        .putInt(2).put(p.get(i)).array()));
            } else {
                // Ethernet with an 802.1Q tag
                f.writeBytes(epb(1, ByteBuffer.allocate(18 + p.get(i).length).put(new byte[12])
                        .putShort((short) 0x8100).putShort((short) 7).putShort((short) 0x0800).put(p.get(i)).array()));
            }
            if (i == 4) {
                f.writeBytes(epb(2, new byte[40]));
            }
        }
        Path file = dir.resolve("c.pcapng");
        Files.write(file, f.toByteArray());
        InspectReport r = Inspector.inspect(file);
        allThreeVerify(r);
        assertEquals(List.of("1 frame(s) of interface 2 (link type 105, which inspect does not unwrap) not read"
                + " (first: frame 6)"), r.notes());
    }
}
