package org.mptcpverify.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.scheme.BoundKey;
import org.mptcpverify.scheme.DraftBaerts;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.scheme.Schemes;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.MptcpOption.MpCapable;
import org.mptcpverify.wire.MptcpOption.MpCapableTokens;
import org.mptcpverify.wire.TcpSegment;

/**
 * MP_CAPABLE that is malformed, of the other MPTCP version, or of another external-key design,
 * rewritten on the wire between two reference endpoints: the receiver must not take it as its
 * own handshake. No attack of the catalogue rewrites MP_CAPABLE, so the cells never reach these
 * paths (found by mutation testing, docs/reliability.md). Also: every scheme with no key
 * configured runs plain RFC 6824 / RFC 8684 MPTCP, values checked on the wire.
 */
class MpCapableRobustnessTest {
    static final long SEED = Long.getLong("mptcp.seed", 20261127L);
    static final Bytes MATERIAL = Bytes.fromHex("3132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f50");

    static AuthScheme scheme(int version) {
        return Schemes.of(version == 0 ? SchemeId.RFC6824 : SchemeId.RFC8684);
    }

    static boolean isSyn(TcpSegment s) {
        return s.has(TcpSegment.SYN) && !s.has(TcpSegment.ACK);
    }

    static boolean isSynAck(TcpSegment s) {
        return s.has(TcpSegment.SYN) && s.has(TcpSegment.ACK);
    }

    /** The handshake of one connection with {@code tamper} applied to the wire, keyless or keyed on both sides. */
    static Hosts handshake(AuthScheme scheme, boolean keyed, UnaryOperator<TcpSegment> tamper) {
        Hosts h = new Hosts(scheme, SEED);
        KeySetting k = keyed ? scheme.keySetting(MATERIAL) : KeySetting.none();
        h.bind(k);
        h.tamper = tamper;
        h.connect(k);
        h.tamper = UnaryOperator.identity();
        return h;
    }

    /** Replaces the MP_CAPABLE of every segment {@code which} selects. */
    static UnaryOperator<TcpSegment> replaceCapable(java.util.function.Predicate<TcpSegment> which,
                                                    java.util.function.Function<MptcpOption, MptcpOption> by) {
        return s -> {
            if (!which.test(s)) {
                return s;
            }
            Optional<MptcpOption> c = capable(s);
            return c.isEmpty() ? s : HandshakeJoinTest.withOption(s, by.apply(c.get()));
        };
    }

    static Optional<MptcpOption> capable(TcpSegment s) {
        return s.options().stream().filter(TcpSegment.TcpOption.Mptcp.class::isInstance)
                .map(o -> ((TcpSegment.TcpOption.Mptcp) o).option())
                .filter(o -> o instanceof MpCapable || o instanceof MpCapableTokens).findFirst();
    }

    /** The client's third ACK: its first segment after the SYN/ACK. */
    static TcpSegment thirdAck(Hosts h) {
        return h.log.get(2);
    }

    static void assertPlainTcpBothEnds(Hosts h, String why) {
        assertFalse(h.clientConn().isMptcp(), "client: plain TCP, " + why);
        assertFalse(h.serverConn().isMptcp(), "server: plain TCP, " + why);
        assertEquals(ConnPhase.ESTABLISHED, h.clientConn().phase(), "the TCP connection itself survives, " + why);
    }

    // ---- keyless, cross-version and malformed MP_CAPABLE (KeyedMptcp's filters) ------------------

    @ParameterizedTest(name = "v{0} server")
    @ValueSource(ints = {0, 1})
    void aSynOfTheOtherVersionIsAnsweredWithoutMpCapable(int version) {
        MptcpOption other = version == 1 ? MpCapable.withKey(0, MptcpOption.FLAG_H_HMAC, 0x0102030405060708L)
                : MpCapable.syn(1, MptcpOption.FLAG_H_HMAC);
        Hosts h = handshake(scheme(version), false, replaceCapable(MpCapableRobustnessTest::isSyn, c -> other));
        assertTrue(capable(h.log.get(1)).isEmpty(), "SYN/ACK without MP_CAPABLE");
        assertPlainTcpBothEnds(h, "RFC 8684 3.1: a version the server does not speak is not negotiated");
    }

