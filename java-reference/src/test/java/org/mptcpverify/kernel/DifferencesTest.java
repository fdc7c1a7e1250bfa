package org.mptcpverify.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mptcpverify.wire.MptcpOption;

/** The step-by-step comparison ignores random values and reports kind, option and reach differences. */
class DifferencesTest {
    private static KernelObservation obs(String step, KernelReply.Kind kind, MptcpOption... opts) {
        return new KernelObservation("s", step, new KernelReply(kind, List.of(opts), Optional.empty()), "");
    }

    @Test
    void sameShapeWithDifferentRandomValuesIsNoDifference() {
        var a = List.of(obs("syn", KernelReply.Kind.SYN_ACK, new MptcpOption.MpJoinSynAck(0, 0, 1L, 2)));
        var b = List.of(obs("syn", KernelReply.Kind.SYN_ACK, new MptcpOption.MpJoinSynAck(0, 0, 99L, 77)));
        assertTrue(Differences.between(a, b).isEmpty());
    }

    @Test
    void resetReasonKindAndMissingStepsAreDifferences() {
        var a = List.of(obs("ack", KernelReply.Kind.RST, new MptcpOption.MpTcpRst(0, 3)),
                obs("more", KernelReply.Kind.ACK));
        var b = List.of(obs("ack", KernelReply.Kind.RST, new MptcpOption.MpTcpRst(0, 1)));
        var d = Differences.between(a, b);
        assertEquals(2, d.size());
        assertEquals("RST MP_TCPRST(reason=3)", d.get(0).kernel());
        assertEquals("RST MP_TCPRST(reason=1)", d.get(0).reference());
        assertEquals(Differences.NOT_REACHED, d.get(1).reference());
        var c = List.of(obs("ack", KernelReply.Kind.SILENCE), obs("more", KernelReply.Kind.ACK));
        assertEquals("SILENCE", Differences.between(a, c).get(0).reference());
    }
}
