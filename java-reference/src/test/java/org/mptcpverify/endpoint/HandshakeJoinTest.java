package org.mptcpverify.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.scheme.Rfc6824;
import org.mptcpverify.scheme.Rfc8684;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.MptcpOption.MpJoinAck;
import org.mptcpverify.wire.MptcpOption.MpJoinSyn;
import org.mptcpverify.wire.MptcpOption.MpTcpRst;
import org.mptcpverify.wire.TcpSegment;

/** MP_CAPABLE + MP_JOIN between two reference endpoints, and the ways a join must fail. */
class HandshakeJoinTest {
    static final long SEED = Long.getLong("mptcp.seed", 20261127L);
    static final int RUNS = 200;

    static AuthScheme scheme(int version) {
        return version == 0 ? new Rfc6824() : new Rfc8684();
    }

    static Hosts connected(int version, long seed) {
        return connected(version, seed, JoinLimits.linuxDefault());
    }

    static Hosts connected(int version, long seed, JoinLimits limits) {
        Hosts h = new Hosts(scheme(version), seed, limits);
        h.bind(KeySetting.none());
        h.connect(KeySetting.none());
        return h;
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {0, 1})
    void handshakeAndJoinSucceedForRandomKeysAndNonces(int version) {
        SplittableRandom seeds = new SplittableRandom(SEED);
        for (int i = 0; i < RUNS; i++) {
            long seed = seeds.nextLong();
            String where = "seed " + seed + " (run " + i + " of -Dmptcp.seed=" + SEED + ")";
            Hosts h = connected(version, seed);
            assertTrue(h.clientConn().isMptcp() && h.serverConn().isMptcp(), "MPTCP at both ends, " + where);
            assertEquals(h.clientConn().keys().keyA(), h.serverConn().keys().keyA(), "both ends agree on Key-A, " + where);
            assertEquals(h.clientConn().keys().keyB(), h.serverConn().keys().keyB(), "both ends agree on Key-B, " + where);
            h.join();
            assertEquals(1, h.serverJoins().size(), "server attached the join, " + where);
            assertEquals(1, h.clientJoins().size(), "client has the join established, " + where);
            assertEquals(h.state.get("c1").subflows().keySet().iterator().next().localAddr(), Hosts.addr("c1.a2"));
        }
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {0, 1})
    void mpCapableLayoutsAreThoseOfTheVersion(int version) {
        Hosts h = connected(version, SEED);
        TcpSegment syn = h.log.get(0);
        MptcpOption.MpCapable c = Hosts.option(syn, MptcpOption.MpCapable.class).orElseThrow();
        assertEquals(version, c.version());
        assertEquals(version == 0, c.senderKey().isPresent(), "v0 SYN carries Key-A, v1 SYN carries no key");
        assertEquals(version == 0 ? 12 : 4, c.encode().length);
        TcpSegment third = h.log.get(2);
        assertEquals(20, Hosts.option(third, MptcpOption.MpCapable.class).orElseThrow().encode().length);
    }