    @Test
    void aV1SynCarryingAKeyIsAnsweredWithoutMpCapable() {
        Hosts h = handshake(scheme(1), false, replaceCapable(MpCapableRobustnessTest::isSyn,
                c -> MpCapable.withKey(1, MptcpOption.FLAG_H_HMAC, 0x0102030405060708L)));
        assertTrue(capable(h.log.get(1)).isEmpty(), "a v1 SYN carries no key (RFC 8684 3.1): malformed");
        assertPlainTcpBothEnds(h, "malformed v1 SYN");
    }

    @ParameterizedTest(name = "v{0} client")
    @ValueSource(ints = {0, 1})
    void aSynAckOfTheOtherVersionMakesTheClientFallBack(int version) {
        Hosts h = handshake(scheme(version), false, replaceCapable(MpCapableRobustnessTest::isSynAck,
                c -> MpCapable.withKey(1 - version, MptcpOption.FLAG_H_HMAC, ((MpCapable) c).senderKey().getAsLong())));
        assertTrue(capable(thirdAck(h)).isEmpty(), "third ACK without MP_CAPABLE");
        assertPlainTcpBothEnds(h, "SYN/ACK of the other version");
    }

    @ParameterizedTest(name = "v{0} client")
    @ValueSource(ints = {0, 1})
    void aSynAckEchoingAReceiverKeyMakesTheClientFallBack(int version) {
        Hosts h = handshake(scheme(version), false, replaceCapable(MpCapableRobustnessTest::isSynAck,
                c -> MpCapable.withKeys(version, MptcpOption.FLAG_H_HMAC, ((MpCapable) c).senderKey().getAsLong(), 7L)));
        assertTrue(capable(thirdAck(h)).isEmpty(), "a SYN/ACK carries the server's key only: malformed");
        assertPlainTcpBothEnds(h, "malformed SYN/ACK");
    }

    @ParameterizedTest(name = "v{0} server")
    @ValueSource(ints = {0, 1})
    void aThirdAckEchoingAnotherServerKeyMakesTheServerFallBack(int version) {
        Hosts h = handshake(scheme(version), false, replaceCapable(s -> !s.has(TcpSegment.SYN), c -> {
            MpCapable m = (MpCapable) c;
            return MpCapable.withKeys(version, m.flags(), m.senderKey().getAsLong(), m.receiverKey().getAsLong() ^ 1);
        }));
        assertTrue(h.clientConn().isMptcp(), "the client saw a valid SYN/ACK");
        assertFalse(h.serverConn().isMptcp(), "Key-B echoed wrongly: the server does not take the connection as MPTCP");
    }

    // ---- every scheme without a key: plain MPTCP of its version, values checked on the wire ---------

    /** Schemes that agree their key in-band (ecdh, mptls) have no keyless mode: they always run their own handshake. */
    static Stream<SchemeId> schemesWithAKeylessMode() {
        return Arrays.stream(SchemeId.values()).filter(id -> !id.agreesKey());
    }

