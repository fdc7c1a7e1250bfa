package org.mptcpverify.traces.generic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.segment.ObservationRights;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentReplayer.Session;
import org.mptcpverify.segment.SegmentReplayer.Session.SegmentInfo;
import org.mptcpverify.segment.SegmentTerm;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.Bytes;

/**
 * One seeded random run of the generic segment-level attacker against the reference: honest ends
 * and network step segment by segment (each send, each delivery, a loss, in any order the seed
 * picks), the attacker reads whatever its profile shows it as soon as the segment exists, and
 * acts within its profile: replays any segment it read (from its own or a spoofed source), injects
 * join SYNs, SYN/ACKs, third ACKs and fast closes whose fields it builds ({@link Recipes}), drops or
 * rewrites segments on the paths it sits on. Every step runs on a {@link Session} of the reference
 * replayer, so the recorded events are a segment-level trace that {@link SegmentReplayer} replays.
 * At the end (bound reached or nothing enabled) the network delivers what is still in flight and
 * the outcome properties are judged at that quiescent state.
 */
public final class SegmentExplorer {
    /** Bounds of one run (docs/traces-engine.md, "Generic attacker"). */
    public record Limits(int steps, int injections, int joins, int losses) {
        public static final Limits DEFAULT = new Limits(24, 3, 2, 0);
    }

