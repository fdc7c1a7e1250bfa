package org.mptcpverify.matrix;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * One (scheme, attack) cell with every selected engine's result. The engines decide
 * independently; this record only compares them.
 */
public record CellOutcome(SchemeId scheme, AttackId attack, Map<String, CellResult> engines) {
    public CellOutcome {
        engines = Collections.unmodifiableMap(new LinkedHashMap<>(engines));
    }

    /** The properties the cell checks for this scheme (empty: NOT_APPLICABLE). */
    public List<PropertyId> properties() {
        return attack.applicableProperties(scheme);
    }

    /**
     * Engines agree when every engine that reached a decision reached the same one. An
     * INCONCLUSIVE engine neither agrees nor disagrees; it makes the cell INCONCLUSIVE. A HOLDS
     * without a witness (the engine does not measure attacker activity) says nothing about
     * vacuity, so it does not contradict another engine's VACUOUS; a HOLDS with a witness does.
     */
    public boolean agree() {
        return engines.values().stream()
                .filter(r -> !(vacuous() && r.verdict() == Verdict.HOLDS && r.witness().isEmpty()))
                .map(CellResult::verdict)
                .filter(v -> v != Verdict.INCONCLUSIVE)
                .distinct().count() <= 1;
    }

    /** Some engine found that the attacker never acted (and none disagrees). */
    public boolean vacuous() {
        return engines.values().stream().anyMatch(r -> r.verdict() == Verdict.VACUOUS);
    }

    public boolean inconclusive() {
        return engines.values().stream().anyMatch(r -> r.verdict() == Verdict.INCONCLUSIVE);
    }

    /**
     * The cell's verdict: the engines' common verdict; INCONCLUSIVE when engines disagree or any
     * engine is inconclusive (a disagreement is reported separately, via {@link #agree()}).
     */
    public Verdict verdict() {
        if (!agree() || inconclusive() || engines.isEmpty()) {
            return Verdict.INCONCLUSIVE;
        }
        return vacuous() ? Verdict.VACUOUS : engines.values().iterator().next().verdict();
    }
}
