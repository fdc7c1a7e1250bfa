package org.mptcpverify.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random segment round trips with independent checksum checks, and packet fuzzing. */
class SegmentCodecRandomTest {
    static final long SEED = Long.getLong("mptcp.seed", 20261127L);
    private static final HexFormat HEX = HexFormat.of();

    /** A random valid segment: options (MPTCP and raw) fitting 40 bytes, payload up to 200 bytes. */
    static TcpSegment segment(Random r, OptionGen gen, boolean plausibleFlags) {
        boolean v4 = r.nextBoolean();
        List<TcpSegment.TcpOption> opts = new ArrayList<>();
        int room = 40;
        int n = r.nextInt(5);
        for (int i = 0; i < n && room > 0; i++) {
            TcpSegment.TcpOption o;
            if (r.nextBoolean() && room >= 3) { // the shortest MPTCP option (MP_PRIO) has 3 bytes
                o = new TcpSegment.TcpOption.Mptcp(gen.fitting(room));
            } else {
                o = rawOption(r, room);
                if (o == null) continue;
            }
            int len = o instanceof TcpSegment.TcpOption.Mptcp m ? OptionCodec.encode(m.option()).length
                    : ((TcpSegment.TcpOption.Raw) o).bytes().length();
            if (len > room) continue;
            room -= len;
            opts.add(o);
        }
        int flags = plausibleFlags ? new int[] {0x02, 0x12, 0x10, 0x18, 0x11, 0x04, 0x14}[r.nextInt(7)] : r.nextInt(0x1000);
        return new TcpSegment(gen.address(v4), gen.address(v4), r.nextInt(65536), r.nextInt(65536),
                r.nextInt() & 0xffffffffL, r.nextInt() & 0xffffffffL, flags, r.nextInt(65536),
                opts, Bytes.of(gen.bytes(r.nextInt(4) == 0 ? 0 : r.nextInt(200))));
    }

    private static TcpSegment.TcpOption rawOption(Random r, int room) {
        switch (r.nextInt(5)) {
            case 0: return new TcpSegment.TcpOption.Raw(Bytes.fromHex("01"));
            case 1: return room >= 4 ? new TcpSegment.TcpOption.Raw(Bytes.fromHex("020405b4")) : null;
            case 2: return room >= 2 ? new TcpSegment.TcpOption.Raw(Bytes.fromHex("0402")) : null;
            case 3: {
                if (room < 10) return null;
                byte[] ts = new byte[10];
                r.nextBytes(ts);
                ts[0] = 8;
                ts[1] = 10;
                return new TcpSegment.TcpOption.Raw(Bytes.of(ts));
            }
            default: {
                // An unassigned kind with random contents (kinds 0, 1 and 30 excluded).
                int len = 2 + r.nextInt(Math.max(1, Math.min(room, 12) - 1));
                if (len > room) return null;
                byte[] b = new byte[len];
                r.nextBytes(b);
                b[0] = (byte) (31 + r.nextInt(200));
                b[1] = (byte) len;
                return new TcpSegment.TcpOption.Raw(Bytes.of(b));
            }
        }
    }

    @Test
    void roundTripWithIndependentChecksums() {
        Random r = new Random(SEED ^ 0x5e9);
        OptionGen gen = new OptionGen(r);
        for (int i = 0; i < 5_000; i++) {
            TcpSegment s = segment(r, gen, false);
            byte[] p = SegmentCodec.encode(s);
            String ctx = "seed=" + SEED + " i=" + i + " segment=" + s + " packet=" + HEX.formatHex(p);
            try {
                SegmentCodecTest.assertChecksumsValid(p);
            } catch (AssertionError e) {
                throw new AssertionError(ctx, e);
            }
            int ipHeader = s.src().getAddress().length == 4 ? 20 : 40;
            int dataOffset = ((p[ipHeader + 12] & 0xff) >> 4) * 4;
            assertEquals(0, (dataOffset - 20) % 4, ctx);
            assertEquals(p.length - ipHeader - dataOffset, s.payload().length(), ctx);
            assertEquals(s, SegmentCodec.decode(p).orElseThrow(), ctx);
            assertArrayEquals(p, SegmentCodec.encode(s), "deterministic: " + ctx);
        }
    }

    @Test
    void decodingMutatedPacketsNeverThrows() {
        Random r = new Random(SEED ^ 0xf022);
        OptionGen gen = new OptionGen(r);
        int ok = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] p = SegmentCodec.encode(segment(r, gen, false));
            int k = 1 + r.nextInt(3);
            for (int m = 0; m < k && p.length > 0; m++) {
                switch (r.nextInt(4)) {
                    case 0 -> p[r.nextInt(p.length)] ^= (byte) (1 << r.nextInt(8));
                    case 1 -> p[r.nextInt(Math.min(p.length, 60))] = (byte) r.nextInt(256);
                    case 2 -> p = Arrays.copyOf(p, r.nextInt(p.length + 1));
                    default -> p = Arrays.copyOf(p, p.length + r.nextInt(8));
                }
            }
            String ctx = "seed=" + SEED + " i=" + i + " packet=" + HEX.formatHex(p);
            for (boolean verify : new boolean[] {true, false}) {
                ParseResult<TcpSegment> res;
                try {
                    res = SegmentCodec.decode(p, 0, p.length, verify);
                } catch (Throwable t) {
                    throw new AssertionError("decode threw: " + ctx, t);
                }
                if (res instanceof ParseResult.Error<TcpSegment> e) {
                    assertFalse(e.detail().startsWith("internal"), ctx + " -> " + e);
                } else if (verify) {
                    ok++;
                    // What decodes with good checksums must re-encode to packets that decode the same.
                    TcpSegment s = ((ParseResult.Ok<TcpSegment>) res).value();
                    try {
                        assertEquals(s, SegmentCodec.decode(SegmentCodec.encode(s)).orElseThrow(), ctx);
                    } catch (IllegalArgumentException tooLong) {
                        // Only possible when the decoded options exceed what we encode (never: max 40).
                        fail(ctx + " re-encode failed: " + tooLong);
                    }
                }
            }
        }
        assertTrue(ok > 0, "no mutated packet decoded (seed=" + SEED + ")");
    }
}
