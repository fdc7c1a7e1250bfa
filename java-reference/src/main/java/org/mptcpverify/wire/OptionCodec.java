package org.mptcpverify.wire;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.mptcpverify.wire.DecodeResult.DecodeError;
import org.mptcpverify.wire.DecodeResult.Decoded;
import org.mptcpverify.wire.DecodeResult.Reason;
import org.mptcpverify.wire.MptcpOption.*;

/**
 * Encoding and decoding of MPTCP options (RFC 6824 v0, RFC 8684 v1, and the external-key layouts
 * of draft-baerts and bound-key).
 *
 * <p>Decoding is exact: every byte string that decodes has exactly one record and
 * {@code encode(decode(x)) == x}. To keep that true, reserved bits that no record field holds
 * must be zero (else {@link Reason#BAD_FIELD}), and a version-1 MP_CAPABLE with flag G (or E
 * without G) at a token-layout length decodes as {@link MpCapableTokens}.
 */
public final class OptionCodec {
    /** Maximum TCP options area (60-byte header minus the 20-byte fixed part). */
    public static final int MAX_OPTIONS_LENGTH = 40;

    private OptionCodec() {}

    /**
     * Decodes one MPTCP option starting at {@code offset}, reading at most {@code available}
     * bytes. Never throws for any input and never reads outside [offset, offset + available).
     */
    public static DecodeResult decode(byte[] buf, int offset, int available) {
        if (buf == null || offset < 0 || available < 0 || offset > buf.length
                || available > buf.length - offset) {
            return new DecodeError(offset, Reason.TRUNCATED, "window outside the buffer");
        }
        try {
            return new Parser(buf, offset, available).option();
        } catch (RuntimeException e) {
            // Safety net: a decoder bug must not crash the simulation; the fuzz test fails on it.
            return new DecodeError(offset, Reason.BAD_FIELD, "internal: " + e);
        }
    }

    public static DecodeResult decode(byte[] option) {
        return decode(option, 0, option == null ? 0 : option.length);
    }

