package org.mptcpverify.models.proof;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.mptcpverify.vocab.PropertyId;

/**
 * The measurement behind docs/proofs.md "Both ends" (not a CI check: it runs only with
 * {@code -Dprobe.otherEnd=true}; {@code -Dprobe.clients=2} for two clients, {@code -Dprobe.alloy=true} for the
 * Alloy induction too): the other end of every
 * AddrAuthenticity and CloseAuthenticity row of the default matrix, its status, failed check and
 * the Java checks' thread CPU time.
 */
class OtherEndProbe {
    private record Row(String scheme, String attack, PropertyId property) {}

    @Test
    void otherEnds() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("probe.otherEnd"), "a measurement, run with -Dprobe.otherEnd=true");
        ProofScope scope = ProofScope.STANDARD.withClients(Integer.getInteger("probe.clients", 1));
        List<Row> rows = List.of(
                new Row("draft-baerts", "add-addr-mitm", PropertyId.ADDR_AUTHENTICITY),
                new Row("draft-baerts", "fastclose-forge", PropertyId.CLOSE_AUTHENTICITY),
                new Row("draft-baerts/low-order", "add-addr-mitm", PropertyId.ADDR_AUTHENTICITY),
                new Row("bound-key", "add-addr-mitm", PropertyId.ADDR_AUTHENTICITY),
                new Row("bound-key", "fastclose-forge", PropertyId.CLOSE_AUTHENTICITY),
                new Row("draft-paasch", "add-addr-mitm", PropertyId.ADDR_AUTHENTICITY),
                new Row("draft-paasch", "fastclose-forge", PropertyId.CLOSE_AUTHENTICITY),
                new Row("draft-baerts/low-order", "fastclose-forge", PropertyId.CLOSE_AUTHENTICITY),
                new Row("draft-paasch/unsignalled", "add-addr-mitm", PropertyId.ADDR_AUTHENTICITY),
                new Row("draft-paasch/unsignalled", "fastclose-forge", PropertyId.CLOSE_AUTHENTICITY));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (Row r : rows) {
            long c0 = mx.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            ProofResult p = InductiveProof.proveOtherEnd(ProtectingCheckMutants.definition(r.scheme()), r.attack(), r.property(),
                    scope);
            double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            double wall = (System.nanoTime() - w0) / 1e9;
            System.out.printf(Locale.ROOT, "OTHER-END %s / %s / %s (clients %d): %s %s | cpu %.2f s wall %.2f s | %s | %s%n",
                    r.scheme(), r.attack(), r.property(), scope.clients(), p.status(),
                    p.failedCheck() == null ? "" : "(" + p.failedCheck() + ")", cpu, wall, p.reason(),
                    p.counterexample() == null ? "" : p.counterexample());
            if (Boolean.getBoolean("probe.alloy")) {
                var def = ProtectingCheckMutants.definition(r.scheme());
                java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("other-end-probe");
                var a = org.mptcpverify.models.alloy.AlloyInduction.check(org.mptcpverify.models.core.SchemeDataBuilder.build(def),
                        org.mptcpverify.models.core.SchemeDataBuilder.mirror(def), r.attack(), r.property(), scope, dir, true);
                int vars = a.commands().stream().filter(c -> c.label().equals("Step")).mapToInt(c -> c.vars()).max().orElse(0);
                int clauses = a.commands().stream().filter(c -> c.label().equals("Step")).mapToInt(c -> c.clauses()).max().orElse(0);
                System.out.printf(Locale.ROOT, "OTHER-END-ALLOY %s / %s / %s (clients %d): %s %s | solver cpu %.2f s wall %.2f s"
                        + " | Step <= %d vars, %d clauses | %s | %s%n", r.scheme(), r.attack(), r.property(), scope.clients(),
                        a.status(), a.failedCheck() == null ? "" : "(" + a.failedCheck() + ")", a.cpuSeconds(), a.seconds(), vars,
                        clauses, a.scope(), a.counterexample() == null ? "" : a.counterexample());
            }
        }
    }
}
