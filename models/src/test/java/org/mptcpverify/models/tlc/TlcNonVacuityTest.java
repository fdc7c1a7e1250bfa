package org.mptcpverify.models.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.trace.Replayer;
import org.mptcpverify.trace.TraceJson;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/** Negative controls: every invariant is violable, so no HOLDS is vacuous. */
class TlcNonVacuityTest {
    private static final TlcEngine ENGINE = new TlcEngine();

    /** Every broken cell (each property at least once), with the property its attack checks. */
    static Stream<Arguments> brokenCells() {
        return Stream.of(
                Arguments.of(PropertyId.JOIN_AUTHENTICITY, AttackId.EAVESDROP_HANDSHAKE),
                Arguments.of(PropertyId.EXTERNAL_KEY_SECRECY, AttackId.EAVESDROP_ALL),
                Arguments.of(PropertyId.SUBFLOW_ENDPOINT_AUTHENTICITY, AttackId.SYN_JOIN_REWRITE),
                Arguments.of(PropertyId.JOIN_STATE_UNFORGEABLE, AttackId.JOIN_DOS),
                Arguments.of(PropertyId.ADDR_AUTHENTICITY, AttackId.ADD_ADDR_MITM),
                Arguments.of(PropertyId.CLOSE_AUTHENTICITY, AttackId.FASTCLOSE_FORGE),
                Arguments.of(PropertyId.LEGIT_JOIN_SUCCEEDS, AttackId.LEGIT_JOIN),
                Arguments.of(PropertyId.LEGIT_JOIN_SUCCEEDS, AttackId.NAT_JOIN),
                Arguments.of(PropertyId.CLEAN_FALLBACK, AttackId.ONE_SIDED_KEY),
                Arguments.of(PropertyId.KEY_ISOLATION, AttackId.TWO_KEYS_ONE_HOST));
    }

    @ParameterizedTest(name = "broken violates {0} under {1}")
    @MethodSource("brokenCells")
    void brokenViolatesEveryProperty(PropertyId property, AttackId attack) {
        CellResult r = ENGINE.checkProperties(SchemeId.BROKEN, attack, List.of(property),
                TlcTestSupport.options("nonvacuity-" + property.modelName(), Duration.ofSeconds(60), false));
        assertEquals(Verdict.VIOLATED, r.verdict(), String.valueOf(r.reason()));
        assertTrue(r.violated().contains(property), r.violated().toString());
        // the reference monitors only the attack's own properties
        if (attack.properties().contains(property)) {
            assertReplays(r);
        }
    }

    static void assertReplays(CellResult r) {
        try {
            Replayer.Replay replay = new Replayer().replay(r.counterexample());
            assertTrue(replay.reproduced(), String.join("\n", replay.report()));
        } catch (TraceJson.BadTraceFileException e) {
            throw new AssertionError(r.counterexample() + ": " + e.getMessage(), e);
        }
    }

    static Stream<SchemeId> externalKeySchemes() {
        return SchemeId.modelledSchemes().stream().filter(SchemeId::usesExternalKey);
    }

    /** The attacker given the external key must break JoinAuthenticity of every external-key scheme. */
    @ParameterizedTest(name = "{0} with the attacker given the key")
    @MethodSource("externalKeySchemes")
    void attackerWithKeyForgesJoins(SchemeId scheme) {
        CellResult r = ENGINE.check(scheme, AttackId.EAVESDROP_HANDSHAKE,
                TlcTestSupport.options("attacker-has-key", Duration.ofSeconds(60), true));
        assertEquals(Verdict.VIOLATED, r.verdict(), String.valueOf(r.reason()));
        assertEquals(List.of(PropertyId.JOIN_AUTHENTICITY), r.violated());
        assertReplays(r);
    }

    /** Every safety cell of every external-key scheme: attacks with an attacker, each applicable property. */
    static Stream<Arguments> keyControlCells() {
        return externalKeySchemes().flatMap(s -> AttackId.matrixAttacks().stream().filter(AttackId::hasAttacker)
                .flatMap(a -> a.applicableProperties(s).stream().map(p -> Arguments.of(s, a, p))));
    }

    /**
     * Negative control 2 per cell (issue 12 item 5): the attacker given the key its profile lacks
     * violates the property of every safety cell; a cell where it does not is a vacuous control.
     */
    @ParameterizedTest(name = "{0} / {1} / {2} with the attacker given the key")
    @MethodSource("keyControlCells")
    void attackerWithKeyBreaksEverySafetyCell(SchemeId scheme, AttackId attack, PropertyId property) {
        CellResult r = ENGINE.checkProperties(scheme, attack, List.of(property), TlcTestSupport.options(
                "attacker-has-key-cells/" + property.modelName(), Duration.ofSeconds(60), true));
        assertEquals(Verdict.VIOLATED, r.verdict(), "negative control vacuous: " + r.reason() + " " + r.bounds());
        assertTrue(r.violated().contains(property), r.violated().toString());
        assertReplays(r);
    }
}
