package org.mptcpverify.scheme;

import org.mptcpverify.crypto.HashAlg;
import static org.mptcpverify.scheme.SchemeCrypto.be16;
import static org.mptcpverify.scheme.SchemeCrypto.be32;
import static org.mptcpverify.scheme.SchemeCrypto.be64;
import static org.mptcpverify.scheme.SchemeCrypto.cat;
import static org.mptcpverify.scheme.SchemeCrypto.hmac;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.MptcpOption.AddAddr;
import org.mptcpverify.wire.MptcpOption.MpCapable;
import org.mptcpverify.wire.MptcpOption.MpFastClose;

/**
 * MPTCP as RFC 6824 (v0) and RFC 8684 (v1) specify it: 64-bit keys in clear in MP_CAPABLE, tokens
 * and HMACs derived from them. The external-key designs that keep this handshake (the thesis,
 * draft-paasch, broken) extend it and override the hooks below.
 */
public abstract class KeyedMptcp implements AuthScheme {
    private final int version;
    private final HashAlg hash;

    protected KeyedMptcp(int version) {
        this.version = version;
        this.hash = version == 0 ? HashAlg.SHA1 : HashAlg.SHA256;
    }

    @Override
    public final int version() {
        return version;
    }

    @Override
    public final HashAlg hash() {
        return hash;
    }

    // ---- keys -----------------------------------------------------------------------------

    @Override
    public KeySetting keySetting(Bytes material) {
        return new KeySetting.AppKey(material);
    }

    @Override
    public Bytes effectiveKey(KeySetting setting) {
        return socketKey(setting);
    }

    @Override
    public Bytes socketKey(KeySetting setting) {
        return setting instanceof KeySetting.AppKey a ? a.key() : null;
    }

    public int token(long key) {
        return SchemeCrypto.token(hash, key);
    }

    /** A fresh 64-bit key whose token no existing connection uses (as Linux redraws on collision). */
    protected long freshKey(SplittableRandom rnd, IntPredicate tokenInUse) {
        while (true) {
            long k = rnd.nextLong();
            if (!tokenInUse.test(token(k))) {
                return k;
            }
        }
    }

    /** Key-A of a new client connection. */
    protected long clientKey(Bytes socketKey, SplittableRandom rnd) {
        return rnd.nextLong();
    }

    /** MP_CAPABLE flags this side sends. */
    protected int capableFlags(ConnKeys keys) {
        return MptcpOption.FLAG_H_HMAC;
    }

    /** Whether the peer's MP_CAPABLE flags and this side's configuration select the external-key mode. */
    protected boolean extModeFrom(ConnKeys keys, int peerFlags) {
        return false;
    }

    protected static Optional<MpCapable> capable(Optional<MptcpOption> o) {
        return o.filter(MpCapable.class::isInstance).map(MpCapable.class::cast);
    }

    // ---- MP_CAPABLE --------------------------------------------------------------------------

    @Override
    public Hello clientSyn(Bytes socketKey, SplittableRandom rnd) {
        long ka = clientKey(socketKey, rnd);
        ConnKeys keys = ConnKeys.start(Role.A, socketKey).withLocalKey(ka).withTokens(token(ka), 0);
        OptionalLong sent = version == 0 ? OptionalLong.of(ka) : OptionalLong.empty();
        return new Hello(Optional.of(new MpCapable(version, capableFlags(keys), sent, OptionalLong.empty(),
                OptionalInt.empty(), OptionalInt.empty())), keys);
    }

    @Override
    public Hello serverSynAck(Optional<MptcpOption> syn, Bytes socketKey, SplittableRandom rnd, IntPredicate tokenInUse) {
        ConnKeys keys = ConnKeys.start(Role.B, socketKey);
        Optional<MpCapable> c = capable(syn).filter(o -> o.version() == version
                && o.senderKey().isPresent() == (version == 0) && o.receiverKey().isEmpty());
        if (c.isEmpty()) {
            return new Hello(Optional.empty(), keys.withMptcp(false));
        }
        long kb = freshKey(rnd, tokenInUse);
        keys = keys.withLocalKey(kb).withTokens(token(kb), 0).withMptcp(true)
                .withExtMode(extModeFrom(keys, c.get().flags()));
        if (version == 0) {
            long ka = c.get().senderKey().getAsLong();
            keys = keys.withRemoteKey(ka).withTokens(token(kb), token(ka));
        }
        return new Hello(Optional.of(new MpCapable(version, capableFlags(keys), OptionalLong.of(kb),
                OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty())), keys);
    }

