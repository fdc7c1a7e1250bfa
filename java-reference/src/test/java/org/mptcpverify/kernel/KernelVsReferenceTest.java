package org.mptcpverify.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.mptcpverify.wire.MptcpOption;

/**
 * The same segment sequences against the kernel server and the reference server (rfc8684).
 * Every step where their replies differ (kind, MPTCP options, MP_TCPRST reason; random values
 * aside) must be one of the differences documented, with its reason, in docs/kernel.md.
 */
class KernelVsReferenceTest {
    /** "scenario / step" of each documented difference, with the reason's short name. */
    static final Map<String, String> DOCUMENTED = new TreeMap<>(Map.of(
            "add-addr-bad-hmac / control: (nothing sent) the server's own segment to 10.1.0.67",
            "the kernel server's path manager joins announced addresses (add_addr_accepted 2)"));

    private static List<KernelObservation> reference() throws Exception {
        return DifferentialScenarios.play(new ReferenceResponder(Topology.SERVER, DifferentialScenarios.PORT, 7L), 7L);
    }

    @Test
    void everyDifferenceFromTheKernelIsDocumented() throws Exception {
        KernelAssumptions.assumeKernelAvailable();
        List<Differences.Difference> diffs = Differences.between(DifferentialScenarios.runAll(7L), reference());
        diffs.forEach(d -> System.out.println("   differs: " + d));
        TreeSet<String> found = new TreeSet<>();
        diffs.forEach(d -> found.add(d.scenario() + " / " + d.step()));
        assertEquals(DOCUMENTED.keySet(), found,
                "kernel vs reference differences changed: update docs/kernel.md and DOCUMENTED\n" + diffs);
    }

    /** Runs without root: the reference alone meets the RFC 8684 expectations the kernel meets. */
    @Test
    void referenceMeetsTheRfcRowsOfTheDifferentialTable() throws Exception {
        List<KernelObservation> ref = reference();
        KernelReply syn = step(ref, "mp-capable-v1", "SYN").reply();
        assertEquals(KernelReply.Kind.SYN_ACK, syn.kind());
        MptcpOption.MpCapable mpc = syn.option(MptcpOption.MpCapable.class).orElseThrow();
        assertTrue(mpc.version() == 1 && mpc.senderKey().isPresent() && (mpc.flags() & MptcpOption.FLAG_H_HMAC) != 0);
        assertEquals(KernelReply.Kind.SILENCE, step(ref, "mp-capable-v1", "third ACK").reply().kind());
        assertEquals(Optional.of(1), step(ref, "join-unknown-token", "SYN").reply().resetReason());
        assertEquals("HMAC-B valid: true", step(ref, "join-bad-hmac", "SYN").note());
        assertEquals(Optional.of(1), step(ref, "join-bad-hmac", "third ACK").reply().resetReason());
        assertEquals(KernelReply.Kind.ACK, step(ref, "good-join", "third ACK").reply().kind());
        assertEquals(KernelReply.Kind.SILENCE, step(ref, "add-addr-bad-hmac", "ACK + ADD_ADDR").reply().kind());
        assertTrue(step(ref, "add-addr-bad-hmac", "control: ACK + ADD_ADDR").reply()
                .option(MptcpOption.AddAddr.class).map(MptcpOption.AddAddr::echo).orElse(false), "echo");
        assertEquals(KernelReply.Kind.SILENCE, step(ref, "fastclose-wrong-key", "ACK + MP_FASTCLOSE").reply().kind());
        assertEquals(KernelReply.Kind.RST, step(ref, "fastclose-wrong-key", "control:").reply().kind());
        assertEquals(KernelReply.Kind.SILENCE, step(ref, "add-addr-port", "ACK + ADD_ADDR").reply().kind(),
                "RFC 8684 3.4.1: the HMAC covers the port");
        assertTrue(step(ref, "add-addr-port", "control:").reply().option(MptcpOption.AddAddr.class)
                .map(MptcpOption.AddAddr::echo).orElse(false), "echo");
        assertEquals(KernelReply.Kind.RST, step(ref, "rst-initial-subflow", "then ACK + MP_FASTCLOSE").reply().kind(),
                "the connection outlived its initial subflow");
        assertEquals(KernelReply.Kind.SILENCE, step(ref, "fastclose-on-rst", "RST + MP_FASTCLOSE").reply().kind());
        assertEquals(KernelReply.Kind.RST, step(ref, "fastclose-on-rst", "control:").reply().kind(),
                "RFC 8684 3.5: RST + MP_FASTCLOSE resets the other subflows");
        assertTrue(step(ref, "remove-addr", "ACK + REMOVE_ADDR(2)").reply().fin(), "the join is closed");
        // join limits: Linux's (no half-open bound, subflows checked at the third ACK)
        assertEquals(Optional.of(3), step(ref, "join-beyond-limit", "third ACK + MP_JOIN, join 3").reply().resetReason());
        assertEquals(KernelReply.Kind.ACK, step(ref, "half-open-joins", "then a legitimate join: third ACK").reply().kind());
        assertEquals(Optional.of(1), step(ref, "fallback", "then SYN + MP_JOIN").reply().resetReason(),
                "RFC 8684 3.7: a fallen-back connection takes no joins");
    }

    private static KernelObservation step(List<KernelObservation> obs, String scenario, String prefix) {
        return obs.stream().filter(o -> o.scenario().equals(scenario) && o.step().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError(scenario + ": no step " + prefix));
    }
}