    /** The whole option: kind, length, subtype and body. */
    public static byte[] encode(MptcpOption option) {
        Out o = new Out();
        if (option instanceof MpCapable m) {
            o.header(mpCapableLength(m), MptcpOption.SUBTYPE_MP_CAPABLE, m.version());
            o.u8(m.flags());
            m.senderKey().ifPresent(o::u64);
            m.receiverKey().ifPresent(o::u64);
            m.dataLevelLength().ifPresent(o::u16);
            m.checksum().ifPresent(o::u16);
        } else if (option instanceof MpCapableTokens t) {
            int len = 4 + (t.senderToken().isPresent() ? 4 : 0) + (t.receiverToken().isPresent() ? 4 : 0)
                    + (t.confirm().isPresent() ? 8 : 0);
            o.header(len, MptcpOption.SUBTYPE_MP_CAPABLE, t.version());
            o.u8(t.flags());
            t.senderToken().ifPresent(o::u32);
            t.receiverToken().ifPresent(o::u32);
            t.confirm().ifPresent(o::u64);
        } else if (option instanceof MpCapableShare c) {
            o.header(MpCapableShare.LENGTH, MptcpOption.SUBTYPE_MP_CAPABLE, c.version());
            o.u8(c.flags());
            o.u8(c.curve());
            o.bytes(c.share().toArray());
        } else if (option instanceof MpJoinSyn j) {
            o.header(12, MptcpOption.SUBTYPE_MP_JOIN, j.flags());
            o.u8(j.addressId());
            o.u32(j.receiverToken());
            o.u32(j.senderRandom());
        } else if (option instanceof MpJoinSynAck j) {
            o.header(16, MptcpOption.SUBTYPE_MP_JOIN, j.flags());
            o.u8(j.addressId());
            o.u64(j.truncatedHmac());
            o.u32(j.senderRandom());
        } else if (option instanceof MpJoinAck j) {
            o.header(24, MptcpOption.SUBTYPE_MP_JOIN, 0);
            o.u8(0);
            o.bytes(j.hmac().toArray());
        } else if (option instanceof Dss d) {
            o.header(dssLength(d.flags(), d.checksum().isPresent()), MptcpOption.SUBTYPE_DSS, 0);
            o.u8(d.flags());
            if (d.dataAck().isPresent()) {
                if ((d.flags() & Dss.F_ACK8) != 0) o.u64(d.dataAck().getAsLong());
                else o.u32((int) d.dataAck().getAsLong());
            }
            if (d.dataSequence().isPresent()) {
                if ((d.flags() & Dss.F_DSN8) != 0) o.u64(d.dataSequence().getAsLong());
                else o.u32((int) d.dataSequence().getAsLong());
                o.u32((int) d.subflowSequence().getAsLong());
                o.u16(d.dataLevelLength().getAsInt());
                d.checksum().ifPresent(o::u16);
            }
        } else if (option instanceof AddAddr a) {
            byte[] addr = a.address().getAddress();
            int len = 4 + addr.length + (a.port().isPresent() ? 2 : 0) + (a.truncatedHmac().isPresent() ? 8 : 0);
            o.header(len, MptcpOption.SUBTYPE_ADD_ADDR, a.flags());
            o.u8(a.addressId());
            o.bytes(addr);
            a.port().ifPresent(o::u16);
            a.truncatedHmac().ifPresent(o::u64);
        } else if (option instanceof RemoveAddr r) {
            o.header(3 + r.addressIds().size() + (r.tag().isPresent() ? 8 : 0), MptcpOption.SUBTYPE_REMOVE_ADDR,
                    r.tag().isPresent() ? MptcpOption.REMOVE_ADDR_FLAG_TAG : 0);
            r.addressIds().forEach(o::u8);
            r.tag().ifPresent(o::u64);
        } else if (option instanceof MpPrio p) {
            o.header((p.addressId().isPresent() ? 4 : 3) + (p.tag().isPresent() ? 8 : 0), MptcpOption.SUBTYPE_MP_PRIO,
                    p.backup() ? 1 : 0);
            p.addressId().ifPresent(o::u8);
            p.tag().ifPresent(o::u64);
        } else if (option instanceof MpFail f) {
            o.header(12, MptcpOption.SUBTYPE_MP_FAIL, 0);
            o.u8(0);
            o.u64(f.dataSequence());
        } else if (option instanceof MpFastClose f) {
            o.header(12, MptcpOption.SUBTYPE_MP_FASTCLOSE, f.flags());
            o.u8(0);
            o.u64(f.value());
        } else if (option instanceof MpTcpRst r) {
            o.header(4, MptcpOption.SUBTYPE_MP_TCPRST, r.flags());
            o.u8(r.reason());
        } else if (option instanceof KeyShare k) {
            o.header(KeyShare.LENGTH, MptcpOption.SUBTYPE_EXPERIMENTAL, k.flags());
            o.u8(0);
            o.bytes(k.share().toArray());
        } else if (option instanceof NewKey k) {
            o.header(12, MptcpOption.SUBTYPE_NEW_KEY, k.flags());
            o.u8(0);
            o.u64(k.hmac());
        } else {
            throw new IllegalArgumentException("unknown option type " + option);
        }
        return o.finish();
    }

    /** The encoded length of an MP_CAPABLE with keys. */
    static int mpCapableLength(MpCapable m) {
        return 4 + (m.senderKey().isPresent() ? 8 : 0) + (m.receiverKey().isPresent() ? 8 : 0)
                + (m.dataLevelLength().isPresent() ? 2 : 0) + (m.checksum().isPresent() ? 2 : 0);
    }

    private static int dssLength(int flags, boolean checksum) {
        int len = 4;
        if ((flags & Dss.F_ACK) != 0) len += (flags & Dss.F_ACK8) != 0 ? 8 : 4;
        if ((flags & Dss.F_MAPPING) != 0) len += ((flags & Dss.F_DSN8) != 0 ? 8 : 4) + 4 + 2 + (checksum ? 2 : 0);
        return len;
    }

