package org.mptcpverify.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.ParseResult;
import org.mptcpverify.wire.SegmentCodec;
import org.mptcpverify.wire.TcpSegment;

class NetworkTest {
    static TcpSegment seg(String src, int sport, String dst, int dport, int flags) {
        return new TcpSegment(Addresses.of(src), Addresses.of(dst), sport, dport, 1, 0, flags, 65535,
                List.of(new TcpSegment.TcpOption.Mptcp(new MptcpOption.MpJoinSyn(0, 1, 0x11223344, 0x55667788))),
                Bytes.empty());
    }

    @Test
    void tapsSeeTheExactIpBytesWithValidChecksums() {
        Network n = new Network();
        List<String> seen = new ArrayList<>();
        List<Bytes> bytes = new ArrayList<>();
        n.addTap((path, ip) -> {
            seen.add(path);
            bytes.add(ip);
        });
        TcpSegment s = seg("c1.a2", 40000, "s.a1", 80, TcpSegment.SYN);
        Envelope e = n.send(s, "c1");
        assertEquals(List.of("p2"), seen, "a join from c1.a2 crosses p2");
        assertArrayEquals(SegmentCodec.encode(s), bytes.get(0).toArray());
        assertTrue(SegmentCodec.decode(bytes.get(0).toArray()) instanceof ParseResult.Ok<TcpSegment> ok
                && ok.value().equals(s), "checksums verify and the segment decodes back");
        assertEquals("c1", e.origin());
    }

    @Test
    void deliveryOrderIsChosenByTheCaller() {
        Network n = new Network();
        n.send(seg("c1.a1", 1, "s.a1", 80, TcpSegment.SYN), "c1");
        n.send(seg("c1.a2", 2, "s.a1", 80, TcpSegment.SYN), "c1");
        n.send(seg("c1.a2", 3, "s.a1", 80, TcpSegment.SYN), "c1");
        assertEquals(3, n.take(2).segment().srcPort());
        assertEquals(1, n.next().orElseThrow().segment().srcPort());
        assertEquals(2, n.next().orElseThrow().segment().srcPort());
        assertTrue(n.idle());
    }

    @Test
    void natRewritesEachSubflowConsistentlyAndKeepsTheOrigin() {
        Network n = new Network();
        InetAddress nat = Addresses.of("nat.a");
        n.addBox(new Rewriter(Addresses.P2, nat, s -> Addresses.pathOf(s.src()).equals(Addresses.P2), false, false));
        n.send(seg("c1.a2", 40001, "s.a1", 80, TcpSegment.SYN), "c1");
        Envelope syn = n.next().orElseThrow();
        assertEquals(nat, syn.segment().src());
        assertEquals("c1", syn.origin());
        assertEquals(Addresses.of("c1.a2"), syn.originSrc());
        assertTrue(syn.rewritten());
        n.send(seg("c1.a2", 40001, "s.a1", 80, TcpSegment.ACK), "c1");
        assertEquals(syn.segment().srcPort(), n.next().orElseThrow().segment().srcPort(), "same mapping for the subflow");
        n.send(seg("c1.a2", 40002, "s.a1", 80, TcpSegment.SYN), "c1");
        assertNotEquals(syn.segment().srcPort(), n.next().orElseThrow().segment().srcPort(), "another subflow, another port");
        // the reply comes back to the inside address
        TcpSegment reply = new TcpSegment(Addresses.of("s.a1"), nat, 80, syn.segment().srcPort(), 9, 2,
                TcpSegment.SYN | TcpSegment.ACK, 65535, List.of(), Bytes.empty());
        n.send(reply, "s");
        Envelope back = n.next().orElseThrow();
        assertEquals(Addresses.of("c1.a2"), back.segment().dst());
        assertEquals(40001, back.segment().dstPort());
        assertEquals("s", back.origin());
        // both the original and the rewritten form crossed the wire
        assertEquals(8, n.wire().size());
    }

    @Test
    void addressPlanAndPaths() {
        assertEquals("p1", Addresses.pathOf(Addresses.of("c2.a1")));
        assertEquals("p2", Addresses.pathBetween(Addresses.of("s.a1"), Addresses.of("c1.a2")));
        assertEquals("px", Addresses.pathOf(Addresses.of("spoof3")));
        assertEquals("x", Addresses.actorOf(Addresses.of("x.a")));
        assertEquals("c2.a2", Addresses.nameOf(Addresses.of("c2.a2")));
    }
}
