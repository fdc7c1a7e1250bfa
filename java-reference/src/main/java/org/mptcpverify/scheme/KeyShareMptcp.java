package org.mptcpverify.scheme;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.mptcpverify.crypto.X25519;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.MptcpOption.KeyShare;
import org.mptcpverify.wire.MptcpOption.MpCapableTokens;

/**
 * The rows whose MP_CAPABLE carries each side's random token and no key, and whose key comes from
 * an X25519 exchange sent after the handshake in the key-share option ({@link KeyShare}): mptls (its
 * TLS handshake) and mptcpsec (its tcpcrypt Init1/Init2). They differ in the key schedule from the
 * X25519 secret ({@link #connKeyFrom}), in the sending keys ({@link #writeKey}) and in what the
 * option authenticators cover; the handshake, the key exchange and the "nothing before the key"
 * rule are theirs in common (docs/schemes.md, mptls and mptcpsec).
 */
abstract sealed class KeyShareMptcp extends KeyedMptcp permits Mptls, MptcpSec {
    private static final int FLAGS = MptcpOption.FLAG_E_EXTERNAL_KEY | MptcpOption.FLAG_H_HMAC;
    private static final String PRIVATE = "priv";

    KeyShareMptcp() {
        super(1);
    }

    /**
     * The connection key both sides hold once the shares crossed, from the tokens, the two public
     * values and the X25519 secret; empty if it cannot be formed.
     */
    protected abstract Optional<Bytes> connKeyFrom(int tokenA, int tokenB, Bytes pubA, Bytes pubB, Bytes secret);

    /** The key {@code sender} authenticates with, from the connection key. */
    protected abstract byte[] writeKey(ConnKeys k, Role sender);

    /** A random non-zero token; the server also avoids its other connections' tokens and the client's. */
    private static int freshToken(SplittableRandom rnd, IntPredicate taken) {
        while (true) {
            int t = rnd.nextInt();
            if (t != 0 && !taken.test(t)) {
                return t;
            }
        }
    }

    // ---- MP_CAPABLE with tokens ------------------------------------------------------------------------

    @Override
    public Hello clientSyn(Bytes socketKey, SplittableRandom rnd) {
        int ta = freshToken(rnd, t -> false);
        Bytes priv = DiffieHellman.drawPrivate(rnd);
        ConnKeys k = ConnKeys.start(Role.A, null).withTokens(ta, 0).withSlots(Map.of(PRIVATE, priv));
        return new Hello(Optional.of(MpCapableTokens.external(FLAGS, ta, OptionalInt.empty())), k);
    }

    private static Optional<MpCapableTokens> tokens(Optional<MptcpOption> o, boolean both) {
        return Capable.tokens(o).filter(t -> (t.flags() & MptcpOption.FLAG_E_EXTERNAL_KEY) != 0
                && t.senderToken().isPresent() && t.receiverToken().isPresent() == both);
    }

    @Override
    public Hello serverSynAck(Optional<MptcpOption> syn, Bytes socketKey, SplittableRandom rnd, IntPredicate tokenInUse) {
        ConnKeys keys = ConnKeys.start(Role.B, null);
        Optional<MpCapableTokens> t = tokens(syn, false);
        if (t.isEmpty()) {
            return new Hello(Optional.empty(), keys.withMptcp(false));
        }
        int ta = t.get().senderToken().getAsInt();
        int tb = freshToken(rnd, x -> x == ta || tokenInUse.test(x));
        Bytes priv = DiffieHellman.drawPrivate(rnd);
        keys = keys.withTokens(tb, ta).withSlots(Map.of(PRIVATE, priv)).withMptcp(true);
        return new Hello(Optional.of(MpCapableTokens.external(FLAGS, tb, OptionalInt.empty())), keys);
    }

    /** The third ACK: both tokens, as draft-baerts's E layout has it. */
    @Override
    public Hello clientThirdAck(ConnKeys keys, Optional<MptcpOption> synAck, SplittableRandom rnd) {
        Optional<MpCapableTokens> t = tokens(synAck, false);
        if (t.isEmpty()) {
            return new Hello(Optional.empty(), keys.withMptcp(false));
        }
        int tb = t.get().senderToken().getAsInt();
        ConnKeys k = keys.withTokens(keys.localToken(), tb).withMptcp(true);
        return new Hello(Optional.of(MpCapableTokens.external(FLAGS, keys.localToken(), OptionalInt.of(tb))), k);
    }

    @Override
    public ConnKeys serverEstablished(ConnKeys keys, Optional<MptcpOption> ack) {
        boolean ok = keys.mptcp() && tokens(ack, true).filter(o -> o.senderToken().getAsInt() == keys.remoteToken()
                && o.receiverToken().getAsInt() == keys.localToken()).isPresent();
        return ok ? keys : keys.withMptcp(false);
    }

    @Override
    public OptionalLong peerIdsn(ConnKeys keys) {
        return OptionalLong.empty(); // the data sequence space is not modelled for these rows
    }

    // ---- the key exchange: one public value per side ---------------------------------------------------

    @Override
    public Optional<MptcpOption> keyAgreement(ConnKeys keys) {
        if (!keys.mptcp()) {
            return Optional.empty();
        }
        return Optional.of(new KeyShare(0, DiffieHellman.pub(keys.slots().get(PRIVATE))));
    }

