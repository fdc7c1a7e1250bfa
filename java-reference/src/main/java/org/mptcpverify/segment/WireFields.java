package org.mptcpverify.segment;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.MptcpOption.AddAddr;
import org.mptcpverify.wire.MptcpOption.MpCapable;
import org.mptcpverify.wire.MptcpOption.MpCapableTokens;
import org.mptcpverify.wire.MptcpOption.MpFastClose;
import org.mptcpverify.wire.MptcpOption.MpJoinAck;
import org.mptcpverify.wire.MptcpOption.MpJoinSyn;
import org.mptcpverify.wire.MptcpOption.MpJoinSynAck;
import org.mptcpverify.wire.MptcpOption.NewKey;
import org.mptcpverify.wire.TcpSegment;

/**
 * The fields of the generic core's messages (docs/models.md, "Generic core": MPC_SYN ...
 * FASTCLOSE, field names as in the scheme data modules) on the reference's wire: which option
 * field carries each, how wide it is, how a segment is classified as one of the messages, and how
 * an injected message's option is built from field bytes.
 */
public final class WireFields {
    /** A reference segment that is none of the core's messages (a RST, a DSS-only ACK ...). */
    public static final String UNMODELLED = "";
    /** A plain ACK: the core's HS_ACK, or the third ACK of a handshake that fell back to TCP. */
    public static final String PLAIN_ACK = "ACK";

    private static final Map<String, Map<String, Integer>> BITS = Map.of(
            "MPC_SYNACK", Map.of("Kb", 64, "tokB", 32, "confB", 64),
            "MPC_ACK", Map.of("Ka", 64, "Kb", 64, "tokA", 32, "tokB", 32, "confA", 64),
            "JOIN_SYN", Map.of("token", 32, "Ra", 32),
            "JOIN_SYNACK", Map.of("mac", 64, "Rb", 32),
            "JOIN_ACK", Map.of("mac", 160),
            "ADD_ADDR", Map.of("id", 8, "addr", 32, "mac", 64),
            "FASTCLOSE", Map.of("key", 64, "mac", 64),
            "KEY_A", Map.of("nk", 64),
            "KEY_B", Map.of("nk", 64));

    private WireFields() {}

    /** The width of {@code field} in message {@code msg}, if the message has it. */
    public static OptionalInt bits(String msg, String field) {
        Integer b = BITS.getOrDefault(msg, Map.of()).get(field);
        return b == null ? OptionalInt.empty() : OptionalInt.of(b);
    }

    /**
     * The width of a field named {@code field}: as {@code msg} carries it, else as the first
     * message that has a field of that name carries it (the attacker's own atom {@code x.Ra.1}
     * fills an Ra wherever it goes).
     */
    public static OptionalInt bitsOf(String msg, String field) {
        OptionalInt b = bits(msg, field);
        for (String m : List.of("JOIN_SYN", "JOIN_SYNACK", "JOIN_ACK", "FASTCLOSE", "ADD_ADDR", "MPC_SYNACK", "MPC_ACK")) {
            if (b.isEmpty()) {
                b = bits(m, field);
            }
        }
        return b;
    }

    static Optional<MptcpOption> option(TcpSegment s) {
        return s.options().stream().filter(TcpSegment.TcpOption.Mptcp.class::isInstance)
                .map(o -> ((TcpSegment.TcpOption.Mptcp) o).option())
                .filter(o -> !(o instanceof MptcpOption.Dss)).findFirst();
    }

    /** Which core message a reference segment is ({@link #UNMODELLED}, {@link #PLAIN_ACK} or a message name). */
    public static String kind(TcpSegment s, boolean fromServer) {
        if (s.has(TcpSegment.RST) || s.has(TcpSegment.FIN)) {
            return UNMODELLED;
        }
        Optional<MptcpOption> o = option(s);
        if (s.has(TcpSegment.SYN)) {
            boolean join = o.isPresent() && (o.get() instanceof MpJoinSyn || o.get() instanceof MpJoinSynAck);
            return s.has(TcpSegment.ACK) ? (join ? "JOIN_SYNACK" : "MPC_SYNACK") : (join ? "JOIN_SYN" : "MPC_SYN");
        }
        if (o.isEmpty()) {
            return PLAIN_ACK;
        }
        MptcpOption x = o.get();
        if (x instanceof MpJoinAck) return "JOIN_ACK";
        if (x instanceof MpCapable || x instanceof MpCapableTokens) return "MPC_ACK";
        if (x instanceof AddAddr) return "ADD_ADDR";
        if (x instanceof MpFastClose) return "FASTCLOSE";
        if (x instanceof NewKey) return fromServer ? "KEY_B" : "KEY_A";
        return UNMODELLED;
    }