    /**
     * Decodes a TCP options area: NOP (kind 1) and non-MPTCP kinds as {@link TcpSegment.TcpOption.Raw},
     * MPTCP options as {@link TcpSegment.TcpOption.Mptcp}. An MPTCP option that does not decode is
     * kept raw (a receiver ignores it). EOL (kind 0) ends the list; it and the padding after it
     * are not returned. A kind/length that does not fit the area is an error.
     */
    public static ParseResult<List<TcpSegment.TcpOption>> decodeTcpOptions(byte[] buf, int offset, int length) {
        if (buf == null || offset < 0 || length < 0 || offset > buf.length || length > buf.length - offset) {
            return new ParseResult.Error<>(offset, Reason.TRUNCATED, "options window outside the buffer");
        }
        List<TcpSegment.TcpOption> out = new ArrayList<>();
        int p = offset;
        int end = offset + length;
        while (p < end) {
            int kind = buf[p] & 0xff;
            if (kind == 0) break;
            if (kind == 1) {
                out.add(new TcpSegment.TcpOption.Raw(Bytes.of(buf, p, 1)));
                p++;
                continue;
            }
            if (p + 1 >= end) {
                return new ParseResult.Error<>(p, Reason.TRUNCATED, "option kind " + kind + " without length");
            }
            int len = buf[p + 1] & 0xff;
            if (len < 2) {
                return new ParseResult.Error<>(p + 1, Reason.BAD_LENGTH, "option kind " + kind + " length " + len);
            }
            if (len > end - p) {
                return new ParseResult.Error<>(p + 1, Reason.TRUNCATED,
                        "option kind " + kind + " length " + len + " exceeds the options area");
            }
            if (kind == MptcpOption.KIND && decode(buf, p, len) instanceof Decoded d && d.length() == len) {
                out.add(new TcpSegment.TcpOption.Mptcp(d.option()));
            } else {
                out.add(new TcpSegment.TcpOption.Raw(Bytes.of(buf, p, len)));
            }
            p += len;
        }
        return new ParseResult.Ok<>(List.copyOf(out));
    }

    /** The options area for these options, padded with EOL (zero bytes) to a multiple of 4. */
    public static byte[] encodeTcpOptions(List<TcpSegment.TcpOption> options) {
        Out o = new Out();
        for (TcpSegment.TcpOption opt : options) {
            if (opt instanceof TcpSegment.TcpOption.Mptcp m) o.bytes(encode(m.option()));
            else o.bytes(((TcpSegment.TcpOption.Raw) opt).bytes().toArray());
        }
        while (o.size() % 4 != 0) o.u8(0);
        if (o.size() > MAX_OPTIONS_LENGTH) {
            throw new IllegalArgumentException("TCP options need " + o.size() + " bytes, at most 40 fit");
        }
        return o.out.toByteArray();
    }

    /** Reads one option inside [off, off + avail); every read is checked against that window. */
    private static final class Parser {
        private final byte[] b;
        private final int off;
        private final int avail;
        private int len;

        Parser(byte[] b, int off, int avail) {
            this.b = b;
            this.off = off;
            this.avail = avail;
        }

        private int u8(int rel) {
            if (rel < 0 || rel >= len) throw new IllegalStateException("read outside option at +" + rel);
            return b[off + rel] & 0xff;
        }

        private int u16(int rel) {
            return (u8(rel) << 8) | u8(rel + 1);
        }

        private int u32(int rel) {
            return (u16(rel) << 16) | u16(rel + 2);
        }

        private long u64(int rel) {
            return ((long) u32(rel) << 32) | (u32(rel + 4) & 0xffff_ffffL);
        }

        private DecodeResult err(int rel, Reason r, String detail) {
            return new DecodeError(off + rel, r, detail);
        }

        private DecodeResult ok(MptcpOption o) {
            return new Decoded(o, len);
        }

