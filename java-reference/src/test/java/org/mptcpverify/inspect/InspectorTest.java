package org.mptcpverify.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpverify.inspect.Synthetic.ACK;
import static org.mptcpverify.inspect.Synthetic.HEX;
import static org.mptcpverify.inspect.Synthetic.RST;
import static org.mptcpverify.inspect.Synthetic.SYN;
import static org.mptcpverify.inspect.Synthetic.SYNACK;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.pcap.PcapWriter;

/**
 * Inspect on hand-built captures. Expected values are the test vectors of
 * shared/refs/mptcp-wire-and-crypto.md (computed there from the RFC formulas), not outputs of the
 * code under test.
 */
class InspectorTest {
    static final long KA = 0x0102030405060708L;
    static final long KB = 0x1112131415161718L;
    static final int RA = 0xA1A2A3A4;
    static final int RB = 0xB1B2B3B4;
    static final int TOKEN_A = 0x66840dda;
    static final int TOKEN_B = 0xccad45ac;
    static final long IDSN_A = 0xf5a101d3d29d6f72L;
    static final long IDSN_B = 0x535beea38e087c8eL;
    static final long JOIN_SYNACK_HMAC = 0x864b40428762fd06L;
    static final byte[] JOIN_ACK_HMAC = HEX.parseHex("53037f2899475529844115fd07e665d23d3554fb");
    static final long ADD_ADDR_FROM_A = 0xc0e38f4d4b944417L; // id 1, 198.51.100.2, no port

    static final String CA = "192.0.2.1", SB = "192.0.2.2", CA2 = "198.51.100.2";

    @TempDir
    Path dir;

    /** A v1 connection, an ADD_ADDR from A with its echo, one join from A's second address. */
    static Synthetic standard(long synAckHmac, byte[] ackHmac, long addAddrHmac) {
        return new Synthetic()
                .tcp(CA, 40000, SB, 80, 100, 0, SYN, Synthetic.mpcSyn())
                .tcp(SB, 80, CA, 40000, 500, 101, SYNACK, Synthetic.mpcSynAck(KB))
                .tcp(CA, 40000, SB, 80, 101, 501, ACK, Synthetic.mpcAck(KA, KB))
                .tcp(CA, 40000, SB, 80, 101, 501, ACK, Synthetic.addAddr(1, CA2, -1, addAddrHmac))
                .tcp(SB, 80, CA, 40000, 501, 101, ACK, Synthetic.addAddrEcho(1, CA2))
                .tcp(CA2, 40001, SB, 80, 900, 0, SYN, Synthetic.joinSyn(1, TOKEN_B, RA))
                .tcp(SB, 80, CA2, 40001, 700, 901, SYNACK, Synthetic.joinSynAck(0, synAckHmac, RB))
                .tcp(CA2, 40001, SB, 80, 901, 701, ACK, Synthetic.joinAck(ackHmac))
                .tcp(SB, 80, CA2, 40001, 701, 901, ACK);
    }

    InspectReport inspect(Synthetic s) throws Exception {
        Path f = dir.resolve("s.pcap");
        PcapWriter.writeRawIp(f, s.packets(), 1_000_000, 1000);
        return Inspector.inspect(f);
    }

    @Test
    void recomputesTokensIdsnsAndVerifiesEveryHmac() throws Exception {
        InspectReport r = inspect(standard(JOIN_SYNACK_HMAC, JOIN_ACK_HMAC, ADD_ADDR_FROM_A));
        assertEquals(1, r.connections().size());
        ConnectionReport c = r.connections().get(0);
        assertEquals(OptionalInt.of(1), c.version());
        assertEquals(OptionalLong.of(KA), c.keyA());
        assertEquals(OptionalLong.of(KB), c.keyB());
        assertEquals(OptionalInt.of(TOKEN_A), c.tokenA());
        assertEquals(OptionalInt.of(TOKEN_B), c.tokenB());
        assertEquals(OptionalLong.of(IDSN_A), c.idsnA());
        assertEquals(OptionalLong.of(IDSN_B), c.idsnB());
        assertEquals(CA + ":40000", c.a().orElseThrow().toString());
        assertEquals(2, c.subflows().size());
        JoinReport j = c.joins().get(0);
        assertEquals(TOKEN_B, j.token());
        assertEquals(RA, j.randA());
        assertEquals(OptionalInt.of(RB), j.randB());
        assertEquals("A", j.initiatorSide());
        assertEquals(HmacCheck.VALID, j.synAckHmac());
        assertEquals(HmacCheck.VALID, j.ackHmac());
        assertTrue(j.established());
        AddAddrReport a = c.addAddrs().get(0);
        assertEquals(1, c.addAddrs().size(), "the echo is not an announcement");
        assertEquals("A", a.sender());
        assertEquals(CA2, Endpoint.format(a.address()));
        assertEquals(OptionalInt.empty(), a.port());
        assertEquals(HmacCheck.VALID, a.hmac());
        assertEquals(OptionalLong.of(5), a.echoFrame());
        assertEquals(3, r.hmacsChecked());
        assertEquals(0, r.hmacFailures());
    }

