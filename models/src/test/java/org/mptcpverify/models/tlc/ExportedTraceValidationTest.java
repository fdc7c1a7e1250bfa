package org.mptcpverify.models.tlc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.mptcpverify.vocab.SchemeId;

/**
 * Reference -> model on the traces engine's export (properties/target/validation-traces, written
 * by its ValidationTraceExportTest, docs/traces-engine.md). The properties module builds after
 * this one, so on a clean build the export does not exist yet: the test then says so and skips.
 * {@code -Dmptcp.validationTraces=DIR} points it at another export.
 */
class ExportedTraceValidationTest {
    @Test
    void exportedReferenceTracesFitTheModel() throws Exception {
        Path root = Path.of(System.getProperty("mptcp.repoRoot", ".."));
        String override = System.getProperty("mptcp.validationTraces");
        Path dir = override != null ? Path.of(override)
                : root.resolve("properties").resolve("target").resolve("validation-traces");
        Assumptions.assumeTrue(Files.isDirectory(dir),
                "no exported validation traces at " + dir + " (run the properties module's trace-export first)");
        List<ValidationTrace> traces = new ArrayList<>();
        for (SchemeId s : SchemeId.values()) {
            Path file = dir;
            for (String part : s.wireName().split("/")) {
                file = file.resolve(part);
            }
            file = file.resolveSibling(file.getFileName() + ".json");
            if (Files.isRegularFile(file)) {
                traces.addAll(ValidationTraces.read(file, s));
            }
        }
        Assumptions.assumeFalse(traces.isEmpty(), "no <scheme>.json files in " + dir);
        TraceValidator.Result r = new TraceValidator().validate(traces,
                TlcTestSupport.TARGET.resolve("exported-traces"), TlcTestSupport.seed(), Duration.ofMinutes(5));
        assertTrue(r.completed(), r.error());
        StringBuilder msg = new StringBuilder(r.mismatches().size() + " of " + r.traces()
                + " exported traces do not fit:\n");
        r.mismatches().stream().limit(20).forEach(m -> msg.append(m).append('\n'));
        assertTrue(r.mismatches().isEmpty(), msg.toString());
    }
}