    @Override
    public ConnKeys onKeyAgreement(ConnKeys keys, MptcpOption option) {
        if (!keys.mptcp() || keys.keyActive() || !(option instanceof KeyShare ks)) {
            return keys;
        }
        Bytes priv = keys.slots().get(PRIVATE);
        Bytes own = DiffieHellman.pub(priv);
        Bytes pubA = keys.role() == Role.A ? own : ks.share();
        Bytes pubB = keys.role() == Role.A ? ks.share() : own;
        Optional<Bytes> key = X25519.agree(priv.toArray(), ks.share().toArray()).map(Bytes::of)
                .flatMap(z -> connKeyFrom(keys.tokenA(), keys.tokenB(), pubA, pubB, z));
        return key.map(m -> keys.withConnKey(m).withKeyActive(true)).orElse(keys);
    }

    /** The sending keys exist only once the peer's share arrived. */
    @Override
    public boolean hasAuthenticationKeys(ConnKeys keys) {
        return keys.connKey() != null;
    }

    /** Nothing is authenticated (no join opened or accepted) before the key exchange is complete. */
    @Override
    public boolean joinsAllowed(ConnKeys keys) {
        return keys.mptcp() && keys.keyActive();
    }

    @Override
    public Set<Bytes> privateValues(ConnKeys keys) {
        return DiffieHellman.privateValues(keys, PRIVATE);
    }

    // ---- authenticators with the sending keys ------------------------------------------------------------

    @Override
    protected byte[] joinMacKeyB(ConnKeys k) {
        return writeKey(k, Role.B);
    }

    @Override
    protected byte[] joinMacKeyA(ConnKeys k) {
        return writeKey(k, Role.A);
    }

    @Override
    public boolean addAddrOk(ConnKeys receiver, MptcpOption.AddAddr option) {
        return joinsAllowed(receiver) && super.addAddrOk(receiver, option);
    }

    @Override
    public boolean fastCloseOk(ConnKeys receiver, MptcpOption.MpFastClose option) {
        return joinsAllowed(receiver) && super.fastCloseOk(receiver, option);
    }

    /** The ADD_ADDR authenticator's message for {@code id || addr || port}. */
    protected abstract byte[] addAddrMessage(int id, InetAddress addr, OptionalInt port);

    @Override
    protected OptionalLong addAddrAuth(ConnKeys k, Role sender, int id, InetAddress addr, OptionalInt port) {
        return OptionalLong.of(SchemeCrypto.truncR64(SchemeCrypto.hmac(hash(), writeKey(k, sender),
                addAddrMessage(id, addr, port))));
    }

    /**
     * The tag of REMOVE_ADDR and MP_PRIO, one reading for both rows (docs/schemes.md,
     * "Authenticated REMOVE_ADDR and MP_PRIO"): the rightmost 64 bits of HMAC(sender's key,
     * subtype octet || the option's fields), as ADD_ADDR's HMAC is truncated. The subtype octet
     * keeps the two options' inputs apart: without it REMOVE_ADDR(id 1) and MP_PRIO(backup) would
     * both cover the one octet 0x01, and a copy of the one's tag would authenticate the other.
     */
    private long pmTag(ConnKeys k, Role sender, int subtype, byte[] fields) {
        return SchemeCrypto.truncR64(SchemeCrypto.hmac(hash(), writeKey(k, sender), SchemeCrypto.cat(new byte[] {(byte) subtype}, fields)));
    }

    private static byte[] ids(java.util.List<Integer> ids) {
        byte[] out = new byte[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (int) ids.get(i);
        }
        return out;
    }

    private static byte[] flag(boolean backup) {
        return new byte[] {(byte) (backup ? 1 : 0)};
    }

    @Override
    public MptcpOption removeAddr(ConnKeys sender, java.util.List<Integer> ids) {
        return new MptcpOption.RemoveAddr(ids, OptionalLong.of(pmTag(sender, sender.role(), MptcpOption.SUBTYPE_REMOVE_ADDR, ids(ids))));
    }

    /** No tag, or no keys yet (the shares have not crossed): nothing authenticates it, ignored. */
    @Override
    public boolean removeAddrOk(ConnKeys receiver, MptcpOption.RemoveAddr option) {
        return joinsAllowed(receiver) && option.tag().isPresent() && SchemeCrypto.equal(option.tag().getAsLong(),
                pmTag(receiver, receiver.role().peer(), MptcpOption.SUBTYPE_REMOVE_ADDR, ids(option.addressIds())));
    }

    /** The RFC 8684 form, 3 octets, then the tag (length 11). */
    @Override
    public MptcpOption mpPrio(ConnKeys sender, boolean backup) {
        return new MptcpOption.MpPrio(backup, OptionalInt.empty(),
                OptionalLong.of(pmTag(sender, sender.role(), MptcpOption.SUBTYPE_MP_PRIO, flag(backup))));
    }

    @Override
    public boolean mpPrioOk(ConnKeys receiver, MptcpOption.MpPrio option) {
        return joinsAllowed(receiver) && option.tag().isPresent() && option.addressId().isEmpty()
                && SchemeCrypto.equal(option.tag().getAsLong(),
                        pmTag(receiver, receiver.role().peer(), MptcpOption.SUBTYPE_MP_PRIO, flag(option.backup())));
    }
}
