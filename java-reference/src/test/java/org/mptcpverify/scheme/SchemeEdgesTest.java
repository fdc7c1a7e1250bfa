package org.mptcpverify.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.MptcpOption.AddAddr;
import org.mptcpverify.wire.MptcpOption.MpCapable;
import org.mptcpverify.wire.MptcpOption.MpCapableTokens;
import org.mptcpverify.wire.MptcpOption.MpFastClose;

/**
 * Scheme paths no matrix cell reaches (found by mutation testing, docs/reliability.md): the
 * MP_CAPABLE readers, the attacker's derivations on the handshakes the cells do not build (a
 * keyless connection of an external-key scheme, an attacker that holds K), the negative control's
 * documented acceptances and the secret-free string forms. Expected values either come from
 * docs/schemes.md directly or are the Python-computed vectors of ExternalKeyVectorsTest.
 */
class SchemeEdgesTest {
    static final Bytes K = ExternalKeyVectorsTest.K;
    static final long KA = SchemeVectorsTest.KA;
    static final long KB = SchemeVectorsTest.KB;
    static final int RA = ExternalKeyVectorsTest.RA;
    static final int RB = ExternalKeyVectorsTest.RB;
    static final int H = MptcpOption.FLAG_H_HMAC;
    static final int E = MptcpOption.FLAG_E_EXTERNAL_KEY;
    static final int G = MptcpOption.FLAG_G_BOUND_KEY;

    static long hex64(String h) {
        return Long.parseUnsignedLong(h, 16);
    }

    // ---- MP_CAPABLE readers ---------------------------------------------------------------------------

    @Test
    void capableFlagsOfEitherRecord() {
        assertEquals(-1, Capable.flags(Optional.empty()));
        assertEquals(-1, Capable.flags(Optional.<MptcpOption>of(new MpFastClose(0, 1))), "not an MP_CAPABLE");
        assertEquals(0x81, Capable.flags(Optional.of(MpCapable.syn(1, 0x81))));
        assertEquals(G | H, Capable.flags(Optional.of(MpCapableTokens.syn(G | H))));
        assertTrue(Capable.hasFlag(Optional.of(MpCapable.syn(1, 0x81)), 0x80));
        assertFalse(Capable.hasFlag(Optional.of(MpCapable.syn(1, 0x81)), G));
        assertFalse(Capable.hasFlag(Optional.empty(), G), "no MP_CAPABLE has no flag (flags -1 has every bit set)");
    }

    @Test
    void onlyAV1SynWithoutKeysOrTokensIsBare() {
        assertTrue(Capable.isBareV1(Optional.of(MpCapable.syn(1, H))));
        assertTrue(Capable.isBareV1(Optional.of(MpCapableTokens.syn(E | H))));
        assertFalse(Capable.isBareV1(Optional.of(MpCapable.withKey(0, H, KA))), "v0");
        assertFalse(Capable.isBareV1(Optional.of(MpCapable.withKey(1, H, KA))), "a key");
        assertFalse(Capable.isBareV1(Optional.of(MpCapable.withKeys(1, H, KA, KB))), "two keys");
        assertFalse(Capable.isBareV1(Optional.of(new MpCapableTokens(1, E | H, OptionalInt.of(1), OptionalInt.empty(),
                OptionalLong.empty()))), "a token");
        assertFalse(Capable.isBareV1(Optional.of(new MpCapableTokens(1, G | H, OptionalInt.of(1), OptionalInt.of(2),
                OptionalLong.of(3)))), "tokens and confirm");
        assertFalse(Capable.isBareV1(Optional.empty()));
        assertFalse(Capable.isBareV1(Optional.<MptcpOption>of(new MpFastClose(0, 1))));
    }

    @Test
    void aBareTokenSynReadsAsAKeyedSynWithoutTheExtensionFlags() {
        assertEquals(Optional.<MptcpOption>of(MpCapable.syn(1, H)), Capable.asKeyed(Optional.of(MpCapableTokens.syn(G | E | H))));
        MpCapable keyed = MpCapable.withKey(1, H, KA);
        assertEquals(Optional.<MptcpOption>of(keyed), Capable.asKeyed(Optional.of(keyed)), "anything else passes unchanged");
    }

    // ---- v0 ADD_ADDR, the negative control, the thesis's host-wide lookup ----------------------------

    @Test
    void v0AddAddrIsAcceptedWithoutAuthenticatorOnlyOnAnMptcpConnectionOfV0() throws Exception {
        Rfc6824 s = new Rfc6824();
        ConnKeys a = SchemeVectorsTest.side(s, Role.A);
        AddAddr v0 = new AddAddr(0, 4, 2, InetAddress.getByName("198.51.100.2"), OptionalInt.empty(), OptionalLong.empty());
        assertTrue(s.addAddrOk(a, v0), "RFC 6824 ADD_ADDR has no authenticator");
        assertFalse(s.addAddrOk(a.withMptcp(false), v0), "not on plain TCP");
        AddAddr v1 = new AddAddr(1, 0, 2, InetAddress.getByName("198.51.100.2"), OptionalInt.empty(), OptionalLong.of(1));
        assertFalse(s.addAddrOk(a, v1), "another version's ADD_ADDR");
    }

