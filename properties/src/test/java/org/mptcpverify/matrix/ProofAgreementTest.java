package org.mptcpverify.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mptcpverify.models.proof.InductiveProof;
import org.mptcpverify.models.proof.ProofResult;
import org.mptcpverify.models.proof.ProofScope;
import org.mptcpverify.models.proof.ProofStatus;
import org.mptcpverify.traces.generic.GenericAttacker;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * Agreement of the proofs with the bounded engines: no committed counterexample (a violation that
 * replays on the reference, CommittedResultsTest) is of a cell and property the proof procedure
 * PROVES. Each traces counterexample of a property with a proof family is proved against; the proof
 * must fail (NOT_PROVED) or not apply (NOT_ATTEMPTED).
 */
class ProofAgreementTest {
    @Test
    void noReplayingCounterexampleIsOfAProvedCell() throws Exception {
        Path cx = Versions.repoRoot().resolve("counterexamples");
        List<Path> files;
        try (Stream<Path> s = Files.walk(cx)) {
            files = s.filter(p -> p.getFileName().toString().equals("traces.json")).sorted().toList();
        }
        List<String> proved = new ArrayList<>();
        int attempted = 0;
        for (Path f : files) {
            JsonNode j = new ObjectMapper().readTree(f.toFile());
            Optional<SchemeId> scheme = SchemeId.byName(j.path("scheme").asText());
            Optional<PropertyId> prop = PropertyId.byName(j.path("property").asText());
            if (scheme.isEmpty() || prop.isEmpty() || !InductiveProof.PROVABLE.contains(prop.get())
                    || j.path("attackerHasKey").asBoolean(false)) {
                continue;
            }
            ProofResult r = InductiveProof.prove(GenericAttacker.definition(scheme.get()), j.path("attack").asText(), prop.get(),
                    ProofScope.STANDARD);
            if (r.status() == ProofStatus.NOT_PROVED) {
                attempted++;
            }
            if (r.status() == ProofStatus.PROVED) {
                proved.add(cx.relativize(f) + " (" + prop.get() + ")");
            }
        }
        assertEquals(List.of(), proved, "cells with a replaying counterexample that the proof claims PROVED");
        assertTrue(attempted >= 3, "the proof was attempted and failed on " + attempted + " counterexample cells");
    }
}
