package org.mptcpverify.segment;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.definition.Phase;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.scheme.Role;
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
import org.mptcpverify.collect.Ordered;

/**
 * The fields of the generic core's messages (docs/models.md, "Generic core": MPC_SYN ...
 * FASTCLOSE) on the reference's wire. Names and widths are the definition language's, not a table
 * of this class: a message's fields are those its phase's option has in
 * {@link Phase#fields()} (with {@code -} written {@code _}, as the generated scheme data names
 * them), plus the parameters the reference supplies to that phase ({@code Ra}, {@code Rb};
 * {@code id}, {@code addr}, {@code port}), widths from {@link DefinitionParser#PARAMETERS}. Built
 * for one scheme ({@link #of}), only the fields its definition's messages state (or that the
 * phase always carries: the nonces, the advertised address) are accepted. What is code here is
 * the wire layout: which option field carries which definition field.
 */
public final class WireFields {
    /** A reference segment that is none of the core's messages (a RST, a DSS-only ACK ...). */
    public static final String UNMODELLED = "";
    /** A plain ACK: the core's HS_ACK, or the third ACK of a handshake that fell back to TCP. */
    public static final String PLAIN_ACK = "ACK";

    /** The core's messages: the phase of the definitions' figure and the sender (CoreMessage in models). */
    private record Message(Phase phase, Role from, List<String> parameters) {}

    // ADD_ADDR_A (a client's advertisement to the server) and FASTCLOSE_B (the server's fast close
    // to a client) are the mirror images of ADD_ADDR and FASTCLOSE (issue #12), named as KEY_A/KEY_B
    private static final Map<String, Message> MESSAGES = Map.ofEntries(
            Map.entry("MPC_SYN", new Message(Phase.HANDSHAKE_SYN, Role.A, List.of())),
            Map.entry("MPC_SYNACK", new Message(Phase.HANDSHAKE_SYN_ACK, Role.B, List.of())),
            Map.entry("MPC_ACK", new Message(Phase.HANDSHAKE_ACK, Role.A, List.of())),
            Map.entry("KEY_A", new Message(Phase.KEY_AGREEMENT, Role.A, List.of())),
            Map.entry("KEY_B", new Message(Phase.KEY_AGREEMENT, Role.B, List.of())),
            Map.entry("JOIN_SYN", new Message(Phase.JOIN_SYN, Role.A, List.of("Ra"))),
            Map.entry("JOIN_SYNACK", new Message(Phase.JOIN_SYN_ACK, Role.B, List.of("Rb"))),
            Map.entry("JOIN_ACK", new Message(Phase.JOIN_ACK, Role.A, List.of())),
            Map.entry("ADD_ADDR", new Message(Phase.ADD_ADDR, Role.B, List.of("id", "addr", "port"))),
            Map.entry("ADD_ADDR_A", new Message(Phase.ADD_ADDR, Role.A, List.of("id", "addr", "port"))),
            Map.entry("FASTCLOSE", new Message(Phase.FAST_CLOSE, Role.A, List.of())),
            Map.entry("FASTCLOSE_B", new Message(Phase.FAST_CLOSE, Role.B, List.of())),
            Map.entry("REMOVE_ADDR", new Message(Phase.REMOVE_ADDR, Role.A, List.of("id"))),
            Map.entry("MP_PRIO", new Message(Phase.MP_PRIO, Role.A, List.of("backup"))));

    /**
     * The path manager's requests: their parameters (REMOVE_ADDR names an address id, MP_PRIO
     * carries the backup flag) are on the wire for every scheme; a tag only where the definition
     * states the message (mptls, mptcpsec), RFC 8684's rows leaving them unauthenticated.
     */
    private static final Set<String> PATH_MANAGER = Set.of("REMOVE_ADDR", "MP_PRIO");
    /** Every field the definition language allows in each message (any scheme). */
    public static final WireFields LANGUAGE = new WireFields(language());

    /** message -> field (core name) -> width in bits. */
    private final Map<String, Map<String, Integer>> bits;

    private WireFields(Map<String, Map<String, Integer>> bits) {
        this.bits = bits;
    }

