package org.mptcpverify.scheme;

import static org.mptcpverify.scheme.SchemeCrypto.hmac;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.MptcpOption.MpCapableShare;

/**
 * Kim &amp; Choi (ICTC 2016; draft-kim-mptcp-semptcp-00), our X25519 reading (docs/schemes.md,
 * ecdh): MP_CAPABLE carries Diffie-Hellman public values instead of keys (SYN: A's, SYN/ACK: B's,
 * the paper's messages 2 and 3 merged; third ACK: A's again), K = SHA-256 of the shared secret,
 * Token-X = the low 32 bits of SHA-256 of X's public value; joins, ADD_ADDR and MP_FASTCLOSE are
 * authenticated with K. Nothing authenticates the public values themselves.
 */
public class Ecdh extends KeyedMptcp {
    private static final int FLAGS = MptcpOption.FLAG_E_EXTERNAL_KEY | MptcpOption.FLAG_H_HMAC;
    /** Slot names in {@link ConnKeys#slots()}: this side's private value, both public values. */
    static final String PRIVATE = "priv";
    static final String SHARE_A = "shareA";
    static final String SHARE_B = "shareB";

    public Ecdh() {
        super(1);
    }

    @Override
    public SchemeId id() {
        return SchemeId.ECDH;
    }

    // ---- the Diffie-Hellman algebra ----------------------------------------------------------

    private static Bytes drawPrivate(SplittableRandom rnd) {
        return DiffieHellman.drawPrivate(rnd);
    }

    private static Bytes pub(Bytes priv) {
        return DiffieHellman.pub(priv);
    }

    /** K = SHA-256(shared secret); empty when X25519 refuses the peer's value (low order). */
    Optional<Bytes> sharedKey(Bytes priv, Bytes peerShare) {
        return DiffieHellman.hashedSecret(hash(), priv, peerShare);
    }

    /** lsb_32(Hash(public value)): the low 32 bits of the hash. */
    int shareToken(Bytes share) {
        byte[] h = MptcpCrypto.digest(hash(), share.toArray());
        return ((h[h.length - 4] & 0xff) << 24) | ((h[h.length - 3] & 0xff) << 16) | ((h[h.length - 2] & 0xff) << 8)
                | (h[h.length - 1] & 0xff);
    }

    private static Map<String, Bytes> slots(ConnKeys k, String name, Bytes value) {
        Map<String, Bytes> m = new HashMap<>(k.slots());
        m.put(name, value);
        return m;
    }

    private static Optional<MpCapableShare> share(Optional<MptcpOption> o) {
        return o.filter(MpCapableShare.class::isInstance).map(MpCapableShare.class::cast)
                .filter(s -> s.curve() == MpCapableShare.CURVE_X25519);
    }

    // ---- MP_CAPABLE with public values -----------------------------------------------------------

    @Override
    public Hello clientSyn(Bytes socketKey, SplittableRandom rnd) {
        Bytes priv = drawPrivate(rnd);
        Bytes pa = pub(priv);
        ConnKeys k = ConnKeys.start(Role.A, null).withTokens(shareToken(pa), 0).withSlots(Map.of(PRIVATE, priv, SHARE_A, pa));
        return new Hello(Optional.of(new MpCapableShare(1, FLAGS, MpCapableShare.CURVE_X25519, pa)), k);
    }

    @Override
    public Hello serverSynAck(Optional<MptcpOption> syn, Bytes socketKey, SplittableRandom rnd, IntPredicate tokenInUse) {
        ConnKeys keys = ConnKeys.start(Role.B, null);
        Optional<MpCapableShare> s = share(syn);
        if (s.isEmpty()) {
            return new Hello(Optional.empty(), keys.withMptcp(false));
        }
        Bytes priv;
        Bytes pb;
        do { // a token no connection of this host uses, as Linux redraws a colliding key
            priv = drawPrivate(rnd);
            pb = pub(priv);
        } while (tokenInUse.test(shareToken(pb)));
        Bytes pa = s.get().share();
        Optional<Bytes> key = sharedKey(priv, pa);
        if (key.isEmpty()) {
            return new Hello(Optional.empty(), keys.withMptcp(false)); // a low-order value: no secret, plain TCP
        }
        Map<String, Bytes> m = Map.of(PRIVATE, priv, SHARE_A, pa, SHARE_B, pb);
        keys = keys.withSlots(m).withTokens(shareToken(pb), shareToken(pa)).withConnKey(key.get()).withMptcp(true);
        return new Hello(Optional.of(new MpCapableShare(1, FLAGS, MpCapableShare.CURVE_X25519, pb)), keys);
    }

    @Override
    public Hello clientThirdAck(ConnKeys keys, Optional<MptcpOption> synAck, SplittableRandom rnd) {
        Optional<MpCapableShare> s = share(synAck);
        Optional<Bytes> key = s.flatMap(o -> sharedKey(keys.slots().get(PRIVATE), o.share()));
        if (key.isEmpty()) {
            return new Hello(Optional.empty(), keys.withMptcp(false));
        }
        Bytes pb = s.get().share();
        ConnKeys k = keys.withSlots(slots(keys, SHARE_B, pb)).withTokens(keys.localToken(), shareToken(pb))
                .withConnKey(key.get()).withMptcp(true);
        return new Hello(Optional.of(new MpCapableShare(1, FLAGS, MpCapableShare.CURVE_X25519, keys.slots().get(SHARE_A))), k);
    }

    /** The third ACK repeats A's public value (the paper's message 4); any other value: plain TCP. */
    @Override
    public ConnKeys serverEstablished(ConnKeys keys, Optional<MptcpOption> ack) {
        boolean ok = keys.mptcp() && share(ack).filter(o -> SchemeCrypto.equal(o.share().toArray(),
                keys.slots().get(SHARE_A).toArray())).isPresent();
        return ok ? keys : keys.withMptcp(false);
    }

    @Override
    public OptionalLong peerIdsn(ConnKeys keys) {
        return OptionalLong.empty(); // the paper derives none
    }

    @Override
    public Set<Bytes> privateValues(ConnKeys keys) {
        return DiffieHellman.privateValues(keys, PRIVATE);
    }

    // ---- authenticators keyed with K ------------------------------------------------------------

    @Override
    protected byte[] joinMacKeyB(ConnKeys k) {
        return k.connKey().toArray();
    }

    @Override
    protected byte[] joinMacKeyA(ConnKeys k) {
        return k.connKey().toArray();
    }

    /** The HMAC'd ADD_ADDR of rfc6824bis, keyed with K (the paper keeps the format, names no key). */
    @Override
    protected OptionalLong addAddrAuth(ConnKeys k, Role sender, int id, InetAddress addr, OptionalInt port) {
        return OptionalLong.of(SchemeCrypto.truncR64(hmac(hash(), k.connKey().toArray(), addrMessage(id, addr, port))));
    }

    /** The paper defines no MP_FASTCLOSE value; our reading: {@code trunc_L64(HMAC(K, receiver's public value))}. */
    @Override
    protected long fastCloseValue(ConnKeys k, Role sender) {
        Bytes receiverShare = k.slots().get(sender == Role.A ? SHARE_B : SHARE_A);
        return SchemeCrypto.truncL64(hmac(hash(), k.connKey().toArray(), receiverShare.toArray()));
    }
}