    /** Whether a reference segment of {@code kind} stands for the core's message {@code msg}. */
    public static boolean standsFor(String kind, String msg) {
        return kind.equals(msg) || kind.equals(PLAIN_ACK) && (msg.equals("HS_ACK") || msg.equals("MPC_ACK"));
    }

    /** The fields of a segment of message {@code msg}, by the core's names, as the bytes on the wire. */
    public static Map<String, Bytes> read(String msg, TcpSegment s) {
        Map<String, Bytes> f = new LinkedHashMap<>();
        Optional<MptcpOption> o = option(s);
        if (o.isEmpty()) {
            return f;
        }
        MptcpOption x = o.get();
        if (x instanceof MpCapable c) {
            boolean ack = msg.equals("MPC_ACK");
            c.senderKey().ifPresent(k -> f.put(ack || msg.equals("MPC_SYN") ? "Ka" : "Kb", b64(k)));
            c.receiverKey().ifPresent(k -> f.put("Kb", b64(k)));
        } else if (x instanceof MpCapableTokens t) {
            boolean ack = msg.equals("MPC_ACK");
            t.senderToken().ifPresent(k -> f.put(ack ? "tokA" : "tokB", b32(k)));
            t.receiverToken().ifPresent(k -> f.put("tokB", b32(k)));
            t.confirm().ifPresent(k -> f.put(ack ? "confA" : "confB", b64(k)));
        } else if (x instanceof MpJoinSyn j) {
            f.put("token", b32(j.receiverToken()));
            f.put("Ra", b32(j.senderRandom()));
        } else if (x instanceof MpJoinSynAck j) {
            f.put("mac", b64(j.truncatedHmac()));
            f.put("Rb", b32(j.senderRandom()));
        } else if (x instanceof MpJoinAck j) {
            f.put("mac", j.hmac());
        } else if (x instanceof AddAddr a) {
            f.put("id", Bytes.of(new byte[] {(byte) a.addressId()}));
            f.put("addr", Bytes.of(a.address().getAddress()));
            a.truncatedHmac().ifPresent(h -> f.put("mac", b64(h)));
        } else if (x instanceof NewKey k) {
            f.put("nk", b64(k.hmac()));
        } else if (x instanceof MpFastClose c) {
            f.put("key", b64(c.value()));
            f.put("mac", b64(c.value()));
        }
        return f;
    }

    /** The fields an injected message must carry (FASTCLOSE: {@code key} or {@code mac}, one value). */
    public static List<String> required(String msg) {
        return switch (msg) {
            case "JOIN_SYN" -> List.of("token", "Ra");
            case "JOIN_SYNACK" -> List.of("mac", "Rb");
            case "JOIN_ACK" -> List.of("mac");
            case "FASTCLOSE" -> List.of();
            case "ADD_ADDR" -> throw new IllegalArgumentException("an injected ADD_ADDR is not replayable yet (the core's"
                    + " HMAC message omits the port octets the reference covers; docs/reference.md)");
            default -> throw new IllegalArgumentException("the generic core's attacker does not inject " + msg
                    + " (it injects JOIN_SYN, JOIN_SYNACK, JOIN_ACK, ADD_ADDR, FASTCLOSE)");
        };
    }

    /** The option of an injected message from its field bytes (each of the width {@link #bits} gives). */
    public static MptcpOption build(String msg, Map<String, Bytes> f) {
        return switch (msg) {
            case "JOIN_SYN" -> new MpJoinSyn(0, 0, int32(f.get("token")), int32(f.get("Ra")));
            case "JOIN_SYNACK" -> new MpJoinSynAck(0, 0, int64(f.get("mac")), int32(f.get("Rb")));
            case "JOIN_ACK" -> new MpJoinAck(f.get("mac"));
            case "FASTCLOSE" -> new MpFastClose(0, int64(f.containsKey("key") ? f.get("key") : f.get("mac")));
            default -> throw new IllegalArgumentException("the attacker does not inject " + msg);
        };
    }

    /** TCP flags of a message. */
    public static int flags(String msg) {
        return switch (msg) {
            case "MPC_SYN", "JOIN_SYN" -> TcpSegment.SYN;
            case "MPC_SYNACK", "JOIN_SYNACK" -> TcpSegment.SYN | TcpSegment.ACK;
            default -> TcpSegment.ACK;
        };
    }

    static Bytes b64(long v) {
        return Bytes.of(MptcpCrypto.be64(v));
    }

    static Bytes b32(int v) {
        return Bytes.of(MptcpCrypto.be32(v));
    }

    static int int32(Bytes b) {
        return (int) int64(b);
    }

    static long int64(Bytes b) {
        long v = 0;
        for (byte x : b.toArray()) {
            v = (v << 8) | (x & 0xff);
        }
        return v;
    }

    static Bytes address(InetAddress a) {
        return Bytes.of(a.getAddress());
    }
}
