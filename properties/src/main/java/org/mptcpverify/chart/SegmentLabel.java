package org.mptcpverify.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/**
 * A segment's chart label: the TCP flags, the MPTCP options and the address pair on the first
 * line, then the values an authentication argument turns on (keys, tokens, nonces, truncated
 * HMACs, advertised addresses). Data-level fields (DSS) are named but not expanded.
 */
public final class SegmentLabel {
    private SegmentLabel() {}

    public static List<String> of(TcpSegment s) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (TcpSegment.TcpOption o : s.options()) {
            if (o instanceof TcpSegment.TcpOption.Mptcp m) describe(m.option(), names, values);
        }
        String head = flags(s) + (names.isEmpty() ? "" : "+" + String.join("+", names))
                + "  " + Addresses.nameOf(s.src()) + " -> " + Addresses.nameOf(s.dst());
        List<String> lines = new ArrayList<>();
        lines.add(head);
        if (!values.isEmpty()) lines.add(String.join(" ", values));
        return lines;
    }

    static String flags(TcpSegment s) {
        List<String> f = new ArrayList<>();
        if (s.has(TcpSegment.SYN)) f.add("SYN");
        if (s.has(TcpSegment.FIN)) f.add("FIN");
        if (s.has(TcpSegment.RST)) f.add("RST");
        if (s.has(TcpSegment.ACK)) f.add("ACK");
        if (f.isEmpty()) f.add("-");
        return String.join("/", f);
    }

    private static void describe(MptcpOption o, List<String> names, List<String> values) {
        if (o instanceof MptcpOption.MpCapable c) {
            names.add("MP_CAPABLE");
            values.add("v" + c.version());
            c.senderKey().ifPresent(k -> values.add("key=" + hex64(k)));
            c.receiverKey().ifPresent(k -> values.add("peerKey=" + hex64(k)));
        } else if (o instanceof MptcpOption.MpCapableTokens t) {
            names.add("MP_CAPABLE");
            values.add("v" + t.version() + ((t.flags() & MptcpOption.FLAG_G_BOUND_KEY) != 0 ? " G" : " E"));
            t.senderToken().ifPresent(k -> values.add("token=" + hex32(k)));
            t.receiverToken().ifPresent(k -> values.add("peerToken=" + hex32(k)));
            t.confirm().ifPresent(k -> values.add("confirm=" + hex64(k)));
        } else if (o instanceof MptcpOption.MpCapableShare sh) {
            names.add("MP_CAPABLE");
            values.add("v" + sh.version() + " E curve=" + sh.curve());
            values.add("share=" + sh.share().hex().substring(0, 16) + "..");
        } else if (o instanceof MptcpOption.MpJoinSyn j) {
            names.add("MP_JOIN");
            values.add("token=" + hex32(j.receiverToken()));
            values.add("R=" + hex32(j.senderRandom()));
            values.add("id=" + j.addressId());
        } else if (o instanceof MptcpOption.MpJoinSynAck j) {
            names.add("MP_JOIN");
            values.add("hmac64=" + hex64(j.truncatedHmac()));
            values.add("R=" + hex32(j.senderRandom()));
        } else if (o instanceof MptcpOption.MpJoinAck j) {
            names.add("MP_JOIN");
            values.add("hmac=" + j.hmac().hex().substring(0, 16) + "..");
        } else if (o instanceof MptcpOption.AddAddr a) {
            names.add(a.echo() ? "ADD_ADDR(echo)" : "ADD_ADDR");
            values.add("id=" + a.addressId());
            values.add("addr=" + Addresses.nameOf(a.address()));
            a.port().ifPresent(p -> values.add("port=" + p));
            a.truncatedHmac().ifPresent(h -> values.add("hmac64=" + hex64(h)));
        } else if (o instanceof MptcpOption.MpFastClose f) {
            names.add("MP_FASTCLOSE");
            values.add("key=" + hex64(f.value()));
        } else if (o instanceof MptcpOption.NewKey k) {
            names.add("NEW_KEY");
            values.add("hmac64=" + hex64(k.hmac()));
        } else if (o instanceof MptcpOption.MpTcpRst r) {
            names.add("MP_TCPRST");
            values.add("reason=" + r.reason());
        } else if (o instanceof MptcpOption.RemoveAddr r) {
            names.add("REMOVE_ADDR");
            values.add("ids=" + r.addressIds());
        } else if (o instanceof MptcpOption.MpPrio p) {
            names.add(p.backup() ? "MP_PRIO(backup)" : "MP_PRIO");
        } else if (o instanceof MptcpOption.MpFail f) {
            names.add("MP_FAIL");
        } else if (o instanceof MptcpOption.Dss d) {
            names.add((d.flags() & MptcpOption.Dss.F_DATA_FIN) != 0 ? "DSS(DATA_FIN)" : "DSS");
        } else {
            names.add("MPTCP(" + o.getClass().getSimpleName() + ")");
        }
    }

    static String hex32(long v) {
        return String.format(Locale.ROOT, "%08x", v & 0xffffffffL);
    }

    static String hex64(long v) {
        return String.format(Locale.ROOT, "%016x", v);
    }
}
