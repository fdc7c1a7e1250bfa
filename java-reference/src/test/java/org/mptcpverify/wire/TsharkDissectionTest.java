package org.mptcpverify.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.mptcpverify.crypto.HashAlg;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.wire.MptcpOption.*;

/**
 * Wireshark's dissector as an independent decoder: our packets must dissect with good IP and TCP
 * checksums, without warnings, and with the field values we put in (and tshark's own token
 * derivation must agree with ours). Skipped, with the reason, when tshark is not installed.
 */
class TsharkDissectionTest {
    private static final long KA = 0x0102030405060708L;
    private static final long KB = 0x1112131415161718L;
    /** Wireshark expert severities (epan/proto.h): chat 0x200000, note 0x400000, warn 0x600000. */
    private static final int PI_WARN = 0x00600000;

    private record Case(TcpSegment segment, Map<String, String> expected) {}

    /**
     * A segment of TCP stream {@code stream}: the client (10.0.1.1 or 2001:db8::1) uses port
     * 40000 + stream, the server port 80. Handshakes share a stream so that tshark's
     * per-connection checks (echoed keys) see whole exchanges; other options get a stream each.
     */
    private static TcpSegment seg(int stream, String src, String dst, int flags, int payload, MptcpOption... opts)
            throws IOException {
        List<TcpSegment.TcpOption> l = new ArrayList<>();
        for (MptcpOption o : opts) l.add(new TcpSegment.TcpOption.Mptcp(o));
        boolean fromClient = src.endsWith(".1.1") || src.endsWith("::1");
        int client = 40000 + stream;
        return new TcpSegment(InetAddress.getByName(src), InetAddress.getByName(dst),
                fromClient ? client : 80, fromClient ? 80 : client,
                fromClient ? 1000 : 5000, (flags & TcpSegment.ACK) == 0 ? 0 : fromClient ? 5001 : 1001,
                flags, 64240, l, Bytes.of(new byte[payload]));
    }

