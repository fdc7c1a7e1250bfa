package org.mptcpverify.models.proof;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.vocab.PropertyId;

/**
 * A measurement, not a test (run with {@code mvn -pl models test -Dtest=ProofPopulationProbe
 * -Dprobe.population=true}): the java-closure status of every row of docs/proofs.md's table at
 * one and two clients, for J = H = 1, 2, 3, with the invariant's sizes and the in-process time.
 */
class ProofPopulationProbe {
    @Test
    void everyRowAtOneAndTwoClients() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("probe.population"), "a measurement, run with -Dprobe.population=true");
        PropertyId ja = PropertyId.JOIN_AUTHENTICITY;
        PropertyId eks = PropertyId.EXTERNAL_KEY_SECRECY;
        record Row(String scheme, String attack, List<PropertyId> props) {}
        List<Row> rows = List.of(
                new Row("draft-paasch", "eavesdrop-handshake", List.of(ja)),
                new Row("draft-paasch", "eavesdrop-all", List.of(ja, eks)),
                new Row("draft-paasch/unsignalled", "eavesdrop-handshake", List.of(ja)),
                new Row("draft-paasch/unsignalled", "eavesdrop-all", List.of(ja, eks)),
                new Row("draft-baerts", "eavesdrop-handshake", List.of(ja)),
                new Row("draft-baerts", "eavesdrop-all", List.of(ja, eks)),
                new Row("draft-baerts", "add-addr-mitm", List.of(PropertyId.ADDR_AUTHENTICITY)),
                new Row("draft-baerts", "fastclose-forge", List.of(PropertyId.CLOSE_AUTHENTICITY)),
                new Row("draft-baerts/low-order", "eavesdrop-handshake", List.of(ja)),
                new Row("draft-baerts/low-order", "eavesdrop-all", List.of(ja, eks)),
                new Row("draft-baerts/low-order", "add-addr-mitm", List.of(PropertyId.ADDR_AUTHENTICITY)),
                new Row("bound-key", "add-addr-mitm", List.of(PropertyId.ADDR_AUTHENTICITY)),
                new Row("bound-key", "fastclose-forge", List.of(PropertyId.CLOSE_AUTHENTICITY)),
                new Row("bound-key", "eavesdrop-handshake", List.of(ja)),
                new Row("bound-key", "eavesdrop-all", List.of(ja, eks)),
                new Row("draft-paasch", "add-addr-mitm", List.of(PropertyId.ADDR_AUTHENTICITY)),
                new Row("draft-paasch", "fastclose-forge", List.of(PropertyId.CLOSE_AUTHENTICITY)),
                new Row("draft-baerts/low-order", "fastclose-forge", List.of(PropertyId.CLOSE_AUTHENTICITY)),
                new Row("broken", "eavesdrop-all", List.of(ja, eks)));
        int[] sizes = Integer.getInteger("probe.jh", 0) > 0 ? new int[] {Integer.getInteger("probe.jh")} : new int[] {1, 2, 3};
        for (Row r : rows) {
            SchemeDefinition def = ProtectingCheckMutants.definition(r.scheme());
            for (PropertyId p : r.props()) {
                StringBuilder line = new StringBuilder("PROBE " + r.scheme() + " / " + r.attack() + " / " + p.modelName());
                for (int clients = 1; clients <= 2; clients++) {
                    for (int jh : sizes) {
                        long t0 = System.nanoTime();
                        ProofResult res = InductiveProof.prove(def, r.attack(), p, new ProofScope(jh, jh, false, clients));
                        line.append(String.format(java.util.Locale.ROOT, " | C=%d J=H=%d %s%s %.1fs", clients, jh, res.status(),
                                res.failedCheck() == null ? "" : "(" + res.failedCheck() + ")", (System.nanoTime() - t0) / 1e9));
                        if (clients == 2 && res.status() != ProofStatus.PROVED && jh == sizes[0]) {
                            line.append(" [").append(res.reason()).append(" :: ").append(res.counterexample()).append(']');
                        }
                    }
                }
                System.out.println(line);
            }
        }
    }
}