    @Test
    void jsonHasTheContractNamesAndValues() throws Exception {
        String json = ReportJson.format(inspect(standard(JOIN_SYNACK_HMAC, JOIN_ACK_HMAC, ADD_ADDR_FROM_A)));
        JsonNode c = new ObjectMapper().readTree(json).get("connections").get(0);
        assertEquals(List.of("firstFrame", "version", "keyA", "keyB", "tokenA", "tokenB", "idsnA", "idsnB", "joins", "addAddrs", "options"),
                fieldNames(c));
        assertEquals(1, c.get("version").asInt());
        assertEquals("0102030405060708", c.get("keyA").asText());
        assertEquals("1112131415161718", c.get("keyB").asText());
        assertEquals("66840dda", c.get("tokenA").asText());
        assertEquals("ccad45ac", c.get("tokenB").asText());
        assertEquals("f5a101d3d29d6f72", c.get("idsnA").asText());
        assertEquals("535beea38e087c8e", c.get("idsnB").asText());
        JsonNode j = c.get("joins").get(0);
        assertEquals(List.of("synFrame", "token", "randA", "randB", "synAckHmacValid", "ackHmacValid", "established",
                "notChecked", "attackerSent"),
                fieldNames(j));
        assertEquals("ccad45ac", j.get("token").asText());
        assertEquals("a1a2a3a4", j.get("randA").asText());
        assertEquals("b1b2b3b4", j.get("randB").asText());
        assertTrue(j.get("synAckHmacValid").asBoolean() && j.get("ackHmacValid").asBoolean());
        JsonNode a = c.get("addAddrs").get(0);
        assertEquals(List.of("frame", "sender", "addrId", "address", "port", "hmacValid", "notChecked", "attackerMarked"),
                fieldNames(a));
        assertEquals("A", a.get("sender").asText());
        assertEquals(1, a.get("addrId").asInt());
        assertEquals("198.51.100.2", a.get("address").asText());
        assertTrue(a.get("port").isNull());
        assertTrue(a.get("hmacValid").asBoolean());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void eachTamperedHmacIsCaughtAndOnlyThatOne() throws Exception {
        byte[] badAck = JOIN_ACK_HMAC.clone();
        badAck[19] ^= 1;
        InspectReport r1 = inspect(standard(JOIN_SYNACK_HMAC ^ (1L << 40), JOIN_ACK_HMAC, ADD_ADDR_FROM_A));
        JoinReport j1 = r1.connections().get(0).joins().get(0);
        assertEquals(HmacCheck.INVALID, j1.synAckHmac());
        assertEquals(HmacCheck.VALID, j1.ackHmac());
        assertEquals(1, r1.hmacFailures());
        InspectReport r2 = inspect(standard(JOIN_SYNACK_HMAC, badAck, ADD_ADDR_FROM_A));
        assertEquals(HmacCheck.INVALID, r2.connections().get(0).joins().get(0).ackHmac());
        assertEquals(1, r2.hmacFailures());
        InspectReport r3 = inspect(standard(JOIN_SYNACK_HMAC, JOIN_ACK_HMAC, ADD_ADDR_FROM_A + 1));
        assertEquals(HmacCheck.INVALID, r3.connections().get(0).addAddrs().get(0).hmac());
        assertEquals(1, r3.hmacFailures());
        assertTrue(ReportText.format(r3).contains("FAILED: 1 of 3 HMACs"), ReportText.format(r3));
        assertTrue(ReportJson.format(r3).contains("\"hmacValid\": false"));
    }

    @Test
    void joinResetAfterTheThirdAckIsNotEstablished() throws Exception {
        Synthetic s = new Synthetic()
                .tcp(CA, 40000, SB, 80, 100, 0, SYN, Synthetic.mpcSyn())
                .tcp(SB, 80, CA, 40000, 500, 101, SYNACK, Synthetic.mpcSynAck(KB))
                .tcp(CA, 40000, SB, 80, 101, 501, ACK, Synthetic.mpcAck(KA, KB))
                .tcp(CA2, 40001, SB, 80, 900, 0, SYN, Synthetic.joinSyn(1, TOKEN_B, RA))
                .tcp(SB, 80, CA2, 40001, 700, 901, SYNACK, Synthetic.joinSynAck(0, JOIN_SYNACK_HMAC, RB))
                .tcp(CA2, 40001, SB, 80, 901, 701, ACK, Synthetic.joinAck(JOIN_ACK_HMAC))
                .tcp(SB, 80, CA2, 40001, 701, 0, RST);
        JoinReport j = inspect(s).connections().get(0).joins().get(0);
        assertFalse(j.established());
        assertTrue(j.reset());
        assertEquals(HmacCheck.VALID, j.ackHmac());
    }

    @Test
    void missingKeysGiveNullsNotVerdicts() throws Exception {
        // Capture starts after the MP_CAPABLE third ACK: Key-A never seen (v1 sends it only there).
        Synthetic s = new Synthetic()
                .tcp(CA, 40000, SB, 80, 100, 0, SYN, Synthetic.mpcSyn())
                .tcp(SB, 80, CA, 40000, 500, 101, SYNACK, Synthetic.mpcSynAck(KB))
                .tcp(CA2, 40001, SB, 80, 900, 0, SYN, Synthetic.joinSyn(1, TOKEN_B, RA))
                .tcp(SB, 80, CA2, 40001, 700, 901, SYNACK, Synthetic.joinSynAck(0, JOIN_SYNACK_HMAC, RB))
                .tcp(CA2, 40001, SB, 80, 901, 701, ACK, Synthetic.joinAck(JOIN_ACK_HMAC))
                .tcp(SB, 80, CA2, 40001, 701, 901, ACK);
        InspectReport r = inspect(s);
        ConnectionReport c = r.connections().get(0);
        assertEquals(OptionalLong.empty(), c.keyA());
        assertEquals(OptionalInt.of(TOKEN_B), c.tokenB());
        JoinReport j = c.joins().get(0);
        assertEquals(HmacCheck.UNAVAILABLE, j.synAckHmac());
        assertEquals(HmacCheck.UNAVAILABLE, j.ackHmac());
        assertTrue(j.established());
        JsonNode jj = new ObjectMapper().readTree(ReportJson.format(r)).get("connections").get(0);
        assertTrue(jj.get("keyA").isNull() && jj.get("tokenA").isNull() && jj.get("idsnA").isNull());
        assertTrue(jj.get("joins").get(0).get("synAckHmacValid").isNull());
        assertEquals(0, r.hmacFailures());
    }

    @Test
    void joinWithAnUnknownTokenIsReportedApart() throws Exception {
        Synthetic s = new Synthetic()
                .tcp(CA2, 40001, SB, 80, 900, 0, SYN, Synthetic.joinSyn(3, 0x12345678, RA))
                .tcp(SB, 80, CA2, 40001, 0, 901, RST | ACK);
        InspectReport r = inspect(s);
        assertEquals(1, r.connections().size());
        ConnectionReport c = r.connections().get(0);
        assertTrue(c.a().isEmpty());
        assertEquals(0x12345678, c.joins().get(0).token());
        assertTrue(c.joins().get(0).reset());
        assertFalse(c.joins().get(0).established());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("12345678")), r.notes().toString());
        // Issue #16.8: --json left the notes out
        JsonNode notes = new ObjectMapper().readTree(ReportJson.format(r)).get("notes");
        assertEquals(r.notes().size(), notes.size());
        for (int i = 0; i < notes.size(); i++) {
            assertEquals(r.notes().get(i), notes.get(i).asText());
        }
    }

    /** A join opened by B towards A carries Token-A; the HMAC keys swap (RFC 8684 3.2). */
    @Test
    void joinOpenedByTheListenerUsesTheKeysTheOtherWayRound() throws Exception {
        int ri = 0x01020304, rr = 0x0a0b0c0d;
        byte[] keyRI = ByteBuffer.allocate(16).putLong(KA).putLong(KB).array(); // responder A first
        byte[] keyIR = ByteBuffer.allocate(16).putLong(KB).putLong(KA).array();
        long synAck = ByteBuffer.wrap(Synthetic.hmacSha256(keyRI,
                ByteBuffer.allocate(8).putInt(rr).putInt(ri).array())).getLong();
        byte[] ack = java.util.Arrays.copyOf(Synthetic.hmacSha256(keyIR,
                ByteBuffer.allocate(8).putInt(ri).putInt(rr).array()), 20);
        Synthetic s = new Synthetic()
                .tcp(CA, 40000, SB, 80, 100, 0, SYN, Synthetic.mpcSyn())
                .tcp(SB, 80, CA, 40000, 500, 101, SYNACK, Synthetic.mpcSynAck(KB))
                .tcp(CA, 40000, SB, 80, 101, 501, ACK, Synthetic.mpcAck(KA, KB))
                .tcp(SB, 50000, CA, 7000, 10, 0, SYN, Synthetic.joinSyn(2, TOKEN_A, ri))
                .tcp(CA, 7000, SB, 50000, 20, 11, SYNACK, Synthetic.joinSynAck(0, synAck, rr))
                .tcp(SB, 50000, CA, 7000, 11, 21, ACK, Synthetic.joinAck(ack))
                .tcp(CA, 7000, SB, 50000, 21, 11, ACK);
        JoinReport j = inspect(s).connections().get(0).joins().get(0);
        assertEquals("B", j.initiatorSide());
        assertEquals(HmacCheck.VALID, j.synAckHmac());
        assertEquals(HmacCheck.VALID, j.ackHmac());
        assertTrue(j.established());
    }

    @Test
    void addAddrWithPortFromB() throws Exception {
        // trunc_R64(HMAC-SHA256(Key-B || Key-A, id || addr || port)), computed with the JDK here.
        byte[] key = ByteBuffer.allocate(16).putLong(KB).putLong(KA).array();
        byte[] msg = ByteBuffer.allocate(7).put((byte) 7).put(Synthetic.v4("10.0.2.2")).putShort((short) 6000).array();
        byte[] h = Synthetic.hmacSha256(key, msg);
        long hmac = ByteBuffer.wrap(h, h.length - 8, 8).getLong();
        Synthetic s = new Synthetic()
                .tcp(CA, 40000, SB, 80, 100, 0, SYN, Synthetic.mpcSyn())
                .tcp(SB, 80, CA, 40000, 500, 101, SYNACK, Synthetic.mpcSynAck(KB))
                .tcp(CA, 40000, SB, 80, 101, 501, ACK, Synthetic.mpcAck(KA, KB))
                .tcp(SB, 80, CA, 40000, 501, 101, ACK, Synthetic.addAddr(7, "10.0.2.2", 6000, hmac))
                .tcp(SB, 80, CA, 40000, 501, 101, ACK, Synthetic.addAddr(7, "10.0.2.2", 6000, hmac)); // resent
        InspectReport r = inspect(s);
        List<AddAddrReport> adds = r.connections().get(0).addAddrs();
        assertEquals(1, adds.size(), "identical retransmissions merge");
        assertEquals("B", adds.get(0).sender());
        assertEquals(OptionalInt.of(6000), adds.get(0).port());
        assertEquals(HmacCheck.VALID, adds.get(0).hmac());
        assertTrue(ReportJson.format(r).contains("\"port\": 6000"));
    }

    @Test
    void plainTcpGivesNoConnections() throws Exception {
        Synthetic s = new Synthetic()
                .tcp(CA, 40000, SB, 80, 100, 0, SYN)
                .tcp(SB, 80, CA, 40000, 500, 101, SYNACK)
                .tcp(CA, 40000, SB, 80, 101, 501, ACK);
        InspectReport r = inspect(s);
        assertEquals(List.of(), r.connections());
        assertEquals(3, r.tcpSegments());
        assertEquals("{\n  \"connections\": [],\n  \"notes\": [],\n  \"attackerFrames\": []\n}\n", ReportJson.format(r));
    }

    /**
     * Version 0: SHA-1 for tokens, IDSNs and join HMACs, no ADD_ADDR HMAC. Key-A is the thesis's
     * Wireshark example (token 207731094, IDSN 15124743060294464361 on a v0 kernel).
     */
    @Test
    void version0UsesSha1AndHasNoAddAddrHmac() throws Exception {
        long ka = 2639258237341735811L;
        byte[] shaB = java.security.MessageDigest.getInstance("SHA-1")
                .digest(ByteBuffer.allocate(8).putLong(KB).array());
        int tokenB = ByteBuffer.wrap(shaB).getInt();
        byte[] keyBA = ByteBuffer.allocate(16).putLong(KB).putLong(ka).array();
        byte[] keyAB = ByteBuffer.allocate(16).putLong(ka).putLong(KB).array();
        long synAck = ByteBuffer.wrap(Synthetic.hmacSha1(keyBA, ByteBuffer.allocate(8).putInt(RB).putInt(RA).array())).getLong();
        byte[] ack = Synthetic.hmacSha1(keyAB, ByteBuffer.allocate(8).putInt(RA).putInt(RB).array());
        Synthetic s = new Synthetic()
                .tcp(CA, 40000, SB, 80, 100, 0, SYN, Synthetic.mpcV0(ka))
                .tcp(SB, 80, CA, 40000, 500, 101, SYNACK, Synthetic.mpcV0(KB))
                .tcp(CA, 40000, SB, 80, 101, 501, ACK, Synthetic.mpcV0Ack(ka, KB))
                .tcp(SB, 80, CA, 40000, 501, 101, ACK, Synthetic.addAddrV0(2, "10.9.9.9"))
                .tcp(CA2, 40001, SB, 80, 900, 0, SYN, Synthetic.joinSyn(1, tokenB, RA))
                .tcp(SB, 80, CA2, 40001, 700, 901, SYNACK, Synthetic.joinSynAck(0, synAck, RB))
                .tcp(CA2, 40001, SB, 80, 901, 701, ACK, Synthetic.joinAck(ack))
                .tcp(SB, 80, CA2, 40001, 701, 901, ACK);
        InspectReport r = inspect(s);
        ConnectionReport c = r.connections().get(0);
        assertEquals(OptionalInt.of(0), c.version());
        assertEquals(207731094, c.tokenA().orElseThrow());
        assertEquals(Long.parseUnsignedLong("15124743060294464361"), c.idsnA().orElseThrow());
        assertEquals(OptionalInt.of(tokenB), c.tokenB());
        JoinReport j = c.joins().get(0);
        assertEquals(HmacCheck.VALID, j.synAckHmac());
        assertEquals(HmacCheck.VALID, j.ackHmac());
        AddAddrReport a = c.addAddrs().get(0);
        assertEquals("B", a.sender());
        assertEquals(HmacCheck.UNAVAILABLE, a.hmac());
        assertTrue(new ObjectMapper().readTree(ReportJson.format(r)).at("/connections/0/addAddrs/0/hmacValid").isNull());
        assertEquals(2, r.hmacsChecked());
    }

    /** A v1 announcement without an HMAC is not authenticated: it fails, it is not "not seen". */
    @Test
    void version1AnnouncementWithoutHmacFails() throws Exception {
        Synthetic s = new Synthetic()
                .tcp(CA, 40000, SB, 80, 100, 0, SYN, Synthetic.mpcSyn())
                .tcp(SB, 80, CA, 40000, 500, 101, SYNACK, Synthetic.mpcSynAck(KB))
                .tcp(CA, 40000, SB, 80, 101, 501, ACK, Synthetic.mpcAck(KA, KB))
                .tcp(SB, 80, CA, 40000, 501, 101, ACK, Synthetic.addAddrV0(2, "10.9.9.9"));
        InspectReport r = inspect(s);
        assertEquals(HmacCheck.INVALID, r.connections().get(0).addAddrs().get(0).hmac());
        assertEquals(1, r.hmacFailures());
    }

    @Test
    void sameCaptureSameReport() throws Exception {
        Synthetic s = standard(JOIN_SYNACK_HMAC, JOIN_ACK_HMAC, ADD_ADDR_FROM_A);
        assertEquals(ReportJson.format(inspect(s)), ReportJson.format(inspect(s)));
        assertEquals(ReportText.format(inspect(s)), ReportText.format(inspect(s)));
    }

    /** MP_PRIO, REMOVE_ADDR, MP_FASTCLOSE and MP_TCPRST are listed; only MP_FASTCLOSE has an RFC check. */
    @Test
    void everyOtherOptionIsListedAndUnauthenticatedOnesAreNotCalledInvalid() throws Exception {
        Synthetic s = standard(JOIN_SYNACK_HMAC, JOIN_ACK_HMAC, ADD_ADDR_FROM_A)
                .tcp(CA2, 40001, SB, 80, 901, 701, ACK, org.mptcpverify.wire.OptionCodec.encode(
                        new org.mptcpverify.wire.MptcpOption.MpPrio(true, java.util.OptionalInt.empty())))
                .tcp(SB, 80, CA, 40000, 501, 101, ACK, org.mptcpverify.wire.OptionCodec.encode(
                        new org.mptcpverify.wire.MptcpOption.RemoveAddr(List.of(4))))
                .tcp(CA, 40000, SB, 80, 101, 501, ACK, org.mptcpverify.wire.OptionCodec.encode(
                        new org.mptcpverify.wire.MptcpOption.MpFastClose(0, KB)))
                .tcp(CA, 40000, SB, 80, 101, 501, ACK, org.mptcpverify.wire.OptionCodec.encode(
                        new org.mptcpverify.wire.MptcpOption.MpFastClose(0, KA)))
                .tcp(SB, 80, CA, 40000, 501, 0, RST, org.mptcpverify.wire.OptionCodec.encode(
                        new org.mptcpverify.wire.MptcpOption.MpTcpRst(0, 0)));
        ConnectionReport c = inspect(s).connections().get(0);
        List<String> names = c.options().stream().map(o -> o.sender() + " " + o.name()).toList();
        assertEquals(List.of("A MP_PRIO", "B REMOVE_ADDR", "A MP_FASTCLOSE", "A MP_FASTCLOSE", "B MP_TCPRST"), names);
        assertEquals(HmacCheck.VALID, c.options().get(2).check(), "A's MP_FASTCLOSE carries Key-B, the receiver's key");
        assertEquals(HmacCheck.INVALID, c.options().get(3).check(), "Key-A is not the receiver's key");
        for (int i : new int[] {0, 1, 4}) {
            assertEquals(HmacCheck.UNAVAILABLE, c.options().get(i).check());
            assertTrue(c.options().get(i).why().contains("no authenticator"), c.options().get(i).why());
        }
        String text = ReportText.format(inspect(s));
        assertTrue(text.contains("MP_PRIO frame") && text.contains("backup") && text.contains("not checked ("), text);
        assertTrue(text.contains("MP_TCPRST frame") && text.contains("reason 0"), text);
    }

    /** A join whose token matches no captured connection: nothing is verified, and the summary says so. */
    @Test
    void aCaptureWithNothingCheckableIsNotReportedAsVerified() throws Exception {
        Synthetic s = new Synthetic()
                .tcp(CA2, 40001, SB, 80, 900, 0, SYN, Synthetic.joinSyn(1, TOKEN_B ^ 0x5a5a5a5a, RA))
                .tcp(SB, 80, CA2, 40001, 700, 901, SYNACK, Synthetic.joinSynAck(0, JOIN_SYNACK_HMAC, RB))
                .tcp(CA2, 40001, SB, 80, 901, 701, ACK, Synthetic.joinAck(JOIN_ACK_HMAC));
        InspectReport r = inspect(s);
        assertEquals(0, r.hmacsChecked());
        assertEquals(2, r.hmacsNotChecked());
        String text = ReportText.format(r);
        assertTrue(text.contains("nothing verified: no HMAC could be recomputed; 2 could not be checked"), text);
        assertFalse(text.contains("ok: 0 HMACs"), text);
    }
}