    @ParameterizedTest
    @MethodSource("schemesWithAKeylessMode")
    void withoutKeysEverySchemeRunsPlainMptcpOfItsVersion(SchemeId id) {
        AuthScheme s = Schemes.of(id);
        Hosts h = handshake(s, false, UnaryOperator.identity());
        MpCapable syn = (MpCapable) capable(h.log.get(0)).orElseThrow();
        assertEquals(s.version(), syn.version());
        assertEquals(MptcpOption.FLAG_H_HMAC, syn.flags(), "H only: the HMAC of the version, no extension signalled");
        assertTrue(h.clientConn().isMptcp() && h.serverConn().isMptcp());
        long keyA = h.clientConn().keys().keyA();
        long keyB = h.serverConn().keys().keyB();
        assertEquals(keyA, h.serverConn().keys().keyA());
        assertEquals(keyB, h.clientConn().keys().keyB());
        Hosts other = new Hosts(s, SEED + 1);
        other.bind(KeySetting.none());
        other.connect(KeySetting.none());
        assertNotEquals(keyA, other.clientConn().keys().keyA(), "Key-A is drawn afresh per connection");
        assertNotEquals(keyB, other.serverConn().keys().keyB(), "Key-B too");

        h.join();
        assertEquals(1, h.serverJoins().size(), id + ": the join is attached");
        assertEquals(1, h.clientJoins().size(), id + ": the join is established at the client");

        h.event("s", new Event.Advertise(h.serverConn().id(), 2, Hosts.addr("s.a2")));
        h.run();
        MptcpOption.AddAddr add = h.log.stream().map(seg -> Hosts.option(seg, MptcpOption.AddAddr.class))
                .flatMap(Optional::stream).findFirst().orElseThrow();
        assertEquals(s.version() == 1, add.truncatedHmac().isPresent(), "v1 ADD_ADDR carries an HMAC, v0 none");
        assertEquals(Hosts.addr("s.a2"), h.clientConn().remoteAddrs().get(2), "the client accepts the ADD_ADDR");

        h.event("c1", new Event.FastClose(h.clientConn().id()));
        h.run();
        MptcpOption.MpFastClose close = h.log.stream().map(seg -> Hosts.option(seg, MptcpOption.MpFastClose.class))
                .flatMap(Optional::stream).findFirst().orElseThrow();
        assertEquals(keyB, close.value(), "MP_FASTCLOSE carries the receiver's key (RFC 6824 / RFC 8684 3.5)");
        assertEquals(ConnPhase.CLOSED, h.serverConn().phase());
    }

    // ---- the external-key designs' MP_CAPABLE ---------------------------------------------------------

    static final AuthScheme BOUND_KEY = new BoundKey();
    static final AuthScheme DRAFT_BAERTS = new DraftBaerts();

    @Test
    void keyedHandshakesNegotiateTheirMode() {
        Hosts bk = handshake(BOUND_KEY, true, UnaryOperator.identity());
        assertTrue(bk.clientConn().isMptcp() && bk.serverConn().isMptcp());
        assertTrue(bk.clientConn().keys().extMode() && bk.serverConn().keys().extMode());
        Hosts db = handshake(DRAFT_BAERTS, true, UnaryOperator.identity());
        assertTrue(db.clientConn().keys().keyActive() && db.serverConn().keys().keyActive(), "NEW_KEY both ways");
    }

    @Test
    void boundKeyWithABadConfirmBIsPlainTcp() {
        Hosts h = handshake(BOUND_KEY, true, replaceCapable(MpCapableRobustnessTest::isSynAck, c -> {
            MpCapableTokens t = (MpCapableTokens) c;
            return new MpCapableTokens(1, t.flags(), t.senderToken(), t.receiverToken(),
                    OptionalLong.of(t.confirm().getAsLong() ^ 1));
        }));
        assertTrue(capable(thirdAck(h)).isEmpty(), "bad confirm-B: third ACK without MP_CAPABLE (no downgrade)");
        assertPlainTcpBothEnds(h, "bad confirm-B");
    }