    private static List<Case> cases() throws IOException {
        String a = "10.0.1.1", b = "10.0.2.1", a6 = "2001:db8::1", b6 = "2001:db8::2";
        int syn = TcpSegment.SYN, synAck = TcpSegment.SYN | TcpSegment.ACK, ack = TcpSegment.ACK;
        List<Case> c = new ArrayList<>();
        c.add(new Case(seg(1, a, b, syn, 0, MpCapable.syn(1, 0x01)), Map.of("tcp.options.mptcp.version", "1")));
        c.add(new Case(seg(1, b, a, synAck, 0, MpCapable.withKey(1, 0x01, KB)),
                Map.of("tcp.options.mptcp.sendkey", Long.toUnsignedString(KB),
                        "mptcp.expected_token", Long.toString(MptcpCrypto.token(HashAlg.SHA256, KB) & 0xffffffffL))));
        c.add(new Case(seg(1, a, b, ack, 0, MpCapable.withKeys(1, 0x01, KA, KB)),
                Map.of("tcp.options.mptcp.recvkey", Long.toUnsignedString(KB))));
        c.add(new Case(seg(2, a, b, syn, 0, MpCapable.syn(1, 0x81)), Map.of("tcp.options.mptcp.checksumreq.flags", "1")));
        c.add(new Case(seg(2, b, a, synAck, 0, MpCapable.withKey(1, 0x81, KB)), Map.of()));
        c.add(new Case(seg(2, a, b, ack | TcpSegment.PSH, 100, new MpCapable(1, 0x81, OptionalLong.of(KA), OptionalLong.of(KB),
                OptionalInt.of(100), OptionalInt.of(0x1234))), Map.of("tcp.options.mptcp.datalvllen", "100")));
        c.add(new Case(seg(3, a, b, syn, 0, MpCapable.withKey(0, 0x81, KA)),
                Map.of("tcp.options.mptcp.version", "0",
                        "mptcp.expected_token", Long.toString(MptcpCrypto.token(HashAlg.SHA1, KA) & 0xffffffffL))));
        c.add(new Case(seg(3, b, a, synAck, 0, MpCapable.withKey(0, 0x81, KB)),
                Map.of("mptcp.expected_idsn", Long.toUnsignedString(MptcpCrypto.idsn(HashAlg.SHA1, KB)))));
        c.add(new Case(seg(3, a, b, ack, 0, MpCapable.withKeys(0, 0x81, KA, KB)), Map.of("tcp.options.mptcp.version", "0")));
        c.add(new Case(seg(4, a6, b6, syn, 0, new MpJoinSyn(1, 2, 0xccad45ac, 0xa1a2a3a4)),
                Map.of("tcp.options.mptcp.recvtok", Long.toString(0xccad45acL), "tcp.options.mptcp.addrid", "2")));
        c.add(new Case(seg(4, b6, a6, synAck, 0, new MpJoinSynAck(0, 3, 0x864b40428762fd06L, 0xb1b2b3b4)),
                Map.of("tcp.options.mptcp.sendtrunchmac", Long.toUnsignedString(0x864b40428762fd06L),
                        "tcp.options.mptcp.sendrand", Long.toString(0xb1b2b3b4L))));
        c.add(new Case(seg(4, a6, b6, ack, 0, new MpJoinAck(Bytes.fromHex("53037f2899475529844115fd07e665d23d3554fb"))),
                Map.of("tcp.options.mptcp.sendhmac", "53037f2899475529844115fd07e665d23d3554fb")));
        c.add(new Case(seg(19, a, b, ack, 0, Dss.ack(0x535beea38e087c8fL)),
                Map.of("tcp.options.mptcp.rawdataack", Long.toUnsignedString(0x535beea38e087c8fL))));
        c.add(new Case(seg(20, a, b, ack, 0, new Dss(0x05, OptionalLong.of(7), OptionalLong.of(0xf5a101d4L), OptionalLong.of(1),
                OptionalInt.of(1400), OptionalInt.of(0xabcd))), Map.of("tcp.options.mptcp.datalvllen", "1400",
                "tcp.options.mptcp.rawdataseqno", Long.toString(0xf5a101d4L))));
        InetAddress v4 = InetAddress.getByName("198.51.100.2");
        c.add(new Case(seg(21, b, a, ack, 0, new AddAddr(1, 0, 1, v4, OptionalInt.empty(), OptionalLong.of(0xc0e38f4d4b944417L))),
                Map.of("tcp.options.mptcp.ipv4", "198.51.100.2",
                        "tcp.options.mptcp.addaddrtrunchmac", Long.toUnsignedString(0xc0e38f4d4b944417L))));
        c.add(new Case(seg(22, b, a, ack, 0, new AddAddr(1, 0, 1, v4, OptionalInt.of(8080), OptionalLong.of(1))),
                Map.of("tcp.options.mptcp.port", "8080")));
        c.add(new Case(seg(23, a, b, ack, 0, new AddAddr(1, 1, 1, v4, OptionalInt.empty(), OptionalLong.empty())),
                Map.of("tcp.options.mptcp.echo", "1")));
        c.add(new Case(seg(24, b6, a6, ack, 0, new AddAddr(1, 0, 4, InetAddress.getByName("2001:db8::9"), OptionalInt.of(443),
                OptionalLong.of(5))), Map.of("tcp.options.mptcp.ipv6", "2001:db8::9", "tcp.options.mptcp.port", "443")));
        c.add(new Case(seg(25, b, a, ack, 0, new RemoveAddr(List.of(1, 2))), Map.of("tcp.options.mptcp.addrid", "1,2")));
        c.add(new Case(seg(26, a, b, ack, 0, new MpPrio(true, OptionalInt.empty())), Map.of("tcp.options.mptcp.backup.flag", "1")));
        c.add(new Case(seg(27, a, b, ack, 0, new MpPrio(true, OptionalInt.of(5))), Map.of("tcp.options.mptcp.addrid", "5")));
        c.add(new Case(seg(28, a, b, ack, 0, new MpFail(0xf5a101d3d29d6f73L)), Map.of("tcp.options.mptcp.subtype", "6")));
        c.add(new Case(seg(29, a, b, ack, 0, new MpFastClose(0, KB)), Map.of("tcp.options.mptcp.recvkey", Long.toUnsignedString(KB))));
        c.add(new Case(seg(30, b, a, TcpSegment.RST | ack, 0, new MpTcpRst(0, 1)), Map.of("tcp.options.mptcp.rst_reason", "0x01")));
        return c;
    }

