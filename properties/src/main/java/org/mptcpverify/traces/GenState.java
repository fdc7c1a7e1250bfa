package org.mptcpverify.traces;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mptcpverify.trace.TraceAction;

/**
 * The generator's abstract view of a scenario after a prefix of a trace: per client whether its
 * connection is not yet opened, open or closed, which clients' join SYNs the attacker has seen, and
 * whether the attacker has acted. Immutable; {@link #after} is the pure step function.
 *
 * <p>The abstraction is optimistic: a Connect may really end in a fallback or a refusal, and a forged
 * fast close may really close the connection; the reference reports such later actions as not
 * enabled, which is still a valid trace.
 */
public record GenState(Map<String, Phase> phases, Set<String> joinsObserved, boolean attackerActed) {
    public enum Phase { NONE, OPEN, CLOSED }

    public GenState {
        phases = Map.copyOf(phases);
        joinsObserved = Set.copyOf(joinsObserved);
    }

    public static GenState initial(List<String> clients) {
        Map<String, Phase> phases = new LinkedHashMap<>();
        for (String c : clients) {
            phases.put(c, Phase.NONE);
        }
        return new GenState(phases, Set.of(), false);
    }

    public Phase phase(String client) {
        return phases.getOrDefault(client, Phase.NONE);
    }

    public boolean open(String client) {
        return phase(client) == Phase.OPEN;
    }

    /** The state after {@code action}, given what the attacker observes. */
    public GenState after(TraceAction action, Observation observation) {
        Map<String, Phase> p = new LinkedHashMap<>(phases);
        Set<String> seen = new TreeSet<>(joinsObserved);
        String c = action.client();
        if (action instanceof TraceAction.Connect) {
            p.put(c, Phase.OPEN);
        } else if (action instanceof TraceAction.Close) {
            p.put(c, Phase.CLOSED);
        } else if (action instanceof TraceAction.Join || action instanceof TraceAction.Advertise) {
            // A client that accepts the ADD_ADDR opens a join to s.a2, which may be seen too.
            if (observation.seesJoin(attackerActed)) {
                seen.add(c);
            }
        }
        return new GenState(p, seen, attackerActed || action.byAttacker());
    }
}
