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
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/** Negative controls: every invariant is violable, so no HOLDS is vacuous. */
class TlcNonVacuityTest {
    private static final TlcEngine ENGINE = new TlcEngine();

    /** For each property, a broken cell whose attack checks it. */
    static Stream<Arguments> brokenCells() {
        return Stream.of(
                Arguments.of(PropertyId.JOIN_AUTHENTICITY, AttackId.EAVESDROP_HANDSHAKE),
                Arguments.of(PropertyId.EXTERNAL_KEY_SECRECY, AttackId.EAVESDROP_ALL),
                // Not syn-join-rewrite: broken's SYN/ACK HMAC covers the client address, so its
                // client resets a rewritten join (docs/models.md); a forged join from x.a shows
                // the invariant is violable.
                Arguments.of(PropertyId.SUBFLOW_ENDPOINT_AUTHENTICITY, AttackId.EAVESDROP_HANDSHAKE),
                Arguments.of(PropertyId.JOIN_STATE_UNFORGEABLE, AttackId.JOIN_DOS),
                Arguments.of(PropertyId.ADDR_AUTHENTICITY, AttackId.ADD_ADDR_MITM),
                Arguments.of(PropertyId.CLOSE_AUTHENTICITY, AttackId.FASTCLOSE_FORGE),
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
    }

    static Stream<SchemeId> externalKeySchemes() {
        return Stream.of(SchemeId.values()).filter(SchemeId::usesExternalKey);
    }

    /** The attacker given the external key must break JoinAuthenticity of every external-key scheme. */
    @ParameterizedTest(name = "{0} with the attacker given the key")
    @MethodSource("externalKeySchemes")
    void attackerWithKeyForgesJoins(SchemeId scheme) {
        CellResult r = ENGINE.check(scheme, AttackId.EAVESDROP_HANDSHAKE,
                TlcTestSupport.options("attacker-has-key", Duration.ofSeconds(60), true));
        assertEquals(Verdict.VIOLATED, r.verdict(), String.valueOf(r.reason()));
        assertEquals(List.of(PropertyId.JOIN_AUTHENTICITY), r.violated());
    }
}
