package org.mptcpverify.trace;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.mptcpverify.attack.Attacker;
import org.mptcpverify.attack.Knowledge;
import org.mptcpverify.endpoint.ConnPhase;
import org.mptcpverify.endpoint.Connection;
import org.mptcpverify.endpoint.EndpointState;
import org.mptcpverify.endpoint.JoinLimits;
import org.mptcpverify.endpoint.Event;
import org.mptcpverify.endpoint.MptcpEndpoint;
import org.mptcpverify.endpoint.StepResult;
import org.mptcpverify.endpoint.Subflow;
import org.mptcpverify.endpoint.Tuple;
import org.mptcpverify.monitor.GroundTruth;
import org.mptcpverify.monitor.Monitors;
import org.mptcpverify.monitor.PropertyMonitor;
import org.mptcpverify.monitor.World;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.net.Envelope;
import org.mptcpverify.net.Network;
import org.mptcpverify.net.Packets;
import org.mptcpverify.net.Rewriter;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.scheme.Role;
import org.mptcpverify.scheme.Schemes;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;
import org.mptcpverify.collect.Ordered;

// Exchange-level reference: replays the legacy Alloy engine's alloy.json (Replayer, ReplayCommand, charts) and
// the exchange-level tests (DefinitionVsReferenceTest's twin is DefinitionVsJavaSegmentsTest); deleted with that engine (docs/traces-engine.md, "Exchange-level attacker: remaining users").
/**
 * Runs a trace of docs/threat-model.md actions on the reference: real endpoints for c1 (c2) and s,
 * the simulated network (with the NAT in nat-join), the attacker at x.a observing what its attack
 * lets it observe, and the monitors of the attack's properties on ground truth after every
 * delivered segment (outcome properties once, at the end). Deterministic in the scenario's seed.
 */
public final class ReferenceRunner implements ScenarioRunner {
    /** Bound on deliveries per action, far above any exchange; reaching it is a bug in the reference. */
    private static final int MAX_DELIVERIES = 10_000;

    private final int halfOpenLimit;
    private final java.util.function.Function<org.mptcpverify.vocab.SchemeId, AuthScheme> schemes;

    /**
     * The matrix's runner: servers use the contract's join limits ({@link JoinLimits#contract},
     * half-open bound {@value JoinLimits#CONTRACT_HALF_OPEN}, no bound on established joins), not
     * Linux's (docs/reference.md, "Choices where the contract leaves room").
     */
    public ReferenceRunner() {
        this(JoinLimits.CONTRACT_HALF_OPEN);
    }

    public ReferenceRunner(int halfOpenLimit) {
        this(halfOpenLimit, Schemes::of);
    }

    /** A runner whose endpoints and attacker use {@code schemes} (e.g. schemes run from their definitions). */
    /** The implementation this runner runs for {@code id} (a definition's, when run from a file). */
    public AuthScheme scheme(org.mptcpverify.vocab.SchemeId id) {
        return schemes.apply(id);
    }

    public ReferenceRunner(int halfOpenLimit, java.util.function.Function<org.mptcpverify.vocab.SchemeId, AuthScheme> schemes) {
        this.halfOpenLimit = halfOpenLimit;
        this.schemes = schemes;
    }

    @Override
    public RunOutcome run(Scenario scenario, List<TraceAction> actions) {
        return new Run(scenario, halfOpenLimit, schemes.apply(scenario.scheme())).execute(actions);
    }

    /** One execution: all mutable simulation state lives here, for one call. */
    private static final class Run {
        final Scenario sc;
        final AttackId attack;
        final AuthScheme scheme;
        final MptcpEndpoint endpoint;
        final SplittableRandom rnd;
        final int halfOpenLimit;
        final Map<String, EndpointState> hosts = new TreeMap<>();
        final Map<String, KeySetting> clientKeys = new TreeMap<>();
        final Map<String, Integer> appPort = new TreeMap<>();
        final Map<String, List<InetAddress>> clientAddrs = new TreeMap<>();
        final Set<Bytes> realKeys = new HashSet<>();
        final Network net = new Network();
        final GroundTruth truth = new GroundTruth();
        final Knowledge knowledge;
        final Attacker attacker;
        final List<PropertyMonitor> monitors = new ArrayList<>();
        final Map<PropertyId, RunOutcome.Violation> violations = new EnumMap<>(PropertyId.class);
        final List<String> notes = new ArrayList<>();
        final List<String> steps = new ArrayList<>();
        final List<Boolean> enabled = new ArrayList<>();
        final List<Map<String, Object>> observations = new ArrayList<>();
        final List<RunOutcome.WireRecord> wire = new ArrayList<>();
        int step;
        int wireBase;
        TraceAction current;
        boolean attackerActed;

