package org.mptcpverify.inspect;

import java.util.ArrayList;
import java.util.List;
import org.mptcpverify.wire.DecodeResult;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.OptionCodec;

/** Walks a TCP options area and decodes every MPTCP option with the reference codec. */
final class OptionScan {
    private OptionScan() {}

    /** One MPTCP option as found: its offset in the IP packet and the codec's verdict. */
    record Found(int offset, DecodeResult result) {}

    /**
     * Every kind-30 option in the packet's options area, in order. A malformed length ends the
     * walk with a {@link DecodeResult.DecodeError} for the bytes that could not be delimited.
     */
    static List<Found> mptcpOptions(TcpPacket p) {
        List<Found> out = new ArrayList<>();
        byte[] b = p.ip();
        int at = p.optionsOffset();
        int end = at + p.optionsLength();
        while (at < end) {
            int kind = b[at] & 0xff;
            if (kind == 0) {
                break; // end of option list
            }
            if (kind == 1) {
                at++;
                continue;
            }
            if (at + 1 >= end) {
                if (kind == MptcpOption.KIND) {
                    out.add(new Found(at, OptionCodec.decode(b, at, end - at)));
                }
                break;
            }
            int len = b[at + 1] & 0xff;
            if (kind == MptcpOption.KIND) {
                // The codec checks the length itself; give it at most what the capture holds.
                out.add(new Found(at, OptionCodec.decode(b, at, Math.min(Math.max(len, 2), end - at))));
            }
            if (len < 2) {
                break; // cannot step over it
            }
            at += len;
        }
        return out;
    }
}
