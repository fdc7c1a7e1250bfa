package org.mptcpverify.segment;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.mptcpverify.crypto.HashAlg;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.definition.term.Evaluator;
import org.mptcpverify.endpoint.Connection;
import org.mptcpverify.endpoint.EndpointState;
import org.mptcpverify.endpoint.Event;
import org.mptcpverify.endpoint.JoinLimits;
import org.mptcpverify.endpoint.MptcpEndpoint;
import org.mptcpverify.endpoint.StepResult;
import org.mptcpverify.endpoint.Tuple;
import org.mptcpverify.monitor.GroundTruth;
import org.mptcpverify.monitor.Monitors;
import org.mptcpverify.monitor.PropertyMonitor;
import org.mptcpverify.monitor.World;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.net.Envelope;
import org.mptcpverify.net.Network;
import org.mptcpverify.net.Packets;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.scheme.Role;
import org.mptcpverify.scheme.Schemes;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;
import org.mptcpverify.collect.Ordered;

/**
 * Runs a segment-level counterexample on the reference (docs/reference.md, "Segment-level
 * counterexamples"): the honest ends are the reference's endpoints, every segment is real bytes
 * on the simulated network, the attacker reads only what its profile shows it and builds every
 * injected field by evaluating the trace's term over the bytes it read, with the scheme's real
 * crypto. The reference's monitors judge the properties after every event on ground truth.
 *
 * <p>Three outcomes: the claimed property is violated again (reproduced); the reference did not
 * do what the model did at some event (a divergence: the model and the reference disagree, the
 * report says where) or did it and the property holds (not reproduced); the file asks for what
 * no attacker of its profile can do (a term over a segment it never read, an injection its
 * profile forbids): {@link BadTraceFileException}.
 */
public final class SegmentReplayer {
    /** Server port of application 1 (c1) and 2 (c2), as in the traces engine. */
    static final Map<String, Integer> APP_PORT = Map.of("c1", 80, "c2", 81);
    static final int INJECTED_PORT_BASE = 50000;

    /** The result of a replay; {@code hosts}: every endpoint's state after the last event. */
    /** {@code inFlightAtEnd}: segments still in flight after the last event (0: quiescent, where outcome properties mean what they say). */
    /** {@code wire}: every crossing of the replay's network, its {@code step} the index of the event that put it there (pcaps, charts). */
    public record Result(SegmentTrace trace, List<String> steps, Optional<Violation> violation,
                         Optional<String> divergence, Map<String, EndpointState> hosts, int inFlightAtEnd,
                         List<org.mptcpverify.trace.RunOutcome.WireRecord> wire) {
        public boolean reproduced() {
            return violation.isPresent();
        }

        /** One line per event, then the verdict. */
        public List<String> report() {
            List<String> lines = new ArrayList<>();
            lines.add(trace.scheme().wireName() + " / " + trace.attack().wireName() + " (" + trace.engine()
                    + ", segment level, seed " + trace.seed() + ", key at " + trace.keyedSide()
                    + (trace.attackerHasKey() ? ", attacker given the key" : "") + ")");
            for (int i = 0; i < steps.size(); i++) {
                lines.add(String.format("%2d. %s", i + 1, steps.get(i)));
            }
            divergence.ifPresent(d -> lines.add("the reference diverges from the model: " + d));
            lines.add(violation.map(v -> trace.property().modelName() + ": VIOLATED again at event " + (v.event() + 1)
                            + ": " + v.explanation())
                    .orElse(trace.property().modelName() + ": NOT violated on replay"));
            return lines;
        }
    }

    /** The claimed property's first violation on the reference. */
    public record Violation(PropertyId property, int event, String explanation) {}

    /** Field names and widths: the definition language's, or one scheme definition's ({@link WireFields}). */
    private final WireFields fields;
    private final String definitionName;
    /** The implementation of each scheme; the built-in ones unless a scheme file replaces one. */
    private final java.util.function.Function<SchemeId, AuthScheme> schemes;

    /** A replayer that accepts every field the definition language gives each message. */
    public SegmentReplayer() {
        this(Schemes::of);
    }

    /** @param schemes the implementation to replay each scheme with (a definition-driven one for a scheme file) */
    public SegmentReplayer(java.util.function.Function<SchemeId, AuthScheme> schemes) {
        this.fields = WireFields.LANGUAGE;
        this.definitionName = null;
        this.schemes = schemes;
    }

    /**
     * A replayer for traces of the scheme {@code definition} defines: a field is read or injected
     * only if the definition's message states it (names and widths from the definition).
     */
    public SegmentReplayer(SchemeDefinition definition) {
        this.fields = WireFields.of(definition);
        this.definitionName = definition.name();
        this.schemes = Schemes::of;
    }

    public Result replay(SegmentTrace t) throws BadTraceFileException {
        if (definitionName != null && !definitionName.equals(t.scheme().wireName())) {
            throw new BadTraceFileException("a trace of " + t.scheme().wireName() + " given the definition of "
                    + definitionName);
        }
        return new Run(t, fields, schemes.apply(t.scheme())).execute();
    }

    /**
     * A replay driven one event at a time, for a generator that chooses each next event from
     * what the reference did so far (the traces engine's generic attacker). Every applicable
     * property of the attack is judged, not only the header's. A delivery whose {@code replyMsg} is
     * {@link #ANY_REPLY} takes whatever modelled answer the reference gives; {@link #step} returns
     * the event as performed, so the recorded trace replays with {@link #replay}.
     */
    public static final class Session {
        /** A delivery's {@code replyMsg} that binds the reference's answer, whatever message it is. */
        public static final String ANY_REPLY = "*";

        /** A segment as the generator sees it: names, not bytes. */
        public record SegmentInfo(int id, String msg, String conn, String subflow, String path, String src, String dst,
                                  boolean byAttacker) {}

        private final Run run;

        /** {@code header}: the population, keys and cell; its events and property are ignored. */
        public Session(SegmentTrace header) throws BadTraceFileException {
            this(header, Schemes::of);
        }

        /** @param schemes the implementation to run each scheme with (a definition-driven one for a scheme file or mutant) */
        public Session(SegmentTrace header, java.util.function.Function<SchemeId, AuthScheme> schemes)
                throws BadTraceFileException {
            this(header, schemes, header.attack().applicableProperties(header.scheme()));
        }

        /** @param judged the properties judged (a check of some of the attack's properties only) */
        public Session(SegmentTrace header, java.util.function.Function<SchemeId, AuthScheme> schemes,
                       java.util.Collection<PropertyId> judged) throws BadTraceFileException {
            run = new Run(header.withEvents(List.of()), WireFields.LANGUAGE, schemes.apply(header.scheme()));
            run.judged.clear();
            run.judged.addAll(judged);
            run.judge(false);
        }

        /** Performs {@code e}; returns it as performed. A divergence ends the session ({@link #divergence}). */
        public SegmentEvent step(SegmentEvent e) throws BadTraceFileException {
            if (run.divergence != null) {
                throw new IllegalStateException("the session diverged: " + run.divergence);
            }
            run.notes.clear();
            run.checked.clear();
            run.resolved = null;
            run.steps.add(run.perform(e, "events[" + run.event + "]"));
            SegmentEvent done = run.resolved == null ? e : run.resolved;
            run.judge(false);
            run.event++;
            return done;
        }

