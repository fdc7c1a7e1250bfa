package org.mptcpverify.trace;

import java.util.List;
import java.util.Map;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.wire.Bytes;

/**
 * What a trace did on the reference.
 *
 * @param steps       one human-readable line per action: what each side did
 * @param enabled     per action, whether it was enabled (a disabled action is a no-op and is
 *                    reported, e.g. ForgeJoin when the attacker cannot build the token field)
 * @param violations  the properties of the scenario's attack that the final state or any
 *                    intermediate state violates, each with a one-line explanation
 * @param segments    every segment that crossed the simulated wire, in order, as whole IP packets
 * @param observations per action, the observable state after it (keys in docs/threat-model.md,
 *                    "Observations"), used by TLA+ trace validation
 */
public record RunOutcome(List<String> steps, List<Boolean> enabled, List<Violation> violations,
                         List<WireRecord> segments, List<Map<String, Object>> observations) {
    /**
     * @param afterSegments how many of {@link #segments} had crossed the wire when the monitor
     *                      first saw the violation (where a sequence chart marks it); -1 unknown
     */
    public record Violation(PropertyId property, int atStep, String explanation, int afterSegments) {
        public Violation(PropertyId property, int atStep, String explanation) {
            this(property, atStep, explanation, -1);
        }
    }

    /**
     * One segment on the wire: its IP packet bytes, the path, and who really sent it.
     *
     * @param id the segment's identity on the network: a relayed or rewritten copy keeps the id of
     *           the segment it was made from (how a chart tells a rewrite from a new segment); -1 unknown
     */
    public record WireRecord(int step, String path, String origin, Bytes ipPacket, long id) {
        public WireRecord(int step, String path, String origin, Bytes ipPacket) {
            this(step, path, origin, ipPacket, -1);
        }
    }

    public boolean violated(PropertyId p) {
        return violations.stream().anyMatch(v -> v.property() == p);
    }
}