    @Override
    public Hello clientThirdAck(ConnKeys keys, Optional<MptcpOption> synAck, SplittableRandom rnd) {
        Optional<MpCapable> c = capable(synAck).filter(o -> o.version() == version
                && o.senderKey().isPresent() && o.receiverKey().isEmpty());
        if (c.isEmpty()) {
            return new Hello(Optional.empty(), keys.withMptcp(false));
        }
        long kb = c.get().senderKey().getAsLong();
        ConnKeys k = keys.withRemoteKey(kb).withTokens(keys.localToken(), token(kb)).withMptcp(true)
                .withExtMode(extModeFrom(keys, c.get().flags()));
        return new Hello(Optional.of(new MpCapable(version, capableFlags(k), OptionalLong.of(k.localKey()),
                OptionalLong.of(kb), OptionalInt.empty(), OptionalInt.empty())), k);
    }

    /** The MP_CAPABLE flag bit that signals the external-key mode on the wire (0: no mode is signalled). */
    protected int modeFlag() {
        return 0;
    }

    /**
     * Whether the third ACK is of the server's mode: the server's mode was fixed by the SYN, and a
     * third ACK that signals another one (the flag set where the server is keyless, or cleared where
     * it is keyed: an edited SYN/ACK or third ACK) makes the connection plain TCP, as the definitions
     * say (docs/scheme-definitions.md, "Modes"); a scheme that signals nothing has nothing to compare.
     */
    protected final boolean ackOfServersMode(ConnKeys serverKeys, Optional<MptcpOption> ack) {
        return modeFlag() == 0 || Capable.hasFlag(ack, modeFlag()) == serverKeys.extMode();
    }

    @Override
    public ConnKeys serverEstablished(ConnKeys keys, Optional<MptcpOption> ack) {
        Optional<MpCapable> c = capable(ack).filter(o -> o.version() == version
                && o.senderKey().isPresent() && o.receiverKey().isPresent()
                && o.receiverKey().getAsLong() == keys.localKey());
        if (c.isEmpty() || !keys.mptcp() || !ackOfServersMode(keys, ack)) {
            return keys.withMptcp(false);
        }
        long ka = c.get().senderKey().getAsLong();
        return keys.withRemoteKey(ka).withTokens(keys.localToken(), token(ka));
    }

    @Override
    public OptionalLong peerIdsn(ConnKeys keys) {
        return keys.hasRemoteKey() ? OptionalLong.of(org.mptcpverify.crypto.MptcpCrypto.idsn(hash, keys.remoteKey()))
                : OptionalLong.empty();
    }

    // ---- MP_JOIN -------------------------------------------------------------------------------

    @Override
    public int joinTokenField(ConnKeys clientKeys, int joinIndex, HostKeys host) {
        return clientKeys.remoteToken();
    }

    @Override
    public Optional<JoinMatch> lookupJoin(int field, List<ConnRef> conns, HostKeys host) {
        return conns.stream().filter(c -> c.keys().localToken() == field)
                .findFirst().map(c -> new JoinMatch(c.id(), c.keys()));
    }

    /** HMAC key of the SYN/ACK (sent by B): Key-B || Key-A. */
    protected byte[] joinMacKeyB(ConnKeys k) {
        return cat(be64(k.keyB()), be64(k.keyA()));
    }

    /** HMAC key of the third ACK (sent by A): Key-A || Key-B. */
    protected byte[] joinMacKeyA(ConnKeys k) {
        return cat(be64(k.keyA()), be64(k.keyB()));
    }

