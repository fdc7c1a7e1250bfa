package org.mptcpverify.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.MptcpOption.AddAddr;
import org.mptcpverify.wire.MptcpOption.MpFastClose;
import org.mptcpverify.wire.MptcpOption.NewKey;

/**
 * Known-answer vectors of the external-key schemes (SchemeVectorsTest has rfc6824, rfc8684 and
 * thesis-xor's token field). Every expected value was computed outside this code base, with
 * Python 3's hmac and hashlib from the formulas of docs/schemes.md, e.g. bound-key's confirm-B:
 * {@code hmac.new(K, b"bk-confirm-B" + struct.pack(">I", tb), hashlib.sha256).digest()[:8]};
 * the join ticket index i as a 32-bit big-endian integer.
 */
class ExternalKeyVectorsTest {
    static final Bytes K = Bytes.fromHex("0f0e0d0c0b0a09080706050403020100000102030405060708090a0b0c0d0e0f");
    static final int TA = 0x0A0A0A0A;
    static final int TB = 0x0B0B0B0B;
    static final int RA = 0xA1A2A3A4;
    static final int RB = 0xB1B2B3B4;
    static final long KA = SchemeVectorsTest.KA;
    static final long KB = SchemeVectorsTest.KB;

    static InetAddress addr(String a) throws Exception {
        return InetAddress.getByName(a);
    }

    static long hex64(String h) {
        return Long.parseUnsignedLong(h, 16);
    }

    /** A token-mode side (draft-baerts E, bound-key G) after a completed handshake. */
    static ConnKeys tokenSide(Role r, Bytes extKey) {
        ConnKeys k = ConnKeys.start(r, extKey).withExtMode(true).withMptcp(true);
        return r == Role.A ? k.withTokens(TA, TB) : k.withTokens(TB, TA);
    }

    // ---- bound-key --------------------------------------------------------------------------------

    @Test
    void boundKeyHandshakeValues() {
        BoundKey s = new BoundKey();
        assertEquals(hex64("7731d313fb3a3bb4"), s.confirmB(K, TB), "confirm-B = trunc_L64(HMAC(K, \"bk-confirm-B\"||Token-B))");
        Bytes kc = s.connKey(K, TA, TB);
        assertEquals(Bytes.fromHex("7263a124f0eb1757db7b5ae1228f404710ae58b75aa5c9ff08f929192173f6ee"), kc,
                "Kc = HMAC(K, \"bk-conn\"||Token-A||Token-B)");
        assertEquals(hex64("94a278d4a335606b"), s.confirmA(kc), "confirm-A = trunc_L64(HMAC(Kc, \"bk-confirm-A\"))");
        assertEquals(0xdb3b4017, s.ticket(kc, 1));
        assertEquals(0xa4dd2c9c, s.ticket(kc, 2));
    }

    @Test
    void boundKeyAuthenticators() throws Exception {
        BoundKey s = new BoundKey();
        Bytes kc = s.connKey(K, TA, TB);
        ConnKeys a = tokenSide(Role.A, K).withConnKey(kc);
        ConnKeys b = tokenSide(Role.B, K).withConnKey(kc);
        assertEquals(0xdb3b4017, s.joinTokenField(a, 1, HostKeys.initial()), "the first join carries ticket 1");
        assertEquals(hex64("8d54b46c224c9878"), s.synAckHmac(b, RA, RB, addr("10.0.0.1")));
        assertTrue(s.synAckHmacOk(a, RA, RB, hex64("8d54b46c224c9878"), addr("10.0.0.1")));
        assertEquals(Bytes.fromHex("26b84d2decd15b191e12397122d69366a521e870"), s.thirdAckHmac(a, RA, RB));
        AddAddr add = (AddAddr) s.addAddr(a, 1, addr("198.51.100.2"));
        assertEquals(OptionalLong.of(hex64("0c3b04c7f8b33f79")), add.truncatedHmac(),
                "trunc_R64(HMAC(Kc, \"bk-addr\"||\"A\"||id||addr||port 0))");
        assertTrue(s.addAddrOk(b, add));
        assertFalse(s.addAddrOk(a, add), "A's ADD_ADDR is not valid as B's (the role is in the MAC)");
        assertEquals(hex64("46823ebeafe47ae0"), ((MpFastClose) s.fastClose(a)).value());
        assertEquals(hex64("efb4fd3aff7106a0"), ((MpFastClose) s.fastClose(b)).value());
    }