        /** Judges the outcome properties (quiescence); call once, at the end. */
        public void finish() {
            run.event = Math.max(0, run.event - 1);
            run.judge(true);
        }

        public Optional<Violation> violation() {
            return Optional.ofNullable(run.violation);
        }

        /**
         * The receiver's decision points ({@code KIND:point}) the segment delivered by the last
         * {@link #step} reached, passed or not; empty when it reached none (no state for it, or no host).
         */
        public List<String> lastChecked() {
            return List.copyOf(run.checked);
        }

        public Optional<String> divergence() {
            return Optional.ofNullable(run.divergence);
        }

        public List<String> steps() {
            return List.copyOf(run.steps);
        }

        public ObservationRights rights() {
            return run.rights;
        }

        /** Whether the attacker has injected or replayed (profiles that read only until then stop reading). */
        public boolean active() {
            return run.active;
        }

        public Optional<SegmentInfo> segment(int id) {
            Seg s = run.segs.get(id);
            if (s == null) {
                return Optional.empty();
            }
            String src = s.env() == null ? "" : Addresses.nameOf(s.env().segment().src());
            String dst = s.env() == null ? "" : Addresses.nameOf(s.env().segment().dst());
            boolean byX = s.path().equals(Addresses.PX) || s.env() != null && s.env().rewritten() || run.tampered.contains(id);
            return Optional.of(new SegmentInfo(id, s.msg(), s.subflow().split("/")[0], s.subflow(), s.path(), src, dst, byX));
        }

        /**
         * The edits of segment {@code id}'s MP_CAPABLE option a {@link SegmentEvent.Tamper} may make
         * ({@code strip}, and {@code clear:HH} for each flag bit set whose clearing leaves a valid
         * option); none for a segment without MP_CAPABLE.
         */
        public List<String> edits(int id) {
            Seg s = run.segs.get(id);
            if (s == null || s.env() == null) {
                return List.of();
            }
            Optional<MptcpOption> o = WireFields.option(s.env().segment())
                    .filter(x -> x.subtype() == MptcpOption.SUBTYPE_MP_CAPABLE);
            if (o.isEmpty()) {
                return List.of();
            }
            List<String> out = new ArrayList<>(List.of("strip"));
            byte[] b = o.get().encode();
            for (int bit = 0x80; bit > 0; bit >>= 1) {
                if ((b[3] & bit) != 0) {
                    byte[] c = b.clone();
                    c[3] &= (byte) ~bit;
                    if (org.mptcpverify.wire.OptionCodec.decode(c) instanceof org.mptcpverify.wire.DecodeResult.Decoded) {
                        out.add(String.format(java.util.Locale.ROOT, "clear:%02x", bit));
                    }
                }
            }
            return out;
        }

        /** Segments in flight, by number. */
        public List<SegmentInfo> inFlight() {
            return run.inFlight.stream().sorted().map(i -> segment(i).orElseThrow()).toList();
        }

        /** Whether the attacker's profile lets it read segment {@code id} now. */
        public boolean readable(int id) {
            Seg s = run.segs.get(id);
            if (s == null || s.env() == null || run.read.containsKey(id)) {
                return false;
            }
            return run.rights.reads(s.msg(), s.path(), run.attackersOwn(s.env().segment()), run.active);
        }

        /** The segments the attacker read, with the fields each carries (names only). */
        public Map<Integer, Set<String>> read() {
            Map<Integer, Set<String>> out = new TreeMap<>();
            run.read.forEach((id, seg) -> out.put(id, run.fields.read(run.segs.get(id).msg(), seg).keySet()));
            return out;
        }

        /** Whether {@code client} has a connection (any phase) / an established MPTCP one. */
        public boolean hasConnection(String client, boolean established) {
            return run.clientConn(client).filter(c -> !established || c.established() && c.isMptcp()).isPresent();
        }

        /**
         * The addresses {@code conn}'s client end accepted from an ADD_ADDR and still holds, by name
         * (s.a2, or x.a after a forged one), in address-id order: the addresses its path manager may
         * join (MptcpCore.tla {@code remotes}).
         */
        public List<String> remoteAddresses(String client, String conn) {
            return run.clientConn(client, conn).map(c -> c.remoteAddrs().values().stream().map(Addresses::nameOf).toList())
                    .orElse(List.of());
        }

        /** Whether the server has an established MPTCP connection of {@code client}. */
        public boolean serverHasConnection(String client) {
            return run.world().serverConnOf(client).filter(c -> c.established() && c.isMptcp()).isPresent();
        }

        /** The key-agreement messages (KEY_A, KEY_B) the reference sent and holds for their send step, with their client. */
        public List<String[]> held() {
            List<String[]> out = new ArrayList<>();
            for (Envelope e : run.held) {
                String end = Addresses.actorOf(e.segment().src());
                String kind = WireFields.kind(e.segment(), end.equals("s"));
                out.add(new String[] {kind, Addresses.actorOf(end.equals("s") ? e.segment().dst() : e.segment().src())});
            }
            return out;
        }
    }

    /** One segment of the trace as the reference has it; {@code env} null: the model's HS_ACK, which the reference does not send. */
    /** {@code path}: the model's (an honest subflow's own path, px for what the attacker sends), which profiles speak of. */
    private record Seg(int id, String msg, String subflow, String path, Envelope env) {}

    private static final class Run {
        final SegmentTrace t;
        final WireFields fields;
        final AuthScheme scheme;
        final MptcpEndpoint endpoint;
        final SplittableRandom rnd;
        final ObservationRights rights;
        final Network net = new Network();
        final GroundTruth truth = new GroundTruth();
        final Map<String, EndpointState> hosts = new TreeMap<>();
        final Map<String, List<InetAddress>> clientAddrs = new TreeMap<>();
        final Map<String, KeySetting> clientKeys = new TreeMap<>();
        final Set<Bytes> realKeys = new HashSet<>();
        /** Values the attacker computed (derive events): it knows a real key only if one of them is it. */
        final List<Bytes> derived = new ArrayList<>();
        final Map<Integer, Seg> segs = new HashMap<>();
        final Set<Integer> inFlight = new HashSet<>();
        /** Segments the attacker edited in flight (they carry what it made of them). */
        final Set<Integer> tampered = new HashSet<>();
        final Map<Integer, TcpSegment> read = new HashMap<>();
        /** The model's plain ACKs (no bytes on the reference) the attacker read: it may replay them. */
        final Set<Integer> readPlain = new HashSet<>();
        final Map<String, Integer> sfPort = new HashMap<>();
        final List<Envelope> held = new ArrayList<>();
        final Map<String, Integer> joins = new HashMap<>();
        /** The client's connection id of each connection the trace names (c1.1, c1.2, ...), from its MPC_SYN. */
        final Map<String, Integer> connIds = new HashMap<>();
        final List<PropertyMonitor> monitors = new ArrayList<>();
        final List<String> steps = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        /** Decision points the last delivery reached (Session#lastChecked). */
        final List<String> checked = new ArrayList<>();
        /** The properties judged: the trace's claimed one in a replay, every applicable one in a {@link Session}. */
        final Set<PropertyId> judged = java.util.EnumSet.noneOf(PropertyId.class);
        Violation violation;
        String divergence;
        boolean active;
        int event;
        /** The event as performed, when it differs from the one given (a {@link Session}'s delivery with any answer). */
        SegmentEvent resolved;

