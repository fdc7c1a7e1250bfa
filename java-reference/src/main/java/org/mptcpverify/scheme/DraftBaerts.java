package org.mptcpverify.scheme;

import static org.mptcpverify.scheme.SchemeCrypto.be32;
import static org.mptcpverify.scheme.SchemeCrypto.cat;
import static org.mptcpverify.scheme.SchemeCrypto.hmac;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.MptcpOption.MpCapableTokens;
import org.mptcpverify.wire.MptcpOption.NewKey;

/**
 * draft-baerts-tcpm-mptcpext-00: MP_CAPABLE with the E flag carries random 32-bit tokens instead of
 * keys; NEW_KEY exchanges {@code trunc_R64(HMAC(tokens, K))} and activates K; joins, ADD_ADDR and
 * MP_FASTCLOSE are then authenticated with K. A side without a key does not use E and the
 * connection is plain RFC 8684.
 */
public class DraftBaerts extends KeyedMptcp {
    /** The key identifier of the initial external key: the K bit is 0. */
    static final int KEY_ID_0 = 0;
    private static final int FLAGS_E = MptcpOption.FLAG_E_EXTERNAL_KEY | MptcpOption.FLAG_H_HMAC;

    public DraftBaerts() {
        super(1);
    }

    @Override
    public SchemeId id() {
        return SchemeId.DRAFT_BAERTS;
    }

    // ---- MP_CAPABLE with E --------------------------------------------------------------------

    @Override
    public Hello clientSyn(Bytes socketKey, SplittableRandom rnd) {
        Hello plain = super.clientSyn(socketKey, rnd); // Key-A kept for an RFC 8684 answer
        if (socketKey == null) {
            return plain;
        }
        return new Hello(Optional.of(Capable.bareSyn(FLAGS_E)), plain.keys());
    }

    @Override
    public Hello serverSynAck(Optional<MptcpOption> syn, Bytes socketKey, SplittableRandom rnd, IntPredicate tokenInUse) {
        if (socketKey == null || !Capable.isBareV1(syn) || !Capable.hasFlag(syn, MptcpOption.FLAG_E_EXTERNAL_KEY)) {
            return super.serverSynAck(Capable.asKeyed(syn), socketKey, rnd, tokenInUse);
        }
        int tb = freshToken(rnd, tokenInUse);
        ConnKeys keys = ConnKeys.start(Role.B, socketKey).withTokens(tb, 0).withExtMode(true).withMptcp(true);
        return new Hello(Optional.of(new MpCapableTokens(1, FLAGS_E, OptionalInt.of(tb), OptionalInt.empty(),
                OptionalLong.empty())), keys);
    }

    /** "The token must uniquely identify the associated connection and should be selected randomly." */
    static int freshToken(SplittableRandom rnd, IntPredicate tokenInUse) {
        while (true) {
            int t = rnd.nextInt();
            if (t != 0 && !tokenInUse.test(t)) {
                return t;
            }
        }
    }

    @Override
    public Hello clientThirdAck(ConnKeys keys, Optional<MptcpOption> synAck, SplittableRandom rnd) {
        Optional<MpCapableTokens> t = Capable.tokens(synAck)
                .filter(o -> (o.flags() & MptcpOption.FLAG_E_EXTERNAL_KEY) != 0 && o.senderToken().isPresent());
        if (t.isEmpty() || !keys.hasExtKey()) {
            return super.clientThirdAck(keys, synAck, rnd);
        }
        int tb = t.get().senderToken().getAsInt();
        int ta = freshToken(rnd, x -> x == tb);
        ConnKeys k = keys.withTokens(ta, tb).withExtMode(true).withMptcp(true);
        return new Hello(Optional.of(new MpCapableTokens(1, FLAGS_E, OptionalInt.of(ta), OptionalInt.of(tb),
                OptionalLong.empty())), k);
    }

    @Override
    protected int modeFlag() {
        return MptcpOption.FLAG_E_EXTERNAL_KEY;
    }

