package org.mptcpverify.models.tlc;

import java.util.List;
import java.util.Map;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * A trace run on the reference, with what it observed after every action (docs/threat-model.md
 * "Observations"), to be replayed against the TLA+ model.
 *
 * @param name         where it came from, for messages (file and index, or generator and seed)
 * @param keyedSide    "client"/"server" for one-sided-key, else null
 * @param enabled      per action, whether the reference found it enabled
 * @param observations per action, the observation keys and values after it
 */
public record ValidationTrace(String name, SchemeId scheme, AttackId attack, String keyedSide,
                              boolean attackerHasKey, long seed, List<TraceAction> actions,
                              List<Boolean> enabled, List<Map<String, Object>> observations) {
    public ValidationTrace {
        actions = List.copyOf(actions);
        enabled = List.copyOf(enabled);
        observations = List.copyOf(observations);
        if (actions.size() != enabled.size() || actions.size() != observations.size()) {
            throw new IllegalArgumentException(name + ": actions, enabled and observations differ in length");
        }
    }

    /** The clients of the scenario (as the model has them). */
    public List<String> clients() {
        return attack == AttackId.TWO_KEYS_ONE_HOST ? List.of("c1", "c2") : List.of("c1");
    }
}