        Run(SegmentTrace t, WireFields fields, AuthScheme scheme) throws BadTraceFileException {
            this.t = t;
            this.fields = fields;
            this.scheme = scheme;
            this.endpoint = new MptcpEndpoint(scheme);
            this.rnd = new SplittableRandom(t.seed());
            this.rights = ObservationRights.of(t.attack());
            boolean clientKeyed = scheme.id().usesExternalKey() && !t.keyedSide().equals("server");
            boolean serverKeyed = scheme.id().usesExternalKey() && !t.keyedSide().equals("client");
            hosts.put("s", EndpointState.initial("s", Addresses.of("s", "a1", "a2"),
                    JoinLimits.contract(JoinLimits.CONTRACT_HALF_OPEN)));
            Set<Integer> bound = new HashSet<>();
            for (String c : t.clients().keySet()) {
                String keyName = t.attack().keyOf(c);
                Bytes material = t.keys().get(keyName);
                if (scheme.id().usesExternalKey() && material == null) {
                    throw new BadTraceFileException("population.keys has no " + keyName + " for " + c);
                }
                KeySetting k = material == null ? KeySetting.none() : scheme.keySetting(material);
                clientKeys.put(c, clientKeyed ? k : KeySetting.none());
                clientAddrs.put(c, Addresses.of(c, "a1", "a2"));
                hosts.put(c, EndpointState.initial(c, Addresses.of(c, "a1", "a2"), JoinLimits.contract(JoinLimits.CONTRACT_HALF_OPEN)));
                if ((clientKeyed || serverKeyed) && scheme.effectiveKey(k) != null) {
                    realKeys.add(scheme.effectiveKey(k));
                }
                if (bound.add(appPort(c))) { // insider: c2 is a second client of application 1's one socket
                    host("s", new Event.Bind(appPort(c), serverKeyed ? k : KeySetting.none()));
                }
            }
            for (PropertyId p : t.attack().applicableProperties(t.scheme())) {
                monitors.add(Monitors.of(p, scheme));
            }
            judged.add(t.property());
            notes.clear();
        }

        /** The event index at which each crossing of {@link #net} happened, in crossing order. */
        final List<Integer> crossedAt = new ArrayList<>();

        List<org.mptcpverify.trace.RunOutcome.WireRecord> wireRecords() {
            List<Envelope> w = net.wire();
            List<org.mptcpverify.trace.RunOutcome.WireRecord> out = new ArrayList<>();
            for (int i = 0; i < w.size(); i++) {
                Envelope e = w.get(i);
                out.add(new org.mptcpverify.trace.RunOutcome.WireRecord(i < crossedAt.size() ? crossedAt.get(i) : event,
                        e.path(), e.origin(), e.ipPacket(), e.id()));
            }
            return List.copyOf(out);
        }

        Result execute() throws BadTraceFileException {
            judge(false);
            for (event = 0; event < t.events().size() && divergence == null; event++) {
                SegmentEvent e = t.events().get(event);
                notes.clear();
                String where = "events[" + event + "]";
                String line = perform(e, where);
                while (crossedAt.size() < net.crossings()) {
                    crossedAt.add(event);
                }
                steps.add(line + (notes.isEmpty() ? "" : " -- " + String.join("; ", notes)));
                judge(false);
            }
            event = Math.max(0, t.events().size() - 1);
            judge(true);
            return new Result(t, List.copyOf(steps), Optional.ofNullable(violation), Optional.ofNullable(divergence),
                    Ordered.copy(hosts), inFlight.size(), wireRecords());
        }

        // ---- events -------------------------------------------------------------------------------------

        String perform(SegmentEvent e, String where) throws BadTraceFileException {
            if (e instanceof SegmentEvent.Send s) {
                return send(s, where);
            }
            if (e instanceof SegmentEvent.Deliver d) {
                return deliver(d, where);
            }
            if (e instanceof SegmentEvent.Lose l) {
                takeOff(existing(l.seg(), where));
                return "the network loses #" + l.seg();
            }
            if (e instanceof SegmentEvent.Observe o) {
                return observe(o, where);
            }
            if (e instanceof SegmentEvent.Drop d) {
                Seg s = onPath(d.seg(), where);
                takeOff(s);
                return "x drops #" + d.seg() + " in flight";
            }
            if (e instanceof SegmentEvent.Rewrite r) {
                Seg s = onPath(r.seg(), where);
                takeOff(s);
                TcpSegment old = s.env().segment();
                TcpSegment neu = withAddresses(old, Addresses.of(r.src()), old.srcPort(), old.dst(), old.dstPort());
                Envelope env = net.relay(s.env(), neu, s.env().path());
                define(r.as(), s.msg(), s.subflow(), s.path(), env, where);
                inFlight.add(r.as());
                return "x rewrites the source of #" + r.seg() + " (" + s.msg() + ") to " + r.src() + ": #" + r.as();
            }
            if (e instanceof SegmentEvent.Tamper tm) {
                return tamper(tm, where);
            }
            if (e instanceof SegmentEvent.Inject i) {
                return inject(i, where);
            }
            if (e instanceof SegmentEvent.Derive d) {
                Bytes v = Bytes.of(value(d.value(), where + ".value"));
                derived.add(v);
                return "x computes " + v.length() * 8 + " bits from what it read"
                        + (realKeys.stream().anyMatch(k -> MessageDigest.isEqual(k.toArray(), v.toArray()))
                        ? " (an external key)" : "");
            }
            return replay((SegmentEvent.Replay) e, where);
        }

