package org.mptcpverify.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mptcpverify.trace.Scenario;
import org.mptcpverify.trace.ScenarioRunner;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/** Reads a traces.json back and checks it independently of the engine that wrote it. */
record CounterexampleReplay(Scenario scenario, PropertyId property, List<TraceAction> actions, boolean shrinkComplete,
                            long trySeed, int tries) {

    @SuppressWarnings("unchecked")
    static CounterexampleReplay read(Path json) throws IOException {
        ObjectMapper om = new ObjectMapper();
        JsonNode n = om.readTree(json.toFile());
        SchemeId scheme = SchemeId.byName(n.get("scheme").asText()).orElseThrow();
        AttackId attack = AttackId.byName(n.get("attack").asText()).orElseThrow();
        PropertyId property = PropertyId.byName(n.get("property").asText()).orElseThrow();
        String keyedSide = n.get("keyedSide").isNull() ? null : n.get("keyedSide").asText();
        Scenario sc = new Scenario(scheme, attack, n.get("seed").asLong(), keyedSide, n.get("attackerHasKey").asBoolean());
        List<TraceAction> actions = new ArrayList<>();
        for (JsonNode a : n.get("actions")) {
            actions.add(ActionJson.fromMap(om.convertValue(a, Map.class)));
        }
        return new CounterexampleReplay(sc, property, actions, n.get("shrinkComplete").asBoolean(),
                n.get("trySeed").asLong(), n.get("tries").asInt());
    }

    /** The written trace still violates its property on {@code runner}, and no single action can go. */
    void assertReplaysAndIsMinimal(ScenarioRunner runner, int maxActions) {
        String where = scenario.scheme() + " " + scenario.attack() + " " + property + ": " + ActionJson.describe(actions);
        assertTrue(runner.run(scenario, actions).violated(property), "counterexample does not replay: " + where);
        assertTrue(actions.size() <= maxActions, "longer than maxActions: " + where);
        assertTrue(TraceGenerator.forAttack(scenario.attack()).wellFormed(actions), "not well formed: " + where);
        if (!shrinkComplete) {
            return;
        }
        TraceGenerator g = TraceGenerator.forAttack(scenario.attack());
        for (int i = 0; i < actions.size(); i++) {
            List<TraceAction> less = new ArrayList<>(actions);
            less.remove(i);
            assertFalse(!less.isEmpty() && g.wellFormed(less) && runner.run(scenario, less).violated(property),
                    "action " + i + " can be removed: " + where);
        }
        assertEquals(actions, List.copyOf(actions));
    }

    String describe() {
        return ActionJson.describe(actions) + " (scenario seed " + scenario.seed()
                + (scenario.keyedSide() == null ? "" : ", keyedSide " + scenario.keyedSide())
                + ", try " + tries + ", trySeed " + trySeed + ")";
    }
}
