package org.mptcpverify.inspect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.mptcpverify.crypto.HashAlg;
import org.mptcpverify.crypto.MptcpCrypto;
import java.util.SplittableRandom;
import org.mptcpverify.pcap.AttackerMark;
import org.mptcpverify.pcap.CapturedPacket;
import org.mptcpverify.definition.CapturedHandshake;
import org.mptcpverify.definition.DefinedScheme;
import org.mptcpverify.definition.Phase;
import org.mptcpverify.scheme.ConnKeys;
import org.mptcpverify.scheme.HostKeys;
import org.mptcpverify.scheme.Role;
import org.mptcpverify.pcap.PcapFormatException;
import org.mptcpverify.pcap.PcapReader;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.DecodeResult;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.MptcpOption.AddAddr;
import org.mptcpverify.wire.MptcpOption.MpCapable;
import org.mptcpverify.wire.MptcpOption.MpCapableTokens;
import org.mptcpverify.wire.MptcpOption.MpJoinAck;
import org.mptcpverify.wire.MptcpOption.MpJoinSyn;
import org.mptcpverify.wire.MptcpOption.MpJoinSynAck;

/**
 * Groups the TCP segments of a capture into MPTCP connections and subflows, and re-derives from
 * the keys seen on the wire every token, IDSN and authenticator the capture shows, with the
 * reference codec and crypto. One pass over the packets collects observations; a second step
 * links joins to connections by token (a join may precede in the file the segment that shows
 * the key it needs) and verifies.
 */
public final class Inspector {
    private Inspector() {}

    /** Reads and inspects a capture file. */
    public static InspectReport inspect(Path file) throws IOException, PcapFormatException {
        return inspect(file, null);
    }

    /** Reads and inspects a capture file under a scheme and the sides' keys (null: RFC derivations only). */
    public static InspectReport inspect(Path file, Keying keying) throws IOException, PcapFormatException {
        PcapReader.Capture capture = PcapReader.readCapture(file);
        return inspect(file.toString(), capture.packets(), keying, capture.skipped());
    }

    /** Inspects packets already read; {@code name} only labels the report. */
    public static InspectReport inspect(String name, List<CapturedPacket> packets) {
        return inspect(name, packets, null);
    }

    /** Inspects packets already read under {@code keying} (null: RFC 6824 / RFC 8684 derivations only). */
    public static InspectReport inspect(String name, List<CapturedPacket> packets, Keying keying) {
        return inspect(name, packets, keying, List.of());
    }

