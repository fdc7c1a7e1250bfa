package org.mptcpverify.pcap;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads classic pcap (both byte orders, microsecond and nanosecond timestamps) and pcapng
 * (sections of either byte order; Interface Description, Enhanced, Simple and obsolete Packet
 * blocks; every other block skipped) and returns the IP packets inside, in file order, with the
 * packet comments ({@code opt_comment}) of Enhanced and obsolete Packet blocks.
 *
 * <p>Frames of the supported link types ({@link LinkType}) that do not carry IPv4/IPv6 are
 * skipped but still counted in the frame index. Anything malformed raises a
 * {@link PcapFormatException} with the byte offset of the structure at fault; no input makes this
 * class throw an unchecked exception.
 */
public final class PcapReader {
    /** Frames larger than this are treated as corruption rather than allocated. */
    static final long MAX_FRAME = 16L * 1024 * 1024;

    private static final long PCAP_MICRO = 0xA1B2C3D4L;
    private static final long PCAP_MICRO_SWAPPED = 0xD4C3B2A1L;
    private static final long PCAP_NANO = 0xA1B23C4DL;
    private static final long PCAP_NANO_SWAPPED = 0x4D3CB2A1L;
    private static final long PCAPNG_SHB = 0x0A0D0D0AL;
    private static final long PCAPNG_BOM = 0x1A2B3C4DL;
    private static final long PCAPNG_BOM_SWAPPED = 0x4D3C2B1AL;

    private static final int BLOCK_IDB = 1;
    private static final int BLOCK_PB_OBSOLETE = 2;
    private static final int BLOCK_SPB = 3;
    private static final int BLOCK_EPB = 6;
    private static final int OPT_END = 0;
    private static final int OPT_COMMENT = 1;
    private static final int OPT_IF_TSRESOL = 9;
    private static final int OPT_IF_TSOFFSET = 14;

    private PcapReader() {}

    /**
     * The IP packets of a capture, and what was not read: one line per pcapng interface whose
     * link type is not unwrapped (its frames are skipped, still counted in the frame index).
     */
    public record Capture(List<CapturedPacket> packets, List<String> skipped) {
        public Capture {
            packets = List.copyOf(packets);
            skipped = List.copyOf(skipped);
        }
    }

    /** Reads every IP packet of {@code file}. */
    public static List<CapturedPacket> read(Path file) throws IOException, PcapFormatException {
        return read(file, Files.readAllBytes(file));
    }

    /** Parses {@code data} as the contents of a capture file called {@code file} (for messages). */
    public static List<CapturedPacket> read(Path file, byte[] data) throws PcapFormatException {
        return read(file, data, null);
    }

    /**
     * As {@link #read(Path)}, but a pcapng interface of a link type not unwrapped does not refuse
     * the file: its frames are skipped and named in {@link Capture#skipped()} (a capture of
     * several interfaces, one of them Wi-Fi or Bluetooth, still shows the MPTCP traffic of the
     * others). A classic pcap has one link type: an unsupported one is still an error.
     */
    public static Capture readCapture(Path file) throws IOException, PcapFormatException {
        return readCapture(file, Files.readAllBytes(file));
    }

    public static Capture readCapture(Path file, byte[] data) throws PcapFormatException {
        java.util.Map<String, long[]> skipped = new java.util.LinkedHashMap<>();
        List<CapturedPacket> packets = read(file, data, skipped);
        List<String> lines = new ArrayList<>();
        skipped.forEach((what, n) -> lines.add(n[0] + " frame(s) " + what + " not read (first: frame " + n[1] + ")"));
        return new Capture(packets, lines);
    }

    /** {@code skipped}: null to refuse an unsupported pcapng link type, else per interface {count, first frame}. */
    private static List<CapturedPacket> read(Path file, byte[] data, java.util.Map<String, long[]> skipped)
            throws PcapFormatException {
        ByteCursor c = new ByteCursor(file, data);
        if (data.length < 4) {
            throw c.error(0, "not a pcap or pcapng file (only " + data.length + " bytes)");
        }
        long magic = c.u32be(0);
        if (magic == PCAPNG_SHB) {
            return readPcapng(c, skipped);
        }
        if (magic == PCAP_MICRO || magic == PCAP_MICRO_SWAPPED
                || magic == PCAP_NANO || magic == PCAP_NANO_SWAPPED) {
            return readClassic(c, magic);
        }
        throw c.error(0, String.format("not a pcap or pcapng file (magic 0x%08x)", magic));
    }

