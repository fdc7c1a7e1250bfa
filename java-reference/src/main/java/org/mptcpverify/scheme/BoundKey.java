package org.mptcpverify.scheme;

import static org.mptcpverify.scheme.SchemeCrypto.ascii;
import static org.mptcpverify.scheme.SchemeCrypto.be32;
import static org.mptcpverify.scheme.SchemeCrypto.cat;
import static org.mptcpverify.scheme.SchemeCrypto.hmac;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.MptcpOption.MpCapableTokens;

/**
 * Our design (docs/schemes.md, bound-key): no key on the wire, a connection key
 * {@code Kc = HMAC(K, "bk-conn"||Token-A||Token-B)} confirmed both ways in MP_CAPABLE (flag G),
 * single-use join tickets instead of tokens, and every authenticator a distinctly labelled HMAC
 * keyed with Kc. A side with a key never falls back to keyless MPTCP: a mismatch is plain TCP.
 */
public final class BoundKey extends KeyedMptcp {
    /** Unused tickets per connection the server looks a join SYN up among. */
    public static final int TICKET_WINDOW = 4;
    private static final int FLAGS_G = MptcpOption.FLAG_G_BOUND_KEY | MptcpOption.FLAG_H_HMAC;

    public BoundKey() {
        super(1);
    }

    @Override
    public SchemeId id() {
        return SchemeId.BOUND_KEY;
    }

    private byte[] mac(byte[] key, byte[]... msg) {
        return hmac(hash(), key, cat(msg));
    }

    long confirmB(Bytes k, int tb) {
        return SchemeCrypto.truncL64(mac(k.toArray(), ascii("bk-confirm-B"), be32(tb)));
    }

    Bytes connKey(Bytes k, int ta, int tb) {
        return Bytes.of(mac(k.toArray(), ascii("bk-conn"), be32(ta), be32(tb)));
    }

    long confirmA(Bytes kc) {
        return SchemeCrypto.truncL64(mac(kc.toArray(), ascii("bk-confirm-A")));
    }

    int ticket(Bytes kc, int i) {
        return SchemeCrypto.first32(mac(kc.toArray(), ascii("bk-ticket"), be32(i)));
    }

    // ---- MP_CAPABLE with G ------------------------------------------------------------------------

    @Override
    public Hello clientSyn(Bytes socketKey, SplittableRandom rnd) {
        if (socketKey == null) {
            return super.clientSyn(null, rnd);
        }
        return new Hello(Optional.of(Capable.bareSyn(FLAGS_G)), ConnKeys.start(Role.A, socketKey));
    }

    @Override
    public Hello serverSynAck(Optional<MptcpOption> syn, Bytes socketKey, SplittableRandom rnd, IntPredicate tokenInUse) {
        if (socketKey == null) {
            return super.serverSynAck(Capable.asKeyed(syn), null, rnd, tokenInUse);
        }
        ConnKeys keys = ConnKeys.start(Role.B, socketKey);
        if (!Capable.isBareV1(syn) || !Capable.hasFlag(syn, MptcpOption.FLAG_G_BOUND_KEY)) {
            return new Hello(Optional.empty(), keys.withMptcp(false)); // a keyed server answers G only to G
        }
        int tb = DraftBaerts.freshToken(rnd, tokenInUse);
        return new Hello(Optional.of(new MpCapableTokens(1, FLAGS_G, OptionalInt.of(tb), OptionalInt.empty(),
                OptionalLong.of(confirmB(socketKey, tb)))),
                keys.withTokens(tb, 0).withExtMode(true).withMptcp(true));
    }

    @Override
    public Hello clientThirdAck(ConnKeys keys, Optional<MptcpOption> synAck, SplittableRandom rnd) {
        if (!keys.hasExtKey()) {
            return super.clientThirdAck(keys, synAck, rnd);
        }
        Optional<MpCapableTokens> t = Capable.tokens(synAck).filter(o -> (o.flags() & MptcpOption.FLAG_G_BOUND_KEY) != 0
                && o.senderToken().isPresent() && o.confirm().isPresent()
                && SchemeCrypto.equal(o.confirm().getAsLong(), confirmB(keys.extKey(), o.senderToken().getAsInt())));
        if (t.isEmpty()) {
            return new Hello(Optional.empty(), keys.withMptcp(false)); // no downgrade: plain TCP (RFC 8684 3.7)
        }
        int tb = t.get().senderToken().getAsInt();
        int ta = DraftBaerts.freshToken(rnd, x -> x == tb);
        Bytes kc = connKey(keys.extKey(), ta, tb);
        ConnKeys k = keys.withTokens(ta, tb).withConnKey(kc).withExtMode(true).withMptcp(true);
        return new Hello(Optional.of(new MpCapableTokens(1, FLAGS_G, OptionalInt.of(ta), OptionalInt.of(tb),
                OptionalLong.of(confirmA(kc)))), k);
    }