    @Override
    public ConnKeys serverEstablished(ConnKeys keys, Optional<MptcpOption> ack) {
        if (!keys.extMode()) {
            return super.serverEstablished(keys, ack);
        }
        Optional<MpCapableTokens> t = Capable.tokens(ack).filter(o -> o.senderToken().isPresent()
                && o.receiverToken().isPresent() && o.receiverToken().getAsInt() == keys.localToken());
        return t.isEmpty() || !ackOfServersMode(keys, ack) ? keys.withMptcp(false) : keys.withTokens(keys.localToken(), t.get().senderToken().getAsInt());
    }

    // ---- NEW_KEY ------------------------------------------------------------------------------

    /** {@code trunc_R64(HMAC(Token-S || Token-R, K))} for sender S. */
    private long newKeyValue(ConnKeys k, Role sender) {
        return SchemeCrypto.truncR64(hmac(hash(), senderFirstTokens(k, sender), k.extKey().toArray()));
    }

    private static byte[] senderFirstTokens(ConnKeys k, Role sender) {
        return sender == Role.A ? cat(be32(k.tokenA()), be32(k.tokenB())) : cat(be32(k.tokenB()), be32(k.tokenA()));
    }

    @Override
    public Optional<MptcpOption> keyAgreement(ConnKeys keys) {
        if (!keys.extMode() || !keys.mptcp()) {
            return Optional.empty();
        }
        return Optional.of(new NewKey(KEY_ID_0, newKeyValue(keys, keys.role())));
    }

    @Override
    public ConnKeys onKeyAgreement(ConnKeys keys, MptcpOption option) {
        if (!keys.extMode() || !keys.mptcp() || !(option instanceof NewKey nk)) {
            return keys;
        }
        boolean ok = SchemeCrypto.equal(nk.hmac(), newKeyValue(keys, keys.role().peer()));
        return ok ? keys.withKeyActive(true) : keys;
    }

    /** "After the handshake, host A and host B cannot create additional subflows or exchange additional addresses" until the key is installed. */
    @Override
    public boolean joinsAllowed(ConnKeys keys) {
        return keys.mptcp() && (!keys.extMode() || keys.keyActive());
    }

    // ---- authenticators with K -------------------------------------------------------------------

    @Override
    public int joinFlags(ConnKeys keys) {
        return keys.extMode() ? KEY_ID_0 : 0;
    }

    @Override
    protected byte[] joinMacKeyB(ConnKeys k) {
        return k.extMode() ? k.extKey().toArray() : super.joinMacKeyB(k);
    }

    @Override
    protected byte[] joinMacKeyA(ConnKeys k) {
        return k.extMode() ? k.extKey().toArray() : super.joinMacKeyA(k);
    }

    @Override
    protected OptionalLong addAddrAuth(ConnKeys k, Role sender, int id, InetAddress addr, java.util.OptionalInt port) {
        if (!k.extMode()) {
            return super.addAddrAuth(k, sender, id, addr, port);
        }
        return OptionalLong.of(SchemeCrypto.truncR64(hmac(hash(), k.extKey().toArray(), addrMessage(id, addr, port))));
    }

    @Override
    public boolean addAddrOk(ConnKeys receiver, MptcpOption.AddAddr option) {
        return joinsAllowed(receiver) && super.addAddrOk(receiver, option);
    }

    /** "A truncated HMAC of the external key", keyed with the tokens in the sender's order. */
    @Override
    protected long fastCloseValue(ConnKeys k, Role sender) {
        if (!k.extMode()) {
            return super.fastCloseValue(k, sender);
        }
        byte[] mac = hmac(hash(), senderFirstTokens(k, sender), k.extKey().toArray());
        return truncateFastClose(mac);
    }

    /** Main reading: truncated as the MP_JOIN SYN/ACK is, leftmost 64 bits. */
    protected long truncateFastClose(byte[] mac) {
        return SchemeCrypto.truncL64(mac);
    }

    @Override
    public boolean fastCloseOk(ConnKeys receiver, MptcpOption.MpFastClose option) {
        return joinsAllowed(receiver) && super.fastCloseOk(receiver, option);
    }
}
