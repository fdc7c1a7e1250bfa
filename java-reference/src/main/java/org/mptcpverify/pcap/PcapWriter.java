package org.mptcpverify.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mptcpverify.io.AtomicWrite;

/**
 * Writes classic pcap files (little-endian, microsecond timestamps) of raw IP packets (link type
 * 101). Output depends only on the arguments: the caller gives every timestamp. The file appears
 * atomically: bytes go to a temporary file in the same directory which is then moved over the
 * target.
 */
public final class PcapWriter {
    /** Snap length written in the header; every packet we write fits. */
    public static final int SNAP_LEN = 262_144;

    private PcapWriter() {}

    /** One packet and its capture time in microseconds since the epoch. */
    public record TimedPacket(long timestampMicros, byte[] ip) {
        public TimedPacket {
            if (timestampMicros < 0) {
                throw new IllegalArgumentException("negative timestamp " + timestampMicros);
            }
            if (ip.length > SNAP_LEN) {
                throw new IllegalArgumentException("packet of " + ip.length + " bytes exceeds " + SNAP_LEN);
            }
            ip = ip.clone();
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

    /** Writes packets with the given timestamps, in list order. */
    public static void writeRawIp(Path file, List<TimedPacket> packets) throws IOException {
        AtomicWrite.write(file, toBytes(packets));
    }

    /** The exact bytes {@link #writeRawIp(Path, List)} writes. */
    public static byte[] toBytes(List<TimedPacket> packets) {
        int size = 24;
        for (TimedPacket p : packets) {
            size += 16 + p.ip.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xA1B2C3D4); // written little-endian: the reader sees d4 c3 b2 a1
        b.putShort((short) 2).putShort((short) 4);
        b.putInt(0).putInt(0); // thiszone, sigfigs
        b.putInt(SNAP_LEN);
        b.putInt(LinkType.RAW.code());
        for (TimedPacket p : packets) {
            b.putInt((int) (p.timestampMicros / 1_000_000L));
            b.putInt((int) (p.timestampMicros % 1_000_000L));
            b.putInt(p.ip.length).putInt(p.ip.length);
            b.put(p.ip);
        }
        return b.array();
    }
}
