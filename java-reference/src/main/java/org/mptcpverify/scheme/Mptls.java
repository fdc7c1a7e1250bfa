package org.mptcpverify.scheme;

import static org.mptcpverify.scheme.SchemeCrypto.ascii;
import static org.mptcpverify.scheme.SchemeCrypto.be32;
import static org.mptcpverify.scheme.SchemeCrypto.cat;
import static org.mptcpverify.scheme.SchemeCrypto.hmac;

import java.net.InetAddress;
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
import org.mptcpverify.wire.MptcpOption.KeyShare;
import org.mptcpverify.wire.MptcpOption.MpCapableTokens;

/**
 * draft-bonaventure-mptcp-tls-00, our reading (docs/schemes.md, mptls): MP_CAPABLE carries each
 * side's random token and no key; the TLS handshake that follows is stood in for by one X25519
 * public value per side ({@link KeyShare}); the exported client_write_MPTCP_key and
 * server_write_MPTCP_key (labelled HMACs of the hashed secret) authenticate the join HMACs,
 * ADD_ADDR and MP_FASTCLOSE (which carries the sender's IDSN under an HMAC). Nothing is
 * authenticated before the key exchange is complete.
 */
public final class Mptls extends KeyedMptcp {
    private static final int FLAGS = MptcpOption.FLAG_E_EXTERNAL_KEY | MptcpOption.FLAG_H_HMAC;
    private static final String PRIVATE = "priv";

    public Mptls() {
        super(1);
    }

    @Override
    public java.util.Optional<String> unmodelledPathManagerAuth() {
        return java.util.Optional.of("draft-bonaventure-mptcp-tls-00 4.3 requires an HMAC on REMOVE_ADDR and MP_PRIO, "
                + "whose layout the reference does not implement yet (docs/schemes.md, mptls)");
    }

    @Override
    public SchemeId id() {
        return SchemeId.MPTLS;
    }

    /** A random non-zero token; the server also avoids its other connections' tokens and the client's. */
    private static int freshToken(SplittableRandom rnd, IntPredicate taken) {
        while (true) {
            int t = rnd.nextInt();
            if (t != 0 && !taken.test(t)) {
                return t;
            }
        }
    }

    // ---- MP_CAPABLE with tokens (draft 4.1) ----------------------------------------------------------

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

    /** The third ACK, which the draft does not describe: both tokens, as draft-baerts's E layout has it. */
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
        return OptionalLong.empty(); // the data sequence space is not modelled for this row
    }

    // ---- the TLS handshake, stood in for by one public value per side --------------------------------

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
        Optional<Bytes> master = DiffieHellman.hashedSecret(hash(), keys.slots().get(PRIVATE), ks.share());
        return master.map(m -> keys.withConnKey(m).withKeyActive(true)).orElse(keys);
    }

    /** The exporter keys exist only once the peer's share arrived. */
    @Override
    public boolean hasAuthenticationKeys(ConnKeys keys) {
        return keys.connKey() != null;
    }

    /** "joins wait for the TLS handshake": nothing is authenticated before the exporter keys exist. */
    @Override
    public boolean joinsAllowed(ConnKeys keys) {
        return keys.mptcp() && keys.keyActive();
    }

    @Override
    public Set<Bytes> privateValues(ConnKeys keys) {
        Bytes p = keys.slots().get(PRIVATE);
        return p == null ? Set.of() : Set.of(p);
    }

    // ---- authenticators with the exported keys ---------------------------------------------------------

    /** client_write_MPTCP_key (sender A) or server_write_MPTCP_key (sender B), our reading of the exporter. */
    private byte[] writeKey(ConnKeys k, Role sender) {
        String label = sender == Role.A ? "client_write_MPTCP_key" : "server_write_MPTCP_key";
        return hmac(hash(), k.connKey().toArray(), ascii(label));
    }

    @Override
    protected byte[] joinMacKeyB(ConnKeys k) {
        return writeKey(k, Role.B);
    }

    @Override
    protected byte[] joinMacKeyA(ConnKeys k) {
        return writeKey(k, Role.A);
    }

    @Override
    protected OptionalLong addAddrAuth(ConnKeys k, Role sender, int id, InetAddress addr, OptionalInt port) {
        return OptionalLong.of(SchemeCrypto.truncR64(hmac(hash(), writeKey(k, sender), addrMessage(id, addr, port))));
    }

    @Override
    public boolean addAddrOk(ConnKeys receiver, MptcpOption.AddAddr option) {
        return joinsAllowed(receiver) && super.addAddrOk(receiver, option);
    }

    /** "IDSN = Hash(LocalToken || RemoteToken)": the low 64 bits, as RFC 8684 truncates its IDSN. */
    private long idsn(ConnKeys k, Role of) {
        int local = of == Role.A ? k.tokenA() : k.tokenB();
        int remote = of == Role.A ? k.tokenB() : k.tokenA();
        return SchemeCrypto.truncR64(MptcpCrypto.digest(hash(), cat(be32(local), be32(remote))));
    }

    /** "MP_FASTCLOSE should carry the IDSN authenticated by HMAC": the sender's IDSN under its write key. */
    @Override
    protected long fastCloseValue(ConnKeys k, Role sender) {
        return SchemeCrypto.truncL64(hmac(hash(), writeKey(k, sender), SchemeCrypto.be64(idsn(k, sender))));
    }

    @Override
    public boolean fastCloseOk(ConnKeys receiver, MptcpOption.MpFastClose option) {
        return joinsAllowed(receiver) && super.fastCloseOk(receiver, option);
    }

    // ---- attacker ------------------------------------------------------------------------------------------

    /** Both tokens and both public values seen, and one private value given: the exporter keys follow. */
    @Override
    protected Optional<ConnKeys> reconstruct(AttackerView v, Role as) {
        if (v.tokenA().isEmpty() || v.tokenB().isEmpty() || v.shareA().isEmpty() || v.shareB().isEmpty()) {
            return Optional.empty();
        }
        int ta = v.tokenA().getAsInt();
        int tb = v.tokenB().getAsInt();
        return DiffieHellman.attackerSecret(hash(), v.shareA().get(), v.shareB().get(), v.privateValues())
                .map(m -> {
                    ConnKeys k = ConnKeys.start(as, null).withConnKey(m).withKeyActive(true).withMptcp(true);
                    return as == Role.A ? k.withTokens(ta, tb) : k.withTokens(tb, ta);
                });
    }

    @Override
    protected boolean addAddrAuthFree() {
        return false;
    }
}
