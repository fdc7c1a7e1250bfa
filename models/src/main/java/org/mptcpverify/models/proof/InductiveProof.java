package org.mptcpverify.models.proof;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mptcpverify.definition.DefinitionException;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.models.core.CoreMessage;
import org.mptcpverify.models.core.SchemeData;
import org.mptcpverify.models.core.SchemeDataBuilder;
import org.mptcpverify.models.proof.ProofSystem.Seg;
import org.mptcpverify.models.proof.ProofSystem.State;
import org.mptcpverify.models.proof.ProofSystem.Val;
import org.mptcpverify.vocab.PropertyId;

/**
 * Proofs for all trace lengths (issue #12, item 3; docs/proofs.md). For a scheme definition, an
 * attacker profile and a safety property:
 * <ol>
 *   <li>the <b>candidate invariant</b> is computed from the definition, in two parts: P, the states
 *       of runs in which the attacker has not injected yet, and A, the states of all runs; each the
 *       least fixpoint of the role abstraction's steps ({@link ProofSystem}) with every term that
 *       reveals the external key removed from the attacker's knowledge and from the segments it
 *       observed (the secrecy family's invariant: "the attacker knows only terms of this set, which
 *       holds no secret");</li>
 *   <li><b>base</b>: the initial state lies in P;</li>
 *   <li><b>step</b>: one passive step from any state of P stays in P; P lies in A; one step from any
 *       state of A, including every replay and forgery the attacker can build from A's knowledge,
 *       stays in A;</li>
 *   <li><b>implication</b>: A implies the property -- ExternalKeySecrecy: the key is not
 *       synthesisable from A's knowledge; the authenticity family (JoinAuthenticity,
 *       AddrAuthenticity, CloseAuthenticity, JoinAnswerAuthenticity): no forged segment of the protected kind is accepted in
 *       any state of A, and a third ACK is accepted only on a join the client's own SYN opened.</li>
 * </ol>
 * Every reachable state lies in A (induction on the trace), so the property holds on traces of any
 * length, for the scope's population.
 */
public final class InductiveProof {
    /** The properties with a proof family. */
    public static final Set<PropertyId> PROVABLE = Set.of(PropertyId.EXTERNAL_KEY_SECRECY, PropertyId.JOIN_AUTHENTICITY,
            PropertyId.ADDR_AUTHENTICITY, PropertyId.CLOSE_AUTHENTICITY, PropertyId.JOIN_ANSWER_AUTHENTICITY);
    /**
     * For a property the traces engine judges at both ends (issue #12): the end {@link #prove}
     * covers (the generic core's direction, the one the Alloy induction checks); empty: a property
     * judged at one end. The other end is {@link #otherEnd}, proved by {@link #proveOtherEnd}. Kept
     * here, not read from the models' {@link PropertyId#modelsJudgeOneEnd}: what the proofs cover
     * is decided by the role abstraction, not by the TLA+ core or the Alloy models.
     */
    public static java.util.Optional<String> coreEnd(PropertyId p) {
        return switch (p) {
            case ADDR_AUTHENTICITY -> java.util.Optional.of("the client's acceptance of the server's ADD_ADDR");
            case CLOSE_AUTHENTICITY -> java.util.Optional.of("the server's acceptance of a client's MP_FASTCLOSE");
            default -> java.util.Optional.empty();
        };
    }

    /** The mirror end of a property judged at both ends ({@link #coreEnd}), which {@link #proveOtherEnd} proves. */
    public static java.util.Optional<String> otherEnd(PropertyId p) {
        return switch (p) {
            case ADDR_AUTHENTICITY -> java.util.Optional.of("the server's acceptance of the client's ADD_ADDR");
            case CLOSE_AUTHENTICITY -> java.util.Optional.of("the client's acceptance of the server's MP_FASTCLOSE");
            default -> java.util.Optional.empty();
        };
    }

    private static final int MAX_ROUNDS = 64;
    private static final int MAX_TERMS = 20_000;

