package org.mptcpverify.wire;

import java.net.InetAddress;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An MPTCP option (TCP option kind 30), one record per subtype and layout. Records are immutable
 * and validated on construction; {@link #encode()} gives the whole option including kind and
 * length, and {@link OptionCodec#decode} parses one.
 */
public sealed interface MptcpOption {
    int KIND = 30;

    int SUBTYPE_MP_CAPABLE = 0;
    int SUBTYPE_MP_JOIN = 1;
    int SUBTYPE_DSS = 2;
    int SUBTYPE_ADD_ADDR = 3;
    int SUBTYPE_REMOVE_ADDR = 4;
    int SUBTYPE_MP_PRIO = 5;
    int SUBTYPE_MP_FAIL = 6;
    int SUBTYPE_MP_FASTCLOSE = 7;
    int SUBTYPE_MP_TCPRST = 8;
    /** NEW_KEY, proposed by draft-baerts-tcpm-mptcpext-00 ("Subtype 0x9 is suggested"). */
    int SUBTYPE_NEW_KEY = 9;
    /** MP_EXPERIMENTAL (RFC 8684 7.3: 0xf, private use): our {@link KeyShare}. */
    int SUBTYPE_EXPERIMENTAL = 0xf;

    /** MP_CAPABLE flag bits (RFC 8684 3.1; E from draft-baerts, G our bound-key flag). */
    int FLAG_A_CHECKSUM = 0x80;
    int FLAG_B_EXTENSIBILITY = 0x40;
    int FLAG_C_NO_INITIAL_JOIN = 0x20;
    int FLAG_E_EXTERNAL_KEY = 0x08;
    int FLAG_G_BOUND_KEY = 0x02;
    int FLAG_H_HMAC = 0x01;

    /** MP_JOIN / ADD_ADDR / MP_FASTCLOSE / NEW_KEY key-identifier bit (draft-baerts K). */
    int FLAG_K_KEY_ID = 0x02;
    int JOIN_FLAG_BACKUP = 0x01;
    int ADD_ADDR_FLAG_ECHO = 0x01;
    /** REMOVE_ADDR's reserved nibble, low bit: a 64-bit tag follows the ids (our layout for mptls / mptcpsec). */
    int REMOVE_ADDR_FLAG_TAG = 0x01;

    int subtype();

    default byte[] encode() {
        return OptionCodec.encode(this);
    }

    /**
     * RFC 6824 / RFC 8684 MP_CAPABLE with 64-bit keys. Version 0: lengths 12 (sender key) and 20
     * (both keys). Version 1: 4 (no key), 12, 20, 22 (+ data-level length), 24 (+ checksum).
     * A version-1 option whose flags and length match a {@link MpCapableTokens} layout (E or G
     * set, length 4, or E: 8/12, G: 16/20) must be built as MpCapableTokens, so every byte
     * string has exactly one record; this constructor rejects it.
     */
    record MpCapable(int version, int flags, OptionalLong senderKey, OptionalLong receiverKey,
                     OptionalInt dataLevelLength, OptionalInt checksum) implements MptcpOption {
        public MpCapable {
            Check.range("version", version, 0, 1);
            Check.u8("flags", flags);
            Check.present("senderKey", senderKey.isPresent(), "receiverKey", receiverKey.isPresent());
            Check.present("receiverKey", receiverKey.isPresent(), "dataLevelLength", dataLevelLength.isPresent());
            Check.present("dataLevelLength", dataLevelLength.isPresent(), "checksum", checksum.isPresent());
            dataLevelLength.ifPresent(v -> Check.u16("dataLevelLength", v));
            checksum.ifPresent(v -> Check.u16("checksum", v));
            if (version == 0 && (senderKey.isEmpty() || dataLevelLength.isPresent())) {
                throw new IllegalArgumentException("MP_CAPABLE v0 has length 12 or 20 only");
            }
            if (MpCapableTokens.isTokenLayout(version, flags, 4 + (senderKey.isPresent() ? 8 : 0)
                    + (receiverKey.isPresent() ? 8 : 0) + (dataLevelLength.isPresent() ? 2 : 0)
                    + (checksum.isPresent() ? 2 : 0))) {
                throw new IllegalArgumentException("flags 0x" + Integer.toHexString(flags)
                        + " with this length is an MpCapableTokens layout");
            }
        }

        /** v1 SYN: no key. */
        public static MpCapable syn(int version, int flags) {
            return new MpCapable(version, flags, OptionalLong.empty(), OptionalLong.empty(),
                    OptionalInt.empty(), OptionalInt.empty());
        }

        /** v0 SYN, v0/v1 SYN/ACK: the sender's key. */
        public static MpCapable withKey(int version, int flags, long senderKey) {
            return new MpCapable(version, flags, OptionalLong.of(senderKey), OptionalLong.empty(),
                    OptionalInt.empty(), OptionalInt.empty());
        }

        /** Third ACK: sender's and receiver's keys. */
        public static MpCapable withKeys(int version, int flags, long senderKey, long receiverKey) {
            return new MpCapable(version, flags, OptionalLong.of(senderKey), OptionalLong.of(receiverKey),
                    OptionalInt.empty(), OptionalInt.empty());
        }

        public int subtype() { return SUBTYPE_MP_CAPABLE; }
    }

    /**
     * MP_CAPABLE of the external-key designs, carrying 32-bit tokens instead of keys:
     * draft-baerts (flag E: SYN 4, SYN/ACK 8 = sender token, third ACK 12 = both tokens) and
     * bound-key (flag G: SYN 4, SYN/ACK 16 = sender token + confirm, third ACK 20 = both + confirm).
     */
    record MpCapableTokens(int version, int flags, OptionalInt senderToken, OptionalInt receiverToken,
                           OptionalLong confirm) implements MptcpOption {
        public MpCapableTokens {
            Check.range("version", version, 1, 1);
            Check.u8("flags", flags);
            if ((flags & (FLAG_E_EXTERNAL_KEY | FLAG_G_BOUND_KEY)) == 0) {
                throw new IllegalArgumentException("MpCapableTokens needs flag E or G");
            }
            Check.present("senderToken", senderToken.isPresent(), "receiverToken", receiverToken.isPresent());
            if (bound(flags)) {
                if (confirm.isPresent() != senderToken.isPresent()) {
                    throw new IllegalArgumentException("flag G: confirm goes with the sender token");
                }
            } else if (confirm.isPresent()) {
                throw new IllegalArgumentException("flag E without G: no confirm");
            }
        }

        /** G takes precedence over E when both are set. */
        static boolean bound(int flags) {
            return (flags & FLAG_G_BOUND_KEY) != 0;
        }

        /** Whether a v1 MP_CAPABLE with these flags and length is decoded as MpCapableTokens. */
        public static boolean isTokenLayout(int version, int flags, int length) {
            if (version < 1) return false;
            if (bound(flags)) return length == 4 || length == 16 || length == 20;
            if ((flags & FLAG_E_EXTERNAL_KEY) != 0) return length == 4 || length == 8 || length == 12;
            return false;
        }

        public static MpCapableTokens syn(int flags) {
            return new MpCapableTokens(1, flags, OptionalInt.empty(), OptionalInt.empty(), OptionalLong.empty());
        }

        /** draft-baerts (flag E): SYN/ACK with the sender's token, or third ACK with both tokens. */
        public static MpCapableTokens external(int flags, int senderToken, OptionalInt receiverToken) {
            return new MpCapableTokens(1, flags, OptionalInt.of(senderToken), receiverToken, OptionalLong.empty());
        }

        /** bound-key (flag G): SYN/ACK (no receiver token) or third ACK, with the confirm value. */
        public static MpCapableTokens bound(int flags, int senderToken, OptionalInt receiverToken, long confirm) {
            return new MpCapableTokens(1, flags, OptionalInt.of(senderToken), receiverToken, OptionalLong.of(confirm));
        }

        public int subtype() { return SUBTYPE_MP_CAPABLE; }
    }

    /**
     * MP_CAPABLE carrying a Diffie-Hellman public value instead of a key or token: the layout of
     * Kim &amp; Choi (draft-kim-mptcp-semptcp-00 4.1: flags, one octet EC type, one coordinate),
     * read for X25519 (docs/schemes.md, ecdh): version 1, flag E, EC type {@link #CURVE_X25519},
     * the 32-byte u-coordinate; 37 bytes, the paper's per-message size for 256-bit curves.
     */
    record MpCapableShare(int version, int flags, int curve, Bytes share) implements MptcpOption {
        /** EC type of X25519: the paper's table stops at 8 (secp256r1); 9 is our reading's value. */
        public static final int CURVE_X25519 = 9;
        public static final int SHARE_BYTES = 32;
        public static final int LENGTH = 5 + SHARE_BYTES;

        public MpCapableShare {
            Check.range("version", version, 1, 1);
            Check.u8("flags", flags);
            Check.u8("curve", curve);
            if ((flags & FLAG_E_EXTERNAL_KEY) == 0) {
                throw new IllegalArgumentException("MpCapableShare needs flag E");
            }
            if (share.length() != SHARE_BYTES) {
                throw new IllegalArgumentException("share is " + SHARE_BYTES + " bytes, got " + share.length());
            }
        }

        public int subtype() { return SUBTYPE_MP_CAPABLE; }
    }

    /**
     * A Diffie-Hellman public value sent once the handshake is complete: the stand-in for the key
     * exchange that mptls runs in TLS (ClientHello / ServerHello key shares) in the byte stream,
     * which the reference does not carry (docs/schemes.md, mptls). Subtype 0xf (private use), a
     * reserved zero octet, the 32-byte X25519 public value: 36 bytes.
     */
    record KeyShare(int flags, Bytes share) implements MptcpOption {
        public static final int LENGTH = 4 + MpCapableShare.SHARE_BYTES;

        public KeyShare {
            Check.range("flags", flags, 0, 15);
            if (share.length() != MpCapableShare.SHARE_BYTES) {
                throw new IllegalArgumentException("share is " + MpCapableShare.SHARE_BYTES + " bytes, got " + share.length());
            }
        }

        public int subtype() { return SUBTYPE_EXPERIMENTAL; }
    }

    /** SYN + MP_JOIN (12 bytes). flags: low nibble (backup, K). */
    record MpJoinSyn(int flags, int addressId, int receiverToken, int senderRandom) implements MptcpOption {
        public MpJoinSyn {
            Check.range("flags", flags, 0, 15);
            Check.u8("addressId", addressId);
        }

        public int subtype() { return SUBTYPE_MP_JOIN; }
    }

    /** SYN/ACK + MP_JOIN (16 bytes): truncated HMAC-B and R-B. */
    record MpJoinSynAck(int flags, int addressId, long truncatedHmac, int senderRandom) implements MptcpOption {
        public MpJoinSynAck {
            Check.range("flags", flags, 0, 15);
            Check.u8("addressId", addressId);
        }

        public int subtype() { return SUBTYPE_MP_JOIN; }
    }

    /** Third ACK + MP_JOIN (24 bytes): 160-bit HMAC-A. The 12 reserved bits are zero. */
    record MpJoinAck(Bytes hmac) implements MptcpOption {
        public MpJoinAck {
            if (hmac.length() != 20) throw new IllegalArgumentException("MP_JOIN ACK HMAC is 20 bytes");
        }

        public int subtype() { return SUBTYPE_MP_JOIN; }
    }

    /**
     * DSS (RFC 8684 3.3): flags F m M a A; data ACK (4 or 8 bytes) if A, mapping (data sequence
     * number 4 or 8 bytes, subflow sequence number, data-level length, optional checksum) if M.
     */
    record Dss(int flags, OptionalLong dataAck, OptionalLong dataSequence, OptionalLong subflowSequence,
               OptionalInt dataLevelLength, OptionalInt checksum) implements MptcpOption {
        public static final int F_DATA_FIN = 0x10, F_DSN8 = 0x08, F_MAPPING = 0x04, F_ACK8 = 0x02, F_ACK = 0x01;

        public Dss {
            Check.range("flags", flags, 0, 0x1f);
            if (dataAck.isPresent() != ((flags & F_ACK) != 0)) {
                throw new IllegalArgumentException("data ACK present iff flag A");
            }
            if ((flags & F_ACK8) == 0) dataAck.ifPresent(v -> Check.u32("dataAck", v));
            boolean m = (flags & F_MAPPING) != 0;
            if (dataSequence.isPresent() != m || subflowSequence.isPresent() != m
                    || dataLevelLength.isPresent() != m || (checksum.isPresent() && !m)) {
                throw new IllegalArgumentException("mapping (DSN, SSN, length) present iff flag M");
            }
            if ((flags & F_DSN8) == 0) dataSequence.ifPresent(v -> Check.u32("dataSequence", v));
            subflowSequence.ifPresent(v -> Check.u32("subflowSequence", v));
            dataLevelLength.ifPresent(v -> Check.u16("dataLevelLength", v));
            checksum.ifPresent(v -> Check.u16("checksum", v));
        }

        /** A mapping with a 64-bit data sequence number and no data ACK. */
        public static Dss mapping(long dataSequence, long subflowSequence, int dataLevelLength,
                                  OptionalInt checksum) {
            return new Dss(F_MAPPING | F_DSN8, OptionalLong.empty(), OptionalLong.of(dataSequence),
                    OptionalLong.of(subflowSequence), OptionalInt.of(dataLevelLength), checksum);
        }

        /** The same DSS with the DATA_FIN flag set. */
        public Dss withDataFin() {
            return new Dss(flags | F_DATA_FIN, dataAck, dataSequence, subflowSequence, dataLevelLength, checksum);
        }

        /** A 64-bit data ACK only. */
        public static Dss ack(long dataAck) {
            return new Dss(F_ACK | F_ACK8, OptionalLong.of(dataAck), OptionalLong.empty(),
                    OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty());
        }

        public int subtype() { return SUBTYPE_DSS; }
    }

    /**
     * ADD_ADDR. version 0: flags nibble is IPVer, no HMAC. version 1: flags bit 0 echo (E),
     * bit 1 K (draft-baerts); HMAC present unless echo. Port optional.
     */
    record AddAddr(int version, int flags, int addressId, InetAddress address, OptionalInt port,
                   OptionalLong truncatedHmac) implements MptcpOption {
        public AddAddr {
            Check.range("version", version, 0, 1);
            Check.range("flags", flags, 0, 15);
            Check.u8("addressId", addressId);
            java.util.Objects.requireNonNull(address, "address");
            port.ifPresent(v -> Check.u16("port", v));
            int ipVer = address.getAddress().length == 4 ? 4 : 6;
            if (version == 0) {
                if (flags != ipVer) throw new IllegalArgumentException("ADD_ADDR v0 flags nibble is IPVer " + ipVer);
                if (truncatedHmac.isPresent()) throw new IllegalArgumentException("ADD_ADDR v0 has no HMAC");
            } else if (truncatedHmac.isPresent() == ((flags & ADD_ADDR_FLAG_ECHO) != 0)) {
                throw new IllegalArgumentException("ADD_ADDR v1 carries an HMAC iff it is not an echo");
            }
        }

        /** Whether the flags mark an echo (version 1 only). */
        public boolean echo() {
            return version == 1 && (flags & ADD_ADDR_FLAG_ECHO) != 0;
        }

        public int subtype() { return SUBTYPE_ADD_ADDR; }
    }

    /**
     * REMOVE_ADDR: the address ids, and for the designs that authenticate it (mptls, mptcpsec) a
     * 64-bit tag after them, announced by the {@link #REMOVE_ADDR_FLAG_TAG} bit of the otherwise
     * reserved nibble (docs/schemes.md, "Authenticated REMOVE_ADDR and MP_PRIO": the length
     * alone cannot tell one id and a tag from nine ids).
     */
    record RemoveAddr(List<Integer> addressIds, OptionalLong tag) implements MptcpOption {
        public RemoveAddr {
            addressIds = List.copyOf(addressIds);
            java.util.Objects.requireNonNull(tag, "tag");
            int max = tag.isPresent() ? 244 : 252;
            if (addressIds.isEmpty() || addressIds.size() > max) {
                throw new IllegalArgumentException("REMOVE_ADDR carries 1.." + max + " address ids");
            }
            addressIds.forEach(v -> Check.u8("addressId", v));
        }

        /** RFC 8684's REMOVE_ADDR, no tag. */
        public RemoveAddr(List<Integer> addressIds) {
            this(addressIds, OptionalLong.empty());
        }

        public int subtype() { return SUBTYPE_REMOVE_ADDR; }
    }

    /**
     * MP_PRIO: 3 bytes (RFC 8684) or 4 with an address id (RFC 6824); 8 more with a 64-bit tag
     * at the end (mptls, mptcpsec: lengths 11 and 12, told apart from the plain forms by length).
     */
    record MpPrio(boolean backup, OptionalInt addressId, OptionalLong tag) implements MptcpOption {
        public MpPrio {
            addressId.ifPresent(v -> Check.u8("addressId", v));
            java.util.Objects.requireNonNull(tag, "tag");
        }

        /** RFC 8684's (or RFC 6824's) MP_PRIO, no tag. */
        public MpPrio(boolean backup, OptionalInt addressId) {
            this(backup, addressId, OptionalLong.empty());
        }

        public int subtype() { return SUBTYPE_MP_PRIO; }
    }

    record MpFail(long dataSequence) implements MptcpOption {
        public int subtype() { return SUBTYPE_MP_FAIL; }
    }

    /** MP_FASTCLOSE: the receiver's key (RFC) or an authenticator (external-key schemes). */
    record MpFastClose(int flags, long value) implements MptcpOption {
        public MpFastClose {
            Check.range("flags", flags, 0, 15);
        }

        public int subtype() { return SUBTYPE_MP_FASTCLOSE; }
    }

    /** MP_TCPRST (RFC 8684 3.6): flags U V W T and a reason code. */
    record MpTcpRst(int flags, int reason) implements MptcpOption {
        public static final int U = 0x08, V = 0x04, W = 0x02, T = 0x01;
        /** The reason codes RFC 8684 3.6 assigns (0x00 to 0x06); any other byte is carried as it is. */
        public static final int UNSPECIFIED = 0, MPTCP_ERROR = 1, LACK_OF_RESOURCES = 2, ADMINISTRATIVELY_PROHIBITED = 3,
                TOO_MUCH_OUTSTANDING_DATA = 4, UNACCEPTABLE_PERFORMANCE = 5, MIDDLEBOX_INTERFERENCE = 6;
        private static final List<String> NAMES = List.of("unspecified error", "MPTCP-specific error",
                "lack of resources", "administratively prohibited", "too much outstanding data",
                "unacceptable performance", "middlebox interference");

        public MpTcpRst {
            Check.range("flags", flags, 0, 15);
            Check.u8("reason", reason);
        }

        public int subtype() { return SUBTYPE_MP_TCPRST; }

        /** RFC 8684 3.6's name of the reason, or "unassigned" for a code it does not define. */
        public String reasonName() {
            return reason < NAMES.size() ? NAMES.get(reason) : "unassigned";
        }
    }

    /** NEW_KEY (draft-baerts): K bit and the low-order 64 bits of an HMAC of the external key. */
    record NewKey(int flags, long hmac) implements MptcpOption {
        public NewKey {
            Check.range("flags", flags, 0, 15);
        }

        public int subtype() { return SUBTYPE_NEW_KEY; }
    }
}
