package org.mptcpverify.traces;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.mptcpverify.trace.RunOutcome;
import org.mptcpverify.trace.Scenario;
import org.mptcpverify.trace.ScenarioRunner;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.Bytes;

/**
 * A toy protocol standing in for the reference, with violations whose minimal traces are known:
 * <ul>
 * <li>JoinAuthenticity: ForgeJoin(c) right after an Advertise(c) with no Join(c) in between
 *     (minimum: Connect(c1), Advertise(c1), ForgeJoin(c1));</li>
 * <li>JoinStateUnforgeable: more than two enabled SpoofJoinSyn at one connection, in any mode
 *     and from any source (minimum: Connect(c1) and three SpoofJoinSyn(c1, forge, spoof1));</li>
 * <li>KeyIsolation: a Join while both c1's and c2's connections are open
 *     (minimum: Connect(c1), Connect(c2), Join(c1));</li>
 * <li>the first property of every other attack: a Close(c) after a Join(c)
 *     (minimum: Connect(c1), Join(c1), Close(c1)).</li>
 * </ul>
 * Scheme {@code bound-key} is "secure": it never violates anything. An action is enabled when
 * the toy state allows it (no action on a connection that is not open, replay only after the
 * attacker saw a join before acting), so generator and runner can be checked against each other.
 */
final class ToyRunner implements ScenarioRunner {
    private static final List<PropertyId> SPECIAL = List.of(PropertyId.JOIN_AUTHENTICITY,
            PropertyId.JOIN_STATE_UNFORGEABLE, PropertyId.KEY_ISOLATION);
    final AtomicInteger runs = new AtomicInteger();

    @Override
    public RunOutcome run(Scenario scenario, List<TraceAction> actions) {
        runs.incrementAndGet();
        Map<String, String> conn = new LinkedHashMap<>();
        conn.put("c1", "none");
        if (scenario.attack().wireName().equals("two-keys-one-host")) {
            conn.put("c2", "none");
        }
        Map<String, Integer> halfOpen = new LinkedHashMap<>();
        Map<String, Boolean> advertised = new LinkedHashMap<>();
        Map<String, Boolean> joinSeen = new LinkedHashMap<>();
        Map<String, Boolean> joined = new LinkedHashMap<>();
        boolean attackerActed = false;
        boolean secure = scenario.scheme() == SchemeId.BOUND_KEY;
        List<String> steps = new ArrayList<>();
        List<Boolean> enabled = new ArrayList<>();
        List<RunOutcome.Violation> violations = new ArrayList<>();
        List<RunOutcome.WireRecord> segments = new ArrayList<>();
        List<Map<String, Object>> observations = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            TraceAction a = actions.get(i);
            String c = a.client();
            boolean open = "mptcp".equals(conn.get(c));
            boolean on;
            PropertyId violated = null;
            if (a instanceof TraceAction.Connect) {
                on = "none".equals(conn.get(c));
                if (on) {
                    conn.put(c, "mptcp");
                }
            } else if (a instanceof TraceAction.SpoofJoinSyn s) {
                on = open && (s.mode().equals("forge") || joinSeen.getOrDefault(c, false));
                if (on) {
                    int n = halfOpen.merge(c, 1, Integer::sum);
                    if (n > 2) {
                        violated = PropertyId.JOIN_STATE_UNFORGEABLE;
                    }
                }
            } else {
                on = open;
                if (on && a instanceof TraceAction.Advertise) {
                    advertised.put(c, true);
                    if (!attackerActed) {
                        joinSeen.put(c, true);
                    }
                } else if (on && a instanceof TraceAction.Join) {
                    advertised.put(c, false);
                    joined.put(c, true);
                    if (!attackerActed) {
                        joinSeen.put(c, true);
                    }
                    if ("mptcp".equals(conn.get("c1")) && "mptcp".equals(conn.get("c2"))) {
                        violated = PropertyId.KEY_ISOLATION;
                    }
                } else if (on && a instanceof TraceAction.ForgeJoin && advertised.getOrDefault(c, false)) {
                    violated = PropertyId.JOIN_AUTHENTICITY;
                } else if (on && a instanceof TraceAction.Close) {
                    conn.put(c, "closed");
                    if (joined.getOrDefault(c, false)) {
                        violated = PropertyId.LEGIT_JOIN_SUCCEEDS; // stands for "the other properties"
                    }
                }
            }
            attackerActed |= on && a.byAttacker();
            enabled.add(on);
            steps.add(a.name() + (on ? "" : " (not enabled)"));
            if (on) {
                segments.add(new RunOutcome.WireRecord(i, "p1", a.byAttacker() ? "x" : c,
                        Bytes.of(new byte[] {0x45, 0, 0, 20, 0, 0, 0, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, (byte) i})));
            }
            if (violated != null && !secure) {
                PropertyId reported = violated == PropertyId.LEGIT_JOIN_SUCCEEDS
                        ? scenario.attack().properties().get(0) : violated;
                boolean special = SPECIAL.contains(scenario.attack().properties().get(0));
                if ((violated != PropertyId.LEGIT_JOIN_SUCCEEDS || !special)
                        && scenario.attack().properties().contains(reported)
                        && violations.stream().noneMatch(v -> v.property() == reported)) {
                    violations.add(new RunOutcome.Violation(reported, i, "toy violation at step " + i));
                }
            }
            Map<String, Object> obs = new LinkedHashMap<>();
            for (String client : conn.keySet()) {
                obs.put("conn." + client, conn.get(client));
                obs.put("halfOpen." + client, halfOpen.getOrDefault(client, 0));
            }
            obs.put("attackerKnowsKey", false);
            observations.add(obs);
        }
        return new RunOutcome(steps, enabled, violations, segments, observations);
    }
}