    /** Expect a reset: MP_TCPRST with this reason on v1, a plain RST on v0. */
    static void assertReset(Hosts h, String from, int version, int reason) {
        TcpSegment rst = h.last(from, TcpSegment.RST).orElseThrow(() -> new AssertionError("no RST from " + from));
        Optional<MpTcpRst> r = Hosts.option(rst, MpTcpRst.class);
        if (version == 1) {
            assertEquals(reason, r.orElseThrow(() -> new AssertionError("v1 RST without MP_TCPRST")).reason());
        } else {
            assertTrue(r.isEmpty(), "v0 has no MP_TCPRST");
        }
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {0, 1})
    void wrongTokenIsReset(int version) {
        Hosts h = connected(version, SEED);
        h.tamper = s -> Hosts.option(s, MpJoinSyn.class)
                .map(j -> withOption(s, new MpJoinSyn(j.flags(), j.addressId(), j.receiverToken() ^ 1, j.senderRandom())))
                .orElse(s);
        h.join();
        assertReset(h, "s", version, MptcpEndpoint.RST_MPTCP_ERROR);
        assertTrue(h.serverJoins().isEmpty());
        assertTrue(h.state.get("s").halfOpen().isEmpty(), "no state for an unknown token");
        // the rejected SYN still reached the server's lookup (a witness counts it), and nothing after it
        assertEquals("s JOIN_SYN:lookup", h.checked.get(h.checked.size() - 1), h.checked.toString());
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {0, 1})
    void flippedThirdAckHmacByteIsReset(int version) {
        Hosts h = connected(version, SEED);
        h.tamper = s -> Hosts.option(s, MpJoinAck.class).map(a -> {
            byte[] m = a.hmac().toArray();
            m[7] ^= 0x01;
            return withOption(s, new MpJoinAck(Bytes.of(m)));
        }).orElse(s);
        h.join();
        assertReset(h, "s", version, MptcpEndpoint.RST_MPTCP_ERROR);
        assertTrue(h.serverJoins().isEmpty());
        assertTrue(h.state.get("s").halfOpen().isEmpty());
        // the join's segments reached, in order, the server's lookup, the client's and the server's HMAC checks
        List<String> join = h.checked.subList(h.checked.indexOf("s JOIN_SYN:lookup"), h.checked.size());
        assertEquals(List.of("s JOIN_SYN:lookup", "c1 JOIN_SYNACK:hmac", "s JOIN_ACK:hmac"), join);
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {0, 1})
    void flippedSynAckHmacByteIsResetByTheClient(int version) {
        Hosts h = connected(version, SEED);
        h.tamper = s -> Hosts.option(s, MptcpOption.MpJoinSynAck.class).map(a -> withOption(s,
                new MptcpOption.MpJoinSynAck(a.flags(), a.addressId(), a.truncatedHmac() ^ (1L << 40), a.senderRandom())))
                .orElse(s);
        h.join();
        assertReset(h, "c1", version, MptcpEndpoint.RST_MPTCP_ERROR);
        assertTrue(h.clientJoins().isEmpty());
        assertTrue(h.state.get("s").halfOpen().isEmpty(), "the client's RST clears the half-open join");
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {0, 1})
    void thirdAckReplayedOnAJoinWithOtherNoncesIsReset(int version) {
        Hosts h = connected(version, SEED);
        h.join();
        MpJoinAck first = h.log.stream().map(s -> Hosts.option(s, MpJoinAck.class)).flatMap(Optional::stream)
                .findFirst().orElseThrow();
        // second join: replace its third-ACK HMAC with the first join's (fresh R-A / R-B this time)
        h.tamper = s -> Hosts.option(s, MpJoinAck.class).map(a -> withOption(s, first)).orElse(s);
        h.join();
        assertReset(h, "s", version, MptcpEndpoint.RST_MPTCP_ERROR);
        assertEquals(1, h.serverJoins().size(), "only the first join is attached");
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {0, 1})
    void contractHalfOpenLimitIsEnforced(int version) {
        Hosts h = connected(version, SEED, JoinLimits.contract(JoinLimits.CONTRACT_HALF_OPEN));
        int token = h.clientConn().keys().remoteToken();
        // three SYN+MP_JOIN from the client's second address that nobody completes
        h.tamper = s -> s.has(TcpSegment.SYN) && s.has(TcpSegment.ACK) ? null : s; // SYN/ACKs lost
        for (int i = 0; i < 3; i++) {
            TcpSegment syn = new TcpSegment(Hosts.addr("c1.a2"), Hosts.addr("s.a1"), 45000 + i, 80, 1000 + i, 0,
                    TcpSegment.SYN, 65535, List.of(new TcpSegment.TcpOption.Mptcp(new MpJoinSyn(0, 1, token, 77 + i))),
                    Bytes.empty());
            h.inFlight.add(syn);
            h.run();
        }
        assertEquals(JoinLimits.CONTRACT_HALF_OPEN, h.state.get("s").halfOpen().size());
        assertReset(h, "s", version, MptcpEndpoint.RST_PROHIBITED);
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {0, 1})
    void configurableHalfOpenLimit(int version) {
        Hosts h = new Hosts(scheme(version), SEED, JoinLimits.contract(1));
        h.bind(KeySetting.none());
        h.connect(KeySetting.none());
        h.tamper = s -> s.has(TcpSegment.SYN) && s.has(TcpSegment.ACK) ? null : s;
        h.join();
        h.join();
        assertEquals(1, h.state.get("s").halfOpen().size());
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {0, 1})
    void fallbackToTcpWhenTheClientOffersNoMpCapable(int version) {
        Hosts h = new Hosts(scheme(version), SEED);
        h.bind(KeySetting.none());
        h.tamper = s -> s.has(TcpSegment.SYN) && !s.has(TcpSegment.ACK) ? withOptions(s, List.of()) : s;
        h.connect(KeySetting.none());
        assertFalse(h.serverConn().isMptcp());
        assertFalse(h.clientConn().isMptcp());
        assertEquals(ConnPhase.ESTABLISHED, h.clientConn().phase());
        assertTrue(h.log.get(1).options().isEmpty(), "the SYN/ACK carries no MP_CAPABLE");
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {0, 1})
    void fallbackToTcpWhenTheServerAnswersWithoutMpCapable(int version) {
        Hosts h = new Hosts(scheme(version), SEED);
        h.bind(KeySetting.none());
        h.tamper = s -> s.has(TcpSegment.SYN) && s.has(TcpSegment.ACK) ? withOptions(s, List.of()) : s;
        h.connect(KeySetting.none());
        assertFalse(h.clientConn().isMptcp());
        assertFalse(h.serverConn().isMptcp(), "a third ACK without MP_CAPABLE makes the server fall back too");
        h.tamper = s -> s;
        h.join();
        assertTrue(h.state.get("c1").subflows().isEmpty(), "no join on a plain TCP connection");
    }

