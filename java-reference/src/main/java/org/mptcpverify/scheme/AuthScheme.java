package org.mptcpverify.scheme;

import org.mptcpverify.crypto.HashAlg;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.MptcpOption.AddAddr;
import org.mptcpverify.wire.MptcpOption.MpFastClose;

/**
 * One subflow-authentication design (docs/schemes.md). The endpoints are generic; everything
 * that differs between designs is decided here: what MP_CAPABLE carries, post-handshake key
 * agreement, tokens and the join SYN token field, the server's lookup, the join HMACs, the
 * ADD_ADDR and MP_FASTCLOSE authenticators and their checks, where keys come from, and what the
 * attacker can derive from what it observed.
 *
 * <p>Methods are pure; randomness comes in as a {@link SplittableRandom} the caller seeded.
 */
public interface AuthScheme {
    SchemeId id();

    HashAlg hash();

    /** MPTCP version of the MP_CAPABLE / ADD_ADDR / MP_FASTCLOSE layouts (0 or 1). */
    int version();

    /** v1-based schemes put MP_TCPRST (RFC 8684 3.6) on their resets; v0 sends plain RST. */
    default boolean sendsTcpRst() {
        return version() == 1;
    }

    // ---- where keys come from -------------------------------------------------------------

    /** The socket configuration an application uses to give this scheme the external key drawn from {@code material}. */
    KeySetting keySetting(Bytes material);

    /** The key material that authenticates, as the attacker would have to know it (null: none). */
    Bytes effectiveKey(KeySetting setting);

    /** The external key a socket configured with {@code setting} carries into its connections (null: none). */
    Bytes socketKey(KeySetting setting);

    /** Host-wide effect of bind() (server) or connect() (client) with this setting. */
    default HostKeys onBindOrConnect(HostKeys host, KeySetting setting) {
        return host;
    }

    /** Host-wide effect of the server creating a connection. */
    default HostKeys onServerConnectionCreated(HostKeys host, ConnKeys keys) {
        return host;
    }

    // ---- MP_CAPABLE handshake ---------------------------------------------------------------

    /** The client's SYN option (empty: plain TCP SYN) and its initial connection state. */
    Hello clientSyn(Bytes socketKey, SplittableRandom rnd);

    /**
     * The server's answer to a SYN carrying {@code syn} (empty: no MP_CAPABLE): the SYN/ACK option
     * (empty: plain TCP) and its connection state. {@code tokenInUse} avoids token collisions.
     */
    Hello serverSynAck(Optional<MptcpOption> syn, Bytes socketKey, SplittableRandom rnd,
                       java.util.function.IntPredicate tokenInUse);

    /** The client's third ACK option (empty: plain TCP) after a SYN/ACK carrying {@code synAck}. */
    Hello clientThirdAck(ConnKeys keys, Optional<MptcpOption> synAck, SplittableRandom rnd);

    /** The server's state after the third ACK carrying {@code ack}. */
    ConnKeys serverEstablished(ConnKeys keys, Optional<MptcpOption> ack);

    /** Post-handshake key agreement: the option a side sends once established (draft-baerts NEW_KEY). */
    default Optional<MptcpOption> keyAgreement(ConnKeys keys) {
        return Optional.empty();
    }

    /** Handles a peer's key-agreement option. */
    default ConnKeys onKeyAgreement(ConnKeys keys, MptcpOption option) {
        return keys;
    }

    /** The peer's initial data sequence number, when the design defines one (keys in MP_CAPABLE). */
    default java.util.OptionalLong peerIdsn(ConnKeys keys) {
        return java.util.OptionalLong.empty();
    }

    // ---- MP_JOIN ------------------------------------------------------------------------------

    /** MP_JOIN flags nibble (draft-baerts: K bit). */
    default int joinFlags(ConnKeys keys) {
        return 0;
    }

    /** Whether this side may open or accept joins yet (draft-baerts: only once the key is active). */
    default boolean joinsAllowed(ConnKeys keys) {
        return keys.mptcp();
    }

    /** The token field of the client's {@code joinIndex}-th join SYN (1-based). */
    int joinTokenField(ConnKeys clientKeys, int joinIndex, HostKeys host);