    private InductiveProof() {}

    public static ProofResult prove(SchemeDefinition def, String attack, PropertyId property, ProofScope scope)
            throws DefinitionException {
        return prove(SchemeDataBuilder.build(def), attack, property, scope);
    }

    public static ProofResult prove(SchemeData data, String attack, PropertyId property, ProofScope scope) {
        return run(data, Map.of(), attack, property, scope, false);
    }

    /**
     * The property at its other end ({@link #otherEnd}: the server accepting the client's ADD_ADDR,
     * the client accepting the server's MP_FASTCLOSE), in the system with both directions of both
     * messages ({@link SchemeDataBuilder#mirror}, the proof-only data form): the same invariant
     * construction, base case and step; the implication at the mirror receivers, with condition
     * (a) on the runs in which the mirror sender never sends the kind (the other direction still
     * runs). NOT_ATTEMPTED for a property judged at one end.
     */
    public static ProofResult proveOtherEnd(SchemeDefinition def, String attack, PropertyId property, ProofScope scope)
            throws DefinitionException {
        return proveOtherEnd(SchemeDataBuilder.build(def), SchemeDataBuilder.mirror(def), attack, property, scope);
    }

    public static ProofResult proveOtherEnd(SchemeData data, Map<String, Map<CoreMessage, SchemeData.Msg>> mirror,
                                            String attack, PropertyId property, ProofScope scope) {
        if (otherEnd(property).isEmpty()) {
            return ProofResult.notAttempted(property + " is judged at one end");
        }
        return run(data, mirror, attack, property, scope, true);
    }

    private static ProofResult run(SchemeData data, Map<String, Map<CoreMessage, SchemeData.Msg>> mirror, String attack,
                                   PropertyId property, ProofScope scope, boolean other) {
        long t0 = System.nanoTime();
        if (!PROVABLE.contains(property)) {
            return ProofResult.notAttempted(property + " has no proof family (only " + names() + ")");
        }
        Observation obs = Observation.ofProfile(attack).orElse(null);
        if (obs == null) {
            return ProofResult.notAttempted("attack profile " + attack + " has no proof (its observations are not modelled)");
        }
        CoreMessage guarded = guarded(property);
        ProofSystem sys = new ProofSystem(data, scope, obs, null, null, mirror);
        String why = sys.unsupported();
        if (why != null) {
            return ProofResult.notAttempted(why);
        }
        Checked main = check(sys);
        if (main.failure != null) {
            return done(t0, scope, main.failure);
        }
        // the runs before the first honest segment of the protected kind: a forgery there cannot be a copy
        Checked quiet = null;
        if (guarded != null) {
            // at the other end only the mirror sender is silenced: the core's direction keeps running
            quiet = check(new ProofSystem(data, scope, obs, guarded, other ? guarded.from.peer() : null, mirror));
            if (quiet.failure != null) {
                return done(t0, scope, quiet.failure);
            }
        }
        String fail = implication(sys, main.inv, quiet == null ? null : quiet.inv, property, other);
        if (fail != null) {
            return done(t0, scope, new Failure(ProofStatus.NOT_PROVED, "the invariant does not imply " + property,
                    "implication", fail));
        }
        sys.step(main.inv, true, s -> { }, x -> { });
        int tries = sys.attempts.values().stream().mapToInt(Integer::intValue).sum();
        if (tries == 0) {
            return done(t0, scope, new Failure(ProofStatus.NOT_PROVED,
                    "the attacker can deliver no segment: the invariant holds vacuously", "implication", null));
        }
        State a = main.inv;
        int states = a.vals().values().stream().mapToInt(Set::size).sum();
        return done(t0, scope, new Failure(ProofStatus.PROVED, (other ? otherEnd(property).get() + ": " : "") + "invariant: "
                + a.know().size() + " attacker terms, " + states + " role states, " + a.sent().size()
                + " honest segments; witness: " + tries + " attacker-delivered segments reach a check in one step "
                + sys.attempts + (other ? ", " + sys.mirrorAttempts + " of them at a mirror receiver" : ""), null, null));
    }

