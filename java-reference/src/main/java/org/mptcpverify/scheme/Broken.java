package org.mptcpverify.scheme;

import static org.mptcpverify.scheme.SchemeCrypto.be32;
import static org.mptcpverify.scheme.SchemeCrypto.cat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;

/**
 * Negative control, built to violate every property: the client's Key-A is its external key (so the
 * key crosses the wire in clear), the server ignores the join token and attaches every join to its
 * most recent connection, keeps any number of half-open joins and accepts any third-ACK HMAC,
 * ADD_ADDR and MP_FASTCLOSE; the SYN/ACK HMAC binds each side's view of the server address the join
 * went to and is keyed with K at a side that has one (nothing is signalled).
 */
public final class Broken extends KeyedMptcp {
    public Broken() {
        super(1);
    }

    @Override
    public SchemeId id() {
        return SchemeId.BROKEN;
    }

    /** A 64-bit external key, so that it can be the MPTCP key. */
    @Override
    public KeySetting keySetting(Bytes material) {
        byte[] k = Arrays.copyOf(material.toArray(), 8);
        k[7] |= 1; // never 0
        return new KeySetting.AppKey(Bytes.of(k));
    }

    @Override
    protected long clientKey(Bytes socketKey, SplittableRandom rnd) {
        return socketKey == null ? rnd.nextLong() : ByteBuffer.wrap(socketKey.toArray()).getLong();
    }

    @Override
    public Optional<JoinMatch> lookupJoin(int field, List<ConnRef> conns, HostKeys host) {
        return conns.isEmpty() ? Optional.empty()
                : Optional.of(new JoinMatch(conns.get(conns.size() - 1).id(), conns.get(conns.size() - 1).keys()));
    }

    @Override
    public int halfOpenLimit(int configured) {
        return Integer.MAX_VALUE;
    }

    /**
     * {@code trunc_L64(HMAC(k, R-B||R-A||addrB))}: K at a side with a key, else Key-B||Key-A; addrB the
     * server address the join went to as the server saw it, or (client) the connection's initial
     * server address. A join to an advertised address therefore always fails, while a rewritten
     * client source goes unnoticed.
     */
    @Override
    protected long expectedSynAckHmac(ConnKeys k, int rA, int rB, InetAddress serverAddr) {
        byte[] key = k.hasExtKey() ? k.extKey().toArray() : joinMacKeyB(k);
        return SchemeCrypto.truncL64(SchemeCrypto.hmac(hash(), key, cat(be32(rB), be32(rA), serverAddr.getAddress())));
    }

    @Override
    public boolean thirdAckHmacOk(ConnKeys serverKeys, int rA, int rB, Bytes hmac) {
        return true;
    }

    /**
     * The server skips the authenticator, not the option's own rules: an ADD_ADDR of another version
     * (a v0 layout on this v1 connection: RFC 8684 3.4.1 has every v1 ADD_ADDR that is not an echo
     * carry an HMAC) or on a connection that is not MPTCP is refused, as by every other scheme and
     * by the definition.
     */
    @Override
    public boolean addAddrOk(ConnKeys receiver, MptcpOption.AddAddr option) {
        if (receiver.role() == Role.B) {
            return option.version() == version() && receiver.mptcp();
        }
        return super.addAddrOk(receiver, option);
    }

    /** The server accepts any value, on an MPTCP connection only (as the definition). */
    @Override
    public boolean fastCloseOk(ConnKeys receiver, MptcpOption.MpFastClose option) {
        return receiver.role() == Role.B ? receiver.mptcp() : super.fastCloseOk(receiver, option);
    }
}