        Run(Scenario sc, int halfOpenLimit, AuthScheme scheme) {
            this.sc = sc;
            this.attack = sc.attack();
            this.scheme = scheme;
            this.endpoint = new MptcpEndpoint(scheme);
            this.rnd = new SplittableRandom(sc.seed());
            this.halfOpenLimit = halfOpenLimit;
            setUpKeysAndHosts();
            this.knowledge = new Knowledge(sc.attackerHasKey() ? realKeys
                    : sc.guessedKey() != null ? Set.of(Bytes.fromHex(sc.guessedKey())) : Set.of(),
                    sc.attackerHasKey() ? this::privateValues : Set::of, rnd.nextLong());
            this.attacker = new Attacker(scheme, knowledge);
            net.addTap(this::tap);
            if (attack == AttackId.NAT_JOIN) {
                net.addBox(new Rewriter(Addresses.P2, Addresses.of("nat.a"),
                        s -> Addresses.pathOf(s.src()).equals(Addresses.P2) && Addresses.actorOf(s.src()).startsWith("c"),
                        false, false));
            }
            for (PropertyId p : attack.applicableProperties(sc.scheme())) {
                monitors.add(Monitors.of(p, scheme));
            }
        }

        // ---- set-up -------------------------------------------------------------------------------------

        boolean keyed(String side) {
            return sc.keyed(scheme, side);
        }

        void setUpKeysAndHosts() {
            Scenario.AppKeys drawn = Scenario.AppKeys.draw(scheme, rnd);
            KeySetting k1 = drawn.first();
            KeySetting k2 = drawn.second();
            List<String> clients = attack == AttackId.TWO_KEYS_ONE_HOST ? List.of("c1", "c2") : List.of("c1");
            hosts.put("s", EndpointState.initial("s", Addresses.of("s", "a1", "a2"), JoinLimits.contract(halfOpenLimit)));
            KeySetting none = KeySetting.none();
            for (String c : clients) {
                KeySetting k = c.equals("c1") ? k1 : k2;
                clientKeys.put(c, keyed("client") ? k : none);
                appPort.put(c, c.equals("c1") ? 80 : 81);
                clientAddrs.put(c, Addresses.of(c, "a1", "a2"));
                hosts.put(c, EndpointState.initial(c, Addresses.of(c, "a1", "a2"), JoinLimits.contract(halfOpenLimit)));
                if (keyed("client") && scheme.effectiveKey(k) != null) {
                    realKeys.add(scheme.effectiveKey(k));
                }
                if (keyed("server") && scheme.effectiveKey(k) != null) {
                    realKeys.add(scheme.effectiveKey(k));
                }
            }
            // The server binds application 1, then application 2, before any connection.
            for (String c : clients) {
                KeySetting k = c.equals("c1") ? k1 : k2;
                hostEvent("s", new Event.Bind(appPort.get(c), keyed("server") ? k : none));
            }
            notes.clear();
        }


        /** The Diffie-Hellman private values every endpoint holds now (the key control of a key-agreement scheme). */
        Set<Bytes> privateValues() {
            Set<Bytes> out = new HashSet<>();
            for (EndpointState h : hosts.values()) {
                h.connections().values().forEach(c -> out.addAll(scheme.privateValues(c.keys())));
            }
            return out;
        }

        // ---- observation ------------------------------------------------------------------------------------

        /** The attacker's tap: what its attack lets it see, decoded from the bytes. */
        void tap(String path, Bytes ip) {
            if (observing(path)) {
                Packets.decode(ip).ifPresent(knowledge::observe);
            }
        }

        boolean observing(String path) {
            if (current == null) {
                return false;
            }
            return switch (attack) {
                case EAVESDROP_HANDSHAKE, ADD_ADDR_MITM ->
                        path.equals(Addresses.P1) && current instanceof TraceAction.Connect;
                case EAVESDROP_ALL, JOIN_DOS, FASTCLOSE_FORGE, REMOVE_ADDR_FORGE, MP_PRIO_FORGE ->
                        !current.byAttacker() && !attackerActed;
                case SYN_JOIN_REWRITE -> path.equals(Addresses.P2);
                default -> false;
            };
        }