    @Test
    void boundKeyWithoutKeysComputesRfc8684Values() throws Exception {
        BoundKey s = new BoundKey();
        ConnKeys a = SchemeVectorsTest.side(s, Role.A);
        ConnKeys b = SchemeVectorsTest.side(s, Role.B);
        assertEquals(0xccad45ac, s.joinTokenField(a, 1, HostKeys.initial()), "Token-B as in RFC 8684");
        assertEquals(hex64("864b40428762fd06"), s.synAckHmac(b, RA, RB, addr("10.0.0.1")));
        assertEquals(Bytes.fromHex("53037f2899475529844115fd07e665d23d3554fb"), s.thirdAckHmac(a, RA, RB));
        assertEquals(OptionalLong.of(0xc0e38f4d4b944417L), ((AddAddr) s.addAddr(a, 1, addr("198.51.100.2"))).truncatedHmac());
        assertEquals(KB, ((MpFastClose) s.fastClose(a)).value());
        AuthScheme.JoinMatch m = s.lookupJoin(0xccad45ac, java.util.List.of(new AuthScheme.ConnRef(3, b)),
                HostKeys.initial()).orElseThrow();
        assertEquals(3, m.connId());
        assertTrue(s.lookupJoin(0xccad45ad, java.util.List.of(new AuthScheme.ConnRef(3, b)), HostKeys.initial()).isEmpty());
    }

    // ---- draft-baerts ---------------------------------------------------------------------------------

    @Test
    void draftBaertsNewKeyAndFastClose() {
        DraftBaerts s = new DraftBaerts();
        ConnKeys a = tokenSide(Role.A, K).withKeyActive(true);
        ConnKeys b = tokenSide(Role.B, K).withKeyActive(true);
        assertEquals(hex64("68880afe277cdb7c"), ((NewKey) s.keyAgreement(a).orElseThrow()).hmac(),
                "A: trunc_R64(HMAC(Token-A||Token-B, K))");
        assertEquals(hex64("c4e731fc9e0e5ef8"), ((NewKey) s.keyAgreement(b).orElseThrow()).hmac(),
                "B: trunc_R64(HMAC(Token-B||Token-A, K))");
        assertEquals(hex64("85ca86c1c385dd84"), ((MpFastClose) s.fastClose(a)).value(), "main reading: trunc_L64");
        assertEquals(hex64("e009128fc159b953"), ((MpFastClose) s.fastClose(b)).value());
        assertEquals(hex64("68880afe277cdb7c"), ((MpFastClose) new DraftBaertsLowOrder().fastClose(a)).value(),
                "low-order reading: trunc_R64, A's NEW_KEY value");
        assertTrue(s.fastCloseOk(b, (MpFastClose) s.fastClose(a)));
        assertFalse(s.fastCloseOk(b.withKeyActive(false), (MpFastClose) s.fastClose(a)),
                "no MP_FASTCLOSE with K before the key is installed");
    }

    @Test
    void draftBaertsJoinAndAddAddr() throws Exception {
        DraftBaerts s = new DraftBaerts();
        ConnKeys a = tokenSide(Role.A, K).withKeyActive(true);
        ConnKeys b = tokenSide(Role.B, K).withKeyActive(true);
        assertEquals(hex64("21c93edc3648138b"), s.synAckHmac(b, RA, RB, addr("10.0.0.1")), "trunc_L64(HMAC(K, R-B||R-A))");
        assertEquals(Bytes.fromHex("0ca407071d7fcf138dcdce5f6469157d52628b98"), s.thirdAckHmac(a, RA, RB));
        AddAddr add = (AddAddr) s.addAddr(b, 1, addr("198.51.100.2"));
        assertEquals(OptionalLong.of(hex64("de1cdb979b5fa068")), add.truncatedHmac(), "trunc_R64(HMAC(K, id||addr||port))");
        assertTrue(s.addAddrOk(a, add));
        assertFalse(s.addAddrOk(a.withKeyActive(false), add), "no addresses exchanged before the key is installed");
        assertEquals(0, s.joinFlags(a), "K bit 0: the initial key");
    }

    @Test
    void draftBaertsKeyAgreementActivatesOnlyOnTheRightValue() {
        DraftBaerts s = new DraftBaerts();
        ConnKeys a = tokenSide(Role.A, K);
        assertFalse(s.joinsAllowed(a), "E mode: no joins before NEW_KEY matched");
        ConnKeys right = s.onKeyAgreement(a, new NewKey(0, hex64("c4e731fc9e0e5ef8")));
        assertTrue(right.keyActive());
        assertTrue(s.joinsAllowed(right));
        assertFalse(s.onKeyAgreement(a, new NewKey(0, hex64("68880afe277cdb7c"))).keyActive(),
                "its own NEW_KEY reflected does not match");
        assertEquals(a, s.onKeyAgreement(a, new MpFastClose(0, 1)), "another option: no change");
        ConnKeys plain = SchemeVectorsTest.side(s, Role.A);
        assertEquals(plain, s.onKeyAgreement(plain, new NewKey(0, hex64("c4e731fc9e0e5ef8"))),
                "no E mode: NEW_KEY ignored");
        assertTrue(s.joinsAllowed(plain));
        assertFalse(s.joinsAllowed(plain.withMptcp(false)));
        assertTrue(s.keyAgreement(plain).isEmpty());
    }

