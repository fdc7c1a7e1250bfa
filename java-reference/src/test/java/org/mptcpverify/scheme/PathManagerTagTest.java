package org.mptcpverify.scheme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.MptcpOption.MpPrio;
import org.mptcpverify.wire.MptcpOption.RemoveAddr;
import org.mptcpverify.wire.OptionCodec;

/**
 * The tagged REMOVE_ADDR and MP_PRIO of mptls and mptcpsec (docs/schemes.md, "Authenticated
 * REMOVE_ADDR and MP_PRIO"): the tag is recomputed here with the JDK's HMAC over the documented
 * octets (subtype, then the ids or the B flag) under the sender's write key; the receiver accepts
 * its peer's option, survives the codec, and refuses the option without a tag, with a changed
 * field or tag, under the other direction's key, before the key exchange, and the one option's tag
 * on the other (the subtype octet separates them).
 */
class PathManagerTagTest {
    private static long jdkTag(byte[] key, byte... msg) throws Exception {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] mac = m.doFinal(msg);
        return ByteBuffer.wrap(mac, mac.length - 8, 8).getLong(); // rightmost 64 bits
    }

    private static <T extends MptcpOption> T viaWire(T o) {
        @SuppressWarnings("unchecked")
        T back = (T) ((org.mptcpverify.wire.DecodeResult.Decoded) OptionCodec.decode(OptionCodec.encode(o))).option();
        return back;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mptls", "mptcpsec"})
    void theTagIsTheDocumentedHmacAndOnlyThePeersOptionPasses(String name) throws Exception {
        KeyShareMptcp s = (KeyShareMptcp) Schemes.of(SchemeId.byName(name).orElseThrow());
        for (long seed = 1; seed <= 3; seed++) {
            MptcpSecTest.Pair p = MptcpSecTest.connect(s, seed);
            byte[] ka = s.writeKey(p.a(), Role.A);
            RemoveAddr ra = viaWire((RemoveAddr) s.removeAddr(p.a(), List.of(1)));
            MpPrio pr = viaWire((MpPrio) s.mpPrio(p.a(), true));
            assertEquals(jdkTag(ka, (byte) 4, (byte) 1), ra.tag().getAsLong(), "REMOVE_ADDR tag: subtype 4, id");
            assertEquals(jdkTag(ka, (byte) 5, (byte) 1), pr.tag().getAsLong(), "MP_PRIO tag: subtype 5, B flag");
            assertTrue(s.removeAddrOk(p.b(), ra), "the server accepts the client's REMOVE_ADDR");
            assertTrue(s.mpPrioOk(p.b(), pr), "the server accepts the client's MP_PRIO");
            assertTrue(s.removeAddrOk(p.a(), (RemoveAddr) s.removeAddr(p.b(), List.of(2))), "and the other direction");
            assertFalse(s.removeAddrOk(p.a(), ra), "the client's own option is not the server's (direction keys)");
            assertFalse(s.removeAddrOk(p.b(), new RemoveAddr(List.of(1))), "no tag");
            assertFalse(s.mpPrioOk(p.b(), new MpPrio(true, OptionalInt.empty())), "no tag");
            assertFalse(s.removeAddrOk(p.b(), new RemoveAddr(List.of(0), ra.tag())), "another id under the tag");
            assertFalse(s.mpPrioOk(p.b(), new MpPrio(false, OptionalInt.empty(), pr.tag())), "the other flag under the tag");
            assertFalse(s.mpPrioOk(p.b(), new MpPrio(true, OptionalInt.empty(), ra.tag())),
                    "REMOVE_ADDR(1)'s tag on MP_PRIO(backup): the subtype keeps them apart");
            assertFalse(s.removeAddrOk(p.b(), new RemoveAddr(List.of(1), OptionalLong.of(ra.tag().getAsLong() ^ 1))), "a changed tag");
            // before the key exchange neither end holds a key: nothing passes
            SplittableRandom rnd = new SplittableRandom(seed);
            AuthScheme.Hello syn = s.clientSyn(null, rnd);
            AuthScheme.Hello synAck = s.serverSynAck(syn.option(), null, rnd, t -> false);
            ConnKeys early = s.serverEstablished(synAck.keys(), s.clientThirdAck(syn.keys(), synAck.option(), rnd).option());
            assertFalse(s.hasAuthenticationKeys(early));
            assertFalse(s.removeAddrOk(early, ra), "before the key exchange");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc8684", "ecdh"})
    void unauthenticatedRowsSendRfc8684sOptionsAndCheckNothing(String name) {
        AuthScheme s = Schemes.of(SchemeId.byName(name).orElseThrow());
        ConnKeys k = ConnKeys.start(Role.A, null);
        assertEquals(new RemoveAddr(List.of(3)), s.removeAddr(k, List.of(3)));
        assertEquals(new MpPrio(true, OptionalInt.empty()), s.mpPrio(k, true));
        assertTrue(s.removeAddrOk(k, new RemoveAddr(List.of(3))));
        assertArrayEquals(OptionCodec.encode(new MpPrio(true, OptionalInt.empty())), OptionCodec.encode(s.mpPrio(k, true)));
    }
}
