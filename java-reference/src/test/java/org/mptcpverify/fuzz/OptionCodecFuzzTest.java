package org.mptcpverify.fuzz;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.mptcpverify.wire.DecodeResult;
import org.mptcpverify.wire.OptionCodec;
import org.mptcpverify.wire.ParseResult;
import org.mptcpverify.wire.TcpSegment;

/**
 * Coverage-guided fuzzing of the MPTCP option codec (docs/reliability.md): any bytes decode to an
 * option or a typed error, never an exception, and a decoded option survives encode + decode.
 * Without JAZZER_FUZZ these run the committed inputs under OptionCodecFuzzTestInputs/ as regression tests.
 */
class OptionCodecFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void options(byte[] data) {
        DecodeResult r = OptionCodec.decode(data, 0, data.length);
        if (r instanceof DecodeResult.Decoded d) {
            assertTrue(d.length() >= 2 && d.length() <= data.length, "length " + d.length() + " of " + data.length);
            byte[] again = OptionCodec.encode(d.option());
            assertEquals(r.getClass(), OptionCodec.decode(again).getClass());
            assertEquals(d.option(), ((DecodeResult.Decoded) OptionCodec.decode(again)).option(), "encode + decode");
        } else {
            DecodeResult.DecodeError e = (DecodeResult.DecodeError) r;
            assertTrue(e.offset() >= 0 && e.offset() <= data.length, "error offset " + e.offset());
        }
        // the whole buffer as a TCP options area: same contract
        byte[] area = Arrays.copyOf(data, Math.min(data.length, OptionCodec.MAX_OPTIONS_LENGTH));
        ParseResult<java.util.List<TcpSegment.TcpOption>> all = OptionCodec.decodeTcpOptions(area, 0, area.length);
        if (all instanceof ParseResult.Ok<java.util.List<TcpSegment.TcpOption>> ok) {
            byte[] encoded = OptionCodec.encodeTcpOptions(ok.value());
            assertEquals(ok.value(), OptionCodec.decodeTcpOptions(encoded, 0, encoded.length).orElseThrow());
        }
    }
}