        String send(SegmentEvent.Send s, String where) throws BadTraceFileException {
            String c = clientOf(s.conn(), where);
            int port = appPort(c);
            String subflow = s.conn() + "/0";
            Event ev;
            switch (s.msg()) {
                case "MPC_SYN" -> {
                    if (!t.clients().get(c).contains(s.conn())) {
                        throw new BadTraceFileException(where + ": connection " + s.conn() + " is not in the population");
                    }
                    ev = new Event.Connect(Addresses.of(c + ".a1"), Addresses.of("s.a1"), port, clientKeys.get(c),
                            rnd.nextLong());
                }
                case "JOIN_SYN" -> {
                    Optional<Connection> cc = clientConn(c, s.conn());
                    if (cc.isEmpty()) {
                        return diverge(c + " has no connection to join on");
                    }
                    if (!Addresses.actorOf(Addresses.of(s.dst())).equals("s")
                            && !cc.get().remoteAddrs().containsValue(Addresses.of(s.dst()))) {
                        // an honest client joins an address of another host only once told of it
                        // (an ADD_ADDR it accepted): else a trace could have it join the attacker at will
                        throw new BadTraceFileException(where + ": " + c + " joins " + s.dst()
                                + ", an address no ADD_ADDR it accepted announced");
                    }
                    int j = joins.merge(s.conn(), 1, Integer::sum);
                    subflow = s.conn() + "/" + j;
                    ev = new Event.Join(cc.get().id(), Addresses.of(c + ".a2"), Addresses.of(s.dst()), port, rnd.nextLong());
                }
                case "ADD_ADDR" -> {
                    Optional<Connection> sc = serverConn(c, s.conn());
                    if (sc.isEmpty()) {
                        return diverge("the server has no connection of " + c + " to advertise on");
                    }
                    ev = new Event.Advertise(sc.get().id(), 2, Addresses.of("s.a2"));
                }
                case "FASTCLOSE" -> {
                    Optional<Connection> cc = clientConn(c, s.conn());
                    if (cc.isEmpty()) {
                        return diverge(c + " has no connection to fast-close");
                    }
                    ev = new Event.FastClose(cc.get().id());
                }
                case "ADD_ADDR_A" -> {
                    // the mirror image (issue #12): the client advertises its second address, with
                    // the id its joins carry (1)
                    Optional<Connection> cc = clientConn(c, s.conn());
                    if (cc.isEmpty()) {
                        return diverge(c + " has no connection to advertise on");
                    }
                    ev = new Event.Advertise(cc.get().id(), 1, Addresses.of(c + ".a2"));
                }
                case "FASTCLOSE_B" -> {
                    // the mirror image (issue #12): the server fast-closes the client's connection
                    Optional<Connection> sc = serverConn(c, s.conn());
                    if (sc.isEmpty()) {
                        return diverge("the server has no connection of " + c + " to fast-close");
                    }
                    ev = new Event.FastClose(sc.get().id());
                }
                case "REMOVE_ADDR" -> {
                    if (fromServer(s)) {
                        // the server withdraws the address it advertised (MptcpCore.tla Withdraw): id 2, s.a2
                        Optional<Connection> sc = world().serverConnOf(c);
                        if (sc.isEmpty()) {
                            return diverge("the server has no connection of " + c + " to withdraw an address on");
                        }
                        String initial = subflow;
                        if (inFlight.stream().map(segs::get).anyMatch(x -> x.msg().equals("ADD_ADDR")
                                && x.subflow().equals(initial) && x.env() != null && x.env().origin().equals("s"))) {
                            // as the model's server (MptcpCore.tla Withdraw): its advertisement has arrived first
                            throw new BadTraceFileException(where + ": the server withdraws an address its ADD_ADDR is still carrying");
                        }
                        ev = new Event.RemoveAddr(sc.get().id(), 2);
                    } else {
                        Optional<Connection> cc = clientConn(c);
                        if (cc.isEmpty()) {
                            return diverge(c + " has no connection to send " + s.msg() + " on");
                        }
                        ev = new Event.RemoveAddr(cc.get().id(), 1);
                    }
                }
                case "MP_PRIO" -> {
                    // the client's own request on its initial subflow (MptcpCore.tla PmRequest): its
                    // second address (id 1, the id its joins carry) withdrawn, or its initial subflow backup
                    Optional<Connection> cc = clientConn(c, s.conn());
                    if (cc.isEmpty()) {
                        return diverge(c + " has no connection to send " + s.msg() + " on");
                    }
                    ev = new Event.SetBackup(cc.get().id(), true);
                }
                case "KEY_A", "KEY_B" -> {
                    return sendHeld(s, c, where);
                }
                default -> throw new BadTraceFileException(where + ": an honest end does not originate " + s.msg()
                        + " on its own");
            }
            String from = s.msg().equals("ADD_ADDR") || s.msg().equals("FASTCLOSE_B") || fromServer(s) ? "s" : c;
            List<Envelope> out = host(from, ev);
            Optional<Envelope> sent = bind(out, s.seg(), s.msg(), subflow, where);
            if (sent.isEmpty()) {
                return diverge("the reference's " + from + " sent no " + s.msg() + " for " + s.conn());
            }
            if (s.msg().equals("JOIN_SYN")) {
                TcpSegment seg = sent.get().segment();
                sfPort.put(subflow, seg.srcPort());
                // the client's own view: its a2 address, whatever a NAT makes of it on the way
                Tuple clientView = new Tuple(Addresses.of(c + ".a2"), seg.srcPort(), seg.dst(), seg.dstPort());
                truth.clientJoinSyn(clientView, sent.get().id());
                truth.legitJoin(new GroundTruth.LegitJoin(event, c, clientView, false));
            } else if (s.msg().equals("MPC_SYN")) {
                sfPort.put(subflow, sent.get().segment().srcPort());
                clientConn(c).ifPresent(x -> connIds.put(s.conn(), x.id()));
            }
            return from + " sends #" + s.seg() + " " + s.msg() + " " + describe(sent.get());
        }

        /** A REMOVE_ADDR sent to a client: the server's own, withdrawing its advertised address. */
        static boolean fromServer(SegmentEvent.Send s) {
            return s.msg().equals("REMOVE_ADDR") && !Addresses.actorOf(Addresses.of(s.dst())).equals("s");
        }

        /**
         * KEY_A / KEY_B (draft-baerts's NEW_KEY): the reference's ends send their key-agreement
         * option as soon as the connection is up (with the third ACK, or in answer to it), the
         * model's as steps of their own; the segment the reference sent and held back is the one
         * the model's step sends (its value depends only on the keys).
         */
        String sendHeld(SegmentEvent.Send s, String client, String where) throws BadTraceFileException {
            String from = s.msg().equals("KEY_A") ? client : "s";
            for (int i = 0; i < held.size(); i++) {
                Envelope e = held.get(i);
                String end = Addresses.actorOf(e.segment().src());
                if (end.equals(from) && WireFields.kind(e.segment(), end.equals("s")).equals(s.msg())
                        && Addresses.actorOf(end.equals("s") ? e.segment().dst() : e.segment().src()).equals(client)) {
                    held.remove(i);
                    define(s.seg(), s.msg(), s.conn() + "/0", e, where);
                    inFlight.add(s.seg());
                    return from + " sends #" + s.seg() + " " + s.msg() + " " + describe(e) + " (sent by the reference"
                            + " when the connection came up, held until the model's step)";
                }
            }
            return diverge("the reference's " + from + " sent no " + s.msg() + " for " + s.conn());
        }