    /**
     * What one run did: its trace, the first violation, and the attacker's witness.
     *
     * @param attackerDelivered attacker segments delivered to an honest end
     * @param relevantChecked   of those, the ones that reached a receiver's check of a kind the judged
     *                          properties depend on ({@link org.mptcpverify.engine.WitnessChecks}), per
     *                          decision point ({@code KIND:point}, as the reference names it)
     */
    public record Run(SegmentTrace trace, Optional<SegmentReplayer.Violation> violation, Optional<String> divergence,
                      int attackerDelivered, int attackerMoves, Map<String, Integer> relevantChecked) {
        public Run {
            relevantChecked = java.util.Collections.unmodifiableMap(new TreeMap<>(relevantChecked));
        }

        public int relevantDelivered() {
            return relevantChecked.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private static final int DRAIN = 24;
    private static final List<String> REPLAYABLE = List.of("JOIN_SYN", "JOIN_SYNACK", "JOIN_ACK", "FASTCLOSE", "ADD_ADDR",
            "REMOVE_ADDR", "MP_PRIO", "ADD_ADDR_A", "FASTCLOSE_B");
    /** What an on-path move can drop, rewrite, edit or answer: any message (the profile says where and when). */
    private static final List<String> ON_PATH = List.of("MPC_SYN", "MPC_SYNACK", "MPC_ACK", "KEY_A", "KEY_B", "JOIN_SYN",
            "JOIN_SYNACK", "JOIN_ACK", "FASTCLOSE", "ADD_ADDR", "REMOVE_ADDR", "MP_PRIO");

    private final SchemeId scheme;
    private final AttackerProfile profile;
    private final SchemeDefinition def;
    private final Limits limits;
    /** The implementation the reference runs each scheme with. */
    private final java.util.function.Function<SchemeId, org.mptcpverify.scheme.AuthScheme> impls;

    public SegmentExplorer(SchemeId scheme, AttackerProfile profile, SchemeDefinition def, Limits limits) {
        this(scheme, profile, def, limits, org.mptcpverify.scheme.Schemes::of);
    }

    public SegmentExplorer(SchemeId scheme, AttackerProfile profile, SchemeDefinition def, Limits limits,
                           java.util.function.Function<SchemeId, org.mptcpverify.scheme.AuthScheme> impls) {
        this.scheme = scheme;
        this.profile = profile;
        this.def = def;
        this.limits = limits;
        this.impls = impls;
    }

    /** The header of a run: population, keys drawn from {@code seed}, key placement. */
    public SegmentTrace header(long seed, String keyedSide, boolean attackerHasKey) {
        Map<String, List<String>> clients = new TreeMap<>();
        Map<String, Bytes> keys = new TreeMap<>();
        SplittableRandom r = new SplittableRandom(seed ^ 0x5eed_4b45_5953L);
        for (String c : profile.clients()) {
            clients.put(c, List.of(c + ".1"));
            String name = profile.attack().keyOf(c);
            if (scheme.usesExternalKey() && !keys.containsKey(name)) {
                byte[] k = new byte[32];
                for (int i = 0; i < k.length; i++) {
                    k[i] = (byte) r.nextInt(256);
                }
                keys.put(name, Bytes.of(k));
            }
        }
        PropertyId first = profile.attack().applicableProperties(scheme).get(0);
        return new SegmentTrace("traces", scheme, profile.attack(), first, seed, keyedSide, attackerHasKey,
                clients, keys, List.of());
    }

    public Run run(long seed, String keyedSide, boolean attackerHasKey) throws BadTraceFileException {
        return run(seed, keyedSide, attackerHasKey, profile.attack().applicableProperties(scheme));
    }

    /** A run that judges only {@code judged} (some of the attack's applicable properties). */
    public Run run(long seed, String keyedSide, boolean attackerHasKey, List<PropertyId> judged) throws BadTraceFileException {
        return run(seed, keyedSide, attackerHasKey, judged, Plan.RANDOM);
    }

    /** A run under {@code plan}: {@link Plan#RANDOM}, or an informed attacker restricted to some kinds of move. */
    public Run run(long seed, String keyedSide, boolean attackerHasKey, List<PropertyId> judged, Plan plan)
            throws BadTraceFileException {
        return new Walk(header(seed, keyedSide, attackerHasKey), new SplittableRandom(seed), judged, plan).go();
    }

    /**
     * How a run's attacker chooses its moves. {@link #RANDOM} (no kinds): the random walk (one
     * kind of move per run, drawn, or every kind). Otherwise an <em>informed</em> attacker whose
     * i-th move is of the i-th kind of {@code kinds} (1..{@link #FOCI}, {@link #KIND_NAMES}) and
     * which makes no move after the last; of each kind only moves its knowledge enables: an
     * injected field carries a term it built from what it read (never its own stand-in value,
     * which every receiver's check refuses) using something it read since its previous move (its
     * first move may use anything), and no move is made twice. It waits, reading, until such a
     * move exists, so that an attack whose later moves need what an earlier one provoked (a forged
     * ADD_ADDR, the client's join SYN to the attacker's address, a join SYN carrying that SYN's
     * token field, its third ACK) is not cut short by moves that spend the injection bound first.
     */
    public record Plan(List<Integer> kinds) {
        public static final Plan RANDOM = new Plan(List.of());

        public Plan {
            kinds = List.copyOf(kinds);
        }

        public boolean informed() {
            return !kinds.isEmpty();
        }

        @Override
        public String toString() {
            return kinds.isEmpty() ? "random"
                    : "informed " + String.join(", ", kinds.stream().map(k -> KIND_NAMES.get(k - 1)).toList());
        }
    }

    /** Names of the kinds of move, for {@link Plan#toString}. */
    static final List<String> KIND_NAMES = List.of("on-path", "replay", "join", "fastclose", "join-synack", "add-addr",
            "path-manager", "add-addr-copy");

    /**
     * The informed plans of this profile, in a fixed order: every sequence of min(3, injections)
     * kinds of move the profile can make (bounded exhaustive enumeration of the orders in which an
     * attack of up to three moves combines kinds; a shorter attack is a prefix of some of them).
     */
    public List<Plan> plans() {
        return plans(List.of());
    }

    /**
     * The informed plans for judging {@code judged}: those of {@link #plans()} whose last move can
     * put a segment before a check the properties depend on ({@link PropertyId#decidedBy}): an
     * on-path move or a replay (any message), a join SYN or third ACK, a fast close, a join SYN/ACK,
     * an ADD_ADDR or its copy, a path-manager request, each for its messages. When every judged
     * property is violated by an honest end's acceptance (not by what the attacker comes to know,
     * ExternalKeySecrecy, nor only at the end of a run), the last move of a violating plan is such
     * a move (the acceptance is of a segment the attacker made, copied or edited); a plan ending in
     * another move repeats, up to its violation, a prefix that the kept plans run. Fewer plans, more
     * runs each within the informed share: handshake-mitm's 216 plans become 108 for JoinAuthenticity.
     */
    public List<Plan> plans(List<PropertyId> judged) {
        List<Plan> all = allPlans();
        boolean acceptance = !judged.isEmpty() && judged.stream().allMatch(p -> p != PropertyId.EXTERNAL_KEY_SECRECY
                && !org.mptcpverify.monitor.Monitors.of(p).atEndOnly());
        if (!acceptance) {
            return all;
        }
        List<String> checked = org.mptcpverify.engine.WitnessChecks.kinds(judged);
        return all.stream().filter(p -> sends(p.kinds().get(p.kinds().size() - 1)).stream().anyMatch(checked::contains)).toList();
    }

    /** The messages a move of kind {@code k} can put before a receiver's check ({@link #KIND_NAMES}). */
    private List<String> sends(int k) {
        return switch (k) {
            case 1 -> ON_PATH;
            case 2 -> REPLAYABLE;
            case 3 -> List.of("JOIN_SYN", "JOIN_ACK");
            case 4 -> List.of("FASTCLOSE");
            case 5 -> List.of("JOIN_SYNACK");
            case 6, 8 -> List.of("ADD_ADDR");
            case 7 -> profile.pathManager();
            default -> List.of();
        };
    }

    private List<Plan> allPlans() {
        List<Integer> possible = new ArrayList<>();
        for (int k = 1; k <= FOCI; k++) {
            boolean can = switch (k) {
                case 1 -> !profile.rights().onPath().isEmpty();
                case 7 -> profile.rights().inject() && !profile.pathManager().isEmpty();
                case 8 -> profile.rights().inject() && profile.replaysDeliveredAddAddr();
                default -> profile.rights().inject();
            };
            if (can) {
                possible.add(k);
            }
        }
        List<Plan> out = new ArrayList<>();
        int length = Math.min(3, Math.max(limits.injections(), possible.contains(1) ? 1 : 0));
        if (length > 0 && !possible.isEmpty()) {
            sequences(possible, length, new ArrayList<>(), out);
        }
        return out;
    }

    private static void sequences(List<Integer> from, int left, List<Integer> prefix, List<Plan> out) {
        if (left == 0) {
            out.add(new Plan(prefix));
            return;
        }
        for (int k : from) {
            prefix.add(k);
            sequences(from, left - 1, prefix, out);
            prefix.remove(prefix.size() - 1);
        }
    }

    /** One random walk; mutable, confined to one call of {@link #run}. */
    private final class Walk {
        final SegmentTrace header;
        final SplittableRandom rnd;
        final Session session;
        final Recipes recipes = new Recipes(def);
        final List<SegmentEvent> events = new ArrayList<>();
        final Set<String> connected = new HashSet<>();
        final Map<String, Integer> joins = new HashMap<>();
        final Set<String> advertised = new HashSet<>();
        final Set<String> closed = new HashSet<>();
        final Set<String> joinedAdvertised = new HashSet<>();
        /** Clients that sent their own path-manager request. */
        final Set<String> pmSent = new HashSet<>();
        /** Clients whose server withdrew its advertised address (REMOVE_ADDR to the client). */
        final Set<String> withdrawn = new HashSet<>();
        /** Injected subflow -> the connection it aims at. */
        final Map<String, String> injTarget = new LinkedHashMap<>();
        int next = 1;
        int injected;
        int injSubflows;
        int losses;
        int attackerDelivered;
        final Map<String, Integer> relevantChecked = new TreeMap<>();
        final List<String> relevantKinds;
        int attackerMoves;
        final boolean judgesSecrecy;
        /** Whether this run's attacker edits the handshake at all. */
        boolean meddles;
        /**
         * A meddling run's edit policy, chosen at the first handshake segment it can edit among that
         * segment's edits and "free": the one edit it then makes to every handshake segment that
         * admits it, as soon as the segment is sent ("free": any on-path move, drawn move by move).
         * A downgrade is one consistent edit (a signal flag cleared wherever it appears), which a
         * move-by-move draw rarely composes with the join forgery that follows it.
         */
        String policy;
        /** The profile is on path during the handshake only (handshake-downgrade, handshake-mitm). */
        final boolean handshakeOnly = !profile.rights().onPath().isEmpty() && !profile.rights().onPathPhases().contains("join");
        final Set<String> hijacked = new HashSet<>();
        final Set<Integer> relayed = new HashSet<>();
        final Set<String> derivedKeys = new HashSet<>();
        /** 0: every kind of move; k: only the k-th kind of {@link #attackerMoves}. */
        int focus;
        /** The run's plan: random, or informed within some kinds ({@link Plan}). */
        final Plan plan;
        /** Informed runs: the moves made so far (a move is never made twice). */
        final Set<String> made = new java.util.TreeSet<>();
        /** Informed runs: the attacker's moves so far (the plan's next kind is {@code kinds[planStep]}). */
        int planStep;
        /** Informed runs: the last segment it had read when it made its previous move (0 before its first). */
        int readMark;
        /** Segments the attacker injected (not copies of what it read). */
        final Set<Integer> forged = new java.util.TreeSet<>();
        /** Its answers in an end's place (never read as the end's own values). */
        final Set<Integer> answers = new java.util.TreeSet<>();
        /** The answer that follows the drop just made ({@link #answerMove}), if any. */
        Answer pending;
        /** Joins to s.a1 a client opens of its own accord (the join bound, except in informed runs). */
        int ownJoins = limits.joins();
        /** Informed runs: the honest ends neither advertise nor fast-close of their own accord. */
        boolean reticent;
        /**
         * The mirror-image directions (issue #12), in the runs that judge them only: a client's
         * ADD_ADDR to the server (ADD_ADDR_A) where AddrAuthenticity is judged, the server's
         * MP_FASTCLOSE to a client (FASTCLOSE_B) where CloseAuthenticity is. Each is sent by the
         * honest end and forged, replayed or copied by the attacker; a forged one can change only
         * what its property reads (the server's remote addresses; a client's connection closed), so
         * leaving it out of the other runs leaves their search as it was.
         */
        final boolean mirrorAddr;
        final boolean mirrorClose;
        /** Clients that advertised their second address to the server (ADD_ADDR_A). */
        final Set<String> clientAdvertised = new HashSet<>();

        Walk(SegmentTrace header, SplittableRandom rnd, List<PropertyId> judged, Plan plan) throws BadTraceFileException {
            this.header = header;
            this.rnd = rnd;
            this.plan = plan;
            this.session = new Session(header, impls, judged);
            if (header.attackerHasKey()) {
                header.keys().keySet().forEach(k -> recipes.give((k.equals("K1") ? "c1" : "c2") + ".1", k));
            }
            // an insider holds its application's key, which is every connection's of that application;
            // with a host-wide key (thesis-xor-global) the server keys every connection with the key
            // bound last, the population's last client's (the replayer binds in client order): when
            // that is the insider's, it is every connection's key at the server
            boolean hostWide = def.keySource() == SchemeDefinition.KeySource.SIN_ZERO_HOST
                    || def.keySource() == SchemeDefinition.KeySource.SIN_ZERO_HOST_LE;
            String lastBound = header.clients().isEmpty() ? "" : profile.attack().keyOf(new TreeMap<>(header.clients()).lastKey());
            profile.attack().insiderClient().map(profile.attack()::keyOf).filter(header.keys()::containsKey)
                    .ifPresent(own -> header.clients().keySet().stream()
                            .filter(c -> profile.attack().keyOf(c).equals(own) || hostWide && own.equals(lastBound))
                            .forEach(c -> recipes.give(c + ".1", own)));
            this.judgesSecrecy = header.attack().applicableProperties(header.scheme()).contains(PropertyId.EXTERNAL_KEY_SECRECY);
            this.relevantKinds = org.mptcpverify.engine.WitnessChecks.kinds(judged);
            this.mirrorAddr = judged.contains(PropertyId.ADDR_AUTHENTICITY);
            this.mirrorClose = judged.contains(PropertyId.CLOSE_AUTHENTICITY);
        }

        Run go() throws BadTraceFileException {
            // the attacker waits (only reading) for a number of steps drawn per run, counted from
            // the first connection both ends have (from the start in one run of four), so that
            // short and long honest prefixes before its first move are both tried
            boolean early = rnd.nextInt(4) == 0;
            int delay = rnd.nextInt(Math.max(1, limits.steps() / 3));
            int upAt = early ? 0 : -1;
            // and it concentrates on one kind of move per run, or allows itself every kind (same
            // space, a distribution that reaches a two-injection attack often enough)
            focus = rnd.nextInt(FOCI + 1);
            if (plan.informed()) {
                focus = 0; // (the plan's kinds restrict it instead)
                // and its honest clients open fewer subflows to s.a1 of their own accord than the
                // join bound (0..joins-1), leaving one for an address they are told of
                ownJoins = rnd.nextInt(Math.max(1, limits.joins()));
                // and in one run of two its server does not advertise, nor its client fast-close, of
                // their own accord (honest ends need not; an advertised s.a2 spends a join too)
                reticent = rnd.nextBoolean();
            }
            // a handshake-only profile leaves the handshake alone in one run of two (it then
            // attacks what it read, as an eavesdropper), so that edits do not crowd out the rest
            meddles = !handshakeOnly || rnd.nextBoolean();
            while (steps() < limits.steps() && session.violation().isEmpty() && session.divergence().isEmpty()) {
                Optional<SegmentEvent> edit = policyEdit();
                if (edit.isPresent()) {
                    attackerMoves++;
                    perform(edit.get());
                    answerPending();
                    continue;
                }
                List<List<Supplier<SegmentEvent>>> honest = honestMoves();
                // (counted from a victim's connection: an insider's own is no target)
                if (upAt < 0 && profile.clients().stream().filter(c -> !profile.attack().insiderClient().orElse("").equals(c))
                        .anyMatch(session::serverHasConnection)) {
                    upAt = steps();
                }
                // a profile on path only in the handshake acts there from the start (it has nothing
                // to wait for: the handshake is what it attacks)
                // (an informed attacker's wait ends early when the honest ends have nothing left to do:
                // waiting longer would only end the run before its plan's first move)
                boolean waited = steps() >= upAt + delay || plan.informed() && honest.isEmpty();
                List<List<Supplier<SegmentEvent>>> attacker = upAt >= 0 && waited
                        ? attackerMoves() : handshakeOnly && meddles ? onPathMoves() : List.of();
                if (honest.isEmpty() && attacker.isEmpty()) {
                    break;
                }
                boolean act = !attacker.isEmpty() && (honest.isEmpty() || rnd.nextBoolean());
                List<List<Supplier<SegmentEvent>>> group = act ? attacker : honest;
                List<Supplier<SegmentEvent>> kind = group.get(rnd.nextInt(group.size()));
                attackerMoves += act ? 1 : 0;
                SegmentEvent move = kind.get(rnd.nextInt(kind.size())).get();
                if (act && plan.informed()) {
                    planStep++;
                    readMark = session.read().keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
                }
                perform(move);
                answerPending();
            }
            for (int i = 0; i < DRAIN && session.violation().isEmpty() && session.divergence().isEmpty()
                    && !session.inFlight().isEmpty(); i++) {
                perform(deliver(session.inFlight().get(0)));
            }
            if (session.divergence().isEmpty()) {
                session.finish();
            }
            return new Run(header.withEvents(events), session.violation(), session.divergence(), attackerDelivered,
                    attackerMoves, relevantChecked);
        }

        /** Steps so far: events other than the attacker's reading and deriving, which cost it nothing. */
        int steps() {
            return (int) events.stream().filter(e -> !(e instanceof SegmentEvent.Observe || e instanceof SegmentEvent.Derive)).count();
        }

        void perform(SegmentEvent e) throws BadTraceFileException {
            boolean witnessed = false;
            if (e instanceof SegmentEvent.Deliver d) {
                SegmentInfo s = session.segment(d.seg()).orElseThrow();
                String to = actor(s.dst());
                // an insider's own host is not an honest end: reaching it witnesses nothing
                boolean honest = to.equals("s") || to.startsWith("c") && !profile.attack().insiderClient().orElse("").equals(to);
                if (s.byAttacker() && honest) {
                    attackerDelivered++;
                    // (a mirror image reaches the same phase's check at the other end: its kind's)
                    witnessed = relevantKinds.contains(s.msg().replace("ADD_ADDR_A", "ADD_ADDR").replace("FASTCLOSE_B", "FASTCLOSE"));
                }
                if (s.msg().equals("ADD_ADDR") && to.startsWith("c")) {
                    advertised.add(to);
                }
            }
            // (an answer in an end's place is an edit of a segment on its path, as a drop is: no injection)
            if (e instanceof SegmentEvent.Inject i && !org.mptcpverify.segment.WireFields.answered(i.msg())
                    || e instanceof SegmentEvent.Replay) {
                injected++;
            }
            SegmentEvent done = session.step(e);
            if (done instanceof SegmentEvent.Inject i) {
                forged.add(i.seg());
            }
            if (witnessed) {
                // counted only when the receiver had state for it and its check ran (accepted or not)
                for (String point : session.lastChecked()) {
                    if (relevantKinds.contains(point.substring(0, point.indexOf(':')))) {
                        relevantChecked.merge(point, 1, Integer::sum);
                    }
                }
            }
            events.add(done);
            bookkeeping(done);
            if (session.divergence().isPresent()) {
                return;
            }
            if (done instanceof SegmentEvent.Rewrite r && hijacked.add(session.segment(r.seg()).orElseThrow().subflow())) {
                relayed.add(r.seg());
            }
            readAndDerive();
            hijack();
        }

        /**
         * A subflow whose segment it rewrote stays hijacked (the old RewriteJoin as a strategy of
         * the free attacker): it rewrites every later segment of the client on that subflow and
         * relays every answer to the client, as if from the server.
         */
        void hijack() throws BadTraceFileException {
            for (boolean again = true; again && session.divergence().isEmpty(); ) {
                again = false;
                for (SegmentInfo s : session.inFlight()) {
                    if (hijacked.contains(s.subflow()) && !s.byAttacker() && actor(s.src()).startsWith("c")
                            && session.rights().actsOn(s.msg(), s.path()) && relayed.add(s.id())) {
                        events.add(session.step(new SegmentEvent.Rewrite(s.id(), "x.a", next++)));
                        readAndDerive();
                        again = true;
                        break;
                    }
                }
                for (int id : session.read().keySet()) {
                    SegmentInfo s = session.segment(id).orElseThrow();
                    if (hijacked.contains(s.subflow()) && actor(s.dst()).equals("x") && relayed.add(id)) {
                        String client = s.conn().substring(0, s.conn().indexOf('.'));
                        String to = client + (s.subflow().endsWith("/0") ? ".a1" : ".a2");
                        events.add(session.step(new SegmentEvent.Replay(next++, id, s.subflow(), s.src(), to)));
                        readAndDerive();
                        again = true;
                        break;
                    }
                }
            }
        }

        void readAndDerive() throws BadTraceFileException {
            if (session.divergence().isPresent()) {
                return;
            }
            for (int id = 1; id < next; id++) {
                if (session.readable(id)) {
                    events.add(session.step(new SegmentEvent.Observe(id)));
                    SegmentInfo s = session.segment(id).orElseThrow();
                    String conn = injTarget.getOrDefault(s.subflow(), s.conn());
                    // (an informed run does not learn from what it forged itself: read as the
                    // definition's honest sender would have built it, its own value would pose as
                    // a term it cannot build, a candidate that only spends an injection)
                    if ((!plan.informed() || !forged.contains(id)) && !answers.contains(id)) {
                        recipes.observe(id, s.msg(), Recipes.senderOf(s.msg(), s.dst()), conn, s.subflow(), session.read().get(id));
                    }
                    if (header.attackerHasKey() && scheme.agreesKey() && !scheme.usesExternalKey()) {
                        // no external key: the key control hands over each end's private value once drawn
                        recipes.givePrivateValues(conn, s.msg());
                    }
                    deriveKey(conn);
                }
            }
        }

        /** Once the external key of {@code conn}'s application is derivable, the attacker computes it (a derive event). */
        void deriveKey(String conn) throws BadTraceFileException {
            if (!judgesSecrecy || !conn.contains(".") || derivedKeys.contains(conn)) {
                return;
            }
            Optional<SegmentTerm> k = recipes.externalKey(conn);
            if (k.isPresent()) {
                derivedKeys.add(conn);
                events.add(session.step(new SegmentEvent.Derive(k.get())));
            }
        }

        void bookkeeping(SegmentEvent e) {
            if (e instanceof SegmentEvent.Send s) {
                String c = s.conn().substring(0, s.conn().indexOf('.'));
                switch (s.msg()) {
                    case "MPC_SYN" -> connected.add(c);
                    case "JOIN_SYN" -> {
                        if (!s.dst().equals("s.a1")) {
                            joinedAdvertised.add(c + "|" + s.dst());
                        } else {
                            joins.merge(c, 1, Integer::sum);
                        }
                    }
                    case "FASTCLOSE", "FASTCLOSE_B" -> closed.add(c);
                    case "ADD_ADDR_A" -> clientAdvertised.add(c);
                    case "REMOVE_ADDR" -> (s.dst().equals("s.a1") ? pmSent : withdrawn).add(c);
                    case "MP_PRIO" -> pmSent.add(c);
                    case "ADD_ADDR" -> advertised.add("sent:" + c);
                    default -> { }
                }
            }
        }

        // ---- honest ends and the network ----------------------------------------------------------------

        /** Honest moves grouped by kind: sends, deliveries, and (rarely, within the loss bound) losses. */
        List<List<Supplier<SegmentEvent>>> honestMoves() {
            List<Supplier<SegmentEvent>> m = new ArrayList<>();
            for (String c : profile.clients()) {
                String conn = c + ".1";
                if (!connected.contains(c)) {
                    m.add(() -> new SegmentEvent.Send(next++, conn, "MPC_SYN", "s.a1"));
                    continue;
                }
                if (profile.attack().insiderClient().filter(c::equals).isPresent()) {
                    // the insider's own connection: its handshake and key agreement (what it holds
                    // and what it learns of the server) and nothing more; its own joins, addresses
                    // and closes are values it computes itself and would only spend the steps bound
                    continue;
                }
                // as the core's HS_ACK orders them: a client opens subflows, advertises and closes
                // once both ends have the connection and its key agreement is over
                boolean up = session.hasConnection(c, true) && session.serverHasConnection(c) && !closed.contains(c)
                        && session.held().stream().noneMatch(h -> h[1].equals(c))
                        && session.inFlight().stream().noneMatch(x -> x.conn().equals(conn) && x.msg().startsWith("KEY_"));
                boolean quiet = session.inFlight().stream().noneMatch(x -> x.conn().equals(conn));
                // joins counts every join of the client, the one to an advertised address included,
                // so an honest client never has more half-open joins than the contract's limit of 2
                long advertisedJoins = joinedAdvertised.stream().filter(x -> x.startsWith(c + "|")).count();
                boolean mayJoin = joins.getOrDefault(c, 0) + advertisedJoins < limits.joins();
                if (up && mayJoin && joins.getOrDefault(c, 0) < ownJoins) {
                    m.add(() -> new SegmentEvent.Send(next++, conn, "JOIN_SYN", "s.a1"));
                }
                // an address its end accepted from an ADD_ADDR, once each (MptcpCore.tla: a join to
                // any address in remotes): the server's s.a2, or the attacker's x.a after a forged
                // advertisement the client believed, whose join SYN then reaches the attacker
                for (String addr : up && mayJoin ? session.remoteAddresses(c, conn) : List.<String>of()) {
                    if (!joinedAdvertised.contains(c + "|" + addr) && !(addr.equals("s.a2") && withdrawn.contains(c))) {
                        m.add(() -> new SegmentEvent.Send(next++, conn, "JOIN_SYN", addr));
                    }
                }
                if (up && session.serverHasConnection(c) && !advertised.contains("sent:" + c) && !reticent) {
                    m.add(() -> new SegmentEvent.Send(next++, conn, "ADD_ADDR", c + ".a1"));
                }
                // the server withdraws its address once its ADD_ADDR has arrived (MptcpCore.tla Withdraw)
                if (profile.serverWithdraws() && up && advertised.contains("sent:" + c) && !withdrawn.contains(c)
                        && session.inFlight().stream().noneMatch(x -> x.msg().equals("ADD_ADDR") && x.conn().equals(conn)
                        && actor(x.src()).equals("s"))) {
                    m.add(() -> new SegmentEvent.Send(next++, conn, "REMOVE_ADDR", c + ".a1"));
                }
                for (String pm : profile.pathManager()) {
                    // the client's own request, once per connection (MptcpCore.tla PmRequest)
                    if (up && !pmSent.contains(c)) {
                        m.add(() -> new SegmentEvent.Send(next++, conn, pm, "s.a1"));
                    }
                }
                if (up && quiet && !reticent && rnd.nextInt(8) == 0) {
                    m.add(() -> new SegmentEvent.Send(next++, conn, "FASTCLOSE", "s.a1"));
                }
                // the mirror images (issue #12): the client advertises its second address once, the
                // server fast-closes the connection (as rarely as the client does)
                if (mirrorAddr && up && !clientAdvertised.contains(c) && !reticent) {
                    m.add(() -> new SegmentEvent.Send(next++, conn, "ADD_ADDR_A", "s.a1"));
                }
                if (mirrorClose && up && quiet && !reticent && rnd.nextInt(8) == 0) {
                    m.add(() -> new SegmentEvent.Send(next++, conn, "FASTCLOSE_B", c + ".a1"));
                }
            }
            for (String[] h : session.held()) {
                String to = h[0].equals("KEY_A") ? "s.a1" : h[1] + ".a1";
                m.add(() -> new SegmentEvent.Send(next++, h[1] + ".1", h[0], to));
            }
            List<Supplier<SegmentEvent>> delivers = new ArrayList<>();
            List<Supplier<SegmentEvent>> losses = new ArrayList<>();
            boolean mayLose = this.losses < limits.losses() && rnd.nextInt(8) == 0;
            for (SegmentInfo s : session.inFlight()) {
                delivers.add(() -> deliver(s));
                if (mayLose) {
                    losses.add(() -> {
                        this.losses++;
                        return new SegmentEvent.Lose(s.id());
                    });
                }
            }
            List<List<Supplier<SegmentEvent>>> kinds = new ArrayList<>();
            add(kinds, m);
            add(kinds, delivers);
            add(kinds, losses);
            return kinds;
        }

        SegmentEvent deliver(SegmentInfo s) {
            return new SegmentEvent.Deliver(s.id(), next++, Session.ANY_REPLY);
        }

        // ---- the attacker ----------------------------------------------------------------------------

        /** The attacker's enabled moves, grouped by kind (a kind is picked first, then a move of it). */
        List<List<Supplier<SegmentEvent>>> attackerMoves() {
            List<List<Supplier<SegmentEvent>>> kinds = onPathMoves();
            if (!profile.rights().inject() || injected >= limits.injections()) {
                return kinds;
            }
            Map<Integer, Set<String>> read = session.read();
            List<Supplier<SegmentEvent>> replays = new ArrayList<>();
            Set<String> conns = new java.util.TreeSet<>();
            // an insider's own connection is where it learns, never a target: nothing it attaches
            // there can violate a goal (the monitors judge the victims' connections), so moves
            // aimed at it would only dilute the runs
            String own = profile.attack().insiderClient().map(c -> c + ".").orElse("\0");
            for (int id : read.keySet()) {
                SegmentInfo s = session.segment(id).orElseThrow();
                if (!s.subflow().startsWith("inj") && !s.conn().startsWith(own)) {
                    conns.add(s.conn());
                }
                if (s.conn().startsWith(own)) {
                    continue;
                }
                if (!s.dst().isEmpty() && actor(s.dst()).equals("x") && !s.subflow().startsWith("inj")
                        && profile.onPath(s.subflow().endsWith("/0") ? "p1" : "p2")) {
                    // an answer to a segment it rewrote: relayed to the honest end as if from the answerer
                    String client = s.conn().substring(0, s.conn().indexOf('.'));
                    String to = client + (s.subflow().endsWith("/0") ? ".a1" : ".a2");
                    once(replays, "relay|" + id + "|" + to, () -> new SegmentEvent.Replay(next++, id, s.subflow(), s.src(), to));
                }
                if (REPLAYABLE.contains(s.msg()) && !s.dst().isEmpty() && !actor(s.dst()).equals("x")
                        && !(plan.informed() && id <= readMark)) {
                    for (String src : sources(s.src())) {
                        once(replays, "replay|" + id + "|" + src, () -> {
                            // a replayed segment opens a subflow of the connection it was read on (its
                            // answer, a JOIN_SYNACK to x.a, may be completed like an injected join's)
                            String sf = "inj/" + (++injSubflows);
                            injTarget.put(sf, injTarget.getOrDefault(s.subflow(), s.conn()));
                            return new SegmentEvent.Replay(next++, id, sf, src, s.dst());
                        });
                    }
                }
            }
            focused(kinds, 2, replays);
            List<Supplier<SegmentEvent>> joinSyns = new ArrayList<>();
            List<Supplier<SegmentEvent>> closes = new ArrayList<>();
            // a join SYN needs no 4-tuple of the connection it aims at (it opens a subflow of its
            // own): an insider, a client of the same server, aims one at every other client's
            // connection, read or not (MptcpCore.tla ForgeJoinSyn: any connection); its token field
            // is what it can build for that connection, or its own value (insider-blind: always)
            Set<String> joinTargets = new java.util.TreeSet<>(conns);
            profile.attack().insiderClient().ifPresent(me -> profile.clients().stream().filter(c -> !c.equals(me))
                    .forEach(c -> joinTargets.add(c + ".1")));
            // an informed run whose plan has a join move after this one sends its join SYN from its
            // own address, whose answer it reads: a later third ACK can complete only such a join
            // (a join SYN from a spoofed source is its plan's last join move, or a random run's)
            boolean completes = plan.informed() && plan.kinds().subList(Math.min(planStep + 1, plan.kinds().size()),
                    plan.kinds().size()).contains(3);
            List<String> synSources = completes ? List.of("x.a") : List.of("x.a", "x.a", "x.a", "spoof1", "spoof2", "spoof3");
            for (String conn : joinTargets) {
                // its own address (it then reads the answer) as often as the three spoofed ones together
                for (String src : synSources) {
                    String nextRa = "x.Ra." + (injSubflows + 1); // the name its supplier gives Ra
                    if (plan.informed() && fresh("JOIN_SYN", conn, "inj/" + (injSubflows + 1), src, "s.a1", "token",
                            Map.of("Ra", nextRa)).isEmpty()) {
                        continue;
                    }
                    joinSyns.add(() -> {
                        String sf = "inj/" + (++injSubflows);
                        injTarget.put(sf, conn);
                        String ra = "x.Ra." + injSubflows;
                        return inject("JOIN_SYN", conn, sf, src, "s.a1", Map.of("Ra", new SegmentTerm.Own(ra, 32)),
                                "token", Map.of("Ra", ra));
                    });
                }
            }
            for (String conn : conns) {
                String client = conn.substring(0, conn.indexOf('.'));
                if (plan.informed() && fresh("FASTCLOSE", conn, conn + "/0", client + ".a1", "s.a1", "key", Map.of()).isEmpty()) {
                    continue;
                }
                closes.add(() -> inject("FASTCLOSE", conn, conn + "/0", client + ".a1", "s.a1", Map.of(), "key", Map.of()));
            }
            for (String conn : mirrorClose ? conns : Set.<String>of()) {
                // the mirror image (issue #12): an MP_FASTCLOSE to the client, as if from the server
                String client = conn.substring(0, conn.indexOf('.'));
                if (plan.informed() && fresh("FASTCLOSE_B", conn, conn + "/0", "s.a1", client + ".a1", "key", Map.of()).isEmpty()) {
                    continue;
                }
                closes.add(() -> inject("FASTCLOSE_B", conn, conn + "/0", "s.a1", client + ".a1", Map.of(), "key", Map.of()));
            }
            // after a downgrade the run keeps its last injection for a third ACK (a join takes two)
            boolean downgraded = handshakeOnly && policy != null && !policy.equals("free");
            if (!downgraded || injected < limits.injections() - 1) {
                focused(kinds, 3, joinSyns);
            }
            focused(kinds, 4, closes);
            focused(kinds, 6, addAddrs(conns));
            focused(kinds, 7, pathManagerRequests(conns));
            focused(kinds, 8, staleAddAddrs(read.keySet(), conns));
            List<Supplier<SegmentEvent>> acks = new ArrayList<>();
            List<Supplier<SegmentEvent>> synAcks = new ArrayList<>();
            for (int id : read.keySet()) {
                SegmentInfo s = session.segment(id).orElseThrow();
                if (s.msg().equals("JOIN_SYNACK") && s.subflow().startsWith("inj") && actor(s.dst()).equals("x")) {
                    String conn = injTarget.getOrDefault(s.subflow(), s.conn());
                    String ra = "x.Ra." + s.subflow().substring(4);
                    if (plan.informed() && fresh("JOIN_ACK", conn, s.subflow(), "x.a", s.src(), "hmac", Map.of("Ra", ra)).isEmpty()) {
                        continue;
                    }
                    acks.add(() -> inject("JOIN_ACK", conn, s.subflow(), "x.a", s.src(), Map.of(), "hmac", Map.of("Ra", ra)));
                }
                if (s.msg().equals("JOIN_SYNACK") && !s.subflow().startsWith("inj") && actor(s.src()).equals("s")
                        && actor(s.dst()).startsWith("c")) {
                    // the third ACK of the client's own join, from the client's address, before or after
                    // the client's (MptcpCore.tla ForgeJoinAck: any half-open join whose 4-tuple it read);
                    // completing the join before the client did is a forgery (docs/properties.md,
                    // "Authentic means requested"), after it a copy of the client's request
                    if (!(plan.informed() && fresh("JOIN_ACK", s.conn(), s.subflow(), s.dst(), s.src(), "hmac", Map.of()).isEmpty())) {
                        acks.add(() -> inject("JOIN_ACK", s.conn(), s.subflow(), s.dst(), s.src(), Map.of(), "hmac", Map.of()));
                    }
                }
                if (s.msg().equals("JOIN_SYN") && !s.subflow().startsWith("inj") && actor(s.src()).startsWith("c")
                        && !(plan.informed() && fresh("JOIN_SYNACK", s.conn(), s.subflow(), s.dst(), s.src(), "hmac",
                                Map.of("Rb", "x.Rb." + id)).isEmpty())) {
                    synAcks.add(() -> {
                        String rb = "x.Rb." + id;
                        return inject("JOIN_SYNACK", s.conn(), s.subflow(), s.dst(), s.src(),
                                Map.of("Rb", new SegmentTerm.Own(rb, 32)), "hmac", Map.of("Rb", rb));
                    });
                }
            }
            focused(kinds, 3, acks);
            focused(kinds, 5, synAcks);
            return kinds;
        }

        /** The edit the run's policy makes now, if a handshake segment in flight admits it. */
        Optional<SegmentEvent> policyEdit() {
            if (!handshakeOnly || !meddles || "free".equals(policy)) {
                return Optional.empty();
            }
            for (SegmentInfo s : session.inFlight()) {
                if (s.byAttacker() || !session.rights().actsOn(s.msg(), s.path())) {
                    continue;
                }
                List<String> edits = new ArrayList<>(session.edits(s.id()));
                if (answerable(s)) {
                    edits.add(ANSWER);
                }
                if (edits.isEmpty()) {
                    continue;
                }
                if (policy == null) {
                    List<String> choices = new ArrayList<>(session.edits(s.id()));
                    // answering every share of the key agreement is a policy of its own even where this
                    // segment carries none (mptls: its shares follow the handshake)
                    if (answers()) {
                        choices.add(ANSWER);
                    }
                    if (choices.isEmpty()) {
                        continue;
                    }
                    choices.add("free");
                    policy = choices.get(rnd.nextInt(choices.size()));
                    if (policy.equals("free")) {
                        return Optional.empty();
                    }
                    // what a downgrade is for: after it, the run forges joins (join SYN and third ACK);
                    // an informed run's plan says which moves follow, and a focus would block the others
                    focus = profile.rights().inject() && !plan.informed() ? 3 : focus;
                }
                if (policy.equals(ANSWER) && edits.contains(ANSWER)) {
                    return Optional.of(answerMove(s));
                }
                if (!policy.equals(ANSWER) && edits.contains(policy)) {
                    return Optional.of(new SegmentEvent.Tamper(s.id(), policy, next++));
                }
            }
            return Optional.empty();
        }

        /**
         * Drops, source rewrites and MP_CAPABLE edits (strip it, clear a flag bit: every edit whose
         * result is still a valid option, whatever the bit means to the scheme) of honest segments
         * in flight on a path and in a phase where the profile sits.
         */
        List<List<Supplier<SegmentEvent>>> onPathMoves() {
            List<List<Supplier<SegmentEvent>>> kinds = new ArrayList<>();
            List<Supplier<SegmentEvent>> onPath = new ArrayList<>();
            if (!meddles || handshakeOnly && !"free".equals(policy)) {
                return kinds; // it leaves the handshake alone, or edits it by its policy only
            }
            for (SegmentInfo s : session.inFlight()) {
                if (!s.byAttacker() && session.rights().actsOn(s.msg(), s.path()) && !s.src().isEmpty()) {
                    onPath.add(() -> new SegmentEvent.Drop(s.id()));
                    // a redirected segment is one it then answers or relays; not a handshake's, which
                    // would open a connection of x.a that is no one's in the population
                    if (profile.rights().inject() && !ObservationRights.phaseOf(s.msg()).equals("handshake")) {
                        onPath.add(() -> new SegmentEvent.Rewrite(s.id(), "x.a", next++));
                    }
                    for (String edit : session.edits(s.id())) {
                        onPath.add(() -> new SegmentEvent.Tamper(s.id(), edit, next++));
                    }
                    if (answerable(s)) {
                        onPath.add(() -> answerMove(s));
                    }
                }
            }
            focused(kinds, 1, onPath);
            return kinds;
        }

        /** Whether this attacker may answer key agreements at all: it injects, and the scheme sends public values. */
        boolean answers() {
            return profile.rights().inject() && handshakeOnly
                    && ANSWERABLE.stream().anyMatch(m -> !recipes.shares(m).isEmpty());
        }

        /** Whether it may answer {@code s} in its sender's place: an honest share of the key agreement on its path. */
        boolean answerable(SegmentInfo s) {
            // (a segment that stands for the message without its option, a fallback's plain third
            // ACK, has no share to replace)
            return profile.rights().inject() && !s.byAttacker() && session.rights().actsOn(s.msg(), s.path())
                    && ANSWERABLE.contains(s.msg()) && !recipes.shares(s.msg()).isEmpty()
                    && session.read().getOrDefault(s.id(), Set.of()).contains(recipes.shares(s.msg()).get(0).field());
        }

        /**
         * The man in the middle of an unauthenticated key agreement (MptcpCore.tla Answer): it drops
         * {@code s} and sends in its place the same segment with its own public value in the share
         * field (the next event, {@link #answerPending}), the same one to that end every time; the
         * receiver then holds the attacker's value for the sender's, which the attacker's own
         * private value turns into that end's secret.
         */
        SegmentEvent answerMove(SegmentInfo s) {
            Recipes.Share share = recipes.shares(s.msg()).get(0);
            pending = new Answer(s, share, Recipes.ownPrivate(s.msg(), s.conn()));
            return new SegmentEvent.Drop(s.id());
        }

        /** Sends the answer whose original was just dropped. */
        void answerPending() throws BadTraceFileException {
            Answer a = pending;
            pending = null;
            if (a == null || session.divergence().isPresent() || session.violation().isPresent()) {
                return;
            }
            SegmentInfo s = a.of();
            SegmentTerm value = new SegmentTerm.Apply("pub", 0, List.of(new SegmentTerm.Own(a.own(), 256)));
            int id = next++;
            answers.add(id);
            recipes.answered(s.msg(), s.conn(), a.share(), a.own());
            perform(new SegmentEvent.Inject(id, s.msg(), s.conn(), s.subflow(), s.src(), s.dst(),
                    new TreeMap<>(Map.of(a.share().field(), value))));
        }

        void focused(List<List<Supplier<SegmentEvent>>> kinds, int kind, List<Supplier<SegmentEvent>> moves) {
            if (plan.informed() ? planStep < plan.kinds().size() && plan.kinds().get(planStep) == kind
                    && (focus == 0 || focus == kind) : focus == 0 || focus == kind) {
                add(kinds, moves);
            }
        }

        /**
         * ADD_ADDR advertising its own address x.a (address id 3, no port) to the client of a
         * connection it read, as if from the server (MptcpCore.tla ForgeAddAddr). Its HMAC, when it
         * adds one, is a candidate it can build over those values, or its own; one in three carries
         * none (the version-0 option): it need not know the scheme's mode.
         */
        List<Supplier<SegmentEvent>> addAddrs(Set<String> conns) {
            List<Supplier<SegmentEvent>> out = new ArrayList<>();
            for (String conn : conns) {
                String client = conn.substring(0, conn.indexOf('.'));
                Map<String, String> own = Map.of("id", "#3", "addr", "@x.a", "port", "#0");
                String bare = "ADD_ADDR|" + conn + "|bare";
                boolean hmacs = plan.informed()
                        && !fresh("ADD_ADDR", conn, conn + "/0", "s.a1", client + ".a1", "hmac", own).isEmpty();
                if (plan.informed() && made.contains(bare) && !hmacs) {
                    continue;
                }
                out.add(() -> {
                    Map<String, SegmentTerm> fixed = Map.of("id", new SegmentTerm.Num(3, 8),
                            "addr", new SegmentTerm.Address("x.a"), "port", new SegmentTerm.Num(0, 16));
                    // an informed run sends the option without an HMAC once, and each HMAC it can build once
                    if (plan.informed() ? !made.contains(bare) && (!hmacs || rnd.nextBoolean()) && made.add(bare)
                            : rnd.nextInt(3) == 0) {
                        return new SegmentEvent.Inject(next++, "ADD_ADDR", conn, conn + "/0", "s.a1", client + ".a1",
                                new TreeMap<>(fixed));
                    }
                    return inject("ADD_ADDR", conn, conn + "/0", "s.a1", client + ".a1", fixed, "hmac", own);
                });
                if (mirrorAddr) {
                    out.addAll(addAddrsToServer(conn, client));
                }
            }
            return out;
        }

        /**
         * The mirror image (issue #12): an ADD_ADDR advertising x.a (id 3, no port) to the server,
         * as if from the connection's client, with an HMAC it can build (add-addr-a's), its own, or
         * (one in three) none.
         */
        List<Supplier<SegmentEvent>> addAddrsToServer(String conn, String client) {
            List<Supplier<SegmentEvent>> out = new ArrayList<>();
            Map<String, String> own = Map.of("id", "#3", "addr", "@x.a", "port", "#0");
            String bare = "ADD_ADDR_A|" + conn + "|bare";
            boolean hmacs = plan.informed()
                    && !fresh("ADD_ADDR_A", conn, conn + "/0", client + ".a1", "s.a1", "hmac", own).isEmpty();
            if (plan.informed() && made.contains(bare) && !hmacs) {
                return out;
            }
            out.add(() -> {
                Map<String, SegmentTerm> fixed = Map.of("id", new SegmentTerm.Num(3, 8),
                        "addr", new SegmentTerm.Address("x.a"), "port", new SegmentTerm.Num(0, 16));
                if (plan.informed() ? !made.contains(bare) && (!hmacs || rnd.nextBoolean()) && made.add(bare)
                        : rnd.nextInt(3) == 0) {
                    return new SegmentEvent.Inject(next++, "ADD_ADDR_A", conn, conn + "/0", client + ".a1", "s.a1",
                            new TreeMap<>(fixed));
                }
                return inject("ADD_ADDR_A", conn, conn + "/0", client + ".a1", "s.a1", fixed, "hmac", own);
            });
            return out;
        }

        /**
         * The profile's path-manager requests forged as the client on its initial subflow
         * (MptcpCore.tla ForgeRemoveAddr / ForgeMpPrio): REMOVE_ADDR naming address id 0 (the
         * initial subflow) or 1 (the client's joins), MP_PRIO(backup). Where the definition states
         * the message with a tag (mptls, mptcpsec) the tag is built as ADD_ADDR's HMAC is: a
         * candidate the receiver's check compares it with that the attacker can build, or its own
         * value; an informed run sends each candidate once and its own value once. Without a stated
         * message there is nothing to build (RFC 8684's unauthenticated options).
         */
        List<Supplier<SegmentEvent>> pathManagerRequests(Set<String> conns) {
            List<Supplier<SegmentEvent>> out = new ArrayList<>();
            for (String conn : conns) {
                String client = conn.substring(0, conn.indexOf('.'));
                for (String pm : profile.pathManager()) {
                    String field = pm.equals("REMOVE_ADDR") ? "id" : "backup";
                    boolean tagged = tagged(pm, org.mptcpverify.scheme.Role.A);
                    for (int k : pm.equals("REMOVE_ADDR") ? List.of(0, 1) : List.of(1)) {
                        Map<String, SegmentTerm> fixed = Map.of(field, new SegmentTerm.Num(k, 8));
                        if (!tagged) {
                            once(out, pm + "|" + conn + "|" + k, () -> new SegmentEvent.Inject(next++, pm, conn, conn + "/0",
                                    client + ".a1", "s.a1", new TreeMap<>(fixed)));
                            continue;
                        }
                        Map<String, String> own = Map.of(field, "#" + k);
                        if (plan.informed()) {
                            // its own value once (a forgery the check rejects is the witness), then each candidate once
                            once(out, pm + "|" + conn + "|" + k + "|own", () -> {
                                Map<String, SegmentTerm> f = new TreeMap<>(fixed);
                                f.put("hmac", new SegmentTerm.Own("x.hmac." + next, 64));
                                return new SegmentEvent.Inject(next++, pm, conn, conn + "/0", client + ".a1", "s.a1", f);
                            });
                            if (fresh(pm, conn, conn + "/0", client + ".a1", "s.a1", "hmac", own).isEmpty()) {
                                continue;
                            }
                        }
                        out.add(() -> inject(pm, conn, conn + "/0", client + ".a1", "s.a1", fixed, "hmac", own));
                    }
                    towardsClient(out, pm, conn, client, field);
                }
            }
            return out;
        }

        /** Whether the definition states path-manager request {@code pm} from {@code from} with a tag. */
        boolean tagged(String pm, org.mptcpverify.scheme.Role from) {
            return def.messages().stream().anyMatch(m -> Recipes.phaseOf(pm).filter(ph -> ph == m.phase()).isPresent()
                    && m.from() == from && m.field("hmac").isPresent());
        }

        /**
         * The mirror image (issue #12): the request forged as the server to the client on its initial
         * subflow (MptcpCore.tla ForgePmToClient), which the client acts on as the server does.
         * REMOVE_ADDR names id 0, the initial subflow, which every client has: a tag over another id
         * is built the same way, so a forgery that passes the client's check for some id passes it for
         * 0 too, and a copy of the server's own request keeps its origin (no violation).
         */
        void towardsClient(List<Supplier<SegmentEvent>> out, String pm, String conn, String client, String field) {
            boolean tagged = tagged(pm, org.mptcpverify.scheme.Role.B);
            int k = pm.equals("REMOVE_ADDR") ? 0 : 1;
            Map<String, SegmentTerm> fixed = Map.of(field, new SegmentTerm.Num(k, 8));
            String sig = pm + "|" + conn + "|to-client";
            if (!tagged) {
                once(out, sig, () -> new SegmentEvent.Inject(next++, pm, conn, conn + "/0", "s.a1", client + ".a1",
                        new TreeMap<>(fixed)));
                return;
            }
            Map<String, String> own = Map.of(field, "#" + k);
            if (plan.informed()) {
                once(out, sig + "|own", () -> {
                    Map<String, SegmentTerm> f = new TreeMap<>(fixed);
                    f.put("hmac", new SegmentTerm.Own("x.hmac." + next, 64));
                    return new SegmentEvent.Inject(next++, pm, conn, conn + "/0", "s.a1", client + ".a1", f);
                });
                if (fresh(pm, conn, conn + "/0", "s.a1", client + ".a1", "hmac", own).isEmpty()) {
                    return;
                }
            }
            out.add(() -> inject(pm, conn, conn + "/0", "s.a1", client + ".a1", fixed, "hmac", own));
        }

        /**
         * Copies of the server's ADD_ADDR it read, once that segment has left the network (a copy
         * of one still in flight on its own 4-tuple is a retransmission): to the client of every
         * connection it read, its own included, as from the server (MptcpCore.tla ReplayAddr).
         */
        List<Supplier<SegmentEvent>> staleAddAddrs(Set<Integer> read, Set<String> conns) {
            List<Supplier<SegmentEvent>> out = new ArrayList<>();
            if (!profile.replaysDeliveredAddAddr()) {
                return out;
            }
            Set<Integer> flying = new HashSet<>();
            session.inFlight().forEach(x -> flying.add(x.id()));
            for (int id : read) {
                SegmentInfo s = session.segment(id).orElseThrow();
                if (!s.msg().equals("ADD_ADDR") || !actor(s.src()).equals("s") || s.byAttacker() || flying.contains(id)) {
                    continue;
                }
                for (String conn : conns) {
                    String client = conn.substring(0, conn.indexOf('.'));
                    once(out, "copy|" + id + "|" + conn, () -> new SegmentEvent.Replay(next++, id, conn + "/0", s.src(), client + ".a1"));
                }
            }
            return out;
        }

        /** An injection whose checked field is one of the candidates the attacker can build, or its own value. */
        SegmentEvent inject(String msg, String conn, String subflow, String src, String dst, Map<String, SegmentTerm> fixed,
                            String checked, Map<String, String> own) {
            List<SegmentTerm> cands;
            if (plan.informed()) {
                cands = fresh(msg, conn, subflow, src, dst, checked, own);
            } else {
                cands = new ArrayList<>(recipes.candidates(msg, Recipes.senderOf(msg, dst), checked, conn, subflow, own));
                int bits = org.mptcpverify.segment.WireFields.LANGUAGE.bits(msg, checked).orElse(64);
                cands.add(new SegmentTerm.Own("x." + checked + "." + next, bits));
            }
            SegmentTerm pick = cands.get(rnd.nextInt(cands.size()));
            if (plan.informed()) {
                made.add(signature(msg, conn, subflow, src, dst) + pick);
            }
            Map<String, SegmentTerm> fields = new TreeMap<>(fixed);
            fields.put(checked, pick);
            return new SegmentEvent.Inject(next++, msg, conn, subflow, src, dst, fields);
        }

        /**
         * An informed run's candidates for {@code checked}: the terms it can build that the
         * receiver compares the field against, less those it already sent in the same move.
         */
        List<SegmentTerm> fresh(String msg, String conn, String subflow, String src, String dst, String checked,
                                Map<String, String> own) {
            String sig = signature(msg, conn, subflow, src, dst);
            return recipes.candidates(msg, Recipes.senderOf(msg, dst), checked, conn, subflow, own).stream()
                    .filter(t -> !made.contains(sig + t) && newest(t) > readMark).toList();
        }

        /** The last segment term {@code t} reads a field of (0: none; an own atom alone reads nothing). */
        int newest(SegmentTerm t) {
            if (t instanceof SegmentTerm.Observed o) {
                return o.seg();
            }
            if (t instanceof SegmentTerm.Apply a) {
                return a.args().stream().mapToInt(this::newest).max().orElse(0);
            }
            return readMark == 0 ? 1 : 0; // (a first move may use a given key or a number alone)
        }

        String signature(String msg, String conn, String subflow, String src, String dst) {
            // a join SYN's subflow is new each time, and its source one of several it may claim: a
            // token it can build goes to a connection once, from whichever source it drew
            boolean syn = msg.equals("JOIN_SYN");
            return msg + "|" + conn + "|" + (syn ? "" : subflow) + "|" + (syn ? "" : src) + "|" + dst + "|";
        }

        /** A move without a field to build; an informed run makes each such move once. */
        void once(List<Supplier<SegmentEvent>> out, String sig, Supplier<SegmentEvent> move) {
            if (!plan.informed()) {
                out.add(move);
            } else if (!made.contains(sig)) {
                out.add(() -> {
                    made.add(sig);
                    return move.get();
                });
            }
        }

        List<String> sources(String own) {
            List<String> out = new ArrayList<>(List.of(own));
            for (String s : List.of("x.a", "spoof1", "spoof2", "spoof3")) {
                if (!out.contains(s)) {
                    out.add(s);
                }
            }
            return out;
        }
    }

    /** The policy of a run that answers every share of the key agreement it can. */
    private static final String ANSWER = "answer";
    /** The messages it may answer in an end's place (the handshake's and the key agreement's). */
    private static final List<String> ANSWERABLE = List.of("MPC_SYN", "MPC_SYNACK", "MPC_ACK", "KEY_A", "KEY_B");

    /** An answer to send: in place of {@code of}, {@code pub(own)} in {@code share}'s field. */
    private record Answer(SegmentInfo of, Recipes.Share share, String own) {}

    /**
     * Kinds of attacker moves: on-path, replay, join SYN (+ its third ACK), fast close, join SYN/ACK,
     * ADD_ADDR, path-manager request, copy of a delivered ADD_ADDR.
     */
    private static final int FOCI = 8;

    private static void add(List<List<Supplier<SegmentEvent>>> kinds, List<Supplier<SegmentEvent>> moves) {
        if (!moves.isEmpty()) {
            kinds.add(moves);
        }
    }

    static String actor(String address) {
        return address.isEmpty() ? "" : address.substring(0, address.indexOf('.') < 0 ? address.length() : address.indexOf('.'));
    }
}