    // ---------------------------------------------------------------- classic pcap

    private static List<CapturedPacket> readClassic(ByteCursor c, long magic) throws PcapFormatException {
        c.bigEndian(magic == PCAP_MICRO || magic == PCAP_NANO);
        boolean nano = magic == PCAP_NANO || magic == PCAP_NANO_SWAPPED;
        c.require(0, 24, "pcap file header");
        int major = c.u16(4);
        if (major != 2) {
            throw c.error(4, "unsupported pcap version " + major + "." + c.u16(6));
        }
        // Low 16 bits: link type; the upper bits may carry the FCS length (ignored).
        int linkCode = (int) (c.u32(20) & 0xFFFF);
        Optional<LinkType> link = LinkType.of(linkCode);
        List<CapturedPacket> out = new ArrayList<>();
        int at = 24;
        long frame = 0;
        while (at < c.size()) {
            c.require(at, 16, "packet record header");
            frame++;
            long sec = c.u32(at);
            long frac = c.u32(at + 4);
            long incl = c.u32(at + 8);
            long orig = c.u32(at + 12);
            if (incl > MAX_FRAME) {
                throw c.error(at + 8, "corrupt packet record: captured length " + incl);
            }
            c.require(at + 16L, incl, "packet data of frame " + frame);
            LinkType type = link.orElseThrow(() -> c.error(20, unsupportedLink(linkCode)));
            long nanos = sec * 1_000_000_000L + (nano ? frac : frac * 1000L);
            addIp(out, type, c.data(), at + 16, (int) incl, orig > incl, frame, nanos, List.of());
            at += 16 + (int) incl;
        }
        return out;
    }

    // ---------------------------------------------------------------- pcapng

    private record Interface(LinkType link, int linkCode, long snapLen, long unitsPerSecond,
                             boolean binaryResolution, int resolutionExponent, long offsetSeconds) {}