        // ---- execution -----------------------------------------------------------------------------------------

        RunOutcome execute(List<TraceAction> actions) {
            step = 0;
            wireBase = net.crossings();
            checkSafety(); // the initial state too, as a TLA+ invariant (an attacker given the key knows it at once)
            for (step = 0; step < actions.size(); step++) {
                current = actions.get(step);
                int wireMark = net.wire().size();
                notes.clear();
                Optional<String> disabled = perform(current);
                notes.addAll(attacker.drainNotes());
                settle();
                if (current.byAttacker() && disabled.isEmpty()) {
                    attackerActed = true;
                }
                notes.addAll(attacker.drainNotes());
                enabled.add(disabled.isEmpty());
                steps.add(describe(current) + ": " + (disabled.isPresent() ? "not enabled (" + disabled.get() + ")"
                        : String.join("; ", notes)));
                for (Envelope e : net.wire().subList(wireMark, net.wire().size())) {
                    wire.add(new RunOutcome.WireRecord(step, e.path(), e.origin(), e.ipPacket(), e.id()));
                }
                checkSafety();
                observations.add(observe());
            }
            current = null;
            World w = world();
            for (PropertyMonitor m : monitors) {
                if (m.atEndOnly()) {
                    m.check(w).ifPresent(why -> violations.putIfAbsent(m.property(),
                            new RunOutcome.Violation(m.property(), Math.max(0, actions.size() - 1), why, wire.size())));
                }
            }
            return new RunOutcome(steps, enabled, List.copyOf(violations.values()), wire, observations);
        }

        static String describe(TraceAction a) {
            if (a instanceof TraceAction.SpoofJoinSyn s) {
                return "SpoofJoinSyn(" + s.client() + ", " + s.mode() + ", " + s.src() + ")";
            }
            return a.name() + "(" + a.client() + ")";
        }

        /** Performs an action's first move; empty when enabled, else why not. */
        Optional<String> perform(TraceAction a) {
            String c = a.client();
            if (!hosts.containsKey(c) || c.equals("s")) {
                return Optional.of("no client " + c + " in " + attack);
            }
            InetAddress server = Addresses.of("s.a1");
            int port = appPort.get(c);
            if (a instanceof TraceAction.Connect) {
                if (clientConn(c).isPresent()) {
                    return Optional.of(c + " already has a connection");
                }
                hostEvent(c, new Event.Connect(Addresses.of(c + ".a1"), server, port, clientKeys.get(c), rnd.nextLong()));
                return Optional.empty();
            }
            if (a instanceof TraceAction.Join || a instanceof TraceAction.RewriteJoin) {
                return join(c, a instanceof TraceAction.RewriteJoin);
            }
            if (a instanceof TraceAction.Advertise) {
                Optional<Connection> sc = serverConnOf(c).filter(x -> x.established() && x.isMptcp());
                if (sc.isEmpty()) {
                    return Optional.of("the server has no MPTCP connection of " + c);
                }
                hostEvent("s", new Event.Advertise(sc.get().id(), 2, Addresses.of("s.a2")));
                return Optional.empty();
            }
            if (a instanceof TraceAction.Close) {
                Optional<Connection> cc = clientConn(c).filter(x -> x.established() && x.isMptcp());
                if (cc.isEmpty()) {
                    return Optional.of(c + " has no MPTCP connection");
                }
                hostEvent(c, new Event.FastClose(cc.get().id()));
                return Optional.empty();
            }
            if (a instanceof TraceAction.RemoveAddr || a instanceof TraceAction.SetBackup) {
                Optional<Connection> cc = clientConn(c).filter(x -> x.established() && x.isMptcp());
                if (cc.isEmpty()) {
                    return Optional.of(c + " has no MPTCP connection");
                }
                // the client's second address c.a2 has address id 1 (its index), the id its joins carry
                hostEvent(c, a instanceof TraceAction.RemoveAddr ? new Event.RemoveAddr(cc.get().id(), 1)
                        : new Event.SetBackup(cc.get().id(), true));
                return Optional.empty();
            }
            if (a instanceof TraceAction.ForgeRemoveAddr || a instanceof TraceAction.ForgeMpPrio) {
                Optional<TcpSegment> seg = a instanceof TraceAction.ForgeRemoveAddr ? attacker.forgeRemoveAddr(c)
                        : attacker.forgeMpPrio(c);
                if (seg.isEmpty()) {
                    return Optional.of("the attacker has not observed " + c + "'s connection");
                }
                attackerSend(seg.get());
                return Optional.empty();
            }
            if (a instanceof TraceAction.ForgeJoin) {
                Optional<TcpSegment> syn = attacker.forgeJoinSyn(c, server, port, rnd.split());
                if (syn.isEmpty()) {
                    return Optional.of("the attacker cannot build the join token field");
                }
                attackerSend(syn.get());
                return Optional.empty();
            }
            if (a instanceof TraceAction.SpoofJoinSyn s) {
                if (!s.mode().equals("forge") && !s.mode().equals("replay")) {
                    throw new IllegalArgumentException("SpoofJoinSyn mode must be forge or replay, not " + s.mode());
                }
                InetAddress src = Addresses.byName(s.src()).orElseThrow(
                        () -> new IllegalArgumentException("unknown source address " + s.src()));
                Optional<TcpSegment> syn = attacker.spoofJoinSyn(c, s.mode(), src, server, port, rnd.split());
                if (syn.isEmpty()) {
                    return Optional.of(s.mode().equals("replay") ? "the attacker has observed no SYN+MP_JOIN of " + c
                            : "the attacker cannot build the join token field");
                }
                attackerSend(syn.get());
                return Optional.empty();
            }
            if (a instanceof TraceAction.ForgeAddAddr) {
                Optional<TcpSegment> seg = attacker.forgeAddAddr(c);
                if (seg.isEmpty()) {
                    return Optional.of("the attacker has not observed " + c + "'s connection");
                }
                attackerSend(seg.get());
                return Optional.empty();
            }
            if (a instanceof TraceAction.ForgeFastClose) {
                Optional<TcpSegment> seg = attacker.forgeFastClose(c);
                if (seg.isEmpty()) {
                    return Optional.of("the attacker has not observed " + c + "'s connection");
                }
                attackerSend(seg.get());
                return Optional.empty();
            }
            throw new IllegalArgumentException("unknown action " + a.name());
        }

