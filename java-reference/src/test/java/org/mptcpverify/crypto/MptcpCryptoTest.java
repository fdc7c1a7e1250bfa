package org.mptcpverify.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.mptcpverify.wire.Bytes;

/**
 * Known answers from /work/shared/refs/mptcp-wire-and-crypto.md (checked against Linux), the
 * kernel's KUnit vector and the thesis's Wireshark captures; none is computed by this code.
 */
class MptcpCryptoTest {
    private static final long KA = 0x0102030405060708L;
    private static final long KB = 0x1112131415161718L;
    private static final int RA = 0xA1A2A3A4;
    private static final int RB = 0xB1B2B3B4;
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void v1TokensAndIdsns() {
        assertEquals(0x66840ddaL, MptcpCrypto.token(HashAlg.SHA256, KA) & 0xffffffffL);
        assertEquals(0xf5a101d3d29d6f72L, MptcpCrypto.idsn(HashAlg.SHA256, KA));
        assertEquals(0xccad45acL, MptcpCrypto.token(HashAlg.SHA256, KB) & 0xffffffffL);
        assertEquals(0x535beea38e087c8eL, MptcpCrypto.idsn(HashAlg.SHA256, KB));
        assertSame(HashAlg.SHA256, HashAlg.forVersion(1));
    }

    @Test
    void v0TokenAndIdsn() {
        assertEquals(0xdd5783bcL, MptcpCrypto.token(HashAlg.SHA1, KA) & 0xffffffffL);
        assertEquals(0x3a95ed6e4ebb4ad5L, MptcpCrypto.idsn(HashAlg.SHA1, KA));
        assertSame(HashAlg.SHA1, HashAlg.forVersion(0));
        assertThrows(IllegalArgumentException.class, () -> HashAlg.forVersion(2));
    }

    @Test
    void thesisWiresharkValues() {
        // Figure 5.2 (SYN) and 5.3 (SYN/ACK) of the thesis, Wireshark on a v0 kernel.
        long key = Long.parseUnsignedLong("2639258237341735811");
        assertEquals(207731094L, MptcpCrypto.token(HashAlg.SHA1, key) & 0xffffffffL);
        assertEquals(Long.parseUnsignedLong("15124743060294464361"), MptcpCrypto.idsn(HashAlg.SHA1, key));
        long key2 = Long.parseUnsignedLong("753870420601154479");
        assertEquals(435859905L, MptcpCrypto.token(HashAlg.SHA1, key2) & 0xffffffffL);
        assertEquals(Long.parseUnsignedLong("1046034476655734569"), MptcpCrypto.idsn(HashAlg.SHA1, key2));
    }

    @Test
    void joinHmacs() {
        assertEquals(0x864b40428762fd06L, MptcpCrypto.joinSynAckHmac(HashAlg.SHA256, KB, KA, RB, RA));
        assertEquals(Bytes.fromHex("53037f2899475529844115fd07e665d23d3554fb"),
                MptcpCrypto.joinAckHmac(HashAlg.SHA256, KA, KB, RA, RB));
        // Order matters: swapping the roles must give a different value.
        assertNotEquals(0x864b40428762fd06L, MptcpCrypto.joinSynAckHmac(HashAlg.SHA256, KA, KB, RA, RB));
    }

    @Test
    void v0JoinAckIsTheFullSha1Hmac() {
        byte[] full = MptcpCrypto.hmac(HashAlg.SHA1, MptcpCrypto.concat(MptcpCrypto.be64(KA), MptcpCrypto.be64(KB)),
                MptcpCrypto.concat(MptcpCrypto.be32(RA), MptcpCrypto.be32(RB)));
        assertEquals(20, full.length);
        assertEquals(Bytes.of(full), MptcpCrypto.joinAckHmac(HashAlg.SHA1, KA, KB, RA, RB));
    }