    /** A connection as the server's join lookup sees it. */
    record ConnRef(int id, ConnKeys keys) {}

    /** The connection a join SYN is attached to, with its updated state (a used ticket). */
    record JoinMatch(int connId, ConnKeys keys) {}

    /** Server lookup of a join SYN's token field among its MPTCP connections (oldest first). */
    Optional<JoinMatch> lookupJoin(int field, List<ConnRef> conns, HostKeys host);

    /** Half-open joins allowed per connection, given the configured bound. */
    default int halfOpenLimit(int configured) {
        return configured;
    }

    /**
     * SYN/ACK truncated HMAC computed by the server; {@code serverAddr} is the server address the
     * join was sent to, as the server saw it (only `broken` binds it).
     */
    long synAckHmac(ConnKeys serverKeys, int rA, int rB, InetAddress serverAddr);

    /**
     * The client's check of the SYN/ACK HMAC; {@code serverAddr} is the server address as the client
     * believes it: the connection's initial server address.
     */
    boolean synAckHmacOk(ConnKeys clientKeys, int rA, int rB, long hmac, InetAddress serverAddr);

    /** Third-ACK HMAC (160 bits) computed by the client. */
    Bytes thirdAckHmac(ConnKeys clientKeys, int rA, int rB);

    /** The server's check of the third-ACK HMAC. */
    boolean thirdAckHmacOk(ConnKeys serverKeys, int rA, int rB, Bytes hmac);

    // ---- ADD_ADDR / MP_FASTCLOSE --------------------------------------------------------------

    MptcpOption addAddr(ConnKeys sender, int id, InetAddress addr, java.util.OptionalInt port);

    /** ADD_ADDR without a port. */
    default MptcpOption addAddr(ConnKeys sender, int id, InetAddress addr) {
        return addAddr(sender, id, addr, java.util.OptionalInt.empty());
    }

    boolean addAddrOk(ConnKeys receiver, AddAddr option);

    MptcpOption fastClose(ConnKeys sender);

    boolean fastCloseOk(ConnKeys receiver, MpFastClose option);

    // ---- REMOVE_ADDR / MP_PRIO ---------------------------------------------------------------------

    /** The REMOVE_ADDR {@code sender} sends for {@code ids}: RFC 8684's, unauthenticated, unless the design tags it. */
    default MptcpOption removeAddr(ConnKeys sender, java.util.List<Integer> ids) {
        return new MptcpOption.RemoveAddr(ids);
    }

    /** The receiver's check of a REMOVE_ADDR (RFC 8684: none). */
    default boolean removeAddrOk(ConnKeys receiver, MptcpOption.RemoveAddr option) {
        return true;
    }

    /** The MP_PRIO {@code sender} sends (RFC 8684's 3-octet form unless the design tags it). */
    default MptcpOption mpPrio(ConnKeys sender, boolean backup) {
        return new MptcpOption.MpPrio(backup, OptionalInt.empty());
    }

    /** The receiver's check of an MP_PRIO (RFC 8684: none). */
    default boolean mpPrioOk(ConnKeys receiver, MptcpOption.MpPrio option) {
        return true;
    }

    // ---- the attacker's derivations ------------------------------------------------------------

    /**
     * The Diffie-Hellman private values this side's state holds (key-agreement schemes): what the
     * key control of such a scheme hands the attacker, as the external key is handed for the others.
     */
    default Set<Bytes> privateValues(ConnKeys keys) {
        return Set.of();
    }

    /**
     * Whether this side holds the keys its ADD_ADDR and MP_FASTCLOSE authenticators need (false
     * only for a scheme whose keys come from a key agreement that has not completed).
     */
    default boolean hasAuthenticationKeys(ConnKeys keys) {
        return true;
    }

    /**
     * Whether this side's joins on the connection {@code keys} describes are authenticated from the
     * external key (DowngradeResistance): the key mode its signal negotiated, or, for a scheme
     * that signals nothing, the key its application (or host, {@code host}) configured. False means
     * they rest on what the handshake sent in clear.
     */
    default boolean externalKeyInUse(ConnKeys keys, HostKeys host) {
        return keys.extMode();
    }

    /** The connection state this side starts with, plus the option it sends. */
    record Hello(Optional<MptcpOption> option, ConnKeys keys) {}
}
