package org.mptcpverify.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Step-by-step comparison of two servers' replies to the same differential scenarios. */
public final class Differences {
    /** One step where the two disagree; a missing side is "(step not reached)". */
    public record Difference(String scenario, String step, String kernel, String reference) {
        @Override
        public String toString() {
            return scenario + " / " + step + ": kernel " + kernel + ", reference " + reference;
        }
    }

    static final String NOT_REACHED = "(step not reached)";

    private Differences() {}

    public static List<Difference> between(List<KernelObservation> kernel, List<KernelObservation> reference) {
        Map<String, KernelObservation> k = index(kernel);
        Map<String, KernelObservation> r = index(reference);
        List<String> keys = new ArrayList<>(k.keySet());
        r.keySet().stream().filter(x -> !k.containsKey(x)).forEach(keys::add);
        List<Difference> out = new ArrayList<>();
        for (String key : keys) {
            String ks = k.containsKey(key) ? k.get(key).reply().shape() : NOT_REACHED;
            String rs = r.containsKey(key) ? r.get(key).reply().shape() : NOT_REACHED;
            if (!Objects.equals(ks, rs)) {
                KernelObservation any = k.containsKey(key) ? k.get(key) : r.get(key);
                out.add(new Difference(any.scenario(), any.step(), ks, rs));
            }
        }
        return out;
    }

    private static Map<String, KernelObservation> index(List<KernelObservation> obs) {
        Map<String, KernelObservation> m = new LinkedHashMap<>();
        for (KernelObservation o : obs) {
            m.putIfAbsent(o.scenario() + "\u0000" + o.step(), o);
        }
        return m;
    }
}
