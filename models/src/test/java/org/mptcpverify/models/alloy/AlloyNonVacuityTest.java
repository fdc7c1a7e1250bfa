package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The model is not vacuous: a legitimate join is established under every scheme, the negative
 * controls break what they must, and every property has a counterexample somewhere.
 */
class AlloyNonVacuityTest {

    /** An inconsistent model would make every check pass: each scheme must have a legitimate join. */
    @Test
    void everySchemeHasALegitimateJoin() throws Exception {
        Path dir = AlloyTestSupport.target().resolve("alloy-test").resolve("consistency");
        List<String> missing = new ArrayList<>();
        for (SchemeId scheme : SchemeId.values()) {
            AlloyCell cell = AlloyCell.of(scheme, AttackId.LEGIT_JOIN, false);
            AlloyRunner r = AlloyRunner.parse(AlloyModelFiles.writeCell(dir, cell), AlloyEngine.DEFAULT_SOLVER,
                    dir.resolve("tmp"));
            if (!r.execute(AlloyCellSource.LEGIT_JOIN_POSSIBLE, cell.states()).satisfiable()) {
                missing.add(scheme.wireName());
            }
        }
        assertEquals(List.of(), missing, "schemes whose legit-join cell admits no established join");
    }

    /**
     * The `broken` scheme violates every property the threat model lets it violate. The exception,
     * SubflowEndpointAuthenticity, is a property of the specification, not of this model: broken's
     * join HMAC binds the client's own address (docs/schemes.md), so the on-path rewrite of
     * syn-join-rewrite makes the client reset the join. The property is then shown violable with
     * rfc8684 instead.
     */
    @Test
    void brokenViolatesEveryProperty() {
        EngineOptions opt = AlloyTestSupport.options("broken");
        AlloyEngine engine = new AlloyEngine();
        Set<PropertyId> violated = EnumSet.noneOf(PropertyId.class);
        for (AttackId attack : AttackId.values()) {
            CellResult r = engine.check(SchemeId.BROKEN, attack, opt);
            assertTrue(r.verdict() == Verdict.VIOLATED || r.verdict() == Verdict.HOLDS, attack + ": " + r);
            violated.addAll(r.violated());
        }
        Set<PropertyId> expected = EnumSet.allOf(PropertyId.class);
        expected.remove(PropertyId.SUBFLOW_ENDPOINT_AUTHENTICITY);
        assertEquals(expected, violated);

        CellResult rewrite = engine.check(SchemeId.BROKEN, AttackId.SYN_JOIN_REWRITE, opt);
        assertEquals(Verdict.HOLDS, rewrite.verdict(), "broken's address-bound join HMAC defeats the rewrite");
        CellResult rfc = engine.check(SchemeId.RFC8684, AttackId.SYN_JOIN_REWRITE, opt);
        assertEquals(List.of(PropertyId.SUBFLOW_ENDPOINT_AUTHENTICITY), rfc.violated());
    }

    /** Negative control 2: given the external key, the attacker forges a join under every external-key scheme. */
    @Test
    void attackerWithTheKeyForgesAJoinEverywhere() {
        EngineOptions opt = AlloyTestSupport.options("attacker-has-key", true, Duration.ofSeconds(60));
        AlloyEngine engine = new AlloyEngine();
        List<String> notViolated = new ArrayList<>();
        for (SchemeId scheme : SchemeId.values()) {
            if (!scheme.usesExternalKey()) {
                continue;
            }
            CellResult r = engine.check(scheme, AttackId.EAVESDROP_HANDSHAKE, opt);
            if (!r.violated().contains(PropertyId.JOIN_AUTHENTICITY)) {
                notViolated.add(scheme + ": " + r.verdict() + " " + r.reason());
            }
        }
        assertEquals(List.of(), notViolated);
    }
}
