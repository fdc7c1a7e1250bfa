package org.mptcpverify.scheme;

import static org.mptcpverify.scheme.SchemeCrypto.ascii;
import static org.mptcpverify.scheme.SchemeCrypto.be32;
import static org.mptcpverify.scheme.SchemeCrypto.cat;
import static org.mptcpverify.scheme.SchemeCrypto.hmac;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.Bytes;

/**
 * draft-bonaventure-mptcp-tls-00, our reading (docs/schemes.md, mptls): MP_CAPABLE carries each
 * side's random token and no key; the TLS handshake that follows is stood in for by one X25519
 * public value per side; the exported client_write_MPTCP_key and server_write_MPTCP_key (labelled
 * HMACs of the hashed secret) authenticate the join HMACs, ADD_ADDR and MP_FASTCLOSE (which carries
 * the sender's IDSN under an HMAC). Nothing is authenticated before the key exchange is complete.
 */
public final class Mptls extends KeyShareMptcp {
    @Override
    public SchemeId id() {
        return SchemeId.MPTLS;
    }

    /** The TLS secret, our stand-in: the hash of the X25519 secret (the tokens and shares do not enter it). */
    @Override
    protected Optional<Bytes> connKeyFrom(int tokenA, int tokenB, Bytes pubA, Bytes pubB, Bytes secret) {
        return Optional.of(Bytes.of(MptcpCrypto.digest(hash(), secret.toArray())));
    }

    /** client_write_MPTCP_key (sender A) or server_write_MPTCP_key (sender B), our reading of the exporter. */
    @Override
    protected byte[] writeKey(ConnKeys k, Role sender) {
        String label = sender == Role.A ? "client_write_MPTCP_key" : "server_write_MPTCP_key";
        return hmac(hash(), k.connKey().toArray(), ascii(label));
    }

    @Override
    protected byte[] addAddrMessage(int id, InetAddress addr, OptionalInt port) {
        return addrMessage(id, addr, port);
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
}