        String deliver(SegmentEvent.Deliver d, String where) throws BadTraceFileException {
            Seg s = existing(d.seg(), where);
            if (!inFlight.contains(d.seg())) {
                throw new BadTraceFileException(where + ": #" + d.seg() + " is not in flight");
            }
            takeOff(s);
            if (s.env() == null) {
                if (d.reply() != 0) {
                    throw new BadTraceFileException(where + ": the model's plain ACK #" + d.seg() + " has no reply");
                }
                return "#" + d.seg() + " (the model's plain ACK of the third ACK; the reference needs none) delivered";
            }
            String to = Addresses.actorOf(s.env().segment().dst());
            if (!hosts.containsKey(to)) {
                if (d.replyMsg().equals(Session.ANY_REPLY)) {
                    resolved = new SegmentEvent.Deliver(d.seg(), 0, "");
                } else if (d.reply() != 0) {
                    return diverge("#" + d.seg() + " goes to " + to + ", which cannot answer");
                }
                return "#" + d.seg() + " reaches no host (" + Addresses.nameOf(s.env().segment().dst()) + ")";
            }
            EndpointState before = hosts.get(to);
            StepResult r = endpoint.step(before, new Event.Receive(s.env().segment(), rnd.nextLong()));
            truth.recordDelivery(event, to, before, r.state(), s.env(), hosts);
            hosts.put(to, r.state());
            notes.addAll(r.notes());
            checked.addAll(r.checked());
            List<Envelope> out = emit(to, r.out());
            String line = to + " receives #" + d.seg() + " " + s.msg();
            if (d.reply() == 0) {
                bind(out, 0, "", s.subflow(), where);
                return line;
            }
            if (d.replyMsg().equals(Session.ANY_REPLY)) {
                String kind = answerKind(s.msg(), out);
                if (kind.isEmpty()) {
                    bind(out, 0, "", s.subflow(), where);
                    resolved = new SegmentEvent.Deliver(d.seg(), 0, "");
                    return line;
                }
                resolved = new SegmentEvent.Deliver(d.seg(), d.reply(), kind);
                d = (SegmentEvent.Deliver) resolved;
            }
            Optional<Envelope> reply = bind(out, d.reply(), d.replyMsg(), s.subflow(), where);
            if (reply.isEmpty()) {
                if (d.replyMsg().equals("HS_ACK")) {
                    define(d.reply(), "HS_ACK", s.subflow(), null, where);
                    inFlight.add(d.reply());
                    return line + "; the model's plain ACK #" + d.reply() + " has no reference segment (not needed)";
                }
                return diverge("the reference's " + to + " did not answer #" + d.seg() + " with " + d.replyMsg());
            }
            return line + ", answers #" + d.reply() + " " + d.replyMsg() + " " + describe(reply.get());
        }

        /**
         * The core message the first modelled segment of {@code out} stands for, as an answer to
         * {@code msg} ("" when none): a plain ACK stands for MPC_ACK as the answer to an
         * MPC_SYNACK (a fallback third ACK) and for HS_ACK as the answer to a join's third ACK
         * (delivered, it establishes the client's subflow); KEY_A/KEY_B are held for their own send steps.
         * A join SYN never answers an ADD_ADDR: the reference's full-mesh path manager joins an
         * advertised address at once, but the model's client joins it in a send step of its own
         * (MptcpCore.tla RecvAddAddr only records the address). Bound as the answer, that join was
         * neither counted by a generator against the contract's half-open limit nor recorded as a
         * legitimate join, so an honest client could exceed the limit (version-0 ADD_ADDR only:
         * version 1 answers with its echo first).
         */
        static String answerKind(String msg, List<Envelope> out) {
            for (Envelope e : out) {
                String kind = WireFields.kind(e.segment(), Addresses.actorOf(e.segment().src()).equals("s"));
                if (msg.equals("ADD_ADDR") && kind.equals("JOIN_SYN")) {
                    continue;
                }
                if (kind.equals(WireFields.PLAIN_ACK)) {
                    if (msg.equals("MPC_SYNACK")) {
                        return "MPC_ACK";
                    }
                    if (msg.equals("JOIN_ACK")) {
                        return "HS_ACK";   // the server's ACK of a join's third ACK: the client's subflow is established on it
                    }
                } else if (!kind.equals(WireFields.UNMODELLED) && !kind.startsWith("KEY_")) {
                    return kind;
                }
            }
            return "";
        }

        /** Whether a segment is to or from the attacker's own host: x, and an insider's client host. */
        boolean attackersOwn(TcpSegment seg) {
            String src = Addresses.actorOf(seg.src());
            String dst = Addresses.actorOf(seg.dst());
            String own = t.attack().insiderClient().orElse("x");
            return src.equals("x") || dst.equals("x") || src.equals(own) || dst.equals(own);
        }

        /** The server port of {@code client}'s application: 80 for K1's, 81 for K2's. */
        int appPort(String client) {
            return APP_PORT.get(t.attack().keyOf(client).equals("K1") ? "c1" : "c2");
        }

        String observe(SegmentEvent.Observe o, String where) throws BadTraceFileException {
            Seg s = existing(o.seg(), where);
            if (s.env() == null) {
                readPlain.add(o.seg());
                return "x reads #" + o.seg() + " " + s.msg() + " (the model's plain ACK: no bytes on the reference)";
            }
            if (!rights.reads(s.msg(), s.path(), attackersOwn(s.env().segment()), active)) {
                throw new BadTraceFileException(where + ": the " + t.attack().wireName() + " attacker does not see #"
                        + o.seg() + " (" + s.msg() + " on " + s.path() + (active ? ", after its first injection" : "") + ")");
            }
            read.put(o.seg(), Packets.decode(s.env().ipPacket()).orElseThrow());
            return "x reads #" + o.seg() + " " + s.msg() + " " + fields.read(s.msg(), read.get(o.seg())).keySet();
        }

        /**
         * The on-path attacker edits a segment's MP_CAPABLE option in flight (handshake-downgrade):
         * strips it, or clears flag bits of its encoded bytes, which must still decode as an MPTCP
         * option (the receiver's parser would drop anything else).
         */
        String tamper(SegmentEvent.Tamper tm, String where) throws BadTraceFileException {
            Seg s = onPath(tm.seg(), where);
            TcpSegment old = s.env().segment();
            Optional<MptcpOption> capable = WireFields.option(old).filter(o -> o.subtype() == MptcpOption.SUBTYPE_MP_CAPABLE);
            if (capable.isEmpty()) {
                throw new BadTraceFileException(where + ": #" + tm.seg() + " (" + s.msg() + ") carries no MP_CAPABLE to edit");
            }
            List<TcpSegment.TcpOption> opts = new ArrayList<>();
            String what;
            if (tm.edit().equals("strip")) {
                what = "strips MP_CAPABLE from";
            } else {
                int mask = Integer.parseInt(tm.edit().substring("clear:".length()), 16);
                byte[] b = capable.get().encode();
                if ((b[3] & mask) == 0) {
                    throw new BadTraceFileException(where + ": #" + tm.seg() + "'s MP_CAPABLE has none of the flags " + tm.edit());
                }
                b[3] &= (byte) ~mask;
                if (!(org.mptcpverify.wire.OptionCodec.decode(b) instanceof org.mptcpverify.wire.DecodeResult.Decoded d)) {
                    throw new BadTraceFileException(where + ": #" + tm.seg() + "'s MP_CAPABLE without the flags " + tm.edit()
                            + " is no valid option");
                }
                opts.add(new TcpSegment.TcpOption.Mptcp(d.option()));
                what = "clears the MP_CAPABLE flags " + tm.edit().substring(6) + " of";
            }
            for (TcpSegment.TcpOption o : old.options()) {
                if (!(o instanceof TcpSegment.TcpOption.Mptcp m && m.option() == capable.get())) {
                    opts.add(o);
                }
            }
            takeOff(s);
            TcpSegment neu = new TcpSegment(old.src(), old.dst(), old.srcPort(), old.dstPort(), old.seq(), old.ack(),
                    old.flags(), old.window(), opts, old.payload());
            Envelope env = net.relay(s.env(), neu, s.env().path());
            define(tm.as(), s.msg(), s.subflow(), s.path(), env, where);
            inFlight.add(tm.as());
            tampered.add(tm.as());
            return "x " + what + " #" + tm.seg() + " (" + s.msg() + "): #" + tm.as();
        }

