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
import org.mptcpverify.pcap.CapturedPacket;
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
        return inspect(file.toString(), PcapReader.read(file));
    }

    /** Inspects packets already read; {@code name} only labels the report. */
    public static InspectReport inspect(String name, List<CapturedPacket> packets) {
        Collector c = new Collector();
        for (CapturedPacket p : packets) {
            c.ipPackets++;
            TcpPacket.parse(p.frameIndex(), p.ip()).ifPresent(c::add);
        }
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
        final List<Flow> flows = new ArrayList<>();

        Conn(long firstFrame, Endpoint a, Endpoint b) {
            this.firstFrame = firstFrame;
            this.a = a;
            this.b = b;
        }

        OptionalInt version() {
            return synAckVersion.isPresent() ? synAckVersion : synVersion;
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
        long ipPackets;
        long tcpSegments;
        long mptcpOptions;
        final List<String> notes = new ArrayList<>();
        final Map<FlowKey, Flow> current = new HashMap<>();
        final List<Flow> flows = new ArrayList<>();
        final List<Conn> conns = new ArrayList<>();
        final List<AddAddrSeen> addAddrs = new ArrayList<>();
        final List<OptionSeen> others = new ArrayList<>();
        long orphanOptions;

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
                }
                // On the initial subflow the initiator is A.
                m.senderKey().ifPresent(k -> setKey(p, f.conn, fromInitiator, k));
                m.receiverKey().ifPresent(k -> setKey(p, f.conn, !fromInitiator, k));
            } else if (o instanceof MpCapableTokens t) {
                if (f.conn != null && p.isSyn()) {
                    f.conn.synVersion = OptionalInt.of(t.version());
                } else if (f.conn != null && p.isSynAck()) {
                    f.conn.synAckVersion = OptionalInt.of(t.version());
                }
            } else if (o instanceof MpJoinSyn j) {
                if (f.kind == Kind.JOIN && p.isSyn() && fromInitiator && !f.joinSyn) {
                    f.joinSyn = true;
                    f.token = j.receiverToken();
                    f.randA = j.senderRandom();
                    f.addressId = j.addressId();
                }
            } else if (o instanceof MpJoinSynAck j) {
                if (p.isSynAck() && !fromInitiator && !f.joinSynAck) {
                    f.joinSynAck = true;
                    f.synAckHmac = j.truncatedHmac();
                    f.randB = j.senderRandom();
                }
            } else if (o instanceof MpJoinAck j) {
                if (fromInitiator && f.ackFrame < 0 && !p.has(TcpPacket.SYN)) {
                    f.ackFrame = p.frame();
                    f.ackHmac = j.hmac();
                }
            } else if (o instanceof AddAddr a) {
                addAddrs.add(new AddAddrSeen(p.frame(), f, fromInitiator, a));
            } else if (!(o instanceof MptcpOption.Dss)) {
                others.add(new OptionSeen(p.frame(), f, fromInitiator, o));
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
            return new InspectReport(name, ipPackets, tcpSegments, mptcpOptions, out, notes);
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
            }
            return null;
        }

        private ConnectionReport connectionReport(Conn c) {
            Optional<HashAlg> alg = alg(c.version());
            OptionalInt tokenA = token(alg, c.keyA);
            OptionalInt tokenB = token(alg, c.keyB);
            OptionalLong idsnA = idsn(alg, c.keyA);
            OptionalLong idsnB = idsn(alg, c.keyB);
            List<JoinReport> joins = new ArrayList<>();
            List<SubflowReport> subflows = new ArrayList<>();
            for (Flow f : c.flows) {
                subflows.add(new SubflowReport(f.initiator, f.responder, f.kind == Kind.CAPABLE, f.firstFrame,
                        f.lastFrame, f.segments));
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
                        f.segments));
            }
            notes.add("frame " + group.get(0).firstFrame + ": MP_JOIN with token "
                    + String.format("%08x", group.get(0).token)
                    + " matches no connection whose keys were captured; its HMACs are not verified");
            return new ConnectionReport(group.get(0).firstFrame, Optional.empty(), Optional.empty(),
                    OptionalInt.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalInt.empty(),
                    OptionalInt.empty(), OptionalLong.empty(), OptionalLong.empty(), subflows, joins, List.of(),
                    List.of());
        }

        private JoinReport joinReport(Flow f, Optional<HashAlg> alg, Conn c) {
            OptionalLong ki = c == null ? OptionalLong.empty() : f.initiatorIsA ? c.keyA : c.keyB;
            OptionalLong kr = c == null ? OptionalLong.empty() : f.initiatorIsA ? c.keyB : c.keyA;
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
            String side = c == null ? null : f.initiatorIsA ? "A" : "B";
            return new JoinReport(f.firstFrame, f.initiator, f.responder, side, f.token, f.randA,
                    f.joinSynAck ? OptionalInt.of(f.randB) : OptionalInt.empty(), f.addressId, synAck, ack,
                    f.established, f.reset);
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
                    announced.put(key, new AddAddrReport(s.frame(), sender, a.addressId(), a.address(), a.port(),
                            addAddrCheck(c, alg, senderIsA, a), OptionalLong.empty()));
                }
            }
            List<AddAddrReport> out = new ArrayList<>();
            for (AddAddrReport r : announced.values()) {
                OptionalLong echo = OptionalLong.empty();
                for (AddAddrSeen e : echoes) {
                    boolean echoFromA = e.fromInitiator() == e.flow().initiatorIsA;
                    AddAddr a = e.option();
                    if (e.frame() > r.frame() && echoFromA != r.sender().equals("A")
                            && a.addressId() == r.addrId() && a.address().equals(r.address())
                            && a.port().equals(r.port())) {
                        echo = OptionalLong.of(e.frame());
                        break;
                    }
                }
                out.add(new AddAddrReport(r.frame(), r.sender(), r.addrId(), r.address(), r.port(), r.hmac(), echo));
            }
            out.sort(Comparator.comparingLong(AddAddrReport::frame));
            return out;
        }

        private List<OptionReport> optionReports(Conn c) {
            List<OptionReport> out = new ArrayList<>();
            for (OptionSeen s : others) {
                if (s.flow().conn != c) {
                    continue;
                }
                boolean senderIsA = s.fromInitiator() == s.flow().initiatorIsA;
                out.add(optionReport(s.frame(), senderIsA ? "A" : "B", s.option(), c, senderIsA));
            }
            return out;
        }

        private static OptionReport optionReport(long frame, String sender, MptcpOption o, Conn c, boolean senderIsA) {
            String unauth = "RFC 8684 gives it no authenticator";
            if (o instanceof MptcpOption.MpFastClose f) {
                OptionalLong receiverKey = senderIsA ? c.keyB : c.keyA;
                if (receiverKey.isEmpty()) {
                    return new OptionReport(frame, sender, "MP_FASTCLOSE", String.format("value %016x", f.value()),
                            HmacCheck.UNAVAILABLE, "the receiver's key was not captured");
                }
                boolean ok = MptcpCrypto.constantTimeEquals(f.value(), receiverKey.getAsLong());
                return new OptionReport(frame, sender, "MP_FASTCLOSE", String.format("value %016x", f.value()),
                        ok ? HmacCheck.VALID : HmacCheck.INVALID, "");
            } else if (o instanceof MptcpOption.MpTcpRst r) {
                return new OptionReport(frame, sender, "MP_TCPRST", "reason " + r.reason() + ", flags 0x"
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

        private static HmacCheck addAddrCheck(Conn c, Optional<HashAlg> alg, boolean senderIsA, AddAddr a) {
            OptionalInt version = c.version();
            if (version.isEmpty() || version.getAsInt() != 1 || alg.isEmpty()
                    || c.keyA.isEmpty() || c.keyB.isEmpty()) {
                return HmacCheck.UNAVAILABLE; // v0 has no ADD_ADDR HMAC; or a key was not captured
            }
            if (a.truncatedHmac().isEmpty()) {
                return HmacCheck.INVALID; // v1 requires one on every announcement
            }
            long ks = senderIsA ? c.keyA.getAsLong() : c.keyB.getAsLong();
            long kr = senderIsA ? c.keyB.getAsLong() : c.keyA.getAsLong();
            long expected = MptcpCrypto.addAddrHmac(alg.get(), ks, kr, a.addressId(), a.address(), a.port());
            return MptcpCrypto.constantTimeEquals(expected, a.truncatedHmac().getAsLong())
                    ? HmacCheck.VALID : HmacCheck.INVALID;
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