    private static List<CapturedPacket> readPcapng(ByteCursor c, java.util.Map<String, long[]> skipped)
            throws PcapFormatException {
        List<CapturedPacket> out = new ArrayList<>();
        List<Interface> interfaces = new ArrayList<>();
        int at = 0;
        long frame = 0;
        while (at < c.size()) {
            c.require(at, 8, "pcapng block header");
            long type = c.u32be(at) == PCAPNG_SHB ? PCAPNG_SHB : c.u32(at);
            if (type == PCAPNG_SHB) {
                c.require(at, 12, "section header block");
                long bom = c.u32be(at + 8);
                if (bom == PCAPNG_BOM) {
                    c.bigEndian(true);
                } else if (bom == PCAPNG_BOM_SWAPPED) {
                    c.bigEndian(false);
                } else {
                    throw c.error(at + 8, String.format("corrupt section header: byte-order magic 0x%08x", bom));
                }
                interfaces.clear(); // interface ids are per section
            }
            long len = c.u32(at + 4);
            if (len < 12 || len % 4 != 0 || len > MAX_FRAME + 64) {
                throw c.error(at + 4, "corrupt pcapng block: total length " + len);
            }
            c.require(at, len, "pcapng block of type " + type);
            int end = at + (int) len;
            if (c.u32(end - 4) != len) {
                throw c.error(end - 4, "corrupt pcapng block: trailing length " + c.u32(end - 4)
                        + " differs from leading length " + len);
            }
            if (type == PCAPNG_SHB) {
                c.require(at, 28, "section header block");
                int major = c.u16(at + 12);
                if (major != 1) {
                    throw c.error(at + 12, "unsupported pcapng version " + major + "." + c.u16(at + 14));
                }
            } else if (type == BLOCK_IDB) {
                interfaces.add(readInterface(c, at, end));
            } else if (type == BLOCK_EPB || type == BLOCK_PB_OBSOLETE) {
                frame++;
                if (end - at < 32) {
                    throw c.error(at, "corrupt packet block: length " + len);
                }
                long ifId = type == BLOCK_EPB ? c.u32(at + 8) : c.u16(at + 8); // unsigned: no negative ids in messages
                Interface itf = iface(c, interfaces, ifId, at);
                long ts = (c.u32(at + 12) << 32) | c.u32(at + 16);
                long capLen = c.u32(at + 20);
                long origLen = c.u32(at + 24);
                if (capLen > end - 4 - (at + 28)) {
                    throw c.error(at + 20, "corrupt packet block: captured length " + capLen
                            + " exceeds the block");
                }
                List<String> comments = comments(c, at + 28 + padded(capLen), end - 4);
                if (skip(skipped, itf, ifId, frame)) {
                    at = end;
                    continue;
                }
                addIp(out, link(c, itf, at), c.data(), at + 28, (int) capLen, origLen > capLen, frame,
                        toNanos(itf, ts), comments);
            } else if (type == BLOCK_SPB) {
                frame++;
                if (end - at < 16) {
                    throw c.error(at, "corrupt simple packet block: length " + len);
                }
                Interface itf = iface(c, interfaces, 0, at);
                long origLen = c.u32(at + 8);
                long capLen = Math.min(origLen, end - 4 - (at + 12));
                if (itf.snapLen() > 0) {
                    capLen = Math.min(capLen, itf.snapLen());
                }
                if (skip(skipped, itf, 0, frame)) {
                    at = end;
                    continue;
                }
                // Simple packet blocks carry no timestamp.
                addIp(out, link(c, itf, at), c.data(), at + 12, (int) capLen, origLen > capLen, frame, 0L,
                        List.of());
            }
            at = end;
        }
        return out;
    }

    private static long padded(long n) {
        return (n + 3) & ~3L;
    }

    /**
     * The opt_comment values of a packet block's options area {@code [from, to)} (UTF-8, as
     * pcapng requires; a trailing NUL some writers add is dropped). A packet whose padded data
     * runs into the trailer has no options.
     */
    private static List<String> comments(ByteCursor c, long from, int to) throws PcapFormatException {
        List<String> out = new ArrayList<>();
        int o = (int) Math.min(from, to);
        while (o + 4 <= to) {
            int code = c.u16(o);
            int olen = c.u16(o + 2);
            if (code == OPT_END) {
                break;
            }
            if (o + 4 + padded(olen) > to) {
                throw c.error(o, "corrupt packet option " + code + ": length " + olen + " exceeds the block");
            }
            if (code == OPT_COMMENT) {
                int n = olen;
                while (n > 0 && c.u8(o + 4 + n - 1) == 0) {
                    n--;
                }
                out.add(new String(c.data(), o + 4, n, StandardCharsets.UTF_8));
            }
            o += 4 + (int) padded(olen);
        }
        return out;
    }

    private static Interface iface(ByteCursor c, List<Interface> interfaces, long id, int at)
            throws PcapFormatException {
        if (id < 0 || id >= interfaces.size()) {
            throw c.error(at + 8, "corrupt packet block: interface " + id + " not described (have "
                    + interfaces.size() + ")");
        }
        return interfaces.get((int) id);
    }

    /** Whether a frame of an interface whose link type is not unwrapped is skipped (and counted). */
    private static boolean skip(java.util.Map<String, long[]> skipped, Interface itf, long ifId, long frame) {
        if (skipped == null || itf.link() != null) {
            return false;
        }
        long[] n = skipped.computeIfAbsent("of interface " + ifId + " (link type " + itf.linkCode()
                + ", which inspect does not unwrap)", k -> new long[] {0, frame});
        n[0]++;
        return true;
    }

    private static LinkType link(ByteCursor c, Interface itf, int at) throws PcapFormatException {
        if (itf.link() == null) {
            throw c.error(at, unsupportedLink(itf.linkCode()));
        }
        return itf.link();
    }