        DecodeResult option() {
            if (avail < 1) return err(0, Reason.TRUNCATED, "no bytes");
            len = 1;
            int kind = u8(0);
            if (kind != MptcpOption.KIND) return err(0, Reason.NOT_MPTCP, "TCP option kind " + kind);
            if (avail < 2) return err(1, Reason.TRUNCATED, "no length byte");
            len = 2;
            int declared = u8(1);
            if (declared < 3) return err(1, Reason.BAD_LENGTH, "length " + declared + " < 3");
            if (declared > avail) {
                return err(1, Reason.TRUNCATED, "length " + declared + " but " + avail + " bytes available");
            }
            len = declared;
            int subtype = u8(2) >>> 4;
            int nibble = u8(2) & 0x0f;
            switch (subtype) {
                case MptcpOption.SUBTYPE_MP_CAPABLE: return mpCapable(nibble);
                case MptcpOption.SUBTYPE_MP_JOIN: return mpJoin(nibble);
                case MptcpOption.SUBTYPE_DSS: return dss(nibble);
                case MptcpOption.SUBTYPE_ADD_ADDR: return addAddr(nibble);
                case MptcpOption.SUBTYPE_REMOVE_ADDR: return removeAddr(nibble);
                case MptcpOption.SUBTYPE_MP_PRIO: return mpPrio(nibble);
                case MptcpOption.SUBTYPE_MP_FAIL:
                    if (len != 12) return badLength("MP_FAIL", "12");
                    if (nibble != 0 || u8(3) != 0) return err(2, Reason.BAD_FIELD, "MP_FAIL reserved bits set");
                    return ok(new MpFail(u64(4)));
                case MptcpOption.SUBTYPE_MP_FASTCLOSE:
                    if (len != 12) return badLength("MP_FASTCLOSE", "12");
                    if (u8(3) != 0) return err(3, Reason.BAD_FIELD, "MP_FASTCLOSE reserved byte set");
                    return ok(new MpFastClose(nibble, u64(4)));
                case MptcpOption.SUBTYPE_MP_TCPRST:
                    if (len != 4) return badLength("MP_TCPRST", "4");
                    return ok(new MpTcpRst(nibble, u8(3)));
                case MptcpOption.SUBTYPE_NEW_KEY:
                    if (len != 12) return badLength("NEW_KEY", "12");
                    if (u8(3) != 0) return err(3, Reason.BAD_FIELD, "NEW_KEY reserved byte set");
                    return ok(new NewKey(nibble, u64(4)));
                case MptcpOption.SUBTYPE_EXPERIMENTAL: {
                    if (len != KeyShare.LENGTH) return badLength("key share (subtype 0xf)", String.valueOf(KeyShare.LENGTH));
                    if (u8(3) != 0) return err(3, Reason.BAD_FIELD, "key share reserved byte set");
                    byte[] share = new byte[MpCapableShare.SHARE_BYTES];
                    for (int i = 0; i < share.length; i++) share[i] = (byte) u8(4 + i);
                    return ok(new KeyShare(nibble, Bytes.of(share)));
                }
                default:
                    return err(2, Reason.UNKNOWN_SUBTYPE, "subtype " + subtype);
            }
        }

        private DecodeResult badLength(String what, String allowed) {
            return err(1, Reason.BAD_LENGTH, what + " length " + len + ", expected " + allowed);
        }

        private DecodeResult mpCapable(int version) {
            if (version > 1) return err(2, Reason.BAD_VERSION, "MP_CAPABLE version " + version);
            if (len < 4) return badLength("MP_CAPABLE", "at least 4");
            int flags = u8(3);
            OptionalInt none = OptionalInt.empty();
            if (MpCapableTokens.isTokenLayout(version, flags, len)) {
                boolean bound = MpCapableTokens.bound(flags);
                OptionalInt sender = len > 4 ? OptionalInt.of(u32(4)) : none;
                OptionalInt receiver = (bound ? len == 20 : len == 12) ? OptionalInt.of(u32(8)) : none;
                OptionalLong confirm = bound && len > 4 ? OptionalLong.of(u64(len - 8)) : OptionalLong.empty();
                return ok(new MpCapableTokens(version, flags, sender, receiver, confirm));
            }
            if (version == 1 && len == MpCapableShare.LENGTH && (flags & MptcpOption.FLAG_E_EXTERNAL_KEY) != 0) {
                byte[] share = new byte[MpCapableShare.SHARE_BYTES];
                for (int i = 0; i < share.length; i++) share[i] = (byte) u8(5 + i);
                return ok(new MpCapableShare(version, flags, u8(4), Bytes.of(share)));
            }
            boolean lengthOk = version == 0 ? (len == 12 || len == 20)
                    : (len == 4 || len == 12 || len == 20 || len == 22 || len == 24);
            if (!lengthOk) return badLength("MP_CAPABLE v" + version, version == 0 ? "12, 20" : "4, 12, 20, 22, 24, 37 (E)");
            return ok(new MpCapable(version, flags,
                    len >= 12 ? OptionalLong.of(u64(4)) : OptionalLong.empty(),
                    len >= 20 ? OptionalLong.of(u64(12)) : OptionalLong.empty(),
                    len >= 22 ? OptionalInt.of(u16(20)) : none,
                    len >= 24 ? OptionalInt.of(u16(22)) : none));
        }

