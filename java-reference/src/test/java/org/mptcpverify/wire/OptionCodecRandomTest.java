package org.mptcpverify.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mptcpverify.wire.DecodeResult.DecodeError;
import org.mptcpverify.wire.DecodeResult.Decoded;

/**
 * Seeded random tests (seed from -Dmptcp.seed, default 20261127, printed in every failure):
 * round trips of generated valid options, and decoding of arbitrary and mutated bytes.
 */
class OptionCodecRandomTest {
    static final long SEED = Long.getLong("mptcp.seed", 20261127L);
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void roundTripEveryRecordType() {
        Random r = new Random(SEED);
        OptionGen gen = new OptionGen(r);
        for (Class<? extends MptcpOption> type : OptionGen.TYPES) {
            Set<Integer> lengths = new HashSet<>();
            for (int i = 0; i < 2_000; i++) {
                MptcpOption o = gen.of(type);
                byte[] enc = OptionCodec.encode(o);
                String ctx = "seed=" + SEED + " type=" + type.getSimpleName() + " i=" + i + " option=" + o
                        + " bytes=" + HEX.formatHex(enc);
                assertEquals(30, enc[0] & 0xff, ctx);
                assertEquals(enc.length, enc[1] & 0xff, ctx);
                assertEquals(o.subtype(), (enc[2] & 0xff) >> 4, ctx);
                assertEquals(new Decoded(o, enc.length), OptionCodec.decode(enc), ctx);
                lengths.add(enc.length);
            }
            assertTrue(lengths.size() >= 1, type.getSimpleName());
        }
    }

    @Test
    void decodeNeverThrowsNorReadsOutsideItsWindow() {
        Random r = new Random(SEED ^ 0x5eed);
        OptionGen gen = new OptionGen(r);
        int decoded = 0;
        int n = 120_000;
        for (int i = 0; i < n; i++) {
            byte[] input = i % 2 == 0 ? arbitrary(r) : mutated(r, gen);
            String ctx = "seed=" + SEED + " i=" + i + " input=" + HEX.formatHex(input);
            // The same window embedded in two buffers with different surroundings, and alone:
            // any read outside [off, off + len) would change the result or throw.
            int off = r.nextInt(8);
            byte[] a = embed(input, off, r.nextInt(8), r, (byte) 0x1e);
            byte[] b = embed(input, off, r.nextInt(8), r, (byte) 0xff);
            DecodeResult ra;
            DecodeResult rb;
            DecodeResult rc;
            try {
                ra = OptionCodec.decode(a, off, input.length);
                rb = OptionCodec.decode(b, off, input.length);
                rc = OptionCodec.decode(input.clone());
            } catch (Throwable t) {
                throw new AssertionError("decode threw: " + ctx, t);
            }
            assertEquals(relative(rc, 0), relative(ra, off), ctx);
            assertEquals(relative(rc, 0), relative(rb, off), ctx);
            if (rc instanceof DecodeError e) {
                assertFalse(e.detail().startsWith("internal"), ctx + " -> " + e);
                assertTrue(e.offset() >= 0 && e.offset() <= Math.max(input.length, 1), ctx + " -> " + e);
            } else {
                Decoded d = (Decoded) rc;
                decoded++;
                assertTrue(d.length() <= input.length, ctx);
                // Exactness: the option re-encodes to exactly the bytes it came from.
                assertEquals(HEX.formatHex(input, 0, d.length()), HEX.formatHex(OptionCodec.encode(d.option())), ctx);
            }
        }
        // The mutated half must reach the successful path often, or the test proves little.
        assertTrue(decoded > n / 10, "only " + decoded + " of " + n + " inputs decoded (seed=" + SEED + ")");
    }

    @Test
    void tcpOptionsAreaDecodeNeverThrows() {
        Random r = new Random(SEED ^ 0xa7ea);
        OptionGen gen = new OptionGen(r);
        for (int i = 0; i < 20_000; i++) {
            byte[] area = new byte[r.nextInt(41)];
            int p = 0;
            while (p < area.length) {
                byte[] piece = r.nextInt(3) == 0 ? arbitrary(r) : OptionCodec.encode(gen.any());
                if (piece.length > 0 && r.nextInt(4) == 0) piece[r.nextInt(piece.length)] ^= (byte) (1 << r.nextInt(8));
                int n = Math.min(piece.length, area.length - p);
                System.arraycopy(piece, 0, area, p, n);
                p += Math.max(n, 1);
            }
            String ctx = "seed=" + SEED + " i=" + i + " area=" + HEX.formatHex(area);
            ParseResult<java.util.List<TcpSegment.TcpOption>> res;
            try {
                res = OptionCodec.decodeTcpOptions(area, 0, area.length);
            } catch (Throwable t) {
                throw new AssertionError("decodeTcpOptions threw: " + ctx, t);
            }
            if (res instanceof ParseResult.Ok<java.util.List<TcpSegment.TcpOption>> ok) {
                // Re-encoding reproduces the area up to its EOL (the rest is padding).
                byte[] enc = OptionCodec.encodeTcpOptions(ok.value());
                int used = 0;
                for (TcpSegment.TcpOption o : ok.value()) {
                    used += o instanceof TcpSegment.TcpOption.Mptcp m ? OptionCodec.encode(m.option()).length
                            : ((TcpSegment.TcpOption.Raw) o).bytes().length();
                }
                assertEquals(HEX.formatHex(area, 0, used), HEX.formatHex(enc, 0, used), ctx);
            } else {
                assertFalse(((ParseResult.Error<?>) res).detail().startsWith("internal"), ctx);
            }
        }
    }

    private static Object relative(DecodeResult res, int off) {
        if (res instanceof DecodeError e) return new DecodeError(e.offset() - off, e.reason(), e.detail());
        return res;
    }

    private static byte[] embed(byte[] input, int before, int after, Random r, byte fill) {
        byte[] buf = new byte[before + input.length + after];
        Arrays.fill(buf, fill);
        for (int i = 0; i < buf.length; i++) if (r.nextBoolean()) buf[i] = (byte) r.nextInt(256);
        System.arraycopy(input, 0, buf, before, input.length);
        return buf;
    }

    /** Random bytes shaped like an option header often enough to reach every subtype. */
    static byte[] arbitrary(Random r) {
        int len = r.nextInt(48);
        byte[] b = new byte[len];
        r.nextBytes(b);
        if (len > 0 && r.nextInt(10) < 8) b[0] = 30;
        if (len > 1 && r.nextInt(10) < 7) b[1] = (byte) Math.max(0, len - r.nextInt(3));
        if (len > 2 && r.nextInt(10) < 7) b[2] = (byte) ((r.nextInt(11) << 4) | r.nextInt(16));
        return b;
    }

    /** A valid option with one to three mutations (bit flips, byte changes, truncation, extension, length). */
    static byte[] mutated(Random r, OptionGen gen) {
        byte[] b = OptionCodec.encode(gen.any());
        int k = r.nextInt(4); // 0: unmutated (exercises the success path inside an embedding)
        for (int m = 0; m < k; m++) {
            switch (r.nextInt(5)) {
                case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                case 2 -> b = Arrays.copyOf(b, r.nextInt(b.length + 1));
                case 3 -> {
                    byte[] longer = Arrays.copyOf(b, b.length + 1 + r.nextInt(8));
                    for (int i = b.length; i < longer.length; i++) longer[i] = (byte) r.nextInt(256);
                    b = longer;
                }
                default -> {
                    if (b.length > 1) b[1] = (byte) (b[1] + r.nextInt(5) - 2);
                }
            }
            if (b.length == 0) break;
        }
        return b;
    }
}
