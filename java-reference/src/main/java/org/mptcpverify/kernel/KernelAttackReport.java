package org.mptcpverify.kernel;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one live attack against the Linux kernel.
 *
 * @param attack        the attack's vocabulary name
 * @param succeeded     true only when the kernel's own evidence shows the attack worked
 * @param evidence      what the kernel and its applications showed, one fact a line
 * @param pcap          where the attacker's capture was written, if it was
 * @param kernelRelease uname -r of the kernel attacked
 * @param millis        wall time of the whole run, set-up and teardown included
 */
public record KernelAttackReport(String attack, boolean succeeded, List<String> evidence, Optional<Path> pcap,
                                 String kernelRelease, long millis) {
    public KernelAttackReport {
        evidence = List.copyOf(evidence);
    }

    /** The report as JSON (fixed field order), for citing a run. */
    public String toJson(long seed, boolean wrongKeys) {
        var m = new com.fasterxml.jackson.databind.ObjectMapper();
        var o = m.createObjectNode();
        o.put("attack", attack);
        o.put("target", "linux");
        o.put("kernelRelease", kernelRelease);
        o.put("succeeded", succeeded);
        o.put("seed", seed);
        o.put("wrongKeys", wrongKeys);
        o.put("millis", millis);
        o.put("pcap", pcap.map(Path::toString).orElse(null));
        var ev = o.putArray("evidence");
        evidence.forEach(ev::add);
        try {
            return m.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
