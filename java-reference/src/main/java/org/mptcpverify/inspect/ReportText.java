package org.mptcpverify.inspect;

import java.util.OptionalInt;
import java.util.OptionalLong;

/** The human-readable report: one block per connection, then notes and a one-line verdict. */
public final class ReportText {
    private ReportText() {}

    public static String format(InspectReport r) {
        StringBuilder s = new StringBuilder();
        s.append(r.file()).append(": ").append(r.ipPackets()).append(" IP packets, ")
                .append(r.tcpSegments()).append(" TCP segments, ").append(r.mptcpOptions())
                .append(" MPTCP options, ").append(r.connections().size()).append(" MPTCP connection(s)\n");
        if (!r.attackerFrames().isEmpty()) {
            s.append(r.attackerFrames().size()).append(" segment(s) marked by a packet comment as the attacker's"
                    + " (listed at the end; marked \"[attacker]\" below)\n");
        }
        int n = 0;
        for (ConnectionReport c : r.connections()) {
            n++;
            s.append('\n');
            connection(s, n, c, r);
        }
        if (!r.notes().isEmpty()) {
            s.append("\nnotes:\n");
            for (String note : r.notes()) {
                s.append("  ").append(note).append('\n');
            }
        }
        if (!r.attackerFrames().isEmpty()) {
            s.append("\nattacker segments (pcapng packet comments):\n");
            for (MarkedFrame m : r.attackerFrames()) {
                s.append("  frame ").append(m.frame()).append(": ").append(m.comment()).append('\n');
            }
        }
        s.append('\n');
        long checked = r.hmacsChecked();
        long failed = r.hmacFailures();
        long unchecked = r.hmacsNotChecked();
        String rest = unchecked == 0 ? "" : "; " + unchecked + " could not be checked (each says why above)";
        if (failed > 0) {
            s.append("FAILED: ").append(failed).append(" of ").append(checked).append(" HMACs do not verify")
                    .append(rest).append('\n');
        } else if (checked == 0) {
            s.append("nothing verified: no HMAC could be recomputed").append(rest).append('\n');
        } else {
            s.append("ok: ").append(checked).append(" HMACs recomputed, all verify").append(rest).append('\n');
        }
        return s.toString();
    }

    private static void connection(StringBuilder s, int n, ConnectionReport c, InspectReport r) {
        s.append("connection ").append(n).append(": ");
        if (c.a().isPresent()) {
            s.append("MPTCP v").append(c.version().isPresent() ? String.valueOf(c.version().getAsInt()) : "?")
                    .append(", A ").append(c.a().get()).append(" -> B ").append(c.b().get())
                    .append(" (first SYN in frame ").append(c.firstFrame()).append(")\n");
        } else {
            s.append("MP_CAPABLE handshake not captured (joins from frame ").append(c.firstFrame()).append(")\n");
        }
        s.append("  A: key ").append(hex16(c.keyA())).append("  token ").append(hex8(c.tokenA()))
                .append("  IDSN ").append(hex16(c.idsnA())).append('\n');
        s.append("  B: key ").append(hex16(c.keyB())).append("  token ").append(hex8(c.tokenB()))
                .append("  IDSN ").append(hex16(c.idsnB())).append('\n');
        s.append("  subflows: ").append(c.subflows().size()).append('\n');
        for (SubflowReport f : c.subflows()) {
            s.append("    ").append(f.initiator()).append(" -> ").append(f.responder())
                    .append(f.initial() ? "  initial (MP_CAPABLE)" : "  MP_JOIN")
                    .append(", frames ").append(f.firstFrame()).append("..").append(f.lastFrame())
                    .append(", ").append(f.segments()).append(" segments")
                    .append(f.attackerSegments() > 0 ? " (" + f.attackerSegments() + " [attacker])" : "")
                    .append('\n');
        }
        for (JoinReport j : c.joins()) {
            s.append("  join frame ").append(j.synFrame()).append(' ').append(j.initiator()).append(" -> ")
                    .append(j.responder());
            if (j.initiatorSide() != null) {
                s.append(" (opened by ").append(j.initiatorSide()).append(')');
            }
            if (!j.attackerSent().isEmpty()) {
                s.append(" [attacker: ").append(String.join(", ", j.attackerSent())).append(']');
            }
            s.append(": token ").append(String.format("%08x", j.token()))
                    .append(", R-A ").append(String.format("%08x", j.randA()))
                    .append(", R-B ").append(hex8(j.randB())).append('\n');
            s.append("    SYN/ACK HMAC ").append(word(j.synAckHmac())).append(", third-ACK HMAC ")
                    .append(word(j.ackHmac())).append(", ")
                    .append(j.established() ? "established" : j.reset() ? "reset" : "not established")
                    .append('\n');
            if (!j.why().isEmpty()) {
                s.append("    not checked: ").append(j.why()).append('\n');
            }
        }
        for (AddAddrReport a : c.addAddrs()) {
            s.append("  ADD_ADDR frame ").append(a.frame()).append(" from ").append(a.sender())
                    .append(attacker(r, a.frame())).append(": id ")
                    .append(a.addrId()).append(' ').append(Endpoint.format(a.address()))
                    .append(a.port().isPresent() ? " port " + a.port().getAsInt() : " (no port)")
                    .append(", HMAC ").append(word(a.hmac()))
                    .append(a.why().isEmpty() ? "" : " (" + a.why() + ")")
                    .append(a.echoFrame().isPresent() ? ", echoed in frame " + a.echoFrame().getAsLong() : ", no echo")
                    .append('\n');
        }
        for (OptionReport o : c.options()) {
            s.append("  ").append(o.name()).append(" frame ").append(o.frame()).append(" from ").append(o.sender())
                    .append(attacker(r, o.frame())).append(": ").append(o.detail()).append(", ")
                    .append(o.check() == HmacCheck.UNAVAILABLE ? "not checked (" + o.why() + ")"
                            : o.check() == HmacCheck.VALID ? "value verifies" : "value does NOT verify")
                    .append('\n');
        }
    }

    /** A sender marked "[attacker]" sent in that side's name, not as that side. */
    private static String attacker(InspectReport r, long frame) {
        return r.attackerMarked(frame) ? "'s address [attacker]" : "";
    }

    private static String word(HmacCheck h) {
        return switch (h) {
            case VALID -> "valid";
            case INVALID -> "INVALID";
            case UNAVAILABLE -> "not checkable";
        };
    }

    private static String hex8(OptionalInt v) {
        return v.isPresent() ? String.format("%08x", v.getAsInt()) : "-";
    }

    private static String hex16(OptionalLong v) {
        return v.isPresent() ? String.format("%016x", v.getAsLong()) : "-";
    }
}
