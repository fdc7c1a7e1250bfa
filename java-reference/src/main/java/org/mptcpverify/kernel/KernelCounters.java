package org.mptcpverify.kernel;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mptcpverify.collect.Ordered;

/**
 * The kernel's MPTCP MIB counters (MPTcpExt* in /proc/net/netstat, what `nstat` shows) of one
 * network namespace. /proc/net is per namespace, so reading it via `ip netns exec` gives that
 * namespace's counters.
 */
public record KernelCounters(Map<String, Long> values) {
    public KernelCounters {
        values = Ordered.copy(values);
    }

    public static KernelCounters read(String netns) throws IOException {
        return parse(Commands.runIn(netns, "cat", "/proc/net/netstat"));
    }

    /** The counters of another /proc/net/netstat group, e.g. "TcpExt" (SYN cookies, listen queue overflows). */
    public static KernelCounters read(String netns, String group) throws IOException {
        return parse(Commands.runIn(netns, "cat", "/proc/net/netstat"), group);
    }

    static KernelCounters parse(String netstat) {
        return parse(netstat, "MPTcpExt");
    }

    /** Parses /proc/net/netstat: pairs of lines "Group: names..." then "Group: values...". */
    static KernelCounters parse(String netstat, String group) {
        Map<String, Long> out = new LinkedHashMap<>();
        String[] lines = netstat.split("\n");
        for (int i = 0; i + 1 < lines.length; i += 2) {
            String[] names = lines[i].trim().split("\\s+");
            String[] nums = lines[i + 1].trim().split("\\s+");
            if (!names[0].equals(group + ":") || !nums[0].equals(group + ":")) {
                continue;
            }
            for (int k = 1; k < Math.min(names.length, nums.length); k++) {
                out.put(group + names[k], Long.parseLong(nums[k]));
            }
        }
        return new KernelCounters(out);
    }

    public long get(String name) {
        return values.getOrDefault(name, 0L);
    }

    /** Counters that changed since {@code before}, as after - before. */
    public Map<String, Long> since(KernelCounters before) {
        Map<String, Long> d = new java.util.TreeMap<>();
        values.forEach((k, v) -> {
            long diff = v - before.get(k);
            if (diff != 0) {
                d.put(k, diff);
            }
        });
        return d;
    }
}