    private static Interface readInterface(ByteCursor c, int at, int end) throws PcapFormatException {
        if (end - at < 20) {
            throw c.error(at, "corrupt interface description block: length " + (end - at));
        }
        int linkCode = c.u16(at + 8);
        long snap = c.u32(at + 12);
        boolean binary = false;
        int exponent = 6;
        long offsetSeconds = 0;
        int o = at + 16;
        int optEnd = end - 4;
        while (o + 4 <= optEnd) {
            int code = c.u16(o);
            int olen = c.u16(o + 2);
            if (code == OPT_END) {
                break;
            }
            int padded = (olen + 3) & ~3;
            if (o + 4 + padded > optEnd) {
                throw c.error(o, "corrupt interface option " + code + ": length " + olen + " exceeds the block");
            }
            if (code == OPT_IF_TSRESOL && olen >= 1) {
                int v = c.u8(o + 4);
                binary = (v & 0x80) != 0;
                exponent = v & 0x7f;
                if ((binary && exponent > 62) || (!binary && exponent > 18)) {
                    throw c.error(o + 4, "unsupported timestamp resolution 0x" + Integer.toHexString(v));
                }
            } else if (code == OPT_IF_TSOFFSET && olen >= 8) {
                // A signed 64-bit value in the section's byte order.
                offsetSeconds = c.bigEndian() ? (c.u32(o + 4) << 32) | c.u32(o + 8)
                        : (c.u32(o + 8) << 32) | c.u32(o + 4);
            }
            o += 4 + padded;
        }
        long units = binary ? 0 : pow10(exponent);
        return new Interface(LinkType.of(linkCode).orElse(null), linkCode, snap, units, binary, exponent,
                offsetSeconds);
    }

    private static long toNanos(Interface itf, long ts) {
        BigInteger n = new BigInteger(Long.toUnsignedString(ts)).multiply(BigInteger.valueOf(1_000_000_000L));
        n = itf.binaryResolution() ? n.shiftRight(itf.resolutionExponent())
                : n.divide(BigInteger.valueOf(itf.unitsPerSecond()));
        return n.longValue() + itf.offsetSeconds() * 1_000_000_000L;
    }

    private static long pow10(int e) {
        long v = 1;
        for (int i = 0; i < e; i++) {
            v *= 10;
        }
        return v;
    }

    private static String unsupportedLink(int code) {
        return "unsupported link type " + code + " (supported: BSD loopback 0 and 108, Ethernet 1,"
                + " raw IP 101/228/229, Linux cooked 113 and 276)";
    }

    // ---------------------------------------------------------------- common

    private static void addIp(List<CapturedPacket> out, LinkType type, byte[] data, int start, int capLen,
                              boolean cutByCapture, long frame, long nanos, List<String> comments) {
        int ip = LinkLayer.ipOffset(type, data, start, capLen);
        if (ip < 0) {
            return;
        }
        int available = start + capLen - ip;
        int declared = declaredIpLength(data, ip, available);
        // Trim link-layer padding (short Ethernet frames); flag packets the capture cut short.
        int keep = declared > 0 ? Math.min(declared, available) : available;
        boolean truncated = cutByCapture || (declared > 0 && declared > available);
        byte[] packet = new byte[keep];
        System.arraycopy(data, ip, packet, 0, keep);
        out.add(new CapturedPacket(frame, nanos, packet, truncated, comments));
    }

    /** Total length from the IP header, or 0 when it cannot be read (then keep what we have). */
    private static int declaredIpLength(byte[] d, int ip, int available) {
        int version = (d[ip] & 0xff) >>> 4;
        if (version == 4 && available >= 4) {
            return ((d[ip + 2] & 0xff) << 8) | (d[ip + 3] & 0xff);
        }
        if (version == 6 && available >= 6) {
            int payload = ((d[ip + 4] & 0xff) << 8) | (d[ip + 5] & 0xff);
            return payload == 0 ? 0 : 40 + payload; // 0: jumbogram, keep everything
        }
        return 0;
    }
}