        Optional<String> join(String c, boolean rewritten) {
            Optional<Connection> cc = clientConn(c).filter(Connection::established);
            if (cc.isEmpty()) {
                return Optional.of(c + " has no established connection");
            }
            if (rewritten) {
                InetAddress inside = Addresses.of(c + ".a2");
                net.addBox(new Rewriter(Addresses.P2, Attacker.HOME, s -> s.src().equals(inside) && GroundTruth.isJoinSyn(s), true, true));
                notes.add("x: on p2, rewrites the SYN+MP_JOIN source to x.a and relays the subflow");
            }
            if (!cc.get().isMptcp()) {
                notes.add(c + ": the connection is plain TCP, no join can be opened");
                truth.legitJoin(new GroundTruth.LegitJoin(step, c, null, rewritten));
                return Optional.empty();
            }
            EndpointState before = hosts.get(c);
            hostEvent(c, new Event.Join(cc.get().id(), Addresses.of(c + ".a2"), Addresses.of("s.a1"), appPort.get(c),
                    rnd.nextLong()));
            Tuple opened = hosts.get(c).subflows().keySet().stream()
                    .filter(t -> !before.subflows().containsKey(t)).findFirst().orElse(null);
            truth.legitJoin(new GroundTruth.LegitJoin(step, c, opened, rewritten));
            return Optional.empty();
        }

        Optional<Connection> clientConn(String c) {
            return hosts.get(c).connections().values().stream().filter(x -> x.role() == Role.A).reduce((a, b) -> b);
        }

        Optional<Connection> serverConnOf(String c) {
            return world().serverConnOf(c);
        }

        void attackerSend(TcpSegment s) {
            net.send(s, "x");
        }

        /** An application or path-manager event at a host; its segments go on the wire. */
        void hostEvent(String h, Event ev) {
            EndpointState before = hosts.get(h);
            StepResult r = endpoint.step(before, ev);
            hosts.put(h, r.state());
            notes.addAll(r.notes());
            for (TcpSegment s : r.out()) {
                sendFrom(h, s);
            }
        }

        void sendFrom(String h, TcpSegment s) {
            Envelope e = net.send(s, h);
            truth.sent(h, hosts.get(h), e); // what the honest end asks for (a fast close), when it asks
            if (!h.equals("s") && GroundTruth.isJoinSyn(s)) {
                Tuple clientView = new Tuple(s.src(), s.srcPort(), s.dst(), s.dstPort());
                truth.clientJoinSyn(clientView, e.id());
                if (current instanceof TraceAction.Advertise && s.dst().equals(Addresses.of("s.a2"))) {
                    // the path manager's join to the advertised address is a legitimate join too
                    truth.legitJoin(new GroundTruth.LegitJoin(step, h, clientView, false));
                }
            }
        }

