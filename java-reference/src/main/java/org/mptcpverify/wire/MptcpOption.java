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

    int subtype();

    default byte[] encode() {
        return OptionCodec.encode(this);
    }

    /** RFC 6824 / RFC 8684 MP_CAPABLE with 64-bit keys (lengths 4, 12, 20, 22, 24). */
    record MpCapable(int version, int flags, OptionalLong senderKey, OptionalLong receiverKey,
                     OptionalInt dataLevelLength, OptionalInt checksum) implements MptcpOption {
        public int subtype() { return SUBTYPE_MP_CAPABLE; }
    }

    /**
     * MP_CAPABLE of the external-key designs, carrying 32-bit tokens instead of keys:
     * draft-baerts (flag E: SYN 4, SYN/ACK 8 = sender token, third ACK 12 = both tokens) and
     * bound-key (flag G: SYN 4, SYN/ACK 16 = sender token + confirm, third ACK 20 = both + confirm).
     */
    record MpCapableTokens(int version, int flags, OptionalInt senderToken, OptionalInt receiverToken,
                           OptionalLong confirm) implements MptcpOption {
        public int subtype() { return SUBTYPE_MP_CAPABLE; }
    }

    /** SYN + MP_JOIN (12 bytes). flags: low nibble (backup, K). */
    record MpJoinSyn(int flags, int addressId, int receiverToken, int senderRandom) implements MptcpOption {
        public int subtype() { return SUBTYPE_MP_JOIN; }
    }

    /** SYN/ACK + MP_JOIN (16 bytes): truncated HMAC-B and R-B. */
    record MpJoinSynAck(int flags, int addressId, long truncatedHmac, int senderRandom) implements MptcpOption {
        public int subtype() { return SUBTYPE_MP_JOIN; }
    }

    /** Third ACK + MP_JOIN (24 bytes): 160-bit HMAC-A. */
    record MpJoinAck(Bytes hmac) implements MptcpOption {
        public int subtype() { return SUBTYPE_MP_JOIN; }
    }

    /**
     * DSS (RFC 8684 3.3): flags F m M a A; data ACK (4 or 8 bytes) if A, mapping (data sequence
     * number 4 or 8 bytes, subflow sequence number, data-level length, optional checksum) if M.
     */
    record Dss(int flags, OptionalLong dataAck, OptionalLong dataSequence, OptionalLong subflowSequence,
               OptionalInt dataLevelLength, OptionalInt checksum) implements MptcpOption {
        public int subtype() { return SUBTYPE_DSS; }
    }

    /**
     * ADD_ADDR. version 0: flags nibble is IPVer, no HMAC. version 1: flags bit 0 echo (E),
     * bit 1 K (draft-baerts); HMAC present unless echo. Port optional.
     */
    record AddAddr(int version, int flags, int addressId, InetAddress address, OptionalInt port,
                   OptionalLong truncatedHmac) implements MptcpOption {
        public int subtype() { return SUBTYPE_ADD_ADDR; }
    }

    record RemoveAddr(List<Integer> addressIds) implements MptcpOption {
        public int subtype() { return SUBTYPE_REMOVE_ADDR; }
    }

    record MpPrio(boolean backup, OptionalInt addressId) implements MptcpOption {
        public int subtype() { return SUBTYPE_MP_PRIO; }
    }

    record MpFail(long dataSequence) implements MptcpOption {
        public int subtype() { return SUBTYPE_MP_FAIL; }
    }

    /** MP_FASTCLOSE: the receiver's key (RFC) or an authenticator (external-key schemes). */
    record MpFastClose(int flags, long value) implements MptcpOption {
        public int subtype() { return SUBTYPE_MP_FASTCLOSE; }
    }

    /** MP_TCPRST (RFC 8684 3.6): flags U V W T and a reason code. */
    record MpTcpRst(int flags, int reason) implements MptcpOption {
        public int subtype() { return SUBTYPE_MP_TCPRST; }
    }

    /** NEW_KEY (draft-baerts): K bit and the low-order 64 bits of an HMAC of the external key. */
    record NewKey(int flags, long hmac) implements MptcpOption {
        public int subtype() { return SUBTYPE_NEW_KEY; }
    }
}