        String inject(SegmentEvent.Inject i, String where) throws BadTraceFileException {
            if (!rights.inject()) {
                throw new BadTraceFileException(where + ": the " + t.attack().wireName() + " attacker does not inject");
            }
            boolean answer = WireFields.answered(i.msg());
            List<String> required;
            try {
                required = answer ? List.of() : WireFields.required(i.msg());
            } catch (IllegalArgumentException e) {
                throw new BadTraceFileException(where + ": " + e.getMessage());
            }
            Map<String, Bytes> values = new TreeMap<>();
            for (Map.Entry<String, SegmentTerm> f : i.fields().entrySet()) {
                if (fields.bits(i.msg(), f.getKey()).isEmpty()) {
                    throw new BadTraceFileException(where + ": " + i.msg() + " has no field " + f.getKey());
                }
                Bytes v = Bytes.of(value(f.getValue(), where + ".fields." + f.getKey()));
                int bits = fields.bits(i.msg(), f.getKey()).getAsInt();
                if (v.length() * 8 != bits) {
                    throw new BadTraceFileException(where + ": field " + f.getKey() + " is " + v.length() * 8 + " bits, "
                            + i.msg() + " carries " + bits);
                }
                values.put(f.getKey(), v);
            }
            for (String r : required) {
                if (!values.containsKey(r)) {
                    throw new BadTraceFileException(where + ": " + i.msg() + " needs field " + r);
                }
            }
            if (answer) {
                return answer(i, values, where);
            }
            InetAddress src = Addresses.of(i.src());
            InetAddress dst = Addresses.of(i.dst());
            int[] ports = ports(i.subflow(), clientOf(i.conn(), where), dst);
            long seq = rnd.nextLong() & 0xffffffffL;
            long ack = lastRead(dst, ports[1], src, ports[0]).map(x -> (x.seq() + 1) & 0xffffffffL).orElse(0L);
            TcpSegment seg = new TcpSegment(src, dst, ports[0], ports[1], seq, ack, WireFields.flags(i.msg()), 65535,
                    List.of(new TcpSegment.TcpOption.Mptcp(WireFields.build(i.msg(), values))), Bytes.empty());
            Envelope env = net.send(seg, "x", Addresses.PX);
            define(i.seg(), i.msg(), i.subflow(), Addresses.PX, env, where);
            inFlight.add(i.seg());
            active = true;
            return "x injects #" + i.seg() + " " + i.msg() + " " + describe(env) + " " + hex(values);
        }

        /**
         * The handshake attacker's own segment in place of an end's (issue 13, MptcpCore.tla
         * Answer): the last segment of that message it read on the subflow, between the same
         * addresses, with the fields it gives replaced in its option and its TCP header kept (the
         * receiver sees the sequence numbers it expects). Only fields that option carries.
         */
        String answer(SegmentEvent.Inject i, Map<String, Bytes> values, String where) throws BadTraceFileException {
            InetAddress src = Addresses.of(i.src());
            InetAddress dst = Addresses.of(i.dst());
            Optional<Integer> of = segs.values().stream()
                    .filter(x -> x.msg().equals(i.msg()) && x.subflow().equals(i.subflow()) && read.containsKey(x.id())
                            && read.get(x.id()).src().equals(src) && read.get(x.id()).dst().equals(dst))
                    .map(Seg::id).max(Integer::compare);
            if (of.isEmpty()) {
                throw new BadTraceFileException(where + ": x answers " + i.msg() + " on " + i.subflow()
                        + " in place of no segment of that message it read");
            }
            TcpSegment old = read.get(of.get());
            Optional<MptcpOption> opt = WireFields.option(old);
            if (opt.isEmpty() || !fields.read(i.msg(), old).keySet().containsAll(values.keySet())) {
                throw new BadTraceFileException(where + ": #" + of.get() + " (" + i.msg() + ") carries no option with the fields "
                        + values.keySet());
            }
            MptcpOption neu;
            try {
                neu = WireFields.withFields(opt.get(), values);
            } catch (IllegalArgumentException e) {
                throw new BadTraceFileException(where + ": " + e.getMessage());
            }
            List<TcpSegment.TcpOption> opts = new ArrayList<>();
            for (TcpSegment.TcpOption o : old.options()) {
                opts.add(o instanceof TcpSegment.TcpOption.Mptcp m && m.option() == opt.get() ? new TcpSegment.TcpOption.Mptcp(neu) : o);
            }
            TcpSegment seg = new TcpSegment(old.src(), old.dst(), old.srcPort(), old.dstPort(), old.seq(), old.ack(),
                    old.flags(), old.window(), opts, old.payload());
            // the envelope keeps the replaced segment's origin: the connection an answered SYN opens
            // is the client's (its 4-tuple, its handshake), as in the model, where it stays c1.1;
            // whose option it carries shows in the event, and the attacker is active from here on
            Envelope env = net.relay(segs.get(of.get()).env(), seg, Addresses.PX);
            define(i.seg(), i.msg(), i.subflow(), Addresses.PX, env, where);
            inFlight.add(i.seg());
            active = true;
            return "x answers in place of #" + of.get() + ": #" + i.seg() + " " + i.msg() + " " + describe(env) + " " + hex(values);
        }

        String replay(SegmentEvent.Replay r, String where) throws BadTraceFileException {
            if (!rights.inject()) {
                throw new BadTraceFileException(where + ": the " + t.attack().wireName() + " attacker does not inject");
            }
            Seg of = existing(r.of(), where);
            if (of.env() == null && readPlain.contains(r.of())) {
                // a copy of the model's plain ACK of the third ACK, which the reference never sends: the
                // copy has no bytes either, and delivered it changes nothing (deliver); it still counts
                // as the attacker's injection, as in the model (Injd)
                define(r.seg(), of.msg(), r.subflow(), Addresses.PX, null, where);
                inFlight.add(r.seg());
                active = true;
                return "x replays #" + r.of() + " " + of.msg() + " as #" + r.seg() + " (the model's plain ACK: no bytes on the reference)";
            }
            TcpSegment seen = read.get(r.of());
            if (seen == null) {
                throw new BadTraceFileException(where + ": x replays #" + r.of() + ", which it has not read");
            }
            if (inFlight.contains(r.of()) && of.env() != null && r.subflow().equals(of.subflow())
                    && r.dst().equals(Addresses.nameOf(of.env().segment().dst()))
                    && r.src().equals(Addresses.nameOf(of.env().segment().src()))) {
                // a copy on the original's own 4-tuple while the original is still in flight is a
                // retransmission, not a replay: a replay is of a segment observed and delivered
                // (MptcpCore.tla ReplayAddr: the original has left the network)
                throw new BadTraceFileException(where + ": x replays #" + r.of() + " on its own 4-tuple while it is still in flight");
            }
            InetAddress dst = Addresses.of(r.dst());
            String conn = r.subflow().startsWith("inj") ? of.subflow().split("/")[0] : r.subflow().split("/")[0];
            String client = conn.startsWith("inj") ? "c1" : clientOf(conn, where);
            int[] ports = ports(r.subflow(), client, dst);
            TcpSegment seg = withAddresses(seen, Addresses.of(r.src()), ports[0], dst, ports[1]);
            // the origin stays who built the option (MptcpCore.tla Replay): a relayed envelope keeps it
            Envelope env = net.relay(of.env(), seg, Addresses.PX);
            define(r.seg(), of.msg(), r.subflow(), Addresses.PX, env, where);
            inFlight.add(r.seg());
            active = true;
            return "x replays #" + r.of() + " " + of.msg() + " as #" + r.seg() + " " + describe(env);
        }