    @Test
    void boundKeyWithABadConfirmAIsPlainTcpAtTheServer() {
        Hosts h = handshake(BOUND_KEY, true, replaceCapable(s -> !s.has(TcpSegment.SYN), c -> {
            MpCapableTokens t = (MpCapableTokens) c;
            return new MpCapableTokens(1, t.flags(), t.senderToken(), t.receiverToken(),
                    OptionalLong.of(t.confirm().getAsLong() ^ 1));
        }));
        assertFalse(h.serverConn().isMptcp(), "bad confirm-A: the server treats the connection as plain TCP");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bound-key", "draft-baerts"})
    void aThirdAckWithAnotherReceiverTokenIsPlainTcpAtTheServer(String name) {
        AuthScheme s = Schemes.of(SchemeId.byName(name).orElseThrow());
        Hosts h = handshake(s, true, replaceCapable(seg -> !seg.has(TcpSegment.SYN), c -> {
            MpCapableTokens t = (MpCapableTokens) c;
            return new MpCapableTokens(1, t.flags(), t.senderToken(), OptionalInt.of(t.receiverToken().getAsInt() ^ 1),
                    t.confirm());
        }));
        assertTrue(h.clientConn().isMptcp());
        assertFalse(h.serverConn().isMptcp(), "Token-B echoed wrongly");
    }

    @Test
    void aBoundKeyClientTakesNoDraftBaertsSynAck() {
        Hosts h = handshake(BOUND_KEY, true, replaceCapable(MpCapableRobustnessTest::isSynAck, c -> new MpCapableTokens(1,
                MptcpOption.FLAG_E_EXTERNAL_KEY | MptcpOption.FLAG_H_HMAC, ((MpCapableTokens) c).senderToken(),
                OptionalInt.empty(), OptionalLong.empty())));
        assertPlainTcpBothEnds(h, "an E SYN/ACK to a G client");
    }

    @Test
    void aDraftBaertsClientTakesNoBoundKeySynAck() {
        Hosts h = handshake(DRAFT_BAERTS, true, replaceCapable(MpCapableRobustnessTest::isSynAck, c -> new MpCapableTokens(1,
                MptcpOption.FLAG_G_BOUND_KEY | MptcpOption.FLAG_H_HMAC, ((MpCapableTokens) c).senderToken(),
                OptionalInt.empty(), OptionalLong.of(1L))));
        assertTrue(capable(thirdAck(h)).isEmpty());
        assertPlainTcpBothEnds(h, "a G SYN/ACK to an E client");
    }

    @Test
    void aDraftBaertsSynAckWithoutTokenMakesTheClientFallBack() {
        Hosts h = handshake(DRAFT_BAERTS, true, replaceCapable(MpCapableRobustnessTest::isSynAck,
                c -> MpCapableTokens.syn(MptcpOption.FLAG_E_EXTERNAL_KEY | MptcpOption.FLAG_H_HMAC)));
        assertTrue(capable(thirdAck(h)).isEmpty(), "an E SYN/ACK without Token-B is malformed (4 bytes: a SYN's layout)");
        assertPlainTcpBothEnds(h, "E SYN/ACK without token");
    }

    @Test
    void draftBaertsIgnoresAddAddrAndJoinsUntilNewKeyMatched() {
        // NEW_KEY lost both ways: E mode negotiated, the external key never activated
        Hosts h = handshake(DRAFT_BAERTS, true, s -> Hosts.option(s, MptcpOption.NewKey.class).isPresent() ? null : s);
        assertTrue(h.clientConn().keys().extMode() && !h.clientConn().keys().keyActive());
        h.event("s", new Event.Advertise(h.serverConn().id(), 2, Hosts.addr("s.a2")));
        h.run();
        assertTrue(h.log.stream().anyMatch(s -> Hosts.option(s, MptcpOption.AddAddr.class).isPresent()),
                "the server sent its ADD_ADDR");
        assertTrue(h.clientConn().remoteAddrs().isEmpty(), "draft-baerts: no addresses exchanged before the key is installed");
        assertTrue(h.state.get("c1").subflows().isEmpty(), "and no join opened");

        Hosts ok = handshake(DRAFT_BAERTS, true, UnaryOperator.identity());
        ok.event("s", new Event.Advertise(ok.serverConn().id(), 2, Hosts.addr("s.a2")));
        ok.run();
        assertEquals(Hosts.addr("s.a2"), ok.clientConn().remoteAddrs().get(2), "with the key active it is accepted");
    }

    @Test
    void draftBaertsWithAWrongNewKeyKeepsTheKeyInactive() {
        Hosts h = handshake(DRAFT_BAERTS, true, s -> Hosts.option(s, MptcpOption.NewKey.class)
                .map(n -> HandshakeJoinTest.withOption(s, new MptcpOption.NewKey(n.flags(), n.hmac() ^ 1))).orElse(s));
        assertFalse(h.clientConn().keys().keyActive(), "the server's NEW_KEY did not match");
        assertFalse(h.serverConn().keys().keyActive(), "the client's NEW_KEY did not match");
    }
}
