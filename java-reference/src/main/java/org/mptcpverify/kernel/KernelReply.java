package org.mptcpverify.kernel;

import java.util.List;
import java.util.Optional;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/**
 * How the kernel answered one segment of the Java peer: the first segment it sent back to the
 * peer's address and port, classified, with its MPTCP options; or silence.
 */
public record KernelReply(Kind kind, List<MptcpOption> options, Optional<TcpSegment> segment) {
    public enum Kind { SYN, SYN_ACK, RST, ACK, SILENCE }

    public KernelReply {
        options = List.copyOf(options);
    }

    static KernelReply silence() {
        return new KernelReply(Kind.SILENCE, List.of(), Optional.empty());
    }

    static KernelReply of(TcpSegment t) {
        Kind k = t.has(TcpSegment.RST) ? Kind.RST
                : t.has(TcpSegment.SYN) ? (t.has(TcpSegment.ACK) ? Kind.SYN_ACK : Kind.SYN) : Kind.ACK;
        List<MptcpOption> opts = t.options().stream()
                .filter(o -> o instanceof TcpSegment.TcpOption.Mptcp)
                .map(o -> ((TcpSegment.TcpOption.Mptcp) o).option()).toList();
        return new KernelReply(k, opts, Optional.of(t));
    }

    public <T extends MptcpOption> Optional<T> option(Class<T> type) {
        return options.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The MP_TCPRST reason code, if the reply carries one. */
    public Optional<Integer> resetReason() {
        return option(MptcpOption.MpTcpRst.class).map(MptcpOption.MpTcpRst::reason);
    }

    @Override
    public String toString() {
        return kind + (options.isEmpty() ? "" : " " + options);
    }
}
