package org.mptcpverify.traces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.models.tlc.TraceValidator;
import org.mptcpverify.models.tlc.ValidationTrace;
import org.mptcpverify.models.tlc.ValidationTraces;
import org.mptcpverify.trace.ScenarioRunner;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * Trace export for TLA+ trace validation: writes target/validation-traces/<scheme>.json for every
 * scheme (at least 200 traces each, every attack). Per attack: -Dmptcp.validation.perAttack (20).
 */
@Tag("trace-export")
class ValidationTraceExportTest {
    private static final int PER_ATTACK = Math.max(20, Integer.getInteger("mptcp.validation.perAttack", 20));
    private static final long SEED = Long.getLong("mptcp.seed", 20261127L);

    @TempDir
    Path tmp;

    /**
     * Reference -> model: the exported traces (200+ per scheme, attacks included) must be
     * behaviours of the TLA+ spec; a mismatch names the trace and its first step that does not fit.
     * It lives here, not in the models module, because this module builds after models: the
     * export exists only here in a clean build (CI).
     */
    @Test
    void exportsValidationTracesForEverySchemeAndTlcAcceptsThem() throws IOException, InterruptedException {
        ScenarioRunner runner = ReferenceSupport.runner();
        Path dir = Path.of("target", "validation-traces");
        List<ValidationTrace> all = new ArrayList<>();
        for (SchemeId scheme : SchemeId.modelledSchemes()) {
            List<Map<String, Object>> traces = ValidationTraceExport.traces(runner, scheme, PER_ATTACK, SEED,
                    GeneratorEngine.DEFAULT_MAX_ACTIONS);
            Path file = ValidationTraceExport.file(dir, scheme);
            ValidationTraceExport.write(file, traces);
            checkFile(file, scheme);
            all.addAll(ValidationTraces.read(file, scheme));
        }
        TraceValidator.Result r = new TraceValidator().validate(all, Path.of("target", "trace-validation"), SEED,
                Duration.ofMinutes(5));
        assertTrue(r.completed(), r.error());
        StringBuilder msg = new StringBuilder(r.mismatches().size() + " of " + r.traces()
                + " reference traces are not behaviours of the TLA+ spec:\n");
        r.mismatches().stream().limit(20).forEach(m -> msg.append(m).append('\n'));
        assertTrue(r.mismatches().isEmpty(), msg.toString());
        assertTrue(r.traces() >= 200 * SchemeId.modelledSchemes().size(), "traces validated: " + r.traces());
    }

    /** The export code itself, on the toy runner: shape, counts, determinism. */
    @Test
    void exportShapeOnTheToyRunner() throws IOException {
        Path a = ValidationTraceExport.file(tmp.resolve("a"), SchemeId.DRAFT_BAERTS_LOW_ORDER);
        Path b = ValidationTraceExport.file(tmp.resolve("b"), SchemeId.DRAFT_BAERTS_LOW_ORDER);
        assertEquals(tmp.resolve("a/draft-baerts/low-order.json"), a);
        ValidationTraceExport.write(a, ValidationTraceExport.traces(new ToyRunner(), SchemeId.DRAFT_BAERTS_LOW_ORDER, 20, 1, 6));
        ValidationTraceExport.write(b, ValidationTraceExport.traces(new ToyRunner(), SchemeId.DRAFT_BAERTS_LOW_ORDER, 20, 1, 6));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        JsonNode n = new ObjectMapper().readTree(a.toFile());
        assertEquals(200, n.size());
        for (JsonNode t : n) {
            assertEquals(List.of("attack", "keyedSide", "attackerHasKey", "seed", "actions", "enabled", "observations"),
                    fieldNames(t));
            assertEquals(t.get("actions").size(), t.get("enabled").size());
            assertEquals(t.get("actions").size(), t.get("observations").size());
        }
    }

    private static void checkFile(Path file, SchemeId scheme) throws IOException {
        JsonNode n = new ObjectMapper().readTree(file.toFile());
        assertTrue(n.size() >= 200, scheme + ": " + n.size() + " traces");
        Set<String> attacks = new HashSet<>();
        Set<String> sides = new HashSet<>();
        for (JsonNode t : n) {
            attacks.add(t.get("attack").asText());
            if (t.get("attack").asText().equals("one-sided-key")) {
                sides.add(t.get("keyedSide").asText());
            }
            int len = t.get("actions").size();
            assertEquals(len, t.get("enabled").size(), scheme + " " + t);
            assertEquals(len, t.get("observations").size(), scheme + " " + t);
            boolean twoClients = t.get("attack").asText().equals("two-keys-one-host");
            for (JsonNode obs : t.get("observations")) {
                // The observation keys of docs/threat-model.md, for every client of the scenario.
                for (String c : twoClients ? List.of("c1", "c2") : List.of("c1")) {
                    for (String k : List.of("conn.", "subflows.", "foreignSubflows.", "halfOpen.")) {
                        assertTrue(obs.has(k + c), scheme + ": observation without " + k + c + ": " + obs);
                    }
                }
                assertTrue(obs.has("attackerKnowsKey"), scheme + ": observation without attackerKnowsKey: " + obs);
            }
        }
        Set<String> all = new HashSet<>();
        for (AttackId a : AttackId.matrixAttacks()) {
            all.add(a.wireName());
        }
        assertEquals(all, attacks);
        assertEquals(Set.of("client", "server"), sides);
    }

    private static List<String> fieldNames(JsonNode t) {
        List<String> names = new java.util.ArrayList<>();
        t.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
