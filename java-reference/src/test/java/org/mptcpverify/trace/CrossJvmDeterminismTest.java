package org.mptcpverify.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * Same inputs and seed, same bytes out, also in another JVM (where hash-based iteration orders of
 * immutable collections differ): a digest of every scheme's outcome computed here and in a child JVM.
 */
class CrossJvmDeterminismTest {
    static final List<TraceAction> TRACE = List.of(new TraceAction.Connect("c1"), new TraceAction.Join("c1"),
            new TraceAction.Advertise("c1"), new TraceAction.ForgeJoin("c1"),
            new TraceAction.SpoofJoinSyn("c1", "replay", "spoof1"), new TraceAction.ForgeAddAddr("c1"),
            new TraceAction.ForgeFastClose("c1"), new TraceAction.Close("c1"));

    /** The digest of every scheme's run of {@link #TRACE} under three set-ups with seed {@code seed}. */
    static String digest(long seed) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (SchemeId s : SchemeId.values()) {
            for (AttackId a : List.of(AttackId.EAVESDROP_ALL, AttackId.TWO_KEYS_ONE_HOST, AttackId.NAT_JOIN)) {
                RunOutcome o = new ReferenceRunner().run(Scenario.of(s, a, seed), TRACE);
                md.update(o.toString().getBytes(StandardCharsets.UTF_8));
                for (RunOutcome.WireRecord w : o.segments()) {
                    md.update(w.ipPacket().toArray());
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public static void main(String[] args) throws Exception {
        System.out.println(digest(Long.parseLong(args[0])));
    }

    @Test
    void anotherJvmComputesTheSameOutcomes() throws IOException, InterruptedException, NoSuchAlgorithmException {
        long seed = Long.getLong("mptcp.seed", 20261127L);
        String here = digest(seed);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrossJvmDeterminismTest.class.getName(), Long.toString(seed)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        assertEquals(here, out, "seed " + seed);
    }
}
