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

    /** Whether the reply closes its direction (TCP FIN). */
    public boolean fin() {
        return segment.map(t -> t.has(TcpSegment.FIN)).orElse(false);
    }

    /** The MP_TCPRST reason code, if the reply carries one. */
    public Optional<Integer> resetReason() {
        return option(MptcpOption.MpTcpRst.class).map(MptcpOption.MpTcpRst::reason);
    }

    /**
     * The reply without its random parts (keys, nonces, HMACs, sequence numbers): the kind and,
     * per MPTCP option, what a differential test compares.
     */
    public String shape() {
        StringBuilder b = new StringBuilder(kind.name() + (fin() ? "+FIN" : ""));
        for (MptcpOption o : options) {
            b.append(' ').append(shape(o));
        }
        return b.toString();
    }

    static String shape(MptcpOption o) {
        if (o instanceof MptcpOption.MpCapable m) {
            return "MP_CAPABLE(v" + m.version() + ",flags=" + Integer.toHexString(m.flags())
                    + (m.senderKey().isPresent() ? ",sender-key" : "") + (m.receiverKey().isPresent() ? ",receiver-key" : "")
                    + (m.dataLevelLength().isPresent() ? ",data-len" : "") + ")";
        } else if (o instanceof MptcpOption.MpJoinSyn j) {
            return "MP_JOIN-SYN(flags=" + j.flags() + ")";
        } else if (o instanceof MptcpOption.MpJoinSynAck j) {
            return "MP_JOIN-SYN/ACK(flags=" + j.flags() + ",id=" + j.addressId() + ")";
        } else if (o instanceof MptcpOption.MpJoinAck) {
            return "MP_JOIN-ACK";
        } else if (o instanceof MptcpOption.Dss d) {
            return "DSS(" + (d.dataAck().isPresent() ? "data-ack" : "") + (d.dataSequence().isPresent() ? ",mapping" : "")
                    + ((d.flags() & MptcpOption.Dss.F_DATA_FIN) != 0 ? ",DATA_FIN" : "") + ")";
        } else if (o instanceof MptcpOption.AddAddr a) {
            return "ADD_ADDR(" + (a.echo() ? "echo," : "") + "id=" + a.addressId() + "," + a.address().getHostAddress()
                    + (a.port().isPresent() ? ":" + a.port().getAsInt() : "")
                    + (a.truncatedHmac().isPresent() ? ",hmac" : "") + ")";
        } else if (o instanceof MptcpOption.MpTcpRst r) {
            return "MP_TCPRST(reason=" + r.reason() + ")";
        } else if (o instanceof MptcpOption.MpPrio p) {
            return "MP_PRIO(" + (p.backup() ? "backup" : "regular") + ")";
        } else if (o instanceof MptcpOption.MpFastClose) {
            return "MP_FASTCLOSE";
        }
        return o.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return kind + (fin() ? "+FIN" : "") + (options.isEmpty() ? "" : " " + options);
    }
}
