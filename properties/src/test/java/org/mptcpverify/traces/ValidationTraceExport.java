package org.mptcpverify.traces;

import org.mptcpverify.io.AtomicWrite;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mptcpverify.trace.RunOutcome;
import org.mptcpverify.trace.ScenarioRunner;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * Generated traces with the reference's observations, for TLA+ trace validation (the tla helper
 * reads them): per scheme a JSON list of {attack, keyedSide, attackerHasKey, seed, actions,
 * enabled, observations}; format in docs/traces-engine.md.
 */
final class ValidationTraceExport {
    private ValidationTraceExport() {
    }

    /** {@code perAttack} generated traces of every attack, run on {@code runner}. */
    static List<Map<String, Object>> traces(ScenarioRunner runner, SchemeId scheme, int perAttack, long seed,
                                            int maxActions) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (AttackId attack : AttackId.matrixAttacks()) { // the old TLA+ model validates these only
            TraceGenerator g = TraceGenerator.forAttack(attack);
            long cellSeed = Seeds.cell(seed, scheme, attack);
            for (int i = 0; i < perAttack; i++) {
                GeneratedTrace t = g.generate(scheme, Seeds.trial(cellSeed, i), i, false, maxActions);
                RunOutcome o = runner.run(t.scenario(), t.actions());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("attack", attack.wireName());
                m.put("keyedSide", t.scenario().keyedSide());
                m.put("attackerHasKey", t.scenario().attackerHasKey());
                m.put("seed", t.scenario().seed());
                m.put("actions", ActionJson.toMaps(t.actions()));
                m.put("enabled", o.enabled());
                List<Map<String, Object>> obs = new ArrayList<>();
                for (Map<String, Object> step : o.observations()) {
                    obs.add(new TreeMap<>(step)); // sorted keys: same bytes whatever map the runner used
                }
                m.put("observations", obs);
                out.add(m);
            }
        }
        return out;
    }

    /** {@code <dir>/<scheme>.json}; a scheme name with a '/' becomes a folder, as for counterexamples. */
    static Path file(Path dir, SchemeId scheme) {
        return dir.resolve(scheme.wireName() + ".json");
    }

    static void write(Path file, List<Map<String, Object>> traces) throws IOException {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
        pp.indentArraysWith(new DefaultIndenter("  ", "\n"));
        pp.indentObjectsWith(new DefaultIndenter("  ", "\n"));
        String text = new ObjectMapper().writer(pp).writeValueAsString(traces) + "\n";
        AtomicWrite.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
