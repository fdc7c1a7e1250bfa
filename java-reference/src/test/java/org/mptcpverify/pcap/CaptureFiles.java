package org.mptcpverify.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds small capture files byte by byte for the reader tests, written from the format
 * specifications (tcpdump.org pcap and pcapng) independently of {@link PcapWriter}.
 */
final class CaptureFiles {
    private CaptureFiles() {}

    /** An IPv4 packet: 20-byte header, protocol 6, then {@code payload}; total length set. */
    static byte[] ipv4(int srcLastOctet, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length));
        b.putShort((short) 0x1234).putShort((short) 0x4000);
        b.put((byte) 64).put((byte) 6).putShort((short) 0);
        b.put(new byte[] {10, 0, 1, (byte) srcLastOctet}).put(new byte[] {10, 0, 1, 2});
        b.put(payload);
        return b.array();
    }

    /** An IPv6 packet: 40-byte header, next header 6, then {@code payload}. */
    static byte[] ipv6(byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
        b.putInt(0x60000000).putShort((short) payload.length).put((byte) 6).put((byte) 64);
        byte[] addr = new byte[16];
        addr[0] = (byte) 0xfd;
        addr[15] = 1;
        b.put(addr);
        addr[15] = 2;
        b.put(addr);
        b.put(payload);
        return b.array();
    }

    static byte[] ethernet(int etherType, byte[] body, int... vlanIds) {
        ByteBuffer b = ByteBuffer.allocate(14 + 4 * vlanIds.length + body.length);
        b.put(new byte[] {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2});
        for (int vlan : vlanIds) {
            b.putShort((short) 0x8100).putShort((short) vlan);
        }
        b.putShort((short) etherType).put(body);
        return b.array();
    }

    static byte[] sll(int protocol, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(16 + body.length);
        b.putShort((short) 0).putShort((short) 1).putShort((short) 6);
        b.put(new byte[] {2, 0, 0, 0, 0, 1, 0, 0});
        b.putShort((short) protocol).put(body);
        return b.array();
    }

    static byte[] sll2(int protocol, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(20 + body.length);
        b.putShort((short) protocol).putShort((short) 0).putInt(3).putShort((short) 1);
        b.put((byte) 4).put((byte) 6).put(new byte[] {2, 0, 0, 0, 0, 1, 0, 0});
        b.put(body);
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Classic pcap with the given order and resolution; frames carry (seconds, fraction). */
    static final class Classic {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteOrder order;

        Classic(ByteOrder order, boolean nano, int linkType) {
            this.order = order;
            ByteBuffer h = ByteBuffer.allocate(24).order(order);
            h.putInt(nano ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4);
            h.putInt(0).putInt(0).putInt(65535).putInt(linkType);
            out.writeBytes(h.array());
        }

        Classic frame(long sec, long frac, byte[] data) {
            return frame(sec, frac, data, data.length);
        }

        Classic frame(long sec, long frac, byte[] data, int origLen) {
            ByteBuffer h = ByteBuffer.allocate(16).order(order);
            h.putInt((int) sec).putInt((int) frac).putInt(data.length).putInt(origLen);
            out.writeBytes(h.array());
            out.writeBytes(data);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** pcapng: blocks appended in call order; every block padded and length-framed. */
    static final class Ng {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private ByteOrder order;

        Ng(ByteOrder order) {
            section(order);
        }

        Ng section(ByteOrder order) {
            this.order = order;
            ByteBuffer body = ByteBuffer.allocate(16).order(order);
            body.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
            return block(0x0A0D0D0A, body.array());
        }

        /** An IDB; {@code tsresol} < 0 means no if_tsresol option (microseconds). */
        Ng iface(int linkType, int tsresol) {
            ByteBuffer body = ByteBuffer.allocate(tsresol < 0 ? 8 : 20).order(order);
            body.putShort((short) linkType).putShort((short) 0).putInt(0);
            if (tsresol >= 0) {
                body.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
                body.putShort((short) 0).putShort((short) 0);
            }
            return block(1, body.array());
        }

        Ng epb(int ifId, long ts, byte[] data) {
            return epb(ifId, ts, data, data.length);
        }

        Ng epb(int ifId, long ts, byte[] data, int origLen) {
            ByteBuffer body = ByteBuffer.allocate(20 + pad(data.length)).order(order);
            body.putInt(ifId).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(data.length).putInt(origLen);
            body.put(data);
            return block(6, body.array());
        }

        /** An EPB whose options area holds {@code options} as (code, value) pairs, then opt_endofopt. */
        Ng epbWithOptions(int ifId, long ts, byte[] data, Object... codesAndValues) {
            ByteArrayOutputStream opts = new ByteArrayOutputStream();
            for (int i = 0; i < codesAndValues.length; i += 2) {
                byte[] v = (byte[]) codesAndValues[i + 1];
                ByteBuffer o = ByteBuffer.allocate(4 + pad(v.length)).order(order);
                o.putShort((short) (int) (Integer) codesAndValues[i]).putShort((short) v.length).put(v);
                opts.writeBytes(o.array());
            }
            opts.writeBytes(new byte[4]);
            byte[] optBytes = opts.toByteArray();
            ByteBuffer body = ByteBuffer.allocate(20 + pad(data.length) + optBytes.length).order(order);
            body.putInt(ifId).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(data.length).putInt(data.length);
            body.put(data);
            body.position(20 + pad(data.length));
            body.put(optBytes);
            return block(6, body.array());
        }

        Ng spb(byte[] data) {
            ByteBuffer body = ByteBuffer.allocate(4 + pad(data.length)).order(order);
            body.putInt(data.length).put(data);
            return block(3, body.array());
        }

        /** Any other block type, e.g. a name resolution (4) or statistics (5) block. */
        Ng other(int type, byte[] body) {
            return block(type, body);
        }

        Ng block(int type, byte[] body) {
            int len = 12 + pad(body.length);
            ByteBuffer b = ByteBuffer.allocate(len).order(order);
            b.putInt(type).putInt(len).put(body);
            b.position(len - 4);
            b.putInt(len);
            out.writeBytes(b.array());
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private static int pad(int n) {
            return (n + 3) & ~3;
        }
    }
}