        private DecodeResult mpJoin(int flags) {
            switch (len) {
                case 12: return ok(new MpJoinSyn(flags, u8(3), u32(4), u32(8)));
                case 16: return ok(new MpJoinSynAck(flags, u8(3), u64(4), u32(12)));
                case 24: {
                    if (flags != 0 || u8(3) != 0) return err(2, Reason.BAD_FIELD, "MP_JOIN ACK reserved bits set");
                    byte[] h = new byte[20];
                    for (int i = 0; i < 20; i++) h[i] = (byte) u8(4 + i);
                    return ok(new MpJoinAck(Bytes.of(h)));
                }
                default: return badLength("MP_JOIN", "12, 16, 24");
            }
        }

        private DecodeResult dss(int nibble) {
            if (len < 4) return badLength("DSS", "at least 4");
            int flags = u8(3);
            if (nibble != 0 || (flags & 0xe0) != 0) return err(2, Reason.BAD_FIELD, "DSS reserved bits set");
            boolean mapping = (flags & Dss.F_MAPPING) != 0;
            boolean checksum;
            if (len == dssLength(flags, false)) checksum = false;
            else if (mapping && len == dssLength(flags, true)) checksum = true;
            else return badLength("DSS with flags 0x" + Integer.toHexString(flags),
                    dssLength(flags, false) + (mapping ? " or " + dssLength(flags, true) : ""));
            int p = 4;
            OptionalLong ack = OptionalLong.empty();
            if ((flags & Dss.F_ACK) != 0) {
                boolean wide = (flags & Dss.F_ACK8) != 0;
                ack = OptionalLong.of(wide ? u64(p) : u32(p) & 0xffff_ffffL);
                p += wide ? 8 : 4;
            }
            OptionalLong dsn = OptionalLong.empty(), ssn = OptionalLong.empty();
            OptionalInt dll = OptionalInt.empty(), sum = OptionalInt.empty();
            if (mapping) {
                boolean wide = (flags & Dss.F_DSN8) != 0;
                dsn = OptionalLong.of(wide ? u64(p) : u32(p) & 0xffff_ffffL);
                p += wide ? 8 : 4;
                ssn = OptionalLong.of(u32(p) & 0xffff_ffffL);
                dll = OptionalInt.of(u16(p + 4));
                if (checksum) sum = OptionalInt.of(u16(p + 6));
            }
            return ok(new Dss(flags, ack, dsn, ssn, dll, sum));
        }