    @Test
    void draftBaertsWithoutKeysComputesRfc8684Values() throws Exception {
        DraftBaerts s = new DraftBaerts();
        ConnKeys a = SchemeVectorsTest.side(s, Role.A);
        assertEquals(KB, ((MpFastClose) s.fastClose(a)).value());
        assertEquals(OptionalLong.of(0xc0e38f4d4b944417L), ((AddAddr) s.addAddr(a, 1, addr("198.51.100.2"))).truncatedHmac());
    }

    // ---- draft-paasch (v0, SHA-1) -------------------------------------------------------------------

    @Test
    void draftPaaschJoinHmacsAreKeyedWithKWhenSignalled() throws Exception {
        DraftPaasch s = new DraftPaasch();
        ConnKeys a = SchemeVectorsTest.side(s, Role.A).withExtKey(K).withExtMode(true);
        ConnKeys b = SchemeVectorsTest.side(s, Role.B).withExtKey(K).withExtMode(true);
        assertEquals(hex64("046a0d82517667be"), s.synAckHmac(b, RA, RB, addr("10.0.0.1")), "trunc_L64(HMAC-SHA1(K, R-B||R-A))");
        assertEquals(Bytes.fromHex("5864fb2124f5ec84f40c48ca82d8492122661ce5"), s.thirdAckHmac(a, RA, RB));
        ConnKeys plain = SchemeVectorsTest.side(s, Role.B);
        assertEquals(hex64("f983baffc3c12488"), s.synAckHmac(plain, RA, RB, addr("10.0.0.1")),
                "unsignalled connection: RFC 6824's HMAC-SHA1(Key-B||Key-A, R-B||R-A)");
        assertEquals(0x3383d918, s.joinTokenField(SchemeVectorsTest.side(s, Role.A), 1, HostKeys.initial()),
                "v0 Token-B = first 32 bits of SHA-1(Key-B)");
        assertEquals(KB, ((MpFastClose) s.fastClose(a)).value(), "MP_FASTCLOSE is v0's");
    }

    // ---- broken (negative control) and the thesis's key setting -------------------------------------

    @Test
    void brokenSynAckHmacBindsTheServerAddress() throws Exception {
        Broken s = new Broken();
        ConnKeys keyed = SchemeVectorsTest.side(s, Role.B).withExtKey(Bytes.of(K.toArray(), 0, 8));
        assertEquals(hex64("f33d45e939c91bc9"), s.synAckHmac(keyed, RA, RB, addr("10.0.0.1")),
                "trunc_L64(HMAC(K, R-B||R-A||addrB))");
        assertEquals(hex64("c394e6e2b1d0315c"), s.synAckHmac(SchemeVectorsTest.side(s, Role.B), RA, RB, addr("10.0.0.1")),
                "without K: Key-B||Key-A");
    }

    @Test
    void keySettingsFromKeyMaterial() {
        Bytes material = Bytes.fromHex("3132333435363738393a3b3c3d3e3f40");
        // the thesis: first 4 bytes big-endian, mod 99,999,999, plus 1, as decimal in sin_zero
        assertEquals(KeySetting.SinZero.decimal(25_373_501L), new ThesisXor().keySetting(material));
        assertEquals(KeySetting.SinZero.decimal(5L), new ThesisXor().keySetting(Bytes.fromHex("0000000400000000")));
        // broken: the first 8 bytes with the low bit set (never 0), Key-A = K
        assertEquals(new KeySetting.AppKey(Bytes.fromHex("3132333435363739")), new Broken().keySetting(material));
        assertEquals(new KeySetting.AppKey(Bytes.fromHex("0000000000000001")), new Broken().keySetting(Bytes.fromHex("0000")));
        assertEquals(new KeySetting.AppKey(material), new Rfc8684().keySetting(material));
    }

    @Test
    void theXorTokenFieldOfAHostKey() {
        ThesisXorGlobal s = new ThesisXorGlobal();
        ConnKeys a = ConnKeys.start(Role.A, null).withTokens(1, 0xCAFEBABE);
        assertEquals(0xCAFEBABE ^ 12345678, s.joinTokenField(a, 1, HostKeys.initial().withExternalKey(12345678)));
        assertEquals(0xCAFEBABE, s.joinTokenField(a, 1, HostKeys.initial()), "host key 0: plain Token-B");
    }
}