    @Test
    void theServerAcksAJoinWithADssDataAckAsLinuxDoes() {
        Hosts h = connected(1, SEED);
        h.join();
        TcpSegment fourth = h.log.get(h.log.size() - 1);
        assertEquals("s", org.mptcpverify.net.Addresses.actorOf(fourth.src()));
        MptcpOption.Dss dss = Hosts.option(fourth, MptcpOption.Dss.class).orElseThrow();
        long idsnA = org.mptcpverify.crypto.MptcpCrypto.idsn(org.mptcpverify.crypto.HashAlg.SHA256,
                h.clientConn().keys().keyA());
        assertEquals((idsnA + 1) & 0xffffffffL, dss.dataAck().getAsLong());
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {0, 1})
    void aRetransmittedThirdAckIsAckedAndKeepsTheJoin(int version) {
        Hosts h = connected(version, SEED);
        h.join();
        TcpSegment third = h.log.stream().filter(s -> Hosts.option(s, MpJoinAck.class).isPresent()).findFirst()
                .orElseThrow();
        int before = h.log.size();
        h.inFlight.add(third);
        h.run();
        List<TcpSegment> answers = h.log.subList(before + 1, h.log.size());
        assertEquals(1, answers.size(), "one answer to the retransmission");
        assertFalse(answers.get(0).has(TcpSegment.RST), "the retransmitted third ACK is not reset");
        assertTrue(answers.get(0).has(TcpSegment.ACK), "it is ACKed again, as Linux does");
        assertEquals(1, h.serverJoins().size(), "the join stays attached");
        assertEquals(1, h.clientJoins().size(), "the client keeps its join");
    }

    @Test
    void fastCloseIsAnsweredWithRstReasonZero() {
        Hosts h = connected(1, SEED);
        h.event("c1", new Event.FastClose(h.clientConn().id()));
        h.run();
        assertEquals(ConnPhase.CLOSED, h.serverConn().phase());
        assertEquals(0, Hosts.option(h.last("s", TcpSegment.RST).orElseThrow(), MpTcpRst.class).orElseThrow().reason());
    }

    @Test
    void connectToAClosedPortIsRefused() {
        Hosts h = new Hosts(new Rfc8684(), SEED);
        h.connect(KeySetting.none());
        assertEquals(ConnPhase.REFUSED, h.clientConn().phase());
    }

    static TcpSegment withOption(TcpSegment s, MptcpOption o) {
        return withOptions(s, List.of(new TcpSegment.TcpOption.Mptcp(o)));
    }

    static TcpSegment withOptions(TcpSegment s, List<TcpSegment.TcpOption> opts) {
        return new TcpSegment(s.src(), s.dst(), s.srcPort(), s.dstPort(), s.seq(), s.ack(), s.flags(), s.window(), opts,
                s.payload());
    }
}