    /** The HMAC-B the connection state {@code k} (either side) gives. */
    protected long expectedSynAckHmac(ConnKeys k, int rA, int rB, InetAddress serverAddr) {
        return SchemeCrypto.truncL64(hmac(hash, joinMacKeyB(k), cat(be32(rB), be32(rA))));
    }

    @Override
    public long synAckHmac(ConnKeys serverKeys, int rA, int rB, InetAddress serverAddr) {
        return expectedSynAckHmac(serverKeys, rA, rB, serverAddr);
    }

    @Override
    public boolean synAckHmacOk(ConnKeys clientKeys, int rA, int rB, long hmac, InetAddress serverAddr) {
        return SchemeCrypto.equal(hmac, expectedSynAckHmac(clientKeys, rA, rB, serverAddr));
    }

    @Override
    public Bytes thirdAckHmac(ConnKeys clientKeys, int rA, int rB) {
        return SchemeCrypto.truncL160(hmac(hash, joinMacKeyA(clientKeys), cat(be32(rA), be32(rB))));
    }

    @Override
    public boolean thirdAckHmacOk(ConnKeys serverKeys, int rA, int rB, Bytes hmac) {
        return SchemeCrypto.equal(hmac.toArray(), thirdAckHmac(serverKeys, rA, rB).toArray());
    }

    // ---- ADD_ADDR / MP_FASTCLOSE ----------------------------------------------------------------

    /** The ADD_ADDR authenticator from {@code sender}, computed from either side's state; empty in v0. */
    protected OptionalLong addAddrAuth(ConnKeys k, Role sender, int id, InetAddress addr, OptionalInt port) {
        if (version == 0) {
            return OptionalLong.empty();
        }
        long ks = sender == Role.A ? k.keyA() : k.keyB();
        long kr = sender == Role.A ? k.keyB() : k.keyA();
        return OptionalLong.of(SchemeCrypto.truncR64(hmac(hash, cat(be64(ks), be64(kr)), addrMessage(id, addr, port))));
    }

    /** id (1) || address (4 or 16) || port (2; RFC 8684 3.4.1: two zero octets when no port is sent). */
    protected static byte[] addrMessage(int id, InetAddress addr, OptionalInt port) {
        return cat(new byte[] {(byte) id}, addr.getAddress(), be16(port.orElse(0)));
    }

    protected int addAddrFlags(ConnKeys k, InetAddress addr) {
        return version == 0 ? (addr.getAddress().length == 4 ? 4 : 6) : 0; // v0: the nibble is IPVer
    }

    @Override
    public MptcpOption addAddr(ConnKeys sender, int id, InetAddress addr, OptionalInt port) {
        return new AddAddr(version, addAddrFlags(sender, addr), id, addr, port,
                addAddrAuth(sender, sender.role(), id, addr, port));
    }

    @Override
    public boolean addAddrOk(ConnKeys receiver, AddAddr option) {
        if (option.version() != version || !receiver.mptcp()) {
            return false;
        }
        OptionalLong expected = addAddrAuth(receiver, receiver.role().peer(), option.addressId(), option.address(),
                option.port());
        if (expected.isEmpty()) {
            return true; // nothing to check: the design has no authenticator
        }
        return option.truncatedHmac().isPresent()
                && SchemeCrypto.equal(option.truncatedHmac().getAsLong(), expected.getAsLong());
    }

    /** MP_FASTCLOSE value from {@code sender}: the receiver's key (RFC 6824 / RFC 8684). */
    protected long fastCloseValue(ConnKeys k, Role sender) {
        return sender == Role.A ? k.keyB() : k.keyA();
    }

    protected int fastCloseFlags(ConnKeys k) {
        return 0;
    }

    @Override
    public MptcpOption fastClose(ConnKeys sender) {
        return new MpFastClose(fastCloseFlags(sender), fastCloseValue(sender, sender.role()));
    }

    @Override
    public boolean fastCloseOk(ConnKeys receiver, MpFastClose option) {
        return receiver.mptcp()
                && SchemeCrypto.equal(option.value(), fastCloseValue(receiver, receiver.role().peer()));
    }

    @Override
    public String toString() {
        return id().wireName();
    }
}