    @Test
    void tsharkDissectsOurPacketsCleanly() throws Exception {
        Assumptions.assumeTrue(onPath("tshark"), "tshark is not installed (apt-get install tshark)");
        List<Case> cases = cases();
        Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        Path pcap = Files.createTempFile(dir, "wire-", ".pcap");
        try {
            List<byte[]> packets = new ArrayList<>();
            for (Case c : cases) packets.add(SegmentCodec.encode(c.segment()));
            Files.write(pcap, rawIpPcap(packets));
            List<String> fields = new ArrayList<>(List.of("frame.number", "ip.checksum.status", "tcp.checksum.status",
                    "_ws.expert.severity", "_ws.expert.message", "_ws.malformed", "tcp.options.mptcp.subtype"));
            for (Case c : cases) for (String f : c.expected().keySet()) if (!fields.contains(f)) fields.add(f);
            List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(),
                    "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                    "-o", "tcp.analyze_sequence_numbers:FALSE", "-T", "fields",
                    "-E", "separator=\t", "-E", "occurrence=a", "-E", "aggregator=,"));
            for (String f : fields) {
                cmd.add("-e");
                cmd.add(f);
            }
            List<String> lines = run(cmd);
            assertEquals(cases.size(), lines.size(), "one line per frame: " + lines);
            for (int i = 0; i < cases.size(); i++) {
                String[] v = lines.get(i).split("\t", -1);
                Case c = cases.get(i);
                String ctx = "frame " + (i + 1) + " " + c.segment() + " tshark: " + lines.get(i);
                boolean v4 = c.segment().src().getAddress().length == 4;
                if (v4) assertEquals("1", v[1], "IPv4 checksum good: " + ctx);
                assertEquals("1", v[2], "TCP checksum good: " + ctx);
                String[] sevs = v[3].split(",");
                String[] msgs = v[4].split(",");
                assertEquals(sevs.length, msgs.length, ctx);
                for (int k = 0; k < sevs.length; k++) {
                    if (sevs[k].isEmpty()) continue;
                    // TCP flags every RST as a warning; that one is about the RST, not our bytes.
                    boolean rstNotice = c.segment().has(TcpSegment.RST) && msgs[k].equals("Connection reset (RST)");
                    if (!rstNotice) assertTrue(Integer.decode(sevs[k]) < PI_WARN, "expert " + msgs[k] + ": " + ctx);
                }
                assertEquals("", v[5], "malformed: " + ctx);
                MptcpOption opt = ((TcpSegment.TcpOption.Mptcp) c.segment().options().get(0)).option();
                assertEquals(Integer.toString(opt.subtype()), v[6], ctx);
                for (var e : c.expected().entrySet()) {
                    assertEquals(e.getValue(), v[fields.indexOf(e.getKey())], e.getKey() + ": " + ctx);
                }
            }
        } finally {
            Files.deleteIfExists(pcap);
        }
    }

    @Test
    void randomSegmentsHaveGoodChecksumsAndAreNotMalformed() throws Exception {
        Assumptions.assumeTrue(onPath("tshark"), "tshark is not installed (apt-get install tshark)");
        long seed = Long.getLong("mptcp.seed", 20261127L);
        java.util.Random r = new java.util.Random(seed ^ 0x75a2);
        OptionGen gen = new OptionGen(r);
        List<TcpSegment> segs = new ArrayList<>();
        List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            TcpSegment g = SegmentCodecRandomTest.segment(r, gen, true);
            // Dynamic ports only, so tshark hands the random payload to no application dissector.
            TcpSegment s = new TcpSegment(g.src(), g.dst(), 49152 + g.srcPort() % 16384, 49152 + g.dstPort() % 16384,
                    g.seq(), g.ack(), g.flags(), g.window(), g.options(), g.payload());
            if (!handshakeOptionsMatchFlags(s)) {
                i--; // see handshakeOptionsMatchFlags
                continue;
            }
            segs.add(s);
            packets.add(SegmentCodec.encode(s));
        }
        Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        Path pcap = Files.createTempFile(dir, "wire-random-", ".pcap");
        try {
            Files.write(pcap, rawIpPcap(packets));
            List<String> lines = run(List.of("tshark", "-n", "-r", pcap.toString(),
                    "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                    "-o", "tcp.analyze_sequence_numbers:FALSE", "-T", "fields", "-E", "separator=\t",
                    "-E", "occurrence=a", "-E", "aggregator=,",
                    "-e", "frame.number", "-e", "ip.checksum.status", "-e", "tcp.checksum.status", "-e", "_ws.malformed",
                    "-e", "tcp.len", "-e", "tcp.hdr_len"));
            assertEquals(segs.size(), lines.size());
            for (int i = 0; i < segs.size(); i++) {
                String[] v = lines.get(i).split("\t", -1);
                TcpSegment s = segs.get(i);
                String ctx = "seed=" + seed + " frame " + (i + 1) + " " + s + " tshark: " + lines.get(i);
                if (s.src().getAddress().length == 4) assertEquals("1", v[1], ctx);
                assertEquals("1", v[2], ctx);
                assertEquals("", v[3], ctx);
                assertEquals(Integer.toString(s.payload().length()), v[4], ctx);
                assertEquals(Integer.toString(20 + OptionCodec.encodeTcpOptions(s.options()).length), v[5], ctx);
            }
        } finally {
            Files.deleteIfExists(pcap);
        }
    }

    /**
     * Handshakes as an MPTCP stack sends them: a segment with MP_CAPABLE or MP_JOIN carries no
     * other MPTCP option;
     * MP_CAPABLE only on SYN or SYN+ACK (third ACKs are covered in whole handshakes by the
     * structured test) and only with RFC flags (H set, nothing but A, B, C, H); MP_JOIN SYN only on
     * SYN, SYN/ACK only on SYN+ACK, third ACK only on ACK without SYN. Found empirically: other
     * combinations can give "Dissector bug, packet-tcp.c:5551 DISSECTOR_ASSERT_NOT_REACHED" in
     * tshark 4.0.17, whatever the bytes' validity.
     */
    private static boolean handshakeOptionsMatchFlags(TcpSegment s) {
        int f = s.flags() & (TcpSegment.SYN | TcpSegment.ACK);
        int handshake = 0;
        int mptcp = 0;
        for (TcpSegment.TcpOption o : s.options()) {
            if (!(o instanceof TcpSegment.TcpOption.Mptcp m)) continue;
            mptcp++;
            if (m.option().subtype() <= MptcpOption.SUBTYPE_MP_JOIN) handshake++;
            if (m.option().subtype() == MptcpOption.SUBTYPE_MP_CAPABLE) {
                if ((f & TcpSegment.SYN) == 0 || !(m.option() instanceof MpCapable c)) return false;
                if ((c.flags() & ~0xe1) != 0 || (c.flags() & MptcpOption.FLAG_H_HMAC) == 0) return false;
            }
            if (m.option() instanceof MpJoinSyn && f != TcpSegment.SYN) return false;
            if (m.option() instanceof MpJoinSynAck && f != (TcpSegment.SYN | TcpSegment.ACK)) return false;
            if (m.option() instanceof MpJoinAck && f != TcpSegment.ACK) return false;
        }
        return handshake == 0 || mptcp == 1;
    }

    static boolean onPath(String exe) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, exe))) return true;
        }
        return false;
    }

    /** A classic pcap file with link type 101 (raw IP), timestamps one millisecond apart. */
    static byte[] rawIpPcap(List<byte[]> packets) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        le32(o, 0xa1b2c3d4);
        le16(o, 2);
        le16(o, 4);
        le32(o, 0);
        le32(o, 0);
        le32(o, 65535);
        le32(o, 101);
        int ms = 0;
        for (byte[] p : packets) {
            le32(o, 1_700_000_000);
            le32(o, 1000 * ms++);
            le32(o, p.length);
            le32(o, p.length);
            o.write(p, 0, p.length);
        }
        return o.toByteArray();
    }

    private static void le16(ByteArrayOutputStream o, int v) {
        o.write(v);
        o.write(v >>> 8);
    }

    private static void le32(ByteArrayOutputStream o, int v) {
        le16(o, v);
        le16(o, v >>> 16);
    }

    private static List<String> run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark timed out");
        assertEquals(0, p.exitValue(), "tshark exit status");
        String s = new String(out, StandardCharsets.UTF_8);
        return s.isEmpty() ? List.of() : List.of(s.split("\n"));
    }
}
