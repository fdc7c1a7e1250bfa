package org.mptcpverify.matrix;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mptcpverify.definition.DefinitionException;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.models.alloy.AlloyInduction;
import org.mptcpverify.models.core.SchemeDataBuilder;
import org.mptcpverify.models.proof.InductiveProof;
import org.mptcpverify.models.proof.ProofResult;
import org.mptcpverify.models.proof.ProofScope;
import org.mptcpverify.models.proof.ProofStatus;
import org.mptcpverify.traces.generic.GenericAttacker;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.Verdict;

/**
 * The unbounded-length proof of a matrix cell (issue #12, item 3; docs/proofs.md): attempted for a
 * cell whose bounded verdict is HOLDS and whose every property has a proof family; PROVED when each
 * of the cell's properties is. matrix.json {@code proof: {status, method, engine, scope, reason}}.
 */
public final class CellProof {
    private CellProof() {}

    /** The proof of every cell of {@code run}, computed once (the formats share it). */
    public static Map<CellOutcome, ProofResult> all(MatrixRun run) {
        Map<CellOutcome, ProofResult> out = new IdentityHashMap<>();
        for (CellOutcome c : run.cells()) {
            out.put(c, of(c));
        }
        return out;
    }

    /** The cell's proof; NOT_ATTEMPTED unless it is a HOLDS cell of properties with a proof family. */
    public static ProofResult of(CellOutcome c) {
        if (c.verdict() != Verdict.HOLDS) {
            return ProofResult.notAttempted("the bounded verdict is " + c.verdict() + "; only HOLDS cells are proved");
        }
        List<PropertyId> props = c.properties();
        for (PropertyId p : props) {
            if (!InductiveProof.PROVABLE.contains(p)) {
                return ProofResult.notAttempted(p + " has no proof family");
            }
        }
        SchemeDefinition def;
        try {
            def = GenericAttacker.definition(c.scheme());
        } catch (IllegalStateException e) {
            return ProofResult.notAttempted("no definition: " + e.getMessage());
        }
        try {
            return prove(def, c.attack(), props, ProofScope.STANDARD);
        } catch (DefinitionException e) {
            return ProofResult.notAttempted("the definition has no data form: " + e.getMessage());
        }
    }

    /** Every property of the cell proved in turn; the first that is not decides the cell. */
    public static ProofResult prove(SchemeDefinition def, AttackId attack, List<PropertyId> props, ProofScope scope)
            throws DefinitionException {
        if (SchemeDataBuilder.diffieHellman(def)) {
            // the proof families' term algebra has no pub/dh: a key-agreement row is not proved (yet)
            return ProofResult.notAttempted("the proof families have no Diffie-Hellman terms (pub, dh) for "
                    + def.name() + "'s key agreement");
        }
        ProofResult last = null;
        long millis = 0;
        StringBuilder reasons = new StringBuilder();
        StringBuilder cross = new StringBuilder();
        java.util.Set<String> methods = new java.util.TreeSet<>();
        List<PropertyId> bothEnds = new java.util.ArrayList<>();
        for (PropertyId p : props) {
            ProofResult r = AlloyInduction.prove(SchemeDataBuilder.build(def), attack.wireName(), p, scope);
            millis += r.millis();
            if (r.status() != ProofStatus.PROVED) {
                return new ProofResult(r.status(), r.method(), r.engine(), r.scope(), p + ": " + r.reason(), r.failedCheck(),
                        r.counterexample(), millis, p + ": " + r.crossCheck());
            }
            reasons.append(reasons.length() == 0 ? "" : "; ").append(p).append(": ").append(r.reason());
            cross.append(cross.length() == 0 ? "" : "; ").append(p).append(": ").append(r.crossCheck());
            methods.add(r.method());
            last = r;
            if (InductiveProof.otherEnd(p).isPresent()) {
                // the mirror direction (docs/proofs.md, "Both ends"): Alloy and Java, with the proof-only mirror messages
                ProofResult o = AlloyInduction.proveOtherEnd(SchemeDataBuilder.build(def), SchemeDataBuilder.mirror(def),
                        attack.wireName(), p, scope);
                millis += o.millis();
                if (o.status() == ProofStatus.NOT_PROVED) {
                    return new ProofResult(o.status(), o.method(), o.engine(), o.scope(), p + " at the other end ("
                            + InductiveProof.otherEnd(p).get() + "): " + o.reason(), o.failedCheck(), o.counterexample(), millis,
                            p + ": " + r.crossCheck() + "; " + p + " at the other end: " + o.crossCheck());
                }
                if (o.status() == ProofStatus.PROVED) {
                    reasons.append("; ").append(p).append(" at the other end: ").append(o.reason());
                    cross.append("; ").append(p).append(" at the other end: ").append(o.crossCheck());
                    methods.add(o.method());
                    bothEnds.add(p);
                }
            }
        }
        if (last == null) {
            return ProofResult.notAttempted("no property applies");
        }
        // a property Alloy could not express keeps the Java method: the cell names every method used
        return new ProofResult(ProofStatus.PROVED, String.join(" + ", methods), methods.size() == 1 ? last.engine()
                : "alloy + java-closure", last.scope() + oneEnd(props.stream().filter(p -> !bothEnds.contains(p)).toList()), reasons.toString(), null, null, millis, cross.toString());
    }

    /** What a PROVED scope says when a property is proved at one of the two ends it is judged at. */
    public static final String ONE_END = "proved at one end only";

    /**
     * The properties of {@code props} proved at one end only ({@link InductiveProof#coreEnd}: their
     * other end was not attempted) while the traces engine judges both (issue #12): the scope
     * names the end proved, so a PROVED never claims the other one.
     */
    static String oneEnd(List<PropertyId> props) {
        List<String> ends = props.stream().flatMap(p -> InductiveProof.coreEnd(p).map(e -> p + ": " + e).stream()).toList();
        return ends.isEmpty() ? "" : "; " + ONE_END + " (" + String.join("; ", ends) + ")";
    }

    /** Whether a PROVED result covers only one end of a property judged at both. */
    public static boolean provedAtOneEnd(ProofResult r) {
        return r != null && r.status() == ProofStatus.PROVED && r.scope().contains(ONE_END);
    }

    /** As matrix.json writes it (no timings: the file is deterministic). */
    public static Map<String, Object> json(ProofResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", r.status().name());
        m.put("method", r.method());
        m.put("engine", r.engine());
        m.put("scope", r.scope());
        m.put("reason", r.reason());
        m.put("crossCheck", r.crossCheck());
        if (r.failedCheck() != null) {
            m.put("failedCheck", r.failedCheck());
            m.put("counterexample", r.counterexample());
        }
        return m;
    }

    /** The suffix of a verdict in the text and Markdown matrices: ", PROVED" / ", NOT_PROVED" / "". */
    public static String suffix(ProofResult r) {
        return r == null || r.status() == ProofStatus.NOT_ATTEMPTED ? "" : ", " + r.status().name() + (provedAtOneEnd(r) ? " (one end)" : "");
    }
}
