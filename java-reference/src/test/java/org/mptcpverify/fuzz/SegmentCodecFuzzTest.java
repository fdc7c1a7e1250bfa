package org.mptcpverify.fuzz;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.mptcpverify.wire.ParseResult;
import org.mptcpverify.wire.SegmentCodec;
import org.mptcpverify.wire.TcpSegment;

/** Fuzzing of the IP/TCP segment codec: a typed result for any bytes, and encode + decode is the identity on what decodes. */
class SegmentCodecFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void segments(byte[] data) {
        for (boolean checksums : new boolean[] {true, false}) {
            ParseResult<TcpSegment> r = SegmentCodec.decode(data, 0, data.length, checksums);
            if (r instanceof ParseResult.Ok<TcpSegment> ok) {
                byte[] again = SegmentCodec.encode(ok.value());
                assertEquals(ok.value(), SegmentCodec.decode(again).orElseThrow(), "encode + decode");
            } else {
                ParseResult.Error<TcpSegment> e = (ParseResult.Error<TcpSegment>) r;
                assertTrue(e.offset() >= 0 && e.offset() <= data.length, "error offset " + e.offset());
            }
        }
    }
}