    @Test
    void addAddrHmac() throws Exception {
        InetAddress a = InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, 2});
        assertEquals(0xc0e38f4d4b944417L, MptcpCrypto.addAddrHmac(HashAlg.SHA256, KA, KB, 1, a, OptionalInt.empty()));
        // An explicit port changes the message (absent port is hashed as zero).
        assertEquals(0xc0e38f4d4b944417L, MptcpCrypto.addAddrHmac(HashAlg.SHA256, KA, KB, 1, a, OptionalInt.of(0)));
        assertNotEquals(0xc0e38f4d4b944417L, MptcpCrypto.addAddrHmac(HashAlg.SHA256, KA, KB, 1, a, OptionalInt.of(80)));
        assertArrayEquals(HEX.parseHex("01c63364020000"), MptcpCrypto.addAddrMessage(1, a, OptionalInt.empty()));
    }

    @Test
    void kernelKunitVector() {
        // net/mptcp/crypto_test.c feeds the ASCII strings as raw bytes.
        byte[] key = "0b0b0b0b0b0b0b0b".getBytes(StandardCharsets.US_ASCII);
        byte[] msg = "48692054".getBytes(StandardCharsets.US_ASCII);
        byte[] h = MptcpCrypto.hmac(HashAlg.SHA256, key, msg);
        assertEquals("8385e24f", HEX.formatHex(h, 0, 4));
        // The same through the join third-ACK helper: keys and nonces read big-endian from ASCII.
        long k1 = MptcpCrypto.truncLeft64(MptcpCrypto.concat(java.util.Arrays.copyOfRange(key, 0, 8)));
        long k2 = MptcpCrypto.truncLeft64(java.util.Arrays.copyOfRange(key, 8, 16));
        int n1 = (int) (MptcpCrypto.truncLeft64(MptcpCrypto.concat(java.util.Arrays.copyOfRange(msg, 0, 4), new byte[4])) >>> 32);
        int n2 = (int) (MptcpCrypto.truncLeft64(MptcpCrypto.concat(java.util.Arrays.copyOfRange(msg, 4, 8), new byte[4])) >>> 32);
        assertEquals("8385e24f", MptcpCrypto.joinAckHmac(HashAlg.SHA256, k1, k2, n1, n2).hex().substring(0, 8));
    }

    @Test
    void rfc4231HmacSha256Case2() {
        // RFC 4231 test case 2: an independent check of the generic HMAC helper.
        byte[] h = MptcpCrypto.hmac(HashAlg.SHA256, "Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", HEX.formatHex(h));
    }

    @Test
    void truncationsAndEquality() {
        byte[] h = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        assertEquals(0x0001020304050607L, MptcpCrypto.truncLeft64(h));
        assertEquals(0x18191a1b1c1d1e1fL, MptcpCrypto.truncRight64(h));
        assertArrayEquals(HEX.parseHex("000102030405060708090a0b0c0d0e0f10111213"), MptcpCrypto.truncLeft160(h));
        assertEquals(0x00010203, MptcpCrypto.truncLeft32(h));
        assertTrue(MptcpCrypto.constantTimeEquals(new byte[] {1, 2}, new byte[] {1, 2}));
        assertFalse(MptcpCrypto.constantTimeEquals(new byte[] {1, 2}, new byte[] {1, 3}));
        assertFalse(MptcpCrypto.constantTimeEquals(new byte[] {1, 2}, new byte[] {1, 2, 0}));
        assertTrue(MptcpCrypto.constantTimeEquals(-5L, -5L));
        assertFalse(MptcpCrypto.constantTimeEquals(-5L, 5L));
        assertArrayEquals(HEX.parseHex("0102030405060708"), MptcpCrypto.be64(KA));
        assertArrayEquals(HEX.parseHex("a1a2a3a4"), MptcpCrypto.be32(RA));
    }

    /** Edges the known answers miss, found by mutation testing (docs/reliability.md). */
    @Test
    void edgesFoundByMutationTesting() throws Exception {
        assertArrayEquals(HEX.parseHex("1234"), MptcpCrypto.be16(0x1234), "the high byte is shifted down, not lost");
        assertThrows(IllegalArgumentException.class, () -> MptcpCrypto.truncLeft64(new byte[7]));
        assertThrows(IllegalArgumentException.class, () -> MptcpCrypto.truncRight64(new byte[7]));
        assertTrue(MptcpCrypto.constantTimeEquals(Bytes.fromHex("0102"), Bytes.fromHex("0102")));
        assertFalse(MptcpCrypto.constantTimeEquals(Bytes.fromHex("0102"), Bytes.fromHex("0103")));
        // the version picks the hash (RFC 6824: SHA-1, RFC 8684: SHA-256); the JDK's own Mac as the oracle
        byte[] key = {1, 2, 3};
        byte[] msg = {4, 5};
        for (String[] v : new String[][] {{"0", "HmacSHA1"}, {"1", "HmacSHA256"}}) {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance(v[1]);
            mac.init(new javax.crypto.spec.SecretKeySpec(key, v[1]));
            assertArrayEquals(mac.doFinal(msg), MptcpCrypto.hmac(Integer.parseInt(v[0]), key, msg), v[1]);
            assertEquals(mac.getMacLength(), HashAlg.forVersion(Integer.parseInt(v[0])).outputLength(), v[1]);
        }
    }

    @Test
    void emptyKeyHmacEqualsZeroKey() {
        // HMAC pads keys with zeros, so an empty key and a one-zero-byte key agree.
        assertArrayEquals(MptcpCrypto.hmac(HashAlg.SHA256, new byte[1], new byte[] {7}),
                MptcpCrypto.hmac(HashAlg.SHA256, new byte[0], new byte[] {7}));
    }
}
