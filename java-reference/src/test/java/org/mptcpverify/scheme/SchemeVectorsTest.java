package org.mptcpverify.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mptcpverify.crypto.HashAlg;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;

/** The schemes' computations against the vectors of /work/shared/refs/mptcp-wire-and-crypto.md. */
class SchemeVectorsTest {
    static final long KA = 0x0102030405060708L;
    static final long KB = 0x1112131415161718L;
    static final int RA = 0xA1A2A3A4;
    static final int RB = 0xB1B2B3B4;

    static ConnKeys side(KeyedMptcp s, Role r) {
        ConnKeys k = ConnKeys.start(r, null).withMptcp(true);
        return r == Role.A ? k.withLocalKey(KA).withRemoteKey(KB).withTokens(s.token(KA), s.token(KB))
                : k.withLocalKey(KB).withRemoteKey(KA).withTokens(s.token(KB), s.token(KA));
    }

    @Test
    void rfc8684TokensAndJoinHmacs() throws Exception {
        Rfc8684 s = new Rfc8684();
        assertEquals(0x66840dda, s.token(KA));
        assertEquals(0xccad45ac, s.token(KB));
        ConnKeys a = side(s, Role.A);
        ConnKeys b = side(s, Role.B);
        InetAddress any = InetAddress.getByName("10.0.0.1");
        assertEquals(0x864b40428762fd06L, s.synAckHmac(b, RA, RB, any));
        assertTrue(s.synAckHmacOk(a, RA, RB, 0x864b40428762fd06L, any));
        assertFalse(s.synAckHmacOk(a, RA, RB, 0x864b40428762fd07L, any));
        assertEquals(Bytes.fromHex("53037f2899475529844115fd07e665d23d3554fb"), s.thirdAckHmac(a, RA, RB));
        assertTrue(s.thirdAckHmacOk(b, RA, RB, s.thirdAckHmac(a, RA, RB)));
        assertEquals(Optional.of(0xdd5783bc), Optional.of(new Rfc6824().token(KA)));
    }

    @Test
    void rfc8684AddAddrHmacFromA() throws Exception {
        Rfc8684 s = new Rfc8684();
        InetAddress addr = InetAddress.getByName("198.51.100.2");
        MptcpOption.AddAddr o = (MptcpOption.AddAddr) s.addAddr(side(s, Role.A), 1, addr);
        assertEquals(OptionalLong.of(0xc0e38f4d4b944417L), o.truncatedHmac());
        assertTrue(s.addAddrOk(side(s, Role.B), o));
        MptcpOption.AddAddr other = new MptcpOption.AddAddr(1, 0, 1, InetAddress.getByName("198.51.100.3"),
                OptionalInt.empty(), o.truncatedHmac());
        assertFalse(s.addAddrOk(side(s, Role.B), other), "the HMAC covers the address");
    }

    @Test
    void fastCloseCarriesTheReceiversKey() {
        Rfc8684 s = new Rfc8684();
        MptcpOption.MpFastClose f = (MptcpOption.MpFastClose) s.fastClose(side(s, Role.A));
        assertEquals(KB, f.value());
        assertTrue(s.fastCloseOk(side(s, Role.B), f));
        assertFalse(s.fastCloseOk(side(s, Role.B), new MptcpOption.MpFastClose(0, KA)));
    }

    @Test
    void thesisTokenFieldIsTokenXorLow32BitsOfTheKey() {
        ThesisXor s = new ThesisXor();
        long key = 0x1_2345_6789L; // above 32 bits: only the low 32 bits matter (xor takes an int)
        ConnKeys a = ConnKeys.start(Role.A, Bytes.of(SchemeCrypto.be64(key))).withTokens(1, 0xCAFEBABE);
        assertEquals(0xCAFEBABE ^ 0x23456789, s.joinTokenField(a, 1, HostKeys.initial()));
        ConnKeys plain = ConnKeys.start(Role.A, null).withTokens(1, 0xCAFEBABE);
        assertEquals(0xCAFEBABE, s.joinTokenField(plain, 1, HostKeys.initial()), "key 0: plain v0");
    }

    @Test
    void draftBaertsLowOrderFastCloseEqualsNewKeyAndMainReadingDoesNot() {
        Bytes k = Bytes.fromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        for (DraftBaerts s : new DraftBaerts[] {new DraftBaerts(), new DraftBaertsLowOrder()}) {
            ConnKeys a = ConnKeys.start(Role.A, k).withTokens(0x11111111, 0x22222222).withExtMode(true).withMptcp(true)
                    .withKeyActive(true);
            long newKey = ((MptcpOption.NewKey) s.keyAgreement(a).orElseThrow()).hmac();
            long close = ((MptcpOption.MpFastClose) s.fastClose(a)).value();
            long expectedNewKey = SchemeCrypto.truncR64(SchemeCrypto.hmac(HashAlg.SHA256,
                    SchemeCrypto.cat(SchemeCrypto.be32(0x11111111), SchemeCrypto.be32(0x22222222)), k.toArray()));
            assertEquals(expectedNewKey, newKey, "NEW_KEY from A = trunc_R64(HMAC(Token-A||Token-B, K))");
            if (s instanceof DraftBaertsLowOrder) {
                assertEquals(newKey, close);
            } else {
                assertNotEquals(newKey, close);
            }
        }
    }

    @Test
    void boundKeyTicketsAreSingleUseAndLabelsDiffer() {
        BoundKey s = new BoundKey();
        Bytes k = Bytes.fromHex("0f0e0d0c0b0a09080706050403020100000102030405060708090a0b0c0d0e0f");
        Bytes kc = s.connKey(k, 0x0A0A0A0A, 0x0B0B0B0B);
        ConnKeys server = ConnKeys.start(Role.B, k).withTokens(0x0B0B0B0B, 0x0A0A0A0A).withConnKey(kc)
                .withExtMode(true).withMptcp(true);
        ConnKeys client = ConnKeys.start(Role.A, k).withTokens(0x0A0A0A0A, 0x0B0B0B0B).withConnKey(kc)
                .withExtMode(true).withMptcp(true);
        int t1 = s.joinTokenField(client, 1, HostKeys.initial());
        int t2 = s.joinTokenField(client, 2, HostKeys.initial());
        assertNotEquals(t1, t2);
        var m = s.lookupJoin(t1, java.util.List.of(new AuthScheme.ConnRef(1, server)), HostKeys.initial()).orElseThrow();
        assertTrue(m.keys().usedTickets().contains(1));
        assertTrue(s.lookupJoin(t1, java.util.List.of(new AuthScheme.ConnRef(1, m.keys())), HostKeys.initial()).isEmpty(),
                "a used ticket is rejected");
        assertTrue(s.lookupJoin(s.joinTokenField(client, 5, HostKeys.initial()),
                java.util.List.of(new AuthScheme.ConnRef(1, m.keys())), HostKeys.initial()).isPresent(), "window of 4 unused");
        assertTrue(s.lookupJoin(s.joinTokenField(client, 6, HostKeys.initial()),
                java.util.List.of(new AuthScheme.ConnRef(1, m.keys())), HostKeys.initial()).isEmpty(), "beyond the window");
        long close = ((MptcpOption.MpFastClose) s.fastClose(client)).value();
        long synAck = s.synAckHmac(server, 1, 2, null);
        assertNotEquals(close, synAck);
        assertFalse(s.fastCloseOk(client, new MptcpOption.MpFastClose(0, close)), "A's close is not valid as B's");
        assertTrue(s.fastCloseOk(server, new MptcpOption.MpFastClose(0, close)));
    }
}