    @Override
    protected int modeFlag() {
        return MptcpOption.FLAG_G_BOUND_KEY;
    }

    @Override
    public ConnKeys serverEstablished(ConnKeys keys, Optional<MptcpOption> ack) {
        if (!keys.extMode()) {
            return super.serverEstablished(keys, ack);
        }
        Optional<MpCapableTokens> t = Capable.tokens(ack).filter(o -> (o.flags() & MptcpOption.FLAG_G_BOUND_KEY) != 0
                && o.senderToken().isPresent() && o.receiverToken().isPresent() && o.confirm().isPresent()
                && o.receiverToken().getAsInt() == keys.localToken());
        if (t.isEmpty()) {
            return keys.withMptcp(false);
        }
        int ta = t.get().senderToken().getAsInt();
        Bytes kc = connKey(keys.extKey(), ta, keys.localToken());
        if (!SchemeCrypto.equal(t.get().confirm().getAsLong(), confirmA(kc))) {
            return keys.withMptcp(false); // bad confirm-A: plain TCP
        }
        return keys.withTokens(keys.localToken(), ta).withConnKey(kc);
    }

    // ---- join tickets ------------------------------------------------------------------------------

    @Override
    public int joinTokenField(ConnKeys clientKeys, int joinIndex, HostKeys host) {
        return clientKeys.extMode() ? ticket(clientKeys.connKey(), joinIndex) : super.joinTokenField(clientKeys, joinIndex, host);
    }

    @Override
    public Optional<JoinMatch> lookupJoin(int field, List<ConnRef> conns, HostKeys host) {
        for (ConnRef c : conns) {
            if (!c.keys().extMode()) {
                if (c.keys().localToken() == field) {
                    return Optional.of(new JoinMatch(c.id(), c.keys()));
                }
                continue;
            }
            int checked = 0;
            for (int i = 1; checked < TICKET_WINDOW; i++) {
                if (c.keys().usedTickets().contains(i)) {
                    continue;
                }
                checked++;
                if (SchemeCrypto.equal(ticket(c.keys().connKey(), i), field)) {
                    return Optional.of(new JoinMatch(c.id(), c.keys().withTicketUsed(i)));
                }
            }
        }
        return Optional.empty(); // unknown or already used: RST
    }

    // ---- labelled authenticators ---------------------------------------------------------------------

    @Override
    protected long expectedSynAckHmac(ConnKeys k, int rA, int rB, InetAddress serverAddr) {
        if (!k.extMode()) {
            return super.expectedSynAckHmac(k, rA, rB, serverAddr);
        }
        return SchemeCrypto.truncL64(mac(k.connKey().toArray(), ascii("bk-join-B"), be32(rB), be32(rA)));
    }

    @Override
    public Bytes thirdAckHmac(ConnKeys k, int rA, int rB) {
        if (!k.extMode()) {
            return super.thirdAckHmac(k, rA, rB);
        }
        return SchemeCrypto.truncL160(mac(k.connKey().toArray(), ascii("bk-join-A"), be32(rA), be32(rB)));
    }

    @Override
    protected OptionalLong addAddrAuth(ConnKeys k, Role sender, int id, InetAddress addr, java.util.OptionalInt port) {
        if (!k.extMode()) {
            return super.addAddrAuth(k, sender, id, addr, port);
        }
        return OptionalLong.of(SchemeCrypto.truncR64(mac(k.connKey().toArray(), ascii("bk-addr"),
                ascii(sender.name()), addrMessage(id, addr, port))));
    }

    @Override
    protected long fastCloseValue(ConnKeys k, Role sender) {
        if (!k.extMode()) {
            return super.fastCloseValue(k, sender);
        }
        return SchemeCrypto.truncL64(mac(k.connKey().toArray(), ascii("bk-close"), ascii(sender.name())));
    }
}
