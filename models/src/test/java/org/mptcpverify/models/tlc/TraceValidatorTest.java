package org.mptcpverify.models.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The trace-validation machinery on hand-written traces whose observations follow from
 * docs/threat-model.md and docs/schemes.md: a fitting trace passes, and a trace with one wrong
 * observation, or a step the model cannot take, is reported at exactly that step.
 */
class TraceValidatorTest {
    private static Map<String, Object> obs(String conn, int subflows, int foreign, int halfOpen, boolean knows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attackerKnowsKey", knows);
        m.put("conn.c1", conn);
        m.put("foreignSubflows.c1", foreign);
        m.put("halfOpen.c1", halfOpen);
        m.put("subflows.c1", subflows);
        return m;
    }

    private static ValidationTrace trace(String name, SchemeId s, AttackId a, List<TraceAction> actions,
                                         List<Boolean> enabled, List<Map<String, Object>> observations) {
        return new ValidationTrace(name, s, a, null, false, 1, actions, enabled, observations);
    }

    // rfc8684 under eavesdrop-all: a legitimate join, then a forged one the server attaches.
    static final ValidationTrace FORGE = trace("forge", SchemeId.RFC8684, AttackId.EAVESDROP_ALL,
            List.of(new TraceAction.Connect("c1"), new TraceAction.Join("c1"), new TraceAction.ForgeJoin("c1")),
            List.of(true, true, true),
            List.of(obs("mptcp", 0, 0, 0, false), obs("mptcp", 1, 0, 0, false), obs("mptcp", 2, 1, 0, false)));

    // thesis-xor under eavesdrop-handshake: ForgeJoin is not enabled (the XORed token field is unknown).
    static final ValidationTrace DISABLED = trace("disabled", SchemeId.THESIS_XOR, AttackId.EAVESDROP_HANDSHAKE,
            List.of(new TraceAction.Connect("c1"), new TraceAction.ForgeJoin("c1"), new TraceAction.Close("c1")),
            List.of(true, false, true),
            List.of(obs("mptcp", 0, 0, 0, false), obs("mptcp", 0, 0, 0, false), obs("closed", 0, 0, 0, false)));

    // bound-key under join-dos: a replayed ticket creates no state.
    static final ValidationTrace REPLAY = trace("replay", SchemeId.BOUND_KEY, AttackId.JOIN_DOS,
            List.of(new TraceAction.Connect("c1"), new TraceAction.Join("c1"),
                    new TraceAction.SpoofJoinSyn("c1", "replay", "spoof1")),
            List.of(true, true, true),
            List.of(obs("mptcp", 0, 0, 0, false), obs("mptcp", 1, 0, 0, false), obs("mptcp", 1, 0, 0, false)));

    @Test
    void fittingTracesPassAndMisfitsAreReportedAtTheirFirstStep() throws Exception {
        ValidationTrace wrongObservation = trace("wrong-obs", SchemeId.RFC8684, AttackId.EAVESDROP_ALL,
                FORGE.actions(), FORGE.enabled(),
                List.of(obs("mptcp", 0, 0, 0, false), obs("mptcp", 1, 0, 0, false), obs("mptcp", 2, 0, 0, false)));
        ValidationTrace wrongEnabled = trace("wrong-enabled", SchemeId.THESIS_XOR, AttackId.EAVESDROP_HANDSHAKE,
                DISABLED.actions(), List.of(true, true, true), DISABLED.observations());
        ValidationTrace missingStep = trace("not-enabled-in-model", SchemeId.BOUND_KEY, AttackId.JOIN_DOS,
                List.of(new TraceAction.Connect("c1"), new TraceAction.SpoofJoinSyn("c1", "replay", "spoof1")),
                List.of(true, true), List.of(obs("mptcp", 0, 0, 0, false), obs("mptcp", 0, 0, 0, false)));
        List<ValidationTrace> traces = List.of(FORGE, DISABLED, REPLAY, wrongObservation, wrongEnabled, missingStep);
        TraceValidator.Result r = new TraceValidator().validate(traces,
                TlcTestSupport.TARGET.resolve("trace-validator"), TlcTestSupport.seed(), Duration.ofSeconds(60));
        assertTrue(r.completed(), r.error());
        assertEquals(3, r.mismatches().size(), r.mismatches().toString());
        TraceValidator.Mismatch obs = r.mismatches().get(0);
        assertEquals("wrong-obs", obs.trace().name());
        assertEquals(3, obs.step());
        assertTrue(obs.reason().startsWith("observations differ"), obs.reason());
        TraceValidator.Mismatch en = r.mismatches().get(1);
        assertEquals("wrong-enabled", en.trace().name());
        assertEquals(2, en.step());
        assertTrue(en.reason().contains("the model cannot"), en.reason());
        TraceValidator.Mismatch missing = r.mismatches().get(2);
        assertEquals("not-enabled-in-model", missing.trace().name());
        assertEquals(2, missing.step());
        assertTrue(missing.toString().contains("SpoofJoinSyn(c1, replay, spoof1)"), missing.toString());
    }

    @Test
    void moduleIsPlainTlaData() {
        String module = TraceModuleWriter.render(List.of(FORGE, REPLAY));
        assertTrue(module.contains("G1 == INSTANCE MptcpJoin WITH Scheme <- \"rfc8684\""), module);
        assertTrue(module.contains("G2 == INSTANCE MptcpJoin WITH Scheme <- \"bound-key\""), module);
        assertTrue(!module.contains("Json") && !module.contains("IOUtils"));
        assertEquals(module, TraceModuleWriter.render(List.of(FORGE, REPLAY)));
    }
}