    @Test
    void brokenAcceptsAnythingAtTheServerAndChecksAtTheClient() throws Exception {
        Broken s = new Broken();
        ConnKeys a = SchemeVectorsTest.side(s, Role.A);
        ConnKeys b = SchemeVectorsTest.side(s, Role.B);
        AddAddr garbage = new AddAddr(1, 0, 2, InetAddress.getByName("198.51.100.2"), OptionalInt.empty(), OptionalLong.of(5));
        assertTrue(s.addAddrOk(b, garbage));
        assertFalse(s.addAddrOk(a, garbage), "the client checks the ADD_ADDR HMAC as RFC 8684");
        assertTrue(s.addAddrOk(a, (AddAddr) s.addAddr(b, 2, InetAddress.getByName("198.51.100.2"))));
        assertTrue(s.fastCloseOk(b, new MpFastClose(0, 5)));
        assertFalse(s.fastCloseOk(a, new MpFastClose(0, 5)));
        assertTrue(s.fastCloseOk(a, new MpFastClose(0, KA)), "from B: the receiver's (A's) key");
        assertFalse(s.fastCloseOk(a.withMptcp(false), new MpFastClose(0, KA)));
    }

    @Test
    void thesisGlobalAttachesAMatchingJoinToTheMostRecentConnection() {
        ThesisXorGlobal s = new ThesisXorGlobal();
        ConnKeys older = ConnKeys.start(Role.B, null).withMptcp(true).withTokens(0x11111111, 0);
        ConnKeys recent = ConnKeys.start(Role.B, null).withMptcp(true).withTokens(0x22222222, 0);
        List<AuthScheme.ConnRef> conns = List.of(new AuthScheme.ConnRef(1, older), new AuthScheme.ConnRef(2, recent));
        HostKeys host = HostKeys.initial().withExternalKey(12345678).withTokenTnb(0x22222222);
        assertEquals(2, s.lookupJoin(0x22222222 ^ 12345678, conns, host).orElseThrow().connId());
        assertTrue(s.lookupJoin(0x11111111 ^ 12345678, conns, host).isEmpty(), "only token_tnb XOR key is accepted");
        assertEquals(1, s.lookupJoin(0x11111111, conns, HostKeys.initial()).orElseThrow().connId(),
                "host key 0: plain v0 lookup");
    }

    @Test
    void aFreshServerKeyIsRedrawnWhileItsTokenIsInUse() {
        Rfc8684 s = new Rfc8684();
        java.util.SplittableRandom draws = new java.util.SplittableRandom(5);
        long first = draws.nextLong();
        long second = draws.nextLong();
        assertEquals(first, s.freshKey(new java.util.SplittableRandom(5), t -> false));
        assertEquals(second, s.freshKey(new java.util.SplittableRandom(5), t -> t == s.token(first)),
                "the first draw's token collides: the next draw is taken (as Linux does)");
    }

    @Test
    void aFreshTokenIsRandomNonZeroAndUnused() {
        java.util.SplittableRandom draws = new java.util.SplittableRandom(5);
        int first = draws.nextInt();
        int second = draws.nextInt();
        assertTrue(first != 0 && second != 0 && first != second, "the seed's first two draws suit this test");
        assertEquals(first, DraftBaerts.freshToken(new java.util.SplittableRandom(5), t -> false));
        assertEquals(second, DraftBaerts.freshToken(new java.util.SplittableRandom(5), t -> t == first),
                "\"the token must uniquely identify the associated connection\"");
    }

    /** An implementation with only the interface's defaults (every other method refuses): what a new design inherits. */
    static AuthScheme defaultsOnly() {
        return (AuthScheme) java.lang.reflect.Proxy.newProxyInstance(AuthScheme.class.getClassLoader(),
                new Class<?>[] {AuthScheme.class}, (proxy, m, args) -> {
                    if (m.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, m, args);
                    }
                    if (m.getName().equals("version")) {
                        return 1;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void theInterfaceDefaultsChangeNothing() {
        AuthScheme s = defaultsOnly();
        HostKeys host = new HostKeys(7, 9);
        ConnKeys keys = SchemeVectorsTest.side(new Rfc8684(), Role.A);
        assertTrue(s.sendsTcpRst(), "v1: MP_TCPRST on resets");
        assertEquals(host, s.onBindOrConnect(host, new KeySetting.AppKey(K)));
        assertEquals(host, s.onServerConnectionCreated(host, keys));
        assertTrue(s.keyAgreement(keys).isEmpty());
        assertEquals(keys, s.onKeyAgreement(keys, new MptcpOption.NewKey(0, 1)));
        assertTrue(s.peerIdsn(keys).isEmpty());
        assertEquals(0, s.joinFlags(keys));
        assertTrue(s.joinsAllowed(keys));
        assertFalse(s.joinsAllowed(keys.withMptcp(false)), "no joins on plain TCP");
        assertEquals(3, s.halfOpenLimit(3));
        assertEquals(host, new Rfc8684().onBindOrConnect(host, new KeySetting.AppKey(K)), "only thesis-xor-global has host keys");
        assertEquals(host, new Rfc8684().onServerConnectionCreated(host, keys));
    }

    @Test
    void smallValueTypes() {
        assertTrue(KeySetting.none().isNone());
        assertFalse(new KeySetting.AppKey(K).isNone());
        assertFalse(KeySetting.SinZero.decimal(5).isNone());
        ConnKeys withSlot = ConnKeys.start(Role.A, null).withSlots(java.util.Map.of("kc", K));
        assertEquals(java.util.Map.of("kc", K), withSlot.slots());
    }

    @Test
    void stringFormsNameTheSchemeAndHideTheKeys() {
        assertEquals("rfc8684", new Rfc8684().toString());
        assertEquals("bound-key", new BoundKey().toString());
        ConnKeys k = SchemeVectorsTest.side(new Rfc8684(), Role.A).withExtKey(K).withExtMode(true).withKeyActive(true);
        assertEquals("ConnKeys[A mptcp ext active]", k.toString());
        assertEquals("ConnKeys[B tcp]", ConnKeys.start(Role.B, K).toString());
    }
}