        // ---- the attacker's terms -----------------------------------------------------------------------

        byte[] value(SegmentTerm term, String where) throws BadTraceFileException {
            if (term instanceof SegmentTerm.Observed o) {
                TcpSegment seen = read.get(o.seg());
                if (seen == null) {
                    throw new BadTraceFileException(where + ": the attacker cannot derive field " + o.field() + " of #"
                            + o.seg() + ": it has not read that segment");
                }
                Bytes v = fields.read(segs.get(o.seg()).msg(), seen).get(o.field());
                if (v == null) {
                    throw new BadTraceFileException(where + ": #" + o.seg() + " (" + segs.get(o.seg()).msg()
                            + ") carries no field " + o.field());
                }
                return v.toArray();
            }
            if (term instanceof SegmentTerm.Own o) {
                return own(o.name(), o.bits());
            }
            if (term instanceof SegmentTerm.GivenKey k && k.name().contains("/")) {
                return privateValue(k.name(), where);
            }
            if (term instanceof SegmentTerm.GivenKey k) {
                Bytes material = t.keys().get(k.name());
                // an insider holds its own application's key (a legitimate client of it)
                boolean own = t.attack().insiderClient().map(c -> t.attack().keyOf(c).equals(k.name())).orElse(false);
                if (!(t.attackerHasKey() || own) || material == null) {
                    throw new BadTraceFileException(where + ": the attacker cannot derive external key " + k.name()
                            + (t.attackerHasKey() || own ? ": not in the population" : ": it is given the keys only in the attackerHasKey control"));
                }
                return scheme.effectiveKey(scheme.keySetting(material)).toArray();
            }
            if (term instanceof SegmentTerm.Guess g) {
                return Bytes.fromHex(g.hex()).toArray();
            }
            if (term instanceof SegmentTerm.Address a) {
                return Addresses.of(a.name()).getAddress();
            }
            if (term instanceof SegmentTerm.Label l) {
                return l.text().getBytes(StandardCharsets.US_ASCII);
            }
            if (term instanceof SegmentTerm.Num n) {
                return Evaluator.number(n.value(), n.bits());
            }
            SegmentTerm.Apply a = (SegmentTerm.Apply) term;
            List<byte[]> args = new ArrayList<>();
            for (SegmentTerm x : a.args()) {
                args.add(value(x, where));
            }
            HashAlg h = scheme.hash();
            try {
                return switch (a.op()) {
                    case "hash" -> MptcpCrypto.digest(h, args.get(0));
                    case "token" -> Evaluator.left(MptcpCrypto.digest(h, args.get(0)), 32);
                    case "idsn" -> Evaluator.right(MptcpCrypto.digest(h, args.get(0)), 64);
                    case "hmac" -> MptcpCrypto.hmac(h, args.get(0), args.get(1));
                    case "pub" -> org.mptcpverify.crypto.X25519.publicValue(args.get(0));
                    case "dh" -> org.mptcpverify.crypto.X25519.agree(args.get(0), args.get(1))
                            .orElseThrow(() -> new IllegalArgumentException("X25519 refuses the public value (low order)"));
                    case "cat" -> MptcpCrypto.concat(args.toArray(byte[][]::new));
                    case "xor" -> Evaluator.xor(args);
                    case "truncL" -> Evaluator.left(args.get(0), a.bits());
                    default -> Evaluator.right(args.get(0), a.bits());
                };
            } catch (IllegalArgumentException e) {
                throw new BadTraceFileException(where + ": " + a.op() + ": " + e.getMessage());
            }
        }

        /**
         * The key control of a key-agreement scheme: the X25519 private value the end {@code "a"}
         * (client) or {@code "b"} (server) of connection {@code conn} drew, as {@code "conn/a"}; only
         * when the trace gives the attacker the keys, and only once that end has drawn it.
         */
        byte[] privateValue(String name, String where) throws BadTraceFileException {
            if (!t.attackerHasKey() || !t.scheme().agreesKey()) {
                throw new BadTraceFileException(where + ": the attacker cannot derive private value " + name
                        + ": it is given the private values only in the attackerHasKey control of a key-agreement scheme");
            }
            String conn = name.substring(0, name.indexOf('/'));
            String c = clientOf(conn, where);
            Optional<Connection> end = name.endsWith("/a") ? clientConn(c, conn) : serverConn(c, conn);
            Optional<Bytes> p = end.flatMap(x -> scheme.privateValues(x.keys()).stream()
                    .sorted(java.util.Comparator.comparing(Bytes::hex)).findFirst());
            if (p.isEmpty()) {
                throw new BadTraceFileException(where + ": " + name + ": that end holds no private value (yet)");
            }
            return p.get().toArray();
        }

        /** The attacker's own value {@code name}: drawn from the seed and the name, so a replay is deterministic. */
        byte[] own(String name, int bits) {
            byte[] out = new byte[bits / 8];
            byte[] block = new byte[0];
            for (int i = 0, k = 0; i < out.length; i++, k++) {
                if (k == block.length) {
                    block = MptcpCrypto.digest(HashAlg.SHA256,
                            (t.seed() + "/" + name + "/" + i).getBytes(StandardCharsets.UTF_8));
                    k = 0;
                }
                out[i] = block[k];
            }
            return out;
        }

        // ---- segments -----------------------------------------------------------------------------------

        /**
         * Binds the first of {@code out} that stands for {@code msg} to trace segment {@code id}
         * (a reply to x.a is the attacker's at once: the model never puts it in flight); every
         * other segment of {@code out} is not in the model and is never delivered, said in the notes.
         * (The network's own queue is not used: which segment is in flight is the trace's.)
         */
        Optional<Envelope> bind(List<Envelope> out, int id, String msg, String subflow, String where)
                throws BadTraceFileException {
            Envelope bound = null;
            for (Envelope e : out) {
                boolean fromServer = Addresses.actorOf(e.segment().src()).equals("s");
                String kind = WireFields.kind(e.segment(), fromServer);
                if (bound == null && id != 0 && WireFields.standsFor(kind, msg)) {
                    bound = e;
                    define(id, msg, subflow, e, where);
                    if (!Addresses.actorOf(e.segment().dst()).equals("x")) {
                        inFlight.add(id);
                    }
                } else if (kind.equals("KEY_A") || kind.equals("KEY_B")) {
                    held.add(e);
                    notes.add("the reference also sent " + kind + " " + describe(e) + " (held for the model's " + kind + " step)");
                } else {
                    notes.add("the reference also sent " + (kind.isEmpty() ? "a segment" : kind) + " " + describe(e)
                            + " (not in the model; not delivered)");
                }
            }
            return Optional.ofNullable(bound);
        }

