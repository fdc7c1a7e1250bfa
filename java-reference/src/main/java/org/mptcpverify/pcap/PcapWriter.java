package org.mptcpverify.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mptcpverify.io.AtomicWrite;

/**
 * Writes pcapng files (one little-endian section, one raw-IP interface, link type 101,
 * microsecond timestamps) with an optional comment per packet ({@code opt_comment}, shown by
 * Wireshark as the packet comment, {@code frame.comment} in tshark). pcapng rather than classic
 * pcap because only pcapng has per-packet comments, which is how the captures the project writes
 * mark attacker-originated segments ({@link AttackerMark}).
 *
 * <p>Output depends only on the arguments: the caller gives every timestamp, and the section
 * header carries no options (no host name, OS or time of writing). The file appears atomically.
 */
public final class PcapWriter {
    /** Snap length written in the interface description; every packet we write fits. */
    public static final int SNAP_LEN = 262_144;

    private static final int BLOCK_SHB = 0x0A0D0D0A;
    private static final int BLOCK_IDB = 1;
    private static final int BLOCK_EPB = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int OPT_COMMENT = 1;
    /** An option's value length is 16 bits. */
    static final int MAX_COMMENT_BYTES = 0xFFFF;

    private PcapWriter() {}

    /**
     * One packet, its capture time in microseconds since the epoch, and its comment (empty: none;
     * UTF-8, no NUL, at most {@value #MAX_COMMENT_BYTES} bytes).
     */
    public record TimedPacket(long timestampMicros, byte[] ip, String comment) {
        public TimedPacket {
            if (timestampMicros < 0) {
                throw new IllegalArgumentException("negative timestamp " + timestampMicros);
            }
            if (ip.length > SNAP_LEN) {
                throw new IllegalArgumentException("packet of " + ip.length + " bytes exceeds " + SNAP_LEN);
            }
            if (comment.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a packet comment cannot hold NUL");
            }
            if (comment.getBytes(StandardCharsets.UTF_8).length > MAX_COMMENT_BYTES) {
                throw new IllegalArgumentException("packet comment longer than " + MAX_COMMENT_BYTES + " bytes");
            }
            ip = ip.clone();
        }

        public TimedPacket(long timestampMicros, byte[] ip) {
            this(timestampMicros, ip, "");
        }

        @Override
        public byte[] ip() {
            return ip.clone();
        }
    }

    /**
     * Writes {@code packets} to {@code file}; packet i gets timestamp
     * {@code firstMicros + i * stepMicros}.
     */
    public static void writeRawIp(Path file, List<byte[]> packets, long firstMicros, long stepMicros)
            throws IOException {
        List<TimedPacket> timed = new ArrayList<>(packets.size());
        for (int i = 0; i < packets.size(); i++) {
            timed.add(new TimedPacket(firstMicros + i * stepMicros, packets.get(i)));
        }
        writeRawIp(file, timed);
    }

    /** Writes packets with the given timestamps and comments, in list order. */
    public static void writeRawIp(Path file, List<TimedPacket> packets) throws IOException {
        AtomicWrite.write(file, toBytes(packets));
    }

    /** The exact bytes {@link #writeRawIp(Path, List)} writes. */
    public static byte[] toBytes(List<TimedPacket> packets) {
        int size = 28 + 20;
        for (TimedPacket p : packets) {
            size += epbLength(p);
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        // Section header: byte-order magic, version 1.0, section length unknown (-1), no options.
        b.putInt(BLOCK_SHB).putInt(28).putInt(BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0)
                .putLong(-1L).putInt(28);
        // Interface 0: raw IP; no if_tsresol option, so the default resolution (microseconds) holds.
        b.putInt(BLOCK_IDB).putInt(20).putShort((short) LinkType.RAW.code()).putShort((short) 0)
                .putInt(SNAP_LEN).putInt(20);
        for (TimedPacket p : packets) {
            int len = epbLength(p);
            b.putInt(BLOCK_EPB).putInt(len).putInt(0);
            b.putInt((int) (p.timestampMicros >>> 32)).putInt((int) p.timestampMicros);
            b.putInt(p.ip.length).putInt(p.ip.length);
            b.put(p.ip).put(new byte[pad(p.ip.length)]);
            byte[] comment = p.comment.getBytes(StandardCharsets.UTF_8);
            if (comment.length > 0) {
                b.putShort((short) OPT_COMMENT).putShort((short) comment.length);
                b.put(comment).put(new byte[pad(comment.length)]);
                b.putInt(0); // opt_endofopt
            }
            b.putInt(len);
        }
        return b.array();
    }

    private static int epbLength(TimedPacket p) {
        int len = 32 + p.ip.length + pad(p.ip.length);
        int comment = p.comment.getBytes(StandardCharsets.UTF_8).length;
        if (comment > 0) {
            len += 4 + comment + pad(comment) + 4;
        }
        return len;
    }

    private static int pad(int n) {
        return (4 - n % 4) % 4;
    }
}
