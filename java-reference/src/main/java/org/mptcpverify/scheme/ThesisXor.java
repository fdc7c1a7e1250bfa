package org.mptcpverify.scheme;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.Bytes;

/**
 * The thesis scheme with the key per socket: v0 wire and HMACs, the join SYN token field is
 * {@code Token-B XOR (int)key} (plain Token-B when the key is 0), the key parsed from sin_zero
 * with kstrtoul. The server finds the connection C with {@code field == token(C) XOR (int)key(C)}.
 */
public class ThesisXor extends KeyedMptcp {
    /** Keys the runner draws: decimal numbers that fit in the 8 bytes of sin_zero. */
    private static final long MAX_SIN_ZERO_KEY = 99_999_999L;

    /**
     * Whether the key is XORed in an x86 kernel's byte order (named reading {@code /le}): the kernel
     * keeps the token as the digest's first four bytes in memory and XORs the {@code int} key onto
     * that {@code int}, so on a little-endian host the field is the token's wire bytes XOR the key's
     * little-endian bytes.
     */
    private final boolean littleEndian;

    public ThesisXor() {
        this(false);
    }

    /** @param littleEndian the x86 reading {@code thesis-xor/le} */
    public ThesisXor(boolean littleEndian) {
        super(0);
        this.littleEndian = littleEndian;
    }

    @Override
    public SchemeId id() {
        return littleEndian ? SchemeId.THESIS_XOR_LE : SchemeId.THESIS_XOR;
    }

    /** Whether this is a little-endian ({@code /le}) reading. */
    protected boolean littleEndian() {
        return littleEndian;
    }

    /**
     * The 32 bits XORed onto the token field as the wire carries them (big-endian int): the key's
     * low 32 bits, byte-reversed in the little-endian reading.
     */
    protected int wireMask(long key) {
        return littleEndian ? Integer.reverseBytes((int) key) : (int) key;
    }

    /** The field a side with this key value sends or expects for {@code token}: plain when the key is 0. */
    protected int keyedField(int token, long key) {
        return key == 0 ? token : token ^ wireMask(key);
    }

    @Override
    public KeySetting keySetting(Bytes material) {
        long v = Integer.toUnsignedLong(ByteBuffer.wrap(material.toArray()).getInt(0)) % MAX_SIN_ZERO_KEY + 1;
        return KeySetting.SinZero.decimal(v);
    }

    /** The value kstrtoul stores for this setting, if the parse succeeds. */
    protected static OptionalLong parsed(KeySetting setting) {
        return setting instanceof KeySetting.SinZero z ? Kstrtoul.parse(z.sinZero()) : OptionalLong.empty();
    }

    @Override
    public Bytes socketKey(KeySetting setting) {
        // The socket attribute starts at 0 and kstrtoul writes it only on success; 0 means "no key".
        OptionalLong v = parsed(setting);
        return v.isPresent() && v.getAsLong() != 0 ? Bytes.of(SchemeCrypto.be64(v.getAsLong())) : null;
    }

    /** Only the low 32 bits authenticate: xor_token_key_tnb takes an int. */
    @Override
    public Bytes effectiveKey(KeySetting setting) {
        OptionalLong v = parsed(setting);
        return v.isPresent() && v.getAsLong() != 0 ? Bytes.of(SchemeCrypto.be32(wireMask(v.getAsLong()))) : null;
    }

    protected static long keyValue(Bytes extKey) {
        return extKey == null ? 0 : ByteBuffer.wrap(extKey.toArray()).getLong();
    }

    @Override
    public int joinTokenField(ConnKeys clientKeys, int joinIndex, HostKeys host) {
        return keyedField(clientKeys.remoteToken(), keyValue(clientKeys.extKey()));
    }

    @Override
    public Optional<JoinMatch> lookupJoin(int field, List<ConnRef> conns, HostKeys host) {
        return conns.stream()
                .filter(c -> field == keyedField(c.keys().localToken(), keyValue(c.keys().extKey())))
                .findFirst().map(c -> new JoinMatch(c.id(), c.keys()));
    }

    /** Nothing is signalled: a configured (non-zero) key is XORed into every join token. */
    @Override
    public boolean externalKeyInUse(ConnKeys keys, HostKeys host) {
        return keyValue(keys.extKey()) != 0;
    }
}