    private static Map<String, Map<String, Integer>> language() {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        MESSAGES.forEach((msg, m) -> {
            Map<String, Integer> f = new TreeMap<>();
            m.phase().fields().forEach((name, w) -> f.put(coreName(name), w));
            m.parameters().forEach(p -> f.put(p, DefinitionParser.PARAMETERS.get(p)));
            out.put(msg, Ordered.copy(f));
        });
        return Ordered.copy(out);
    }

    /**
     * The fields of {@code def}'s messages: for each core message, the fields some mode's variant
     * of it states, plus the phase's parameters. A message the definition lacks has none.
     */
    public static WireFields of(SchemeDefinition def) {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        MESSAGES.forEach((msg, m) -> {
            Set<String> stated = new TreeSet<>();
            if (PATH_MANAGER.contains(msg)) {
                stated.addAll(m.parameters());
            }
            for (SchemeDefinition.Message dm : def.messages()) {
                if (dm.phase() == m.phase() && dm.from() == m.from()) {
                    dm.fields().forEach(f -> stated.add(coreName(f.name())));
                    stated.addAll(m.parameters());
                }
            }
            Map<String, Integer> all = LANGUAGE.bits.get(msg);
            Map<String, Integer> f = new TreeMap<>();
            stated.forEach(n -> f.put(n, all.get(n)));
            out.put(msg, Ordered.copy(f));
        });
        return new WireFields(Ordered.copy(out));
    }

    /** A definition's field name as the generic core (and a segment-level trace) writes it. */
    public static String coreName(String definitionName) {
        return definitionName.replace('-', '_');
    }

    /** The width of {@code field} in message {@code msg}, if the message has it. */
    public OptionalInt bits(String msg, String field) {
        Integer b = bits.getOrDefault(msg, Map.of()).get(field);
        return b == null ? OptionalInt.empty() : OptionalInt.of(b);
    }

