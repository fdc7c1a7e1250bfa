package org.mptcpverify.models.proof;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mptcpverify.models.core.CoreMessage;
import org.mptcpverify.models.core.SchemeData;
import org.mptcpverify.models.core.SchemeData.Msg;
import org.mptcpverify.models.proof.ProofSystem.Seg;
import org.mptcpverify.models.proof.ProofSystem.State;
import org.mptcpverify.models.proof.ProofSystem.Val;
import org.mptcpverify.vocab.PropertyId;

/**
 * A candidate invariant as plain data, for a check by another engine (the Alloy induction,
 * docs/proofs.md "Alloy induction"): per system (the main one, and for the authenticity family the
 * one where no honest end sends the protected kind), its two stages' knowledge, role states and
 * segments, and a term universe that holds every term the role abstraction's steps build from the
 * invariant (the unfiltered fixpoint's terms, every forgery's field values, the attacker's and the
 * roles' atoms). Only the invariant crosses over; the transitions are the other engine's own.
 *
 * @param system   "main" or "quiet"
 * @param silenced the kind no honest end sends (quiet), else null
 * @param passive  the invariant before the attacker's first injection (P)
 * @param active   the invariant of all runs (A)
 * @param universe terms the other engine's universe must contain (it adds their subterms)
 * @param initial  the attacker's initial knowledge
 * @param fresh    per role and message, the atom that role draws
 * @param mirror   the mirror messages of the system (docs/proofs.md, "Both ends"; empty: the core's end)
 * @param other    whether the proof is of the other end: {@code silenced} is then the mirror sender's
 *                 kind, and the protected kind is the mirror message
 */
public record ProofExport(String system, CoreMessage silenced, Part passive, Part active, Set<Term> universe,
                          Set<Term> initial, Set<CoreMessage> seenAlways, Set<CoreMessage> seenUntilActive,
                          List<String> roles, Map<String, Map<CoreMessage, Term>> fresh,
                          Map<String, Map<CoreMessage, Msg>> mirror, boolean other) {

    /** One stage of the invariant: role states are slot maps (ghosts {@code @origin}, {@code @idx} included). */
    public record Part(Set<Term> know, Map<String, List<Map<String, Term>>> vals, List<SegView> sent, List<SegView> observed) {}

    /** An honest segment: kind, fields and the role that sent it. */
    public record SegView(CoreMessage kind, Map<String, Term> fields, String from) {
        /** Whether its sender is the mirror sender of its kind (the client's ADD_ADDR, the server's MP_FASTCLOSE). */
        public boolean mirrored() {
            return kind.from != (ProofRoles.clientSide(from) ? org.mptcpverify.scheme.Role.A : org.mptcpverify.scheme.Role.B);
        }
    }

    public static final String ORIGIN = ProofSystem.ORIGIN;
    public static final String IDX = ProofSystem.IDX;
    public static final Term KEY = ProofSystem.KEY;

    /** The systems of a cell's proof (empty: the Java checks cannot build the invariant). */
    public static List<ProofExport> of(SchemeData data, String attack, PropertyId property, ProofScope scope) {
        return of(data, Map.of(), attack, property, scope, false);
    }

    /** The systems of a proof at the core's end ({@code other} false) or at the other end, with the mirror messages. */
    public static List<ProofExport> of(SchemeData data, Map<String, Map<CoreMessage, Msg>> mirror, String attack,
                                       PropertyId property, ProofScope scope, boolean other) {
        Observation obs = Observation.ofProfile(attack).orElse(null);
        if (obs == null || !InductiveProof.PROVABLE.contains(property)) {
            return List.of();
        }
        if (new ProofSystem(data, scope, obs, null).unsupported() != null) {
            return List.of();
        }
        CoreMessage guarded = InductiveProof.guarded(property);
        List<ProofExport> out = new ArrayList<>();
        for (CoreMessage silenced : guarded == null ? java.util.Collections.<CoreMessage>singletonList(null)
                : java.util.Arrays.asList(null, guarded)) {
            ProofSystem sys = new ProofSystem(data, scope, obs, silenced, silenced != null && other ? silenced.from.peer() : null,
                    mirror);
            State passive = InductiveProof.fixpoint(sys, sys.initial(), false);
            State all = passive == null ? null : InductiveProof.fixpoint(sys, passive, true);
            if (all == null) {
                return List.of();
            }
            State p = InductiveProof.candidate(passive);
            State a = InductiveProof.candidate(all);
            // every forgery the steps from the invariant and from the fixpoint build
            sys.step(a, true, s -> { }, x -> { });
            sys.step(all, true, s -> { }, x -> { });
            Set<Term> universe = new TreeSet<>(all.know());
            universe.addAll(sys.forgedTerms);
            universe.addAll(sys.initial().know());
            universe.add(KEY);
            all.vals().values().forEach(vs -> vs.forEach(v -> universe.addAll(v.slots().values())));
            all.sent().forEach(s -> universe.addAll(s.fields().values()));
            Map<String, Map<CoreMessage, Term>> fresh = new LinkedHashMap<>();
            for (String r : sys.roles()) {
                Map<CoreMessage, Term> byMsg = new TreeMap<>();
                String mode = ProofRoles.clientSide(r) ? sys.clientMode() : sys.serverMode();
                for (Map.Entry<CoreMessage, Msg> e : data.modes().get(mode).entrySet()) {
                    if (!e.getValue().fresh().isEmpty()) {
                        Term t = Term.atom(e.getValue().fresh().first() + "." + r);
                        byMsg.put(e.getKey(), t);
                        universe.add(t);
                    }
                }
                fresh.put(r, byMsg);
            }
            List<Map<CoreMessage, Msg>> modes = new ArrayList<>(data.modes().values());
            modes.addAll(mirror.values());
            for (Map<CoreMessage, Msg> mode : modes) {
                mode.values().forEach(m -> m.fields().keySet().forEach(f -> universe.add(Term.atom("x." + f))));
            }
            universe.removeIf(ProofRoles::ghostValue);
            out.add(new ProofExport(silenced == null ? "main" : "quiet", silenced, part(p), part(a), universe,
                    sys.initial().know(), obs.always(), obs.untilActive(), sys.roles(), fresh, mirror, other));
        }
        return out;
    }

    private static Part part(State st) {
        Map<String, List<Map<String, Term>>> vals = new TreeMap<>();
        st.vals().forEach((r, vs) -> {
            List<Map<String, Term>> l = new ArrayList<>();
            for (Val v : vs) {
                l.add(new TreeMap<>(v.slots()));
            }
            vals.put(r, l);
        });
        return new Part(new TreeSet<>(st.know()), vals, segs(st.sent()), segs(st.observed()));
    }

    private static List<SegView> segs(Set<Seg> ss) {
        List<SegView> l = new ArrayList<>();
        for (Seg s : ss) {
            l.add(new SegView(s.kind(), new TreeMap<>(s.fields()), s.from()));
        }
        return l;
    }

    /** The attacker's atom for a field the forgery does not need to match ({@code x.<field>}). */
    public static Term attackerAtom(String field) {
        return Term.atom("x." + field);
    }
}
