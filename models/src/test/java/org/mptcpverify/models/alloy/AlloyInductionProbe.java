package org.mptcpverify.models.alloy;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.models.core.SchemeData;
import org.mptcpverify.models.core.SchemeDataBuilder;
import org.mptcpverify.models.proof.InductiveProof;
import org.mptcpverify.models.proof.ProofResult;
import org.mptcpverify.models.proof.ProofScope;
import org.mptcpverify.vocab.PropertyId;

/**
 * The measurement behind docs/proofs.md "Alloy induction, measured" (not a CI check: it runs only
 * with {@code -Dprobe.rows=true}): every row of the proofs table, Alloy's and Java's status, the
 * failed check, and Alloy's CPU and wall time per property.
 */
class AlloyInductionProbe {
    private static final PropertyId JA = PropertyId.JOIN_AUTHENTICITY;
    private static final PropertyId EKS = PropertyId.EXTERNAL_KEY_SECRECY;

    private record Row(String file, String attack, List<PropertyId> props) {}

    /** The rows of docs/proofs.md's table: its HOLDS and VACUOUS cells, then the VIOLATED controls. */
    private static List<Row> table() {
        return List.of(
                new Row("draft-paasch.scheme", "eavesdrop-handshake", List.of(JA)),
                new Row("draft-paasch.scheme", "eavesdrop-all", List.of(JA, EKS)),
                new Row("draft-paasch/unsignalled.scheme", "eavesdrop-handshake", List.of(JA)),
                new Row("draft-paasch/unsignalled.scheme", "eavesdrop-all", List.of(JA, EKS)),
                new Row("draft-baerts.scheme", "eavesdrop-handshake", List.of(JA)),
                new Row("draft-baerts.scheme", "eavesdrop-all", List.of(JA, EKS)),
                new Row("draft-baerts.scheme", "add-addr-mitm", List.of(PropertyId.ADDR_AUTHENTICITY)),
                new Row("draft-baerts.scheme", "fastclose-forge", List.of(PropertyId.CLOSE_AUTHENTICITY)),
                new Row("draft-baerts/low-order.scheme", "eavesdrop-handshake", List.of(JA)),
                new Row("draft-baerts/low-order.scheme", "eavesdrop-all", List.of(JA, EKS)),
                new Row("draft-baerts/low-order.scheme", "add-addr-mitm", List.of(PropertyId.ADDR_AUTHENTICITY)),
                new Row("bound-key.scheme", "add-addr-mitm", List.of(PropertyId.ADDR_AUTHENTICITY)),
                new Row("bound-key.scheme", "fastclose-forge", List.of(PropertyId.CLOSE_AUTHENTICITY)),
                new Row("bound-key.scheme", "eavesdrop-handshake", List.of(JA)),
                new Row("bound-key.scheme", "eavesdrop-all", List.of(JA, EKS)),
                new Row("draft-paasch.scheme", "add-addr-mitm", List.of(PropertyId.ADDR_AUTHENTICITY)),
                new Row("draft-paasch.scheme", "fastclose-forge", List.of(PropertyId.CLOSE_AUTHENTICITY)),
                new Row("draft-baerts/low-order.scheme", "fastclose-forge", List.of(PropertyId.CLOSE_AUTHENTICITY)),
                new Row("broken.scheme", "eavesdrop-all", List.of(JA, EKS)));
    }

    @Test
    void rows() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("probe.rows"), "a measurement, run with -Dprobe.rows=true");
        List<Row> rows = table();
        // -Dprobe.clients=2: the same rows for two clients of one application (docs/proofs.md, "Scope")
        ProofScope scope = ProofScope.STANDARD.withClients(Integer.getInteger("probe.clients", 1));
        for (Row r : rows) {
            SchemeData d = SchemeDataBuilder.build(DefinitionParser.parse(Path.of("schemes", r.file())));
            for (PropertyId p : r.props()) {
                ProofResult jc = InductiveProof.prove(d, r.attack(), p, scope);
                AlloyInduction.Result a = AlloyInduction.check(d, r.attack(), p, scope,
                        Path.of("target", "probe", d.name().replace('/', '_') + "-" + r.attack() + "-" + p + "-c" + scope.clients()));
                AlloyInduction.Command step = a.commands().stream().filter(c -> c.label().equals("Step")).findFirst().orElse(null);
                System.out.printf(Locale.ROOT, "ROW | `%s` / `%s` | %s | %s | %s | %s | %s | %.2f | %.2f | %s%n", d.name(), r.attack(), p,
                        a.status(), a.failedCheck() == null ? "" : a.failedCheck(), jc.status(),
                        jc.failedCheck() == null ? "" : jc.failedCheck(), a.cpuSeconds(), a.seconds(),
                        step == null ? "" : step.vars() + " vars / " + step.clauses() + " clauses");
                if (a.counterexample() != null) {
                    System.out.println("CEX " + a.counterexample());
                }
            }
        }
    }

    /**
     * The java-closure status of every row at one and two clients, for J = H = 1, 2, 3
     * ({@code -Dprobe.population=true}; {@code -Dprobe.jh=N} for one size only), with the
     * in-process time and, at two clients, the failed check's counterexample.
     */
    @Test
    void javaClosureAtOneAndTwoClients() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("probe.population"), "a measurement, run with -Dprobe.population=true");
        int[] sizes = Integer.getInteger("probe.jh", 0) > 0 ? new int[] {Integer.getInteger("probe.jh")} : new int[] {1, 2, 3};
        for (Row r : table()) {
            SchemeData d = SchemeDataBuilder.build(DefinitionParser.parse(Path.of("schemes", r.file())));
            for (PropertyId p : r.props()) {
                StringBuilder line = new StringBuilder("PROBE " + d.name() + " / " + r.attack() + " / " + p.modelName());
                for (int clients = 1; clients <= 2; clients++) {
                    for (int jh : sizes) {
                        long t0 = System.nanoTime();
                        ProofResult res = InductiveProof.prove(d, r.attack(), p, new ProofScope(jh, jh, false, clients));
                        line.append(String.format(Locale.ROOT, " | C=%d J=H=%d %s%s %.1fs", clients, jh, res.status(),
                                res.failedCheck() == null ? "" : "(" + res.failedCheck() + ")", (System.nanoTime() - t0) / 1e9));
                        if (clients == 2 && res.failedCheck() != null && jh == sizes[0]) {
                            line.append(" [").append(res.reason()).append(" :: ").append(res.counterexample()).append(']');
                        }
                    }
                }
                System.out.println(line);
            }
        }
    }
}
