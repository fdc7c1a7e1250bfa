package org.mptcpverify.models.alloy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.models.core.SchemeDataBuilder;
import org.mptcpverify.models.proof.ProofScope;
import org.mptcpverify.vocab.PropertyId;

/** Manual probe (not a CI test: no assertions): -Dprobe.scheme=... -Dprobe.attack=... -Dprobe.property=... */
class AlloyInductionProbe {
    @Test
    void probe() throws Exception {
        String scheme = System.getProperty("probe.scheme");
        org.junit.jupiter.api.Assumptions.assumeTrue(scheme != null, "probe only when -Dprobe.scheme is set");
        PropertyId p = PropertyId.valueOf(System.getProperty("probe.property", "JOIN_AUTHENTICITY"));
        AlloyInduction.Result r = AlloyInduction.check(SchemeDataBuilder.build(DefinitionParser.parse(Path.of("schemes", scheme + ".scheme"))),
                System.getProperty("probe.attack", "eavesdrop-all"), p, ProofScope.STANDARD, Path.of("target", "probe"));
        System.out.println("RESULT " + r.status() + " " + r.failedCheck() + " " + r.reason() + "\n  cex " + r.counterexample() + "\n  scope " + r.scope());
        r.commands().forEach(c -> System.out.println("  " + c));
    }
}
