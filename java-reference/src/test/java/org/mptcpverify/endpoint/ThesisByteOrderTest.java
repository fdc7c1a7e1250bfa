package org.mptcpverify.endpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.scheme.ThesisXor;
import org.mptcpverify.scheme.ThesisXorGlobal;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.MptcpOption.MpJoinSyn;

/**
 * The named readings {@code thesis-xor/le} and {@code thesis-xor-global/le}: an x86 kernel XORs the
 * {@code int} key onto the token as it lies in memory (the digest's first four bytes, which is also
 * the wire order), so the join SYN's token field is the token's wire bytes XOR the key's
 * little-endian bytes. The expected field is computed here from the byte layouts, not by the scheme.
 */
class ThesisByteOrderTest {
    static final long SEED = Long.getLong("mptcp.seed", 20261201L);
    static final int KEY = 20190101; // 0x0134_14E5: four distinct bytes, so the two orders differ

    static int joinField(Hosts h) {
        return h.log.stream().map(s -> Hosts.option(s, MpJoinSyn.class)).flatMap(Optional::stream).findFirst()
                .orElseThrow().receiverToken();
    }

    /** token bytes (wire order) XOR the key's bytes in {@code order}, read back as the wire's big-endian int. */
    static int expected(int tokenB, ByteOrder order) {
        byte[] t = ByteBuffer.allocate(4).putInt(tokenB).array();
        byte[] k = ByteBuffer.allocate(4).order(order).putInt(KEY).array();
        for (int i = 0; i < 4; i++) {
            t[i] ^= k[i];
        }
        return ByteBuffer.wrap(t).getInt();
    }

    static Hosts joined(org.mptcpverify.scheme.AuthScheme scheme) {
        Hosts h = new Hosts(scheme, SEED);
        h.bind(KeySetting.SinZero.decimal(KEY));
        h.connect(KeySetting.SinZero.decimal(KEY));
        h.join();
        assertEquals(1, h.serverJoins().size(), scheme.id() + ": same key on both ends, the join succeeds");
        return h;
    }

    @Test
    void theLittleEndianReadingsXorTheKeysMemoryBytes() {
        for (boolean global : new boolean[] {false, true}) {
            Hosts be = joined(global ? new ThesisXorGlobal() : new ThesisXor());
            Hosts le = joined(global ? new ThesisXorGlobal(true) : new ThesisXor(true));
            int tbBe = be.clientConn().keys().remoteToken();
            int tbLe = le.clientConn().keys().remoteToken();
            assertEquals(expected(tbBe, ByteOrder.BIG_ENDIAN), joinField(be));
            assertEquals(expected(tbLe, ByteOrder.LITTLE_ENDIAN), joinField(le), "x86: the key's bytes reversed on the wire");
            assertNotEquals(tbLe ^ KEY, joinField(le));
        }
        assertEquals(SchemeId.THESIS_XOR_LE, new ThesisXor(true).id());
        assertEquals(SchemeId.THESIS_XOR_GLOBAL_LE, new ThesisXorGlobal(true).id());
    }

    /** What an eavesdropper recovers from one join (field XOR token) is the key in the reading's byte order. */
    @Test
    void theEffectiveKeyIsTheMaskOnTheWire() {
        KeySetting k = KeySetting.SinZero.decimal(KEY);
        assertArrayEquals(ByteBuffer.allocate(4).putInt(KEY).array(), new ThesisXor().effectiveKey(k).toArray());
        assertArrayEquals(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(KEY).array(),
                new ThesisXor(true).effectiveKey(k).toArray());
        Hosts le = joined(new ThesisXor(true));
        int mask = joinField(le) ^ le.clientConn().keys().remoteToken();
        assertArrayEquals(new ThesisXor(true).effectiveKey(k).toArray(), ByteBuffer.allocate(4).putInt(mask).array());
    }
}