    /** {@code skipped}: what the reader did not read (frames of interfaces it does not unwrap), as notes. */
    private static InspectReport inspect(String name, List<CapturedPacket> packets, Keying keying, List<String> skipped) {
        Collector c = new Collector(keying);
        c.notes.addAll(skipped);
        // TCP packets that cannot be read, per reason: said once with their frames, not dropped unsaid
        Map<String, List<Long>> unreadable = new LinkedHashMap<>();
        for (CapturedPacket p : packets) {
            c.ipPackets++;
            AttackerMark.find(p.comments()).ifPresent(m -> c.marks.put(p.frameIndex(), m));
            byte[] ip = p.ip();
            Optional<TcpPacket> tcp = TcpPacket.parse(p.frameIndex(), ip);
            if (tcp.isPresent()) {
                c.add(tcp.get());
            } else {
                TcpPacket.unreadable(ip).ifPresent(why -> unreadable.computeIfAbsent(why, k -> new ArrayList<>())
                        .add(p.frameIndex()));
            }
        }
        unreadable.forEach((why, frames) -> c.notes.add(frames.size() + " TCP packet(s) not read, " + why + ": frame"
                + (frames.size() == 1 ? " " : "s ") + frames.stream().limit(5).map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(", ")) + (frames.size() > 5 ? ", ..." : "")));
        return c.report(name);
    }

    // ------------------------------------------------------------------ observations

    private enum Kind { CAPABLE, JOIN, PLAIN, UNKNOWN }

    private static final class Conn {
        final long firstFrame;
        final Endpoint a;
        final Endpoint b;
        OptionalInt synVersion = OptionalInt.empty();
        OptionalInt synAckVersion = OptionalInt.empty();
        OptionalLong keyA = OptionalLong.empty();
        OptionalLong keyB = OptionalLong.empty();
        /** Tokens sent in clear (draft-baerts E, bound-key G) and the server's MP_CAPABLE flags. */
        OptionalInt clearTokenA = OptionalInt.empty();
        OptionalInt clearTokenB = OptionalInt.empty();
        int capableFlags = -1;
        final List<OptionSeen> confirms = new ArrayList<>();
        final List<Flow> flows = new ArrayList<>();

        Conn(long firstFrame, Endpoint a, Endpoint b) {
            this.firstFrame = firstFrame;
            this.a = a;
            this.b = b;
        }

        OptionalInt version() {
            return synAckVersion.isPresent() ? synAckVersion : synVersion;
        }

        /** What the capture shows in clear of the connection's handshake. */
        CapturedHandshake seen() {
            return new CapturedHandshake(keyA, keyB, clearTokenA, clearTokenB, capableFlags);
        }

        /** Flags that only external-key designs send: draft-paasch's bit 1 in v0, E or G in v1. */
        boolean signalsExternalKey() {
            if (capableFlags < 0 || version().isEmpty()) {
                return false;
            }
            int bits = version().getAsInt() == 0 ? 0x02
                    : MptcpOption.FLAG_E_EXTERNAL_KEY | MptcpOption.FLAG_G_BOUND_KEY;
            return (capableFlags & bits) != 0;
        }
    }

    /** One subflow instance: a 4-tuple from one SYN on (a reused 4-tuple starts a new one). */
    private static final class Flow {
        final Endpoint initiator;
        final Endpoint responder;
        final long synSeq;
        final long firstFrame;
        long lastFrame;
        long segments;
        Kind kind;
        Conn conn;
        boolean initiatorIsA = true;
        // join handshake
        boolean joinSyn;
        int token;
        int randA;
        int addressId;
        boolean joinSynAck;
        long synAckHmac;
        int randB;
        long ackFrame = -1;
        Bytes ackHmac;
        boolean established;
        boolean reset;
        long attackerSegments;
        /** Which of the join's handshake segments carry the attacker mark. */
        final List<String> attackerSent = new ArrayList<>();

        Flow(Endpoint initiator, Endpoint responder, long synSeq, long frame, Kind kind) {
            this.initiator = initiator;
            this.responder = responder;
            this.synSeq = synSeq;
            this.firstFrame = frame;
            this.lastFrame = frame;
            this.kind = kind;
        }
    }

    private record FlowKey(Endpoint lo, Endpoint hi) {
        static FlowKey of(Endpoint x, Endpoint y) {
            return x.compareTo(y) <= 0 ? new FlowKey(x, y) : new FlowKey(y, x);
        }
    }

    private record AddAddrSeen(long frame, Flow flow, boolean fromInitiator, AddAddr option) {}

    /** Any other MPTCP option seen on a subflow (listed per connection; DSS is not listed). */
    private record OptionSeen(long frame, Flow flow, boolean fromInitiator, MptcpOption option) {}

    private static final class Collector {
        final Keying keying;
        long ipPackets;
        long tcpSegments;
        long mptcpOptions;
        final List<String> notes = new ArrayList<>();
        final Map<FlowKey, Flow> current = new HashMap<>();
        final List<Flow> flows = new ArrayList<>();
        final List<Conn> conns = new ArrayList<>();
        final List<AddAddrSeen> addAddrs = new ArrayList<>();
        final List<OptionSeen> others = new ArrayList<>();
        /** Frames whose packet comment marks them as the attacker's (captures the project wrote). */
        final Map<Long, String> marks = new LinkedHashMap<>();
        long orphanOptions;

        Collector(Keying keying) {
            this.keying = keying;
        }

        void add(TcpPacket p) {
            tcpSegments++;
            List<MptcpOption> options = new ArrayList<>();
            for (OptionScan.Found f : OptionScan.mptcpOptions(p)) {
                mptcpOptions++;
                if (f.result() instanceof DecodeResult.Decoded d) {
                    options.add(d.option());
                } else if (f.result() instanceof DecodeResult.DecodeError e) {
                    notes.add("frame " + p.frame() + ": malformed MPTCP option at packet byte " + f.offset()
                            + ": " + e.reason() + " at byte " + e.offset() + " (" + e.detail() + ")");
                }
            }
            if (p.optionsCut()) {
                notes.add("frame " + p.frame() + ": TCP options cut by the capture's snap length");
            }
            Flow flow = flowFor(p, options);
            if (flow == null) {
                if (!options.isEmpty()) {
                    orphanOptions += options.size();
                }
                return;
            }
            flow.lastFrame = p.frame();
            flow.segments++;
            if (marks.containsKey(p.frame())) {
                flow.attackerSegments++;
            }
            boolean fromInitiator = p.src().equals(flow.initiator);
            for (MptcpOption o : options) {
                apply(p, flow, fromInitiator, o);
            }
            trackJoinOutcome(p, flow, fromInitiator);
        }

        /** The subflow this segment belongs to, starting a new one on a new SYN. */
        private Flow flowFor(TcpPacket p, List<MptcpOption> options) {
            FlowKey key = FlowKey.of(p.src(), p.dst());
            Flow f = current.get(key);
            if (p.isSyn()) {
                if (f == null || !f.initiator.equals(p.src()) || f.synSeq != p.seq()) {
                    f = newFlow(p.src(), p.dst(), p.seq(), p.frame(), options);
                    current.put(key, f);
                }
            } else if (p.isSynAck() && f == null) {
                // The SYN was not captured: the receiver of the SYN/ACK opened the subflow.
                f = newFlow(p.dst(), p.src(), p.ack() - 1, p.frame(), options);
                current.put(key, f);
            }
            return f;
        }

        private Flow newFlow(Endpoint initiator, Endpoint responder, long synSeq, long frame,
                             List<MptcpOption> options) {
            Kind kind = Kind.PLAIN;
            for (MptcpOption o : options) {
                if (o instanceof MpCapable || o instanceof MpCapableTokens) {
                    kind = Kind.CAPABLE;
                } else if (o instanceof MpJoinSyn && kind != Kind.CAPABLE) {
                    kind = Kind.JOIN;
                } else if (o instanceof MpJoinSynAck && kind == Kind.PLAIN) {
                    kind = Kind.UNKNOWN; // a join whose SYN, and so token, was not captured
                }
            }
            Flow f = new Flow(initiator, responder, synSeq, frame, kind);
            if (kind == Kind.CAPABLE) {
                f.conn = new Conn(frame, initiator, responder);
                f.conn.flows.add(f);
                conns.add(f.conn);
            }
            flows.add(f);
            return f;
        }

        private void apply(TcpPacket p, Flow f, boolean fromInitiator, MptcpOption o) {
            if (o instanceof MpCapable m) {
                if (f.conn == null) {
                    notes.add("frame " + p.frame() + ": MP_CAPABLE on a subflow that did not start with one");
                    return;
                }
                if (p.isSyn()) {
                    f.conn.synVersion = OptionalInt.of(m.version());
                } else if (p.isSynAck()) {
                    f.conn.synAckVersion = OptionalInt.of(m.version());
                    f.conn.capableFlags = m.flags();
                }
                // On the initial subflow the initiator is A.
                m.senderKey().ifPresent(k -> setKey(p, f.conn, fromInitiator, k));
                m.receiverKey().ifPresent(k -> setKey(p, f.conn, !fromInitiator, k));
            } else if (o instanceof MpCapableTokens t) {
                if (f.conn == null) {
                    notes.add("frame " + p.frame() + ": MP_CAPABLE on a subflow that did not start with one");
                    return;
                }
                if (p.isSyn()) {
                    f.conn.synVersion = OptionalInt.of(t.version());
                } else if (p.isSynAck()) {
                    f.conn.synAckVersion = OptionalInt.of(t.version());
                    f.conn.capableFlags = t.flags();
                }
                // The initiator of the initial subflow is A.
                if (t.senderToken().isPresent()) {
                    if (fromInitiator && f.conn.clearTokenA.isEmpty()) {
                        f.conn.clearTokenA = t.senderToken();
                    } else if (!fromInitiator && f.conn.clearTokenB.isEmpty()) {
                        f.conn.clearTokenB = t.senderToken();
                    }
                }
                if (t.confirm().isPresent()) {
                    f.conn.confirms.add(new OptionSeen(p.frame(), f, fromInitiator, t));
                }
            } else if (o instanceof MpJoinSyn j) {
                if (f.kind == Kind.UNKNOWN && p.isSyn() && fromInitiator) {
                    f.kind = Kind.JOIN; // the SYN was captured after its SYN/ACK (a capture reordered)
                }
                if (f.kind == Kind.JOIN && p.isSyn() && fromInitiator && !f.joinSyn) {
                    f.joinSyn = true;
                    f.token = j.receiverToken();
                    f.randA = j.senderRandom();
                    f.addressId = j.addressId();
                    markIfAttacker(p, f, "SYN");
                }
            } else if (o instanceof MpJoinSynAck j) {
                if (p.isSynAck() && !fromInitiator && !f.joinSynAck) {
                    f.joinSynAck = true;
                    f.synAckHmac = j.truncatedHmac();
                    f.randB = j.senderRandom();
                    markIfAttacker(p, f, "SYN/ACK");
                }
            } else if (o instanceof MpJoinAck j) {
                if (fromInitiator && f.ackFrame < 0 && !p.has(TcpPacket.SYN)) {
                    f.ackFrame = p.frame();
                    f.ackHmac = j.hmac();
                    markIfAttacker(p, f, "third ACK");
                }
            } else if (o instanceof AddAddr a) {
                addAddrs.add(new AddAddrSeen(p.frame(), f, fromInitiator, a));
            } else if (!(o instanceof MptcpOption.Dss)) {
                others.add(new OptionSeen(p.frame(), f, fromInitiator, o));
            }
        }

        private void markIfAttacker(TcpPacket p, Flow f, String segment) {
            if (marks.containsKey(p.frame())) {
                f.attackerSent.add(segment);
            }
        }

        private void setKey(TcpPacket p, Conn c, boolean sideA, long key) {
            OptionalLong have = sideA ? c.keyA : c.keyB;
            if (have.isEmpty()) {
                if (sideA) {
                    c.keyA = OptionalLong.of(key);
                } else {
                    c.keyB = OptionalLong.of(key);
                }
            } else if (have.getAsLong() != key) {
                notes.add("frame " + p.frame() + ": Key-" + (sideA ? "A" : "B") + " differs from the one"
                        + " seen before on this connection; kept the first");
            }
        }

        /** A join is established once the responder answers the third ACK with anything but RST. */
        private void trackJoinOutcome(TcpPacket p, Flow f, boolean fromInitiator) {
            if (f.kind != Kind.JOIN || fromInitiator || f.established || f.reset) {
                return;
            }
            if (p.has(TcpPacket.RST)) {
                f.reset = true;
            } else if (f.ackFrame >= 0 && p.frame() > f.ackFrame && p.has(TcpPacket.ACK)) {
                f.established = true;
            }
        }

        // -------------------------------------------------------------- verification

        InspectReport report(String name) {
            Map<Flow, Conn> joinConn = new HashMap<>();
            Map<Integer, List<Flow>> orphanJoins = new LinkedHashMap<>();
            for (Flow f : flows) {
                if (f.kind == Kind.UNKNOWN) {
                    notes.add("frame " + f.firstFrame + ": MP_JOIN SYN/ACK whose SYN was not captured ("
                            + f.initiator + " -> " + f.responder + "); not verified");
                }
                if (f.kind != Kind.JOIN || !f.joinSyn) {
                    continue;
                }
                Conn c = connForToken(f);
                if (c == null) {
                    orphanJoins.computeIfAbsent(f.token, t -> new ArrayList<>()).add(f);
                } else {
                    joinConn.put(f, c);
                    f.conn = c;
                    c.flows.add(f);
                }
            }
            if (orphanOptions > 0) {
                notes.add(orphanOptions + " MPTCP option(s) on subflows whose SYN was not captured; ignored");
            }
            List<ConnectionReport> out = new ArrayList<>();
            for (Conn c : conns) {
                out.add(connectionReport(c));
            }
            for (List<Flow> group : orphanJoins.values()) {
                out.add(orphanReport(group));
            }
            out.sort(Comparator.comparingLong(ConnectionReport::firstFrame));
            List<MarkedFrame> marked = new ArrayList<>();
            marks.forEach((frame, comment) -> marked.add(new MarkedFrame(frame, comment)));
            return new InspectReport(name, ipPackets, tcpSegments, mptcpOptions, out, notes, marked);
        }

        /** The latest connection opened before the join whose token of A or B is the join's token. */
        private Conn connForToken(Flow f) {
            for (int i = conns.size() - 1; i >= 0; i--) {
                Conn c = conns.get(i);
                if (c.firstFrame > f.firstFrame) {
                    continue;
                }
                Optional<HashAlg> alg = alg(c.version());
                if (alg.isEmpty()) {
                    continue;
                }
                if (c.keyB.isPresent() && MptcpCrypto.token(alg.get(), c.keyB.getAsLong()) == f.token) {
                    f.initiatorIsA = true; // A joins towards B: the SYN carries B's token
                    return c;
                }
                if (c.keyA.isPresent() && MptcpCrypto.token(alg.get(), c.keyA.getAsLong()) == f.token) {
                    f.initiatorIsA = false;
                    return c;
                }
                if (c.clearTokenB.isPresent() && c.clearTokenB.getAsInt() == f.token) {
                    f.initiatorIsA = true;
                    return c;
                }
                if (c.clearTokenA.isPresent() && c.clearTokenA.getAsInt() == f.token) {
                    f.initiatorIsA = false;
                    return c;
                }
                if (keyedFieldMatches(c, f.token)) {
                    f.initiatorIsA = true;
                    return c;
                }
            }
            return null;
        }

        /** Joins a scheme's client may open per connection that `inspect` tries (bound-key tickets 1..n). */
        private static final int JOIN_FIELDS_TRIED = 16;

        /** Whether {@code field} is a join SYN token field A's side computes for {@code c} under the scheme. */
        private boolean keyedFieldMatches(Conn c, int field) {
            if (keying == null) {
                return false;
            }
            Optional<ConnKeys> a = keying.state(c.seen(), Role.A);
            if (a.isEmpty()) {
                return false;
            }
            HostKeys host = keying.host(Role.A);
            for (int i = 1; i <= JOIN_FIELDS_TRIED; i++) {
                if (keying.scheme().joinTokenField(a.get(), i, host) == field) {
                    return true;
                }
            }
            return false;
        }

        private ConnectionReport connectionReport(Conn c) {
            Optional<HashAlg> alg = alg(c.version());
            OptionalInt tokenA = c.keyA.isPresent() ? token(alg, c.keyA) : c.clearTokenA;
            OptionalInt tokenB = c.keyB.isPresent() ? token(alg, c.keyB) : c.clearTokenB;
            OptionalLong idsnA = idsn(alg, c.keyA);
            OptionalLong idsnB = idsn(alg, c.keyB);
            List<JoinReport> joins = new ArrayList<>();
            List<SubflowReport> subflows = new ArrayList<>();
            for (Flow f : c.flows) {
                subflows.add(new SubflowReport(f.initiator, f.responder, f.kind == Kind.CAPABLE, f.firstFrame,
                        f.lastFrame, f.segments, f.attackerSegments));
                if (f.kind == Kind.JOIN) {
                    joins.add(joinReport(f, alg, c));
                }
            }
            subflows.sort(Comparator.comparingLong(SubflowReport::firstFrame));
            joins.sort(Comparator.comparingLong(JoinReport::synFrame));
            return new ConnectionReport(c.firstFrame, Optional.of(c.a), Optional.of(c.b), c.version(),
                    c.keyA, c.keyB, tokenA, tokenB, idsnA, idsnB, subflows, joins, addAddrReports(c, alg),
                    optionReports(c));
        }

        private ConnectionReport orphanReport(List<Flow> group) {
            List<JoinReport> joins = new ArrayList<>();
            List<SubflowReport> subflows = new ArrayList<>();
            for (Flow f : group) {
                joins.add(joinReport(f, Optional.empty(), null));
                subflows.add(new SubflowReport(f.initiator, f.responder, false, f.firstFrame, f.lastFrame,
                        f.segments, f.attackerSegments));
            }
            String hint = keying != null && keying.missingKey(Role.A)
                    ? " (under " + keying.scheme().id().wireName() + " the field is derived from A's external key:"
                    + " give --key A=VALUE)"
                    : keying == null ? " (an external-key scheme may derive the field from a key: give --scheme and --key)" : "";
            notes.add("frame " + group.get(0).firstFrame + ": MP_JOIN with token "
                    + String.format("%08x", group.get(0).token)
                    + " matches no connection whose keys were captured; its HMACs are not verified" + hint);
            return new ConnectionReport(group.get(0).firstFrame, Optional.empty(), Optional.empty(),
                    OptionalInt.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalInt.empty(),
                    OptionalInt.empty(), OptionalLong.empty(), OptionalLong.empty(), subflows, joins, List.of(),
                    List.of());
        }

        private JoinReport joinReport(Flow f, Optional<HashAlg> alg, Conn c) {
            String side = c == null ? null : f.initiatorIsA ? "A" : "B";
            if (c == null) {
                return joinReport(f, side, HmacCheck.UNAVAILABLE, HmacCheck.UNAVAILABLE,
                        "the token field matches no connection whose keys were captured");
            }
            if (keying != null && (f.initiatorIsA || !keying.scheme().id().usesExternalKey())) {
                if (f.initiatorIsA) {
                    return schemeJoinReport(f, c, side);
                }
            }
            OptionalLong ki = f.initiatorIsA ? c.keyA : c.keyB;
            OptionalLong kr = f.initiatorIsA ? c.keyB : c.keyA;
            boolean keys = alg.isPresent() && ki.isPresent() && kr.isPresent();
            HmacCheck synAck = HmacCheck.UNAVAILABLE;
            if (keys && f.joinSynAck) {
                long expected = MptcpCrypto.joinSynAckHmac(alg.get(), kr.getAsLong(), ki.getAsLong(), f.randB, f.randA);
                synAck = MptcpCrypto.constantTimeEquals(expected, f.synAckHmac) ? HmacCheck.VALID : HmacCheck.INVALID;
            }
            HmacCheck ack = HmacCheck.UNAVAILABLE;
            if (keys && f.joinSynAck && f.ackHmac != null) {
                Bytes expected = MptcpCrypto.joinAckHmac(alg.get(), ki.getAsLong(), kr.getAsLong(), f.randA, f.randB);
                ack = MptcpCrypto.constantTimeEquals(expected, f.ackHmac) ? HmacCheck.VALID : HmacCheck.INVALID;
            }
            String why = keys ? "" : keying != null && keying.scheme().id().usesExternalKey()
                    ? keying.scheme().id().wireName() + " defines the join HMACs of joins opened by A only"
                    : "a key was not captured";
            if (keying == null && c.signalsExternalKey()
                    && (synAck == HmacCheck.INVALID || ack == HmacCheck.INVALID)) {
                // The RFC derivation does not apply: an external key may be the HMAC key.
                synAck = synAck == HmacCheck.INVALID ? HmacCheck.UNAVAILABLE : synAck;
                ack = ack == HmacCheck.INVALID ? HmacCheck.UNAVAILABLE : ack;
                why = String.format("the MP_CAPABLE flags 0x%02x signal an external-key scheme: give --scheme and --key",
                        c.capableFlags);
            }
            return joinReport(f, side, synAck, ack, why);
        }

        /** A join opened by A, checked as the scheme's client (SYN/ACK) and server (third ACK) check it. */
        private JoinReport schemeJoinReport(Flow f, Conn c, String side) {
            DefinedScheme scheme = keying.scheme();
            Optional<ConnKeys> a = keying.state(c.seen(), Role.A);
            Optional<ConnKeys> b = keying.state(c.seen(), Role.B);
            List<String> why = new ArrayList<>();
            HmacCheck synAck = HmacCheck.UNAVAILABLE;
            if (f.joinSynAck) {
                if (a.isPresent()) {
                    // The client checks against the connection's initial server address (only `broken` binds it).
                    Check ch = keyedCheck(Role.A, scheme.synAckHmacOk(a.get(), f.randA, f.randB, f.synAckHmac, c.b.address()));
                    synAck = ch.result();
                    if (!ch.why().isEmpty()) {
                        why.add("SYN/ACK: " + ch.why());
                    }
                } else {
                    why.add("SYN/ACK: " + keying.unavailable(Role.A));
                }
            }
            HmacCheck ack = HmacCheck.UNAVAILABLE;
            if (f.joinSynAck && f.ackHmac != null) {
                if (b.isPresent()) {
                    Check ch = keyedCheck(Role.B, scheme.thirdAckHmacOk(b.get(), f.randA, f.randB, f.ackHmac));
                    ack = ch.result();
                    if (!ch.why().isEmpty()) {
                        why.add("third ACK: " + ch.why());
                    }
                } else {
                    why.add("third ACK: " + keying.unavailable(Role.B));
                }
            }
            return joinReport(f, side, synAck, ack, String.join("; ", why));
        }

        private static JoinReport joinReport(Flow f, String side, HmacCheck synAck, HmacCheck ack, String why) {
            return new JoinReport(f.firstFrame, f.initiator, f.responder, side, f.token, f.randA,
                    f.joinSynAck ? OptionalInt.of(f.randB) : OptionalInt.empty(), f.addressId, synAck, ack,
                    f.established, f.reset, why, f.attackerSent);
        }

        private List<AddAddrReport> addAddrReports(Conn c, Optional<HashAlg> alg) {
            // Announcements first (merged when identical), then echoes matched to them.
            Map<List<Object>, AddAddrReport> announced = new LinkedHashMap<>();
            List<AddAddrSeen> echoes = new ArrayList<>();
            for (AddAddrSeen s : addAddrs) {
                if (s.flow().conn != c) {
                    continue;
                }
                boolean senderIsA = s.fromInitiator() == s.flow().initiatorIsA;
                AddAddr a = s.option();
                if (a.version() == 1 && (a.flags() & MptcpOption.ADD_ADDR_FLAG_ECHO) != 0) {
                    echoes.add(s);
                    continue;
                }
                String sender = senderIsA ? "A" : "B";
                List<Object> key = List.of(sender, a.addressId(), a.address(), a.port(), a.truncatedHmac());
                if (!announced.containsKey(key)) {
                    Check check = keying != null ? schemeAddAddrCheck(c, senderIsA, a) : addAddrCheck(c, alg, senderIsA, a);
                    announced.put(key, new AddAddrReport(s.frame(), sender, a.addressId(), a.address(), a.port(),
                            check.result(), OptionalLong.empty(), check.why()));
                }
            }
            List<AddAddrReport> out = new ArrayList<>();
            List<AddAddrSeen> unmatched = new ArrayList<>(echoes);
            for (AddAddrReport r : announced.values()) {
                OptionalLong echo = OptionalLong.empty();
                for (AddAddrSeen e : echoes) {
                    boolean echoFromA = e.fromInitiator() == e.flow().initiatorIsA;
                    AddAddr a = e.option();
                    if (e.frame() > r.frame() && echoFromA != r.sender().equals("A")
                            && a.addressId() == r.addrId() && a.address().equals(r.address())
                            && a.port().equals(r.port())) {
                        echo = OptionalLong.of(e.frame());
                        unmatched.remove(e);
                        break;
                    }
                }
                out.add(new AddAddrReport(r.frame(), r.sender(), r.addrId(), r.address(), r.port(), r.hmac(), echo, r.why()));
            }
            for (AddAddrSeen e : unmatched) {
                notes.add("frame " + e.frame() + ": ADD_ADDR echo of id " + e.option().addressId() + " "
                        + Endpoint.format(e.option().address()) + e.option().port().stream().mapToObj(pt -> " port " + pt)
                        .findFirst().orElse("") + " that echoes no announcement captured before it");
            }
            out.sort(Comparator.comparingLong(AddAddrReport::frame));
            return out;
        }

        private List<OptionReport> optionReports(Conn c) {
            List<OptionReport> out = new ArrayList<>();
            for (OptionSeen s : c.confirms) {
                out.add(confirmReport(c, s));
            }
            for (OptionSeen s : others) {
                if (s.flow().conn != c) {
                    continue;
                }
                boolean senderIsA = s.fromInitiator() == s.flow().initiatorIsA;
                out.add(optionReport(s.frame(), senderIsA ? "A" : "B", s.option(), c, senderIsA));
            }
            out.sort(Comparator.comparingLong(OptionReport::frame));
            return out;
        }

        /** bound-key's confirm-B (SYN/ACK) or confirm-A (third ACK), as the receiving side checks it. */
        private OptionReport confirmReport(Conn c, OptionSeen s) {
            MptcpOption.MpCapableTokens t = (MptcpOption.MpCapableTokens) s.option();
            boolean fromA = s.fromInitiator();
            String name = fromA ? "MP_CAPABLE confirm-A" : "MP_CAPABLE confirm-B";
            String detail = String.format("value %016x", t.confirm().getAsLong());
            Role receiver = fromA ? Role.B : Role.A;
            if (keying == null || !keying.scheme().id().usesExternalKey()) {
                return new OptionReport(s.frame(), fromA ? "A" : "B", name, detail, HmacCheck.UNAVAILABLE,
                        "keyed by an external key: give --scheme and --key");
            }
            if (keying.missingKey(receiver)) {
                return new OptionReport(s.frame(), fromA ? "A" : "B", name, detail, HmacCheck.UNAVAILABLE,
                        keying.unavailable(receiver));
            }
            DefinedScheme scheme = keying.scheme();
            boolean ok;
            if (fromA) {
                if (c.clearTokenB.isEmpty()) {
                    return new OptionReport(s.frame(), "A", name, detail, HmacCheck.UNAVAILABLE,
                            "Token-B (SYN/ACK) was not captured");
                }
                // The server's state after its SYN/ACK, then its third-ACK step, which runs the confirm-A
                // check; a SYN/ACK the scheme's messages do not lay out so makes no state, and no server accepts.
                Optional<ConnKeys> b = keying.stateBefore(c.seen(), Role.B, Phase.HANDSHAKE_ACK);
                ok = b.isPresent() && scheme.serverEstablished(b.get(), Optional.of(t)).mptcp();
            } else {
                // The client's third-ACK step accepts the SYN/ACK only when confirm-B verifies; the random
                // only draws Token-A, which the check does not read.
                Optional<ConnKeys> a = keying.stateBefore(c.seen(), Role.A, Phase.HANDSHAKE_SYN_ACK);
                ok = a.isPresent() && scheme.clientThirdAck(a.get(), Optional.of(t), new SplittableRandom(0)).keys().mptcp();
            }
            return new OptionReport(s.frame(), fromA ? "A" : "B", name, detail, ok ? HmacCheck.VALID : HmacCheck.INVALID, "");
        }

        private OptionReport optionReport(long frame, String sender, MptcpOption o, Conn c, boolean senderIsA) {
            String unauth = "RFC 8684 gives it no authenticator";
            Role receiver = senderIsA ? Role.B : Role.A;
            if (keying != null && (o instanceof MptcpOption.MpFastClose || o instanceof MptcpOption.NewKey)) {
                return schemeOptionReport(frame, sender, o, c, receiver);
            }
            if (o instanceof MptcpOption.MpFastClose f) {
                OptionalLong receiverKey = senderIsA ? c.keyB : c.keyA;
                if (receiverKey.isEmpty()) {
                    return new OptionReport(frame, sender, "MP_FASTCLOSE", String.format("value %016x", f.value()),
                            HmacCheck.UNAVAILABLE, "the receiver's key was not captured");
                }
                boolean ok = MptcpCrypto.constantTimeEquals(f.value(), receiverKey.getAsLong());
                if (!ok && c.signalsExternalKey()) {
                    return new OptionReport(frame, sender, "MP_FASTCLOSE", String.format("value %016x", f.value()),
                            HmacCheck.UNAVAILABLE, "the MP_CAPABLE flags signal an external-key scheme: give --scheme and --key");
                }
                return new OptionReport(frame, sender, "MP_FASTCLOSE", String.format("value %016x", f.value()),
                        ok ? HmacCheck.VALID : HmacCheck.INVALID, "");
            } else if (o instanceof MptcpOption.MpTcpRst r) {
                return new OptionReport(frame, sender, "MP_TCPRST", "reason " + r.reason() + " (" + r.reasonName() + "), flags 0x"
                        + Integer.toHexString(r.flags()), HmacCheck.UNAVAILABLE, unauth);
            } else if (o instanceof MptcpOption.RemoveAddr r) {
                return new OptionReport(frame, sender, "REMOVE_ADDR", "address ids " + r.addressIds(),
                        HmacCheck.UNAVAILABLE, unauth);
            } else if (o instanceof MptcpOption.MpPrio p) {
                return new OptionReport(frame, sender, "MP_PRIO", (p.backup() ? "backup" : "regular")
                        + (p.addressId().isPresent() ? ", address id " + p.addressId().getAsInt() : ""),
                        HmacCheck.UNAVAILABLE, unauth);
            } else if (o instanceof MptcpOption.MpFail f) {
                return new OptionReport(frame, sender, "MP_FAIL", "data sequence " + Long.toUnsignedString(f.dataSequence()),
                        HmacCheck.UNAVAILABLE, unauth);
            } else if (o instanceof MptcpOption.NewKey k) {
                return new OptionReport(frame, sender, "NEW_KEY", String.format("flags 0x%x, value %016x", k.flags(), k.hmac()),
                        HmacCheck.UNAVAILABLE, "a draft-baerts value, keyed by an external key (give --scheme and --key)");
            }
            return new OptionReport(frame, sender, o.getClass().getSimpleName(), o.toString(), HmacCheck.UNAVAILABLE,
                    "not an RFC 8684 option the report knows");
        }

        /** MP_FASTCLOSE and NEW_KEY as the receiver checks them under the scheme. */
        private OptionReport schemeOptionReport(long frame, String sender, MptcpOption o, Conn c, Role receiver) {
            String name = o instanceof MptcpOption.NewKey ? "NEW_KEY" : "MP_FASTCLOSE";
            String detail = o instanceof MptcpOption.NewKey k ? String.format("flags 0x%x, value %016x", k.flags(), k.hmac())
                    : String.format("value %016x", ((MptcpOption.MpFastClose) o).value());
            Optional<ConnKeys> k = keying.state(c.seen(), receiver);
            if (k.isEmpty()) {
                return new OptionReport(frame, sender, name, detail, HmacCheck.UNAVAILABLE, keying.unavailable(receiver));
            }
            boolean ok;
            if (o instanceof MptcpOption.NewKey) {
                // The receiver activates the key only when the peer's NEW_KEY matches.
                ConnKeys before = k.get().withKeyActive(false);
                ConnKeys after = keying.scheme().onKeyAgreement(before, o);
                if (!after.extMode()) {
                    return new OptionReport(frame, sender, name, detail, HmacCheck.UNAVAILABLE,
                            keying.scheme().id().wireName() + " exchanges no NEW_KEY on this connection");
                }
                ok = after.keyActive();
            } else {
                ok = keying.scheme().fastCloseOk(k.get(), (MptcpOption.MpFastClose) o);
            }
            Check ch = keyedCheck(receiver, ok);
            return new OptionReport(frame, sender, name, detail, ch.result(), ch.why());
        }

        /** A check's outcome and, when it is UNAVAILABLE, why. */
        private record Check(HmacCheck result, String why) {
            static Check of(boolean ok) {
                return new Check(ok ? HmacCheck.VALID : HmacCheck.INVALID, "");
            }

            static Check unavailable(String why) {
                return new Check(HmacCheck.UNAVAILABLE, why);
            }
        }

        private static Check addAddrCheck(Conn c, Optional<HashAlg> alg, boolean senderIsA, AddAddr a) {
            OptionalInt version = c.version();
            if (version.isEmpty() || version.getAsInt() != 1 || alg.isEmpty()) {
                return Check.unavailable("MPTCP v0 ADD_ADDR carries no authenticator");
            }
            if (c.keyA.isEmpty() || c.keyB.isEmpty()) {
                return Check.unavailable(c.signalsExternalKey()
                        ? "keys are not on the wire in this external-key mode: give --scheme and --key"
                        : "a key was not captured");
            }
            if (a.truncatedHmac().isEmpty()) {
                return Check.of(false); // v1 requires one on every announcement
            }
            long ks = senderIsA ? c.keyA.getAsLong() : c.keyB.getAsLong();
            long kr = senderIsA ? c.keyB.getAsLong() : c.keyA.getAsLong();
            long expected = MptcpCrypto.addAddrHmac(alg.get(), ks, kr, a.addressId(), a.address(), a.port());
            boolean ok = MptcpCrypto.constantTimeEquals(expected, a.truncatedHmac().getAsLong());
            if (!ok && c.signalsExternalKey()) {
                return Check.unavailable("the MP_CAPABLE flags signal an external-key scheme: give --scheme and --key");
            }
            return Check.of(ok);
        }

        /** The ADD_ADDR as its receiver checks it under the scheme. */
        private Check schemeAddAddrCheck(Conn c, boolean senderIsA, AddAddr a) {
            if (keying.scheme().version() == 0 && a.truncatedHmac().isEmpty()) {
                return Check.unavailable(keying.scheme().id().wireName() + " ADD_ADDR carries no authenticator");
            }
            Role receiver = senderIsA ? Role.B : Role.A;
            Optional<ConnKeys> k = keying.state(c.seen(), receiver);
            return k.isEmpty() ? Check.unavailable(keying.unavailable(receiver))
                    : keyedCheck(receiver, keying.scheme().addAddrOk(k.get(), a));
        }

        /**
         * A scheme check on {@code side}'s state: a mismatch while that side's external key is not
         * given is not a failure (the value may be keyed by it: draft-paasch/unsignalled shows nothing).
         */
        private Check keyedCheck(Role side, boolean ok) {
            if (!ok && keying.missingKey(side)) {
                return Check.unavailable("does not match the value without an external key; "
                        + keying.unavailable(side));
            }
            return Check.of(ok);
        }

        private static Optional<HashAlg> alg(OptionalInt version) {
            if (version.isEmpty() || version.getAsInt() > 1) {
                return Optional.empty();
            }
            return Optional.of(HashAlg.forVersion(version.getAsInt()));
        }

        private static OptionalInt token(Optional<HashAlg> alg, OptionalLong key) {
            return alg.isPresent() && key.isPresent()
                    ? OptionalInt.of(MptcpCrypto.token(alg.get(), key.getAsLong())) : OptionalInt.empty();
        }

        private static OptionalLong idsn(Optional<HashAlg> alg, OptionalLong key) {
            return alg.isPresent() && key.isPresent()
                    ? OptionalLong.of(MptcpCrypto.idsn(alg.get(), key.getAsLong())) : OptionalLong.empty();
        }
    }

}
