package org.mptcpverify.models.tlc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.trace.ReferenceRunner;
import org.mptcpverify.vocab.SchemeId;

/** Reference -> model: traces generated here, run on the reference, replayed in TLA+. */
class ReferenceAgreementTest {
    @Test
    void generatedReferenceTracesFitTheModel() throws Exception {
        List<ValidationTrace> traces = ReferenceTraceGenerator.generate(new ReferenceRunner(),
                SchemeId.modelledSchemes(), 3, 7, TlcTestSupport.seed());
        TraceValidator.Result r = new TraceValidator().validate(traces,
                TlcTestSupport.TARGET.resolve("reference-agreement"), TlcTestSupport.seed(), Duration.ofMinutes(3));
        assertTrue(r.completed(), r.error());
        StringBuilder msg = new StringBuilder(r.mismatches().size() + " of " + r.traces() + " traces do not fit:\n");
        r.mismatches().forEach(m -> msg.append(m).append('\n'));
        assertTrue(r.mismatches().isEmpty(), msg.toString());
    }
}
