package org.mptcpverify.sweeps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * Which bounds `sweeps` raises per engine, and how a run's rows become a {@link SweepData.Sweep}.
 * Each range contains the engine's default level (traces: 24 segment events of the generic
 * attacker; tlc core: 1 join, 2 in the functional columns; 2 injections), starts below it (where the
 * verdict comes from) and ends above it (whether it stays); a level that times out ends its sweep.
 */
public final class SweepPlan {
    private SweepPlan() {}

    /** One swept key and its levels. */
    public record Range(String key, List<Integer> levels) {
        static Range of(String key, int from, int to) {
            return new Range(key, IntStream.rangeClosed(from, to).boxed().toList());
        }
    }

    /** The ranges of {@code engine} for a column: injections only where the column has an attacker. */
    public static List<Range> of(String engine, AttackId attack) {
        return switch (engine) {
            // the generic attacker's steps are segment events (a handshake alone is 6): below, at and above its 24
            case "traces" -> List.of(new Range("steps", List.of(12, 18, 24, 30, 36)));
            case "tlc" -> attack.hasAttacker()
                    ? List.of(Range.of("joins", 1, 3), Range.of("injections", 0, 3))
                    : List.of(Range.of("joins", 1, 3));
            default -> throw new IllegalArgumentException("no sweep plan for engine " + engine);
        };
    }

    /** The model an engine's sweeps ran on (the {@code tlc} sweeps always use the generic core). */
    public static String model(String engine) {
        return engine.equals("tlc") ? "core" : "reference";
    }

    /** A sweep from the rows {@code SweepCommand} produces (times dropped: the file stays deterministic). */
    public static SweepData.Sweep sweep(String engine, SchemeId scheme, AttackId attack, String key, long seed,
                                        int timeoutSeconds, Map<String, String> inputs, List<Map<String, Object>> rows) {
        List<SweepData.Level> levels = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            String why = reason(r.get("reason"));
            boolean timedOut = why != null && why.contains("timeout");
            // what a timed-out run had explored when it was stopped depends on the machine: left out
            levels.add(new SweepData.Level((Integer) r.get(key), (String) r.get("verdict"),
                    timedOut ? null : str(r.get("size")), timedOut ? null : str(r.get("bounds")), why));
        }
        return new SweepData.Sweep(engine, model(engine), scheme, attack, key, seed, timeoutSeconds, inputs, levels);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    /** Reasons with a measured time in them ("timeout after 180 s") would make the file differ run to run. */
    private static String reason(Object o) {
        if (o == null) return null;
        String r = o.toString();
        return r.startsWith("timeout") ? "timeout" : r.replaceAll("timeout after [^;)]*", "timeout");
    }
}