    /**
     * The width of a field named {@code field}: as {@code msg} carries it, else as the first
     * message that has a field of that name carries it (the attacker's own atom {@code x.Ra.1}
     * fills an Ra wherever it goes).
     */
    public OptionalInt bitsOf(String msg, String field) {
        OptionalInt b = bits(msg, field);
        for (String m : List.of("JOIN_SYN", "JOIN_SYNACK", "JOIN_ACK", "FASTCLOSE", "ADD_ADDR", "MPC_SYNACK", "MPC_ACK",
                "KEY_A", "ADD_ADDR_A", "FASTCLOSE_B")) {
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
        if (x instanceof MpCapable || x instanceof MpCapableTokens || x instanceof MptcpOption.MpCapableShare) return "MPC_ACK";
        // an echo keeps the name ADD_ADDR in both directions (it is never an advertisement); an
        // advertisement is ADD_ADDR from the server, ADD_ADDR_A from a client
        if (x instanceof AddAddr a) return fromServer || a.echo() ? "ADD_ADDR" : "ADD_ADDR_A";
        if (x instanceof MpFastClose) return fromServer ? "FASTCLOSE_B" : "FASTCLOSE";
        if (x instanceof MptcpOption.RemoveAddr) return "REMOVE_ADDR";
        if (x instanceof MptcpOption.MpPrio) return "MP_PRIO";
        // NEW_KEY (draft-baerts) and the key share that stands for mptls's TLS key exchange
        if (x instanceof NewKey || x instanceof MptcpOption.KeyShare) return fromServer ? "KEY_B" : "KEY_A";
        return UNMODELLED;
    }

    /** Whether a reference segment of {@code kind} stands for the core's message {@code msg}. */
    public static boolean standsFor(String kind, String msg) {
        return kind.equals(msg) || kind.equals(PLAIN_ACK) && (msg.equals("HS_ACK") || msg.equals("MPC_ACK"));
    }

    /**
     * The fields of a segment of message {@code msg}, by the core's names, as the bytes on the wire
     * (only those this scheme's messages carry).
     */
    public Map<String, Bytes> read(String msg, TcpSegment s) {
        Map<String, Bytes> f = new LinkedHashMap<>();
        Optional<MptcpOption> o = option(s);
        if (o.isEmpty()) {
            return f;
        }
        MptcpOption x = o.get();
        if (x instanceof MpCapable c) {
            c.senderKey().ifPresent(k -> f.put("sender_key", b64(k)));
            c.receiverKey().ifPresent(k -> f.put("receiver_key", b64(k)));
        } else if (x instanceof MpCapableTokens t) {
            t.senderToken().ifPresent(k -> f.put("sender_token", b32(k)));
            t.receiverToken().ifPresent(k -> f.put("receiver_token", b32(k)));
            t.confirm().ifPresent(k -> f.put("confirm", b64(k)));
        } else if (x instanceof MptcpOption.MpCapableShare c) {
            f.put("share", c.share());          // ecdh: the Diffie-Hellman public value in MP_CAPABLE
        } else if (x instanceof MpJoinSyn j) {
            f.put("token", b32(j.receiverToken()));
            f.put("Ra", b32(j.senderRandom()));
        } else if (x instanceof MpJoinSynAck j) {
            f.put("hmac", b64(j.truncatedHmac()));
            f.put("Rb", b32(j.senderRandom()));
        } else if (x instanceof MpJoinAck j) {
            f.put("hmac", j.hmac());
        } else if (x instanceof AddAddr a) {
            f.put("id", Bytes.of(new byte[] {(byte) a.addressId()}));
            f.put("addr", Bytes.of(a.address().getAddress()));
            // absent on the wire, 0 in the HMAC (DefinedScheme): the definition's parameter either way
            f.put("port", Bytes.of(MptcpCrypto.be16(a.port().orElse(0))));
            a.truncatedHmac().ifPresent(h -> f.put("hmac", b64(h)));
        } else if (x instanceof NewKey k) {
            f.put("hmac", b64(k.hmac()));
        } else if (x instanceof MptcpOption.KeyShare k) {
            f.put("share", k.share());          // mptls: the public value of its TLS key exchange
        } else if (x instanceof MpFastClose c) {
            f.put("key", b64(c.value()));
        } else if (x instanceof MptcpOption.RemoveAddr r) {
            f.put("id", Bytes.of(new byte[] {(byte) (int) r.addressIds().get(0)}));
            r.tag().ifPresent(h -> f.put("hmac", b64(h)));
        } else if (x instanceof MptcpOption.MpPrio p) {
            f.put("backup", Bytes.of(new byte[] {(byte) (p.backup() ? 1 : 0)}));
            p.tag().ifPresent(h -> f.put("hmac", b64(h)));
        }
        Map<String, Integer> known = bits.getOrDefault(msg, Map.of());
        f.keySet().retainAll(known.keySet());
        return f;
    }

    /** The fields an injected message must carry: the language's fields of its option that the wire always has. */
    public static List<String> required(String msg) {
        return switch (msg) {
            case "JOIN_SYN" -> List.of("token", "Ra");
            case "JOIN_SYNACK" -> List.of("hmac", "Rb");
            case "JOIN_ACK" -> List.of("hmac");
            case "FASTCLOSE", "FASTCLOSE_B" -> List.of("key");
            case "ADD_ADDR", "ADD_ADDR_A" -> List.of("id", "addr");
            case "REMOVE_ADDR" -> List.of("id");
            case "MP_PRIO" -> List.of("backup");
            default -> throw new IllegalArgumentException("the generic core's attacker does not inject " + msg
                    + " (it injects JOIN_SYN, JOIN_SYNACK, JOIN_ACK, ADD_ADDR, FASTCLOSE, REMOVE_ADDR, MP_PRIO)");
        };
    }

    /**
     * The option of an injected message from its field bytes (each of the width {@link #bits}
     * gives). An ADD_ADDR is version 1 with an HMAC when it has one, version 0 without (the
     * definitions' v0 modes); a port of 0 is left out, as the reference's own ADD_ADDR does.
     */
    public static MptcpOption build(String msg, Map<String, Bytes> f) {
        return switch (msg) {
            case "JOIN_SYN" -> new MpJoinSyn(0, 0, int32(f.get("token")), int32(f.get("Ra")));
            case "JOIN_SYNACK" -> new MpJoinSynAck(0, 0, int64(f.get("hmac")), int32(f.get("Rb")));
            case "JOIN_ACK" -> new MpJoinAck(f.get("hmac"));
            case "FASTCLOSE", "FASTCLOSE_B" -> new MpFastClose(0, int64(f.get("key")));
            case "ADD_ADDR", "ADD_ADDR_A" -> {
                InetAddress addr;
                try {
                    addr = InetAddress.getByAddress(f.get("addr").toArray());
                } catch (java.net.UnknownHostException e) {
                    throw new IllegalArgumentException("ADD_ADDR address of " + f.get("addr").length() + " bytes");
                }
                int port = f.containsKey("port") ? (int) int64(f.get("port")) : 0;
                OptionalInt p = port == 0 ? OptionalInt.empty() : OptionalInt.of(port);
                int id = (int) int64(f.get("id"));
                yield f.containsKey("hmac")
                        ? new AddAddr(1, 0, id, addr, p, java.util.OptionalLong.of(int64(f.get("hmac"))))
                        : new AddAddr(0, addr.getAddress().length == 4 ? 4 : 6, id, addr, p, java.util.OptionalLong.empty());
            }
            // tagged when the attacker gives a tag (the layouts of mptls and mptcpsec), else RFC 8684's
            case "REMOVE_ADDR" -> new MptcpOption.RemoveAddr(List.of((int) int64(f.get("id"))), optLong(f.get("hmac")));
            case "MP_PRIO" -> new MptcpOption.MpPrio(int64(f.get("backup")) != 0, OptionalInt.empty(), optLong(f.get("hmac")));
            default -> throw new IllegalArgumentException("the attacker does not inject " + msg);
        };
    }

    private static java.util.OptionalLong optLong(Bytes b) {
        return b == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(int64(b));
    }

    /**
     * The handshake and key-agreement messages, which the generic core's attacker sends only in
     * place of an end's segment it read (MptcpCore.tla Answer): the option keeps that segment's
     * layout (version, flags, curve), with the attacker's values in the fields it gives.
     */
    public static boolean answered(String msg) {
        return List.of("MPC_SYN", "MPC_SYNACK", "MPC_ACK", "KEY_A", "KEY_B").contains(msg);
    }

    /** {@code o} (an MP_CAPABLE or key-agreement option) with the fields in {@code f} replaced. */
    public static MptcpOption withFields(MptcpOption o, Map<String, Bytes> f) {
        if (o instanceof MptcpOption.MpCapableShare c) {
            return new MptcpOption.MpCapableShare(c.version(), c.flags(), c.curve(), f.getOrDefault("share", c.share()));
        }
        if (o instanceof MpCapableTokens t) {
            return new MpCapableTokens(t.version(), t.flags(),
                    f.containsKey("sender_token") ? OptionalInt.of(int32(f.get("sender_token"))) : t.senderToken(),
                    f.containsKey("receiver_token") ? OptionalInt.of(int32(f.get("receiver_token"))) : t.receiverToken(),
                    f.containsKey("confirm") ? java.util.OptionalLong.of(int64(f.get("confirm"))) : t.confirm());
        }
        if (o instanceof MpCapable c) {
            return new MpCapable(c.version(), c.flags(),
                    f.containsKey("sender_key") ? java.util.OptionalLong.of(int64(f.get("sender_key"))) : c.senderKey(),
                    f.containsKey("receiver_key") ? java.util.OptionalLong.of(int64(f.get("receiver_key"))) : c.receiverKey(),
                    c.dataLevelLength(), c.checksum());
        }
        if (o instanceof MptcpOption.KeyShare k) {
            return new MptcpOption.KeyShare(k.flags(), f.getOrDefault("share", k.share()));
        }
        if (o instanceof NewKey n) {
            return new NewKey(n.flags(), f.containsKey("hmac") ? int64(f.get("hmac")) : n.hmac());
        }
        throw new IllegalArgumentException("no handshake option to answer with: " + o.getClass().getSimpleName());
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