    /**
     * What the invariant must satisfy besides its step, for an independent re-check ({@link ProofTlc}):
     * the initial knowledge and the invariant's knowledge (for the base case and closure), whether
     * the key must not be synthesisable, and, per forgery of the protected kind in the runs before
     * any honest segment of it, the values its checks compare with (the last must not be
     * synthesisable). Null when the Java checks do not prove the cell.
     */
    public record Consequence(Set<Term> initial, Set<Term> know, boolean secrecy, List<List<Term>> forged) {}

    public static Consequence consequence(SchemeData data, String attack, PropertyId property, ProofScope scope) {
        if (prove(data, attack, property, scope).status() != ProofStatus.PROVED) {
            return null;
        }
        Observation obs = Observation.ofProfile(attack).orElseThrow();
        CoreMessage guarded = guarded(property);
        ProofSystem sys = new ProofSystem(data, scope, obs, guarded);
        State inv = check(sys).inv;
        List<List<Term>> forged = guarded == null ? List.of() : sys.forgeryGuards(inv, guarded);
        return new Consequence(sys.initial().know(), inv.know(), guarded == null, forged);
    }

    /** The outcome of one check (PROVED carries the invariant's sizes as its reason). */
    private record Failure(ProofStatus status, String reason, String check, String counterexample) {}

    /** A checked invariant, or the failure of its base case or step. */
    private record Checked(State inv, Failure failure) {}

    static CoreMessage guarded(PropertyId p) {
        return switch (p) {
            case JOIN_AUTHENTICITY -> CoreMessage.JOIN_ACK;
            case ADDR_AUTHENTICITY -> CoreMessage.ADD_ADDR;
            case CLOSE_AUTHENTICITY -> CoreMessage.FASTCLOSE;
            // the client's acceptance of a join's SYN/ACK + MP_JOIN (JoinAnswerAuthenticity: it originated at the server)
            case JOIN_ANSWER_AUTHENTICITY -> CoreMessage.JOIN_SYNACK;
            default -> null;
        };
    }

    /** Computes the candidate invariant of {@code sys} and checks its base case and induction step. */
    private static Checked check(ProofSystem sys) {
        State passive = fixpoint(sys, sys.initial(), false);
        State all = passive == null ? null : fixpoint(sys, passive, true);
        if (all == null) {
            return new Checked(null, new Failure(ProofStatus.NOT_PROVED, "no fixpoint within " + MAX_ROUNDS + " rounds / "
                    + MAX_TERMS + " terms", "step", null));
        }
        State p = candidate(passive);
        State a = candidate(all);
        String fail = within(sys.initial(), p, "the initial state");
        if (fail != null) {
            return new Checked(a, new Failure(ProofStatus.NOT_PROVED, "the initial state is outside the invariant", "base", fail));
        }
        fail = stepFrom(sys, p, false);
        if (fail == null) {
            fail = within(p, a, "the passive part of the invariant");
        }
        if (fail == null) {
            fail = stepFrom(sys, a, true);
        }
        return new Checked(a, fail == null ? null : new Failure(ProofStatus.NOT_PROVED, "one step leaves the invariant", "step", fail));
    }

    private static String names() {
        return PROVABLE.stream().map(PropertyId::modelName).sorted().toList().toString();
    }

    private static ProofResult done(long t0, ProofScope scope, Failure f) {
        return new ProofResult(f.status, ProofResult.METHOD, ProofResult.ENGINE, scope.describe(), f.reason, f.check,
                f.counterexample, (System.nanoTime() - t0) / 1_000_000, "");
    }