        /** Delivers segments until none is in flight, judging the safety properties after each. */
        void settle() {
            int n = 0;
            while (!net.idle()) {
                if (++n > MAX_DELIVERIES) {
                    throw new IllegalStateException("no quiescence after " + MAX_DELIVERIES + " deliveries");
                }
                deliver(net.next().orElseThrow());
                checkSafety();
            }
        }

        void deliver(Envelope e) {
            String to = Addresses.actorOf(e.segment().dst());
            if (hosts.containsKey(to)) {
                deliverToHost(to, e);
            } else if (to.equals("x")) {
                Packets.decode(e.ipPacket()).ifPresent(knowledge::observe); // what reaches x.a it sees
                for (Attacker.Outgoing o : attacker.receive(e.segment())) {
                    if (o.relayed()) {
                        net.relay(e, o.segment(), Addresses.PX);
                    } else {
                        net.send(o.segment(), "x");
                    }
                }
                notes.addAll(attacker.drainNotes());
            }
            // anything else (a spoofed address, an unmapped NAT port) reaches nobody
        }

        void deliverToHost(String h, Envelope e) {
            EndpointState before = hosts.get(h);
            StepResult r = endpoint.step(before, new Event.Receive(e.segment(), rnd.nextLong()));
            EndpointState after = r.state();
            truth.recordDelivery(step, h, before, after, e, hosts);
            hosts.put(h, after);
            notes.addAll(r.notes());
            for (TcpSegment s : r.out()) {
                sendFrom(h, s);
            }
        }

        // ---- judging and observing --------------------------------------------------------------------------

        World world() {
            return new World(Ordered.copy(hosts), truth, clientAddrs, Ordered.copy(realKeys),
                    knowledge.externalKeys(scheme), halfOpenLimit);
        }

        void checkSafety() {
            List<GroundTruth.LegitJoin> joins = truth.joins();
            boolean pending = monitors.stream().anyMatch(m -> !m.atEndOnly() && !violations.containsKey(m.property()))
                    || joins.stream().anyMatch(j -> j.clientTuple() != null && !truth.wasEstablished(j));
            if (!pending) {
                return;
            }
            World w = world();
            w.recordEstablishedJoins();
            for (PropertyMonitor m : monitors) {
                if (m.atEndOnly() || violations.containsKey(m.property())) {
                    continue;
                }
                int at = step;
                int crossed = net.crossings() - wireBase; // an index into the outcome's segments
                m.check(w).ifPresent(why -> violations.put(m.property(), new RunOutcome.Violation(m.property(), at, why, crossed)));
            }
        }

        Map<String, Object> observe() {
            World w = world();
            Map<String, Object> o = new LinkedHashMap<>();
            for (String c : clientAddrs.keySet()) {
                o.put("conn." + c, connObservation(w, c));
                Optional<Connection> sc = w.serverConnOf(c);
                List<Subflow> subs = sc.map(x -> w.server().establishedJoins(x.id())).orElse(List.of());
                o.put("subflows." + c, subs.size());
                o.put("foreignSubflows." + c, (int) subs.stream()
                        .filter(s -> !w.truth().joinSynAt(s.tuple()).map(t -> t.origin().equals(c)).orElse(false)).count());
                o.put("halfOpen." + c, sc.map(x -> w.server().halfOpenOf(x.id()).size()).orElse(0));
            }
            o.put("attackerKnowsKey", realKeys.stream().anyMatch(w.attackerKeys()::contains));
            return o;
        }

        static String connObservation(World w, String c) {
            Optional<Connection> cc = w.clientConnOf(c);
            if (cc.isEmpty()) {
                return "none";
            }
            Optional<Connection> sc = w.serverConnOf(c);
            ConnPhase p = cc.get().phase();
            if (p == ConnPhase.REFUSED || p == ConnPhase.SYN_SENT) {
                return "refused";
            }
            if (p == ConnPhase.CLOSED || sc.map(x -> x.phase() == ConnPhase.CLOSED).orElse(false)) {
                return "closed";
            }
            boolean both = cc.get().isMptcp() && sc.map(Connection::isMptcp).orElse(false);
            return both ? "mptcp" : "tcp";
        }
    }
}
