package org.mptcpverify.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mptcpverify.scheme.ConnKeys;
import org.mptcpverify.scheme.DraftPaasch;
import org.mptcpverify.scheme.HostKeys;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.scheme.Role;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;

/**
 * `inspect`'s reading of a capture under a scheme: the state {@link DefinedScheme#capturedState}
 * takes from the captured handshake fields, checked through the definition's receiving lines
 * against the independently computed vectors of ExternalKeyVectorsTest (Python's hmac/hashlib).
 */
class CapturedStateTest {
    static final Bytes K = Bytes.fromHex("0f0e0d0c0b0a09080706050403020100000102030405060708090a0b0c0d0e0f");
    static final long KA = 0x0102030405060708L;
    static final long KB = 0x1112131415161718L;
    static final int TA = 0x0A0A0A0A;
    static final int TB = 0x0B0B0B0B;
    static final int RA = 0xA1A2A3A4;
    static final int RB = 0xB1B2B3B4;
    static final int H = MptcpOption.FLAG_H_HMAC;
    static final int G = MptcpOption.FLAG_G_BOUND_KEY;
    static final HostKeys HOST = HostKeys.initial();

    static DefinedScheme scheme(SchemeId id) {
        return new DefinedScheme(BuiltInDefinitions.of(id));
    }

    static CapturedHandshake keys(OptionalLong ka, OptionalLong kb, int flags) {
        return new CapturedHandshake(ka, kb, OptionalInt.empty(), OptionalInt.empty(), flags);
    }

    static CapturedHandshake tokens(OptionalInt ta, OptionalInt tb) {
        return new CapturedHandshake(OptionalLong.empty(), OptionalLong.empty(), ta, tb, G | H);
    }

    static long hex64(String h) {
        return Long.parseUnsignedLong(h, 16);
    }

    @Test
    void boundKeyValuesVerifyFromTheCapturedTokensAndTheKey() throws Exception {
        DefinedScheme s = scheme(SchemeId.BOUND_KEY);
        CapturedHandshake seen = tokens(OptionalInt.of(TA), OptionalInt.of(TB));
        KeySetting key = new KeySetting.AppKey(K);
        ConnKeys a = s.capturedState(seen, Role.A, key, HOST, null).orElseThrow();
        ConnKeys b = s.capturedState(seen, Role.B, key, HOST, null).orElseThrow();
        assertEquals(0xdb3b4017, s.joinTokenField(a, 1, HOST), "ticket 1 under Kc");
        assertTrue(s.synAckHmacOk(a, RA, RB, hex64("8d54b46c224c9878"), InetAddress.getByName("10.0.0.1")));
        assertFalse(s.synAckHmacOk(a, RA, RB, hex64("8d54b46c224c9879"), InetAddress.getByName("10.0.0.1")));
        assertTrue(s.thirdAckHmacOk(b, RA, RB, Bytes.fromHex("26b84d2decd15b191e12397122d69366a521e870")));
        assertTrue(s.fastCloseOk(b, new MptcpOption.MpFastClose(0, hex64("46823ebeafe47ae0"))), "A's close, as B checks it");
        assertFalse(s.fastCloseOk(a, new MptcpOption.MpFastClose(0, hex64("46823ebeafe47ae0"))), "the role is in the MAC");

        // confirm-A is checked by the server's third-ACK step on its state after the SYN/ACK
        ConnKeys beforeAck = s.capturedState(seen, Role.B, key, HOST, Phase.HANDSHAKE_ACK).orElseThrow();
        assertTrue(s.serverEstablished(beforeAck, Optional.of(ack(hex64("94a278d4a335606b")))).mptcp());
        assertFalse(s.serverEstablished(beforeAck, Optional.of(ack(hex64("94a278d4a335606a")))).mptcp());
    }

    private static MptcpOption ack(long confirm) {
        return new MptcpOption.MpCapableTokens(1, G | H, OptionalInt.of(TA), OptionalInt.of(TB), OptionalLong.of(confirm));
    }

    @Test
    void nothingIsRebuiltWithoutAStoredFieldOrAKeyTheModeRequires() {
        DefinedScheme s = scheme(SchemeId.BOUND_KEY);
        KeySetting key = new KeySetting.AppKey(K);
        assertTrue(s.capturedState(tokens(OptionalInt.of(TA), OptionalInt.of(TB)), Role.A, KeySetting.none(), HOST, null)
                .isEmpty(), "bound mode without K");
        CapturedHandshake noTokenA = tokens(OptionalInt.empty(), OptionalInt.of(TB));
        assertTrue(s.capturedState(noTokenA, Role.B, key, HOST, null).isEmpty(), "Token-A, stored from the third ACK, missing");
        assertTrue(s.capturedState(noTokenA, Role.B, key, HOST, Phase.HANDSHAKE_ACK).isPresent(),
                "before the third ACK only Token-B is stored");

        DefinedScheme rfc = scheme(SchemeId.RFC8684);
        assertTrue(rfc.capturedState(keys(OptionalLong.of(KA), OptionalLong.empty(), H), Role.B, KeySetting.none(), HOST, null)
                .isEmpty(), "Key-B not captured");
        ConnKeys b = rfc.capturedState(keys(OptionalLong.of(KA), OptionalLong.of(KB), H), Role.B, KeySetting.none(), HOST, null)
                .orElseThrow();
        assertTrue(rfc.fastCloseOk(b, new MptcpOption.MpFastClose(0, KB)), "RFC 8684: A's MP_FASTCLOSE carries Key-B");
        assertFalse(rfc.fastCloseOk(b, new MptcpOption.MpFastClose(0, KA)));
    }

    @Test
    void aSignalledModeIsReadFromTheFlagsAndKeyedByThisSidesSetting() throws Exception {
        DefinedScheme s = scheme(SchemeId.DRAFT_PAASCH);
        CapturedHandshake seen = keys(OptionalLong.of(KA), OptionalLong.of(KB), H | DraftPaasch.FLAG_APP_KEY);
        ConnKeys b = s.capturedState(seen, Role.B, new KeySetting.AppKey(K), HOST, null).orElseThrow();
        assertEquals(hex64("046a0d82517667be"), s.synAckHmac(b, RA, RB, InetAddress.getByName("10.0.0.1")),
                "the signalled app key keys the join HMAC (vector of ExternalKeyVectorsTest)");
        assertTrue(s.capturedState(seen, Role.B, KeySetting.none(), HOST, null).isEmpty(),
                "signalled, but this side's key not given");
        ConnKeys plain = s.capturedState(keys(OptionalLong.of(KA), OptionalLong.of(KB), H), Role.B,
                new KeySetting.AppKey(K), HOST, null).orElseThrow();
        assertFalse(plain.extMode(), "not signalled: the keyless mode, whatever this side's key");
    }
}