    /** The state after one step of every role from {@code st} (the union of {@code st} and all it can reach in one step). */
    static State apply(ProofSystem sys, State st, boolean active) {
        Set<Term> know = new TreeSet<>(st.know());
        Map<String, Set<Val>> vals = copy(st.vals());
        Set<Seg> sent = new LinkedHashSet<>(st.sent());
        Set<Seg> observed = new LinkedHashSet<>(st.observed());
        sys.step(st, active, s -> {
            sent.add(s.seg());
            vals.get(s.role()).add(s.from());
            if (s.observed()) {
                observed.add(s.seg());
                know.addAll(s.seg().fields().values());
            }
        }, a -> vals.get(a.role()).add(a.after()));
        return new State(Knowledge.close(know), vals, sent, observed);
    }

    /** The least fixpoint of the steps from {@code st} (null: not reached within the caps). */
    static State fixpoint(ProofSystem sys, State st, boolean active) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            State next = apply(sys, st, active);
            if (next.equals(st)) {
                return st;
            }
            if (next.know().size() > MAX_TERMS) {
                return null;
            }
            st = next;
        }
        return null;
    }

    /** The fixpoint with every term that reveals the key removed from knowledge and observed segments. */
    static State candidate(State fix) {
        Set<Term> know = new TreeSet<>();
        for (Term t : fix.know()) {
            if (!reveals(t)) {
                know.add(t);
            }
        }
        Set<Seg> observed = new LinkedHashSet<>();
        for (Seg s : fix.observed()) {
            if (s.fields().values().stream().noneMatch(InductiveProof::reveals)) {
                observed.add(s);
            }
        }
        return new State(know, copy(fix.vals()), new LinkedHashSet<>(fix.sent()), observed);
    }

    /** Whether analysis of {@code t} alone gives the external key or a truncation of it (MptcpCore.tla ExternalKeySecrecy). */
    private static boolean reveals(Term t) {
        return Knowledge.close(Set.of(t)).stream().anyMatch(InductiveProof::isKeyOrTruncation);
    }

    private static boolean isKeyOrTruncation(Term t) {
        return t.equals(ProofSystem.KEY)
                || ((t.op().equals("truncL") || t.op().equals("truncR")) && t.args().get(0).equals(ProofSystem.KEY));
    }

    /** The first way {@code st} is not within {@code inv}, or null. */
    private static String within(State st, State inv, String what) {
        for (Term t : st.know()) {
            if (!inv.know().contains(t)) {
                return what + ": the attacker knows " + t + ", outside the invariant's knowledge";
            }
        }
        for (Map.Entry<String, Set<Val>> e : st.vals().entrySet()) {
            for (Val v : e.getValue()) {
                if (!inv.vals().get(e.getKey()).contains(v)) {
                    return what + ": role " + e.getKey() + " in state " + v + ", outside the invariant";
                }
            }
        }
        for (Seg s : st.sent()) {
            if (!inv.sent().contains(s)) {
                return what + ": honest segment " + s + " outside the invariant";
            }
        }
        for (Seg s : st.observed()) {
            if (!inv.observed().contains(s)) {
                return what + ": the attacker observed " + s + ", outside the invariant";
            }
        }
        return null;
    }

    /** The first transition from a state of {@code inv} that leaves it, or null. */
    private static String stepFrom(ProofSystem sys, State inv, boolean active) {
        List<String> bad = new ArrayList<>();
        String phase = active ? "active" : "passive";
        sys.step(inv, active, s -> {
            if (!bad.isEmpty()) {
                return;
            }
            if (s.observed()) {
                for (Term t : s.seg().fields().values()) {
                    if (!inv.know().contains(t)) {
                        bad.add(phase + " step: role " + s.role() + " in state " + s.from() + " sends " + s.seg()
                                + ", and the attacker learns " + t + ", outside the invariant's knowledge");
                        return;
                    }
                }
            }
            if (!inv.vals().get(s.role()).contains(s.from()) || !inv.sent().contains(s.seg())) {
                bad.add(phase + " step: role " + s.role() + " sends " + s.seg() + " from " + s.from() + ", outside the invariant");
            }
        }, a -> {
            if (bad.isEmpty() && !inv.vals().get(a.role()).contains(a.after())) {
                bad.add(phase + " step: role " + a.role() + " in state " + a.state() + " accepts " + a.seg() + " and reaches "
                        + a.after() + ", outside the invariant");
            }
        });
        if (bad.isEmpty() && !Knowledge.close(inv.know()).equals(inv.know())) {
            bad.add("the invariant's knowledge is not closed under analysis");
        }
        return bad.isEmpty() ? null : bad.get(0);
    }

    /**
     * The property from the invariant. ExternalKeySecrecy: the key is not synthesisable. The
     * authenticity family: every forged segment of the protected kind a receiver accepts in a state
     * of the invariant is a copy of one its own peer sent, and only because the peer sent it (in the
     * runs where no honest end sends that kind, {@code quiet}, no forgery of it is accepted at all);
     * a third ACK is accepted only on a join the client's own SYN opened.
     */
    private static String implication(ProofSystem sys, State inv, State quiet, PropertyId p, boolean other) {
        if (p == PropertyId.EXTERNAL_KEY_SECRECY) {
            if (Knowledge.synth(ProofSystem.KEY, inv.know())) {
                return "the external key is synthesisable from the invariant's knowledge";
            }
            return inv.know().stream().filter(InductiveProof::isKeyOrTruncation).findFirst()
                    .map(t -> "the attacker knows " + t + ", a truncation of the external key").orElse(null);
        }
        CoreMessage guarded = guarded(p);
        List<String> bad = new ArrayList<>();
        sys.step(quiet, true, s -> { }, a -> {
            if (bad.isEmpty() && a.seg().kind() == guarded && ProofSystem.mirrored(a.role(), guarded) == other && a.forged()) {
                bad.add("before any honest " + guarded + (other ? " of the " + (guarded.from == org.mptcpverify.scheme.Role.A
                        ? "server" : "client") : "") + ": role " + a.role() + " in state " + a.state() + " accepts the forged "
                        + a.seg());
            }
        });
        sys.step(inv, true, s -> { }, a -> {
            if (!bad.isEmpty() || a.seg().kind() != guarded || ProofSystem.mirrored(a.role(), guarded) != other) {
                return;
            }
            Term origin = a.state().slots().get(ProofSystem.ORIGIN);
            if (a.forged() && !copyOfPeer(inv, a)) {
                bad.add("role " + a.role() + " in state " + a.state() + " accepts the forged " + a.seg());
            } else if (!a.forged() && !ProofSystem.host(a.seg().from()).equals(ProofSystem.owner(a.role()))) {
                // a replay of another client's segment (only with more than one client): the core's origin is that client
                bad.add("role " + a.role() + " in state " + a.state() + " accepts " + a.seg() + ", sent by "
                        + ProofSystem.host(a.seg().from()) + ", not by " + ProofSystem.owner(a.role()));
            } else if (guarded == CoreMessage.JOIN_ACK && origin != null && !origin.equals(ProofSystem.owner(a.role()))) {
                bad.add("role " + a.role() + " accepts " + a.seg() + " on a join " + (ProofSystem.ATTACKER.equals(origin)
                        ? "the attacker opened" : "opened by " + origin + "'s SYN") + " (state " + a.state() + ")");
            }
        });
        return bad.isEmpty() ? null : bad.get(0);
    }

    /**
     * A forgery equal in its fields to a segment the receiver's own peer sent and the attacker
     * observed is that segment again (MptcpCore.tla `Copy`: on the peer's 4-tuple it is a
     * retransmission; an MP_FASTCLOSE copied from the client means the client closed).
     */
    private static boolean copyOfPeer(State inv, ProofSystem.Accepted a) {
        String peer = ProofSystem.peer(a.role());
        return peer != null && inv.observed().stream().anyMatch(s -> s.kind() == a.seg().kind() && s.from().equals(peer)
                && s.fields().equals(a.seg().fields()));
    }

    private static Map<String, Set<Val>> copy(Map<String, Set<Val>> m) {
        Map<String, Set<Val>> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, new LinkedHashSet<>(v)));
        return out;
    }
}