        /** An end's segment: on its subflow's own path (MptcpCore.tla PathOf: the initial subflow p1, joins p2). */
        void define(int id, String msg, String subflow, Envelope env, String where) throws BadTraceFileException {
            String path = subflow.startsWith("inj") ? Addresses.PX : subflow.endsWith("/0") ? Addresses.P1 : Addresses.P2;
            define(id, msg, subflow, path, env, where);
        }

        void define(int id, String msg, String subflow, String path, Envelope env, String where) throws BadTraceFileException {
            if (segs.containsKey(id)) {
                throw new BadTraceFileException(where + ": segment #" + id + " is defined twice");
            }
            segs.put(id, new Seg(id, msg, subflow, path, env));
        }

        Seg existing(int id, String where) throws BadTraceFileException {
            Seg s = segs.get(id);
            if (s == null) {
                throw new BadTraceFileException(where + ": segment #" + id + " does not exist yet");
            }
            return s;
        }

        Seg onPath(int id, String where) throws BadTraceFileException {
            Seg s = existing(id, where);
            if (!inFlight.contains(id)) {
                throw new BadTraceFileException(where + ": #" + id + " is not in flight");
            }
            if (s.env() == null || !rights.actsOn(s.msg(), s.path())) {
                throw new BadTraceFileException(where + ": the " + t.attack().wireName() + " attacker is not on the path of #" + id);
            }
            return s;
        }

        void takeOff(Seg s) {
            inFlight.remove(s.id());
        }

        /** Source and destination ports of a segment on {@code subflow} towards {@code dst}. */
        int[] ports(String subflow, String client, InetAddress dst) {
            int sport = sfPort.computeIfAbsent(subflow,
                    sf -> INJECTED_PORT_BASE + Integer.parseInt(sf.substring(sf.indexOf('/') + 1)));
            int app = appPort(client);
            return Addresses.actorOf(dst).equals("s") ? new int[] {sport, app} : new int[] {app, sport};
        }

        Optional<TcpSegment> lastRead(InetAddress src, int sport, InetAddress dst, int dport) {
            return read.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue)
                    .filter(x -> x.src().equals(src) && x.srcPort() == sport && x.dst().equals(dst) && x.dstPort() == dport)
                    .reduce((a, b) -> b);
        }

        String clientOf(String conn, String where) throws BadTraceFileException {
            String c = conn.substring(0, conn.indexOf('.'));
            if (!hosts.containsKey(c) || c.equals("s")) {
                throw new BadTraceFileException(where + ": connection " + conn + " is not in the population");
            }
            return c;
        }

        Optional<Connection> clientConn(String c) {
            return hosts.get(c).connections().values().stream().filter(x -> x.role() == Role.A).reduce((a, b) -> b);
        }

        /**
         * The client's connection the trace calls {@code conn} (one client may hold several: c1.1,
         * c1.2, ...); its most recent one when the trace never opened {@code conn} itself.
         */
        Optional<Connection> clientConn(String c, String conn) {
            Integer id = connIds.get(conn);
            return id == null ? clientConn(c) : Optional.ofNullable(hosts.get(c).connections().get(id));
        }

        /** The server's end of the connection the trace calls {@code conn}: the one whose initial subflow is its. */
        Optional<Connection> serverConn(String c, String conn) {
            Integer id = connIds.get(conn);
            if (id == null) {
                return world().serverConnOf(c);
            }
            Tuple mine = hosts.get(c).connections().get(id).initial();
            return hosts.get("s").connections().values().stream().filter(x -> x.role() == Role.B
                    && x.initial().remoteAddr().equals(mine.localAddr()) && x.initial().remotePort() == mine.localPort())
                    .findFirst();
        }

        List<Envelope> host(String h, Event ev) {
            StepResult r = endpoint.step(hosts.get(h), ev);
            hosts.put(h, r.state());
            notes.addAll(r.notes());
            return emit(h, r.out());
        }

        /** An end's segments on the wire; in nat-join through the NAT on p2, as the model's ThroughNat does when they leave. */
        List<Envelope> emit(String h, List<TcpSegment> segments) {
            List<Envelope> out = new ArrayList<>();
            for (TcpSegment s : segments) {
                if (t.attack() == AttackId.NAT_JOIN) {
                    String client = t.clients().keySet().iterator().next();
                    if (s.src().equals(Addresses.of(client + ".a2"))) {
                        s = withAddresses(s, Addresses.of("nat.a"), s.srcPort(), s.dst(), s.dstPort());
                    } else if (s.dst().equals(Addresses.of("nat.a"))) {
                        s = withAddresses(s, s.src(), s.srcPort(), Addresses.of(client + ".a2"), s.dstPort());
                    }
                }
                Envelope e = net.send(s, h);
                truth.sent(h, hosts.get(h), e); // what the honest end asks for (a fast close), when it asks
                out.add(e);
            }
            return out;
        }

        String diverge(String why) {
            divergence = "event " + (event + 1) + ": " + why;
            return why;
        }

        // ---- judging ------------------------------------------------------------------------------------

        World world() {
            Set<Bytes> known = new HashSet<>();
            for (Bytes k : realKeys) {
                if (t.attackerHasKey() || derived.stream().anyMatch(d -> MessageDigest.isEqual(d.toArray(), k.toArray()))) {
                    known.add(k);
                }
            }
            return new World(Ordered.sorted(hosts), truth, clientAddrs, Ordered.copy(realKeys), Ordered.copy(known),
                    JoinLimits.CONTRACT_HALF_OPEN, t.attack().insiderClient().orElse(""));
        }

        void judge(boolean atEnd) {
            if (violation != null) {
                return;
            }
            World w = world();
            w.recordEstablishedJoins();
            for (PropertyMonitor m : monitors) {
                if (judged.contains(m.property()) && m.atEndOnly() == atEnd) {
                    m.check(w).ifPresent(why -> violation = new Violation(m.property(), event, why));
                }
            }
        }

        static TcpSegment withAddresses(TcpSegment s, InetAddress src, int sport, InetAddress dst, int dport) {
            return new TcpSegment(src, dst, sport, dport, s.seq(), s.ack(), s.flags(), s.window(), s.options(), s.payload());
        }

        static String describe(Envelope e) {
            TcpSegment s = e.segment();
            return Addresses.nameOf(s.src()) + ":" + s.srcPort() + " -> " + Addresses.nameOf(s.dst()) + ":" + s.dstPort();
        }

        static String hex(Map<String, Bytes> values) {
            StringBuilder b = new StringBuilder("{");
            values.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append('=').append(v.hex()));
            return b.append('}').toString();
        }
    }
}
