package org.mptcpverify.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/** The bounded reference decision procedure the column tests compare engines with, and its comparison. */
class ReferenceEnumerationTest {
    static final long SEED = Long.getLong("mptcp.seed", 20261127L);

    /** The bound the column tests use must contain every committed counterexample, or a cell could differ unnoticed. */
    @Test
    void theBoundContainsEveryCommittedCounterexample() throws IOException {
        Path root = Path.of(System.getProperty("mptcp.repoRoot", "..")).resolve("counterexamples");
        ObjectMapper json = new ObjectMapper();
        int files = 0;
        int longest = 0;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode actions = json.readTree(p.toFile()).path("actions");
                if (actions.isArray()) {
                    files++;
                    longest = Math.max(longest, actions.size());
                }
            }
        }
        assertTrue(files > 0, "no committed counterexamples under " + root);
        assertTrue(longest <= ReferenceEnumeration.COUNTEREXAMPLE_BOUND,
                "longest committed counterexample has " + longest + " actions");
    }

    /** Mutants: a flipped verdict or a property the reference never violates must be reported. */
    @Test
    void aWrongVerdictIsReported() {
        Set<PropertyId> rfc = ReferenceEnumeration.violated(SchemeId.RFC8684, AttackId.EAVESDROP_HANDSHAKE, 2, SEED);
        Set<PropertyId> bound = ReferenceEnumeration.violated(SchemeId.BOUND_KEY, AttackId.EAVESDROP_HANDSHAKE, 2, SEED);
        assertEquals(EnumSet.of(PropertyId.JOIN_AUTHENTICITY), rfc, "keys in the clear: a forged join within two actions");
        assertTrue(ReferenceEnumeration.disagreement(Verdict.VIOLATED, rfc, rfc).isEmpty());
        assertTrue(ReferenceEnumeration.disagreement(Verdict.HOLDS, Set.of(), rfc).isPresent(), "missed violation");
        if (bound.isEmpty()) {
            assertTrue(ReferenceEnumeration.disagreement(Verdict.HOLDS, Set.of(), bound).isEmpty());
        }
        assertTrue(ReferenceEnumeration.disagreement(Verdict.VIOLATED, rfc, Set.of()).isPresent(), "violation the reference cannot reach");
        assertTrue(ReferenceEnumeration.disagreement(Verdict.VIOLATED,
                EnumSet.of(PropertyId.CLOSE_AUTHENTICITY), rfc).isPresent(), "wrong property");
        assertTrue(ReferenceEnumeration.disagreement(Verdict.INCONCLUSIVE, Set.of(), rfc).isEmpty(), "no claim, nothing to compare");
    }

    /** Negative control 1: the enumeration reaches every applicable property of `broken`, in every cell. */
    @Test
    void theEnumerationFindsEveryViolationOfBroken() {
        for (AttackId a : AttackId.values()) {
            if (!a.actionLevel()) continue; // segment-level columns: GenericHandshakeColumnsTest
            Set<PropertyId> all = EnumSet.noneOf(PropertyId.class);
            // (the action vocabulary is the old models': it has no answer to a client's join, so
            // JoinAnswerAuthenticity, judged by the segment-level traces engine only, is not expected)
            all.addAll(a.modelledProperties(SchemeId.BROKEN));
            assertTrue(!all.isEmpty(), a.toString());
            assertEquals(all, ReferenceEnumeration.violated(SchemeId.BROKEN, a, ReferenceEnumeration.COUNTEREXAMPLE_BOUND, SEED), a.toString());
        }
    }

    /** Negative control 2: given the external key, the enumeration forges a join against every external-key scheme. */
    @Test
    void theEnumerationFindsTheForgedJoinOfAnAttackerWithTheKey() {
        for (SchemeId s : SchemeId.values()) {
            if (s.usesExternalKey()) {
                Set<PropertyId> v = ReferenceEnumeration.violated(s, AttackId.EAVESDROP_HANDSHAKE, 2, SEED, true);
                assertTrue(v.contains(PropertyId.JOIN_AUTHENTICITY), s + ": " + v);
            }
        }
        assertTrue(List.of(SchemeId.values()).stream().anyMatch(SchemeId::usesExternalKey));
    }
}
