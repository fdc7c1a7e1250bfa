package org.mptcpverify.scheme;

import static org.mptcpverify.scheme.SchemeCrypto.cat;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.Bytes;

/**
 * MPTCPsec (Jadin, Tihon, Pereira, Bonaventure, INFOCOM 2017), our tcpcrypt reading
 * (docs/schemes.md, mptcpsec): MP_CAPABLE carries no key, flag E for the MPTCPesn negotiation and
 * each side's random token; tcpcrypt's Init1/Init2 are one X25519 public value per side; the keys
 * follow tcpcrypt's schedule (HKDF-SHA256, RFC 8548 / RFC 5869) with Token-A for the nonce N_A and
 * the two tokens for the ENO transcript. The option tag is an HMAC under the sender's key over the
 * option, subtype octet first, in the option's authenticator field; joins use RFC 8684's HMACs
 * under the direction keys.
 */
public final class MptcpSec extends KeyShareMptcp {
    /** tcpcrypt's constants (RFC 8548): one octet each. */
    private static final byte CONST_REKEY = 0x03;
    private static final byte CONST_KEY_A = 0x04;
    private static final byte CONST_KEY_B = 0x05;
    /** The option subtypes (RFC 8684 section 7) whose tag this reading computes. */
    private static final byte ADD_ADDR = 0x03;
    private static final byte MP_FASTCLOSE = 0x07;

    @Override
    public SchemeId id() {
        return SchemeId.MPTCPSEC;
    }

    /** HKDF-Extract (RFC 5869): HMAC(salt, ikm). */
    private byte[] extract(byte[] salt, byte[] ikm) {
        return SchemeCrypto.hmac(hash(), salt, ikm);
    }

    /** HKDF-Expand (RFC 5869) to one hash block, 32 bytes: HMAC(prk, info || 0x01), tcpcrypt's CPRF at K_LEN. */
    private byte[] expand(byte[] prk, byte[] info) {
        return SchemeCrypto.hmac(hash(), prk, cat(info, new byte[] {1}));
    }

    /**
     * PRK = Extract(N_A, transcript | Init1 | Init2 | ES) with N_A := Token-A and the transcript :=
     * Token-A || Token-B; the connection key is mk[0] = CPRF(PRK, CONST_REKEY | sn[0], 32), sn[0]
     * four zero octets.
     */
    @Override
    protected Optional<Bytes> connKeyFrom(int tokenA, int tokenB, Bytes pubA, Bytes pubB, Bytes secret) {
        byte[] na = SchemeCrypto.be32(tokenA);
        byte[] prk = extract(na, cat(na, SchemeCrypto.be32(tokenB), pubA.toArray(), pubB.toArray(), secret.toArray()));
        return Optional.of(Bytes.of(expand(prk, new byte[] {CONST_REKEY, 0, 0, 0, 0})));
    }

    /** k_ab = CPRF(mk[0], CONST_KEY_A, 32) for A, k_ba = CPRF(mk[0], CONST_KEY_B, 32) for B. */
    @Override
    protected byte[] writeKey(ConnKeys k, Role sender) {
        return expand(k.connKey().toArray(), new byte[] {sender == Role.A ? CONST_KEY_A : CONST_KEY_B});
    }

    /** The tag's message: the ADD_ADDR subtype, then id || addr || port. */
    @Override
    protected byte[] addAddrMessage(int id, InetAddress addr, OptionalInt port) {
        return cat(new byte[] {ADD_ADDR}, addrMessage(id, addr, port));
    }

    /** The MP_FASTCLOSE tag: the subtype under the sender's key, leftmost 64 bits. */
    @Override
    protected long fastCloseValue(ConnKeys k, Role sender) {
        return SchemeCrypto.truncL64(SchemeCrypto.hmac(hash(), writeKey(k, sender), new byte[] {MP_FASTCLOSE}));
    }
}