        private DecodeResult addAddr(int flags) {
            boolean v4;
            boolean port;
            boolean hmac;
            switch (len) {
                case 8: v4 = true; port = false; hmac = false; break;
                case 10: v4 = true; port = true; hmac = false; break;
                case 16: v4 = true; port = false; hmac = true; break;
                case 18: v4 = true; port = true; hmac = true; break;
                case 20: v4 = false; port = false; hmac = false; break;
                case 22: v4 = false; port = true; hmac = false; break;
                case 28: v4 = false; port = false; hmac = true; break;
                case 30: v4 = false; port = true; hmac = true; break;
                default: return badLength("ADD_ADDR", "8, 10, 16, 18, 20, 22, 28, 30");
            }
            boolean echo = (flags & MptcpOption.ADD_ADDR_FLAG_ECHO) != 0;
            int version;
            if (hmac) {
                if (echo) return err(2, Reason.BAD_FIELD, "ADD_ADDR echo with an HMAC-length option");
                version = 1;
            } else if (echo) {
                version = 1;
            } else {
                // Without HMAC and without echo only v0 fits; its nibble is IPVer.
                if (flags != (v4 ? 4 : 6)) {
                    return err(2, Reason.BAD_FIELD, "ADD_ADDR v0 IPVer " + flags + " for a "
                            + (v4 ? "4" : "16") + "-byte address");
                }
                version = 0;
            }
            int alen = v4 ? 4 : 16;
            byte[] a = new byte[alen];
            for (int i = 0; i < alen; i++) a[i] = (byte) u8(4 + i);
            int p = 4 + alen;
            OptionalInt portValue = port ? OptionalInt.of(u16(p)) : OptionalInt.empty();
            if (port) p += 2;
            OptionalLong h = hmac ? OptionalLong.of(u64(p)) : OptionalLong.empty();
            return ok(new AddAddr(version, flags, u8(3), address(a), portValue, h));
        }

        private DecodeResult removeAddr(int nibble) {
            boolean tagged = (nibble & MptcpOption.REMOVE_ADDR_FLAG_TAG) != 0;
            if (len < (tagged ? 12 : 4)) return badLength("REMOVE_ADDR", tagged ? "at least 12 (tagged)" : "at least 4");
            if ((nibble & ~MptcpOption.REMOVE_ADDR_FLAG_TAG) != 0) return err(2, Reason.BAD_FIELD, "REMOVE_ADDR reserved bits set");
            int idsEnd = tagged ? len - 8 : len;
            List<Integer> ids = new ArrayList<>();
            for (int i = 3; i < idsEnd; i++) ids.add(u8(i));
            return ok(new RemoveAddr(ids, tagged ? OptionalLong.of(u64(idsEnd)) : OptionalLong.empty()));
        }

        private DecodeResult mpPrio(int nibble) {
            if (len != 3 && len != 4 && len != 11 && len != 12) return badLength("MP_PRIO", "3, 4, 11, 12");
            if ((nibble & 0x0e) != 0) return err(2, Reason.BAD_FIELD, "MP_PRIO reserved bits set");
            boolean id = len == 4 || len == 12;
            return ok(new MpPrio((nibble & 1) != 0, id ? OptionalInt.of(u8(3)) : OptionalInt.empty(),
                    len >= 11 ? OptionalLong.of(u64(id ? 4 : 3)) : OptionalLong.empty()));
        }
    }

    /**
     * An address from raw bytes without any name lookup. 16-byte addresses stay IPv6 even when
     * IPv4-mapped (InetAddress.getByAddress would turn those into IPv4 and break round trips).
     */
    public static InetAddress address(byte[] raw) {
        try {
            if (raw.length == 16) return Inet6Address.getByAddress(null, raw, -1);
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + raw.length + " bytes", e);
        }
    }

    /** A growable big-endian byte sink. */
    static final class Out {
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        private int lengthAt = -1;

        void header(int length, int subtype, int nibble) {
            u8(MptcpOption.KIND);
            lengthAt = out.size();
            u8(length);
            u8((subtype << 4) | nibble);
        }

        void u8(int v) { out.write(v & 0xff); }

        void u16(int v) { u8(v >>> 8); u8(v); }

        void u32(int v) { u16(v >>> 16); u16(v); }

        void u64(long v) { u32((int) (v >>> 32)); u32((int) v); }

        void bytes(byte[] b) { out.write(b, 0, b.length); }

        int size() { return out.size(); }

        byte[] finish() {
            byte[] r = out.toByteArray();
            if (lengthAt >= 0 && (r[lengthAt] & 0xff) != r.length) {
                throw new IllegalStateException("encoded " + r.length + " bytes, header says " + (r[lengthAt] & 0xff));
            }
            return r;
        }
    }
}
