package org.mptcpverify.models.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.trace.ReferenceEnumeration;
import org.mptcpverify.trace.Replayer;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The whole TLC column: every matrix scheme x every attack, two cells at a time. No expected
 * verdicts are written down: each cell must agree with the Java reference's own bounded search on
 * the same cell, and every violation must replay on the reference. The negative controls
 * (`broken`, the attacker given the key) are in TlcNonVacuityTest.
 */
class TlcColumnTest {
    static final Map<String, CellResult> RESULTS = new LinkedHashMap<>();
    static double columnSeconds;

    @BeforeAll
    static void runColumn() throws Exception {
        TlcEngine engine = new TlcEngine();
        EngineOptions options = TlcTestSupport.options("column", Duration.ofSeconds(60), false);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Map<String, Future<CellResult>> futures = new LinkedHashMap<>();
            for (SchemeId s : SchemeId.matrixSchemes()) {
                for (AttackId a : AttackId.matrixAttacks()) {
                    futures.put(s + " x " + a, pool.submit(() -> engine.check(s, a, options)));
                }
            }
            for (var e : futures.entrySet()) {
                RESULTS.put(e.getKey(), e.getValue().get());
            }
        } finally {
            pool.shutdownNow();
        }
        columnSeconds = (System.nanoTime() - start) / 1e9;
        StringBuilder table = new StringBuilder("TLC column in " + Math.round(columnSeconds) + " s\n");
        RESULTS.forEach((k, r) -> table.append(String.format("%-48s %-14s %-40s states=%s depth=%s %.1fs%n",
                k, r.verdict(), r.violated(), r.bounds().get("distinctStates"), r.bounds().get("depth"), r.seconds())));
        System.out.print(table);
        Files.createDirectories(TlcTestSupport.TARGET);
        Files.writeString(TlcTestSupport.TARGET.resolve("column.txt"), table);
    }

    @Test
    void everyCellIsDecided() {
        List<String> undecided = new ArrayList<>();
        RESULTS.forEach((k, r) -> {
            if (r.verdict() == Verdict.INCONCLUSIVE) {
                undecided.add(k + ": " + r.reason());
            }
        });
        assertTrue(undecided.isEmpty(), "inconclusive cells: " + undecided);
    }

    /**
     * Reference -> model, bounded: every action list of the attack's vocabulary up to
     * {@link ReferenceEnumeration#COUNTEREXAMPLE_BOUND} (3) actions, run on the reference, must
     * reach a violation exactly in the cells TLC finds VIOLATED, and of the properties TLC reports.
     * The longest committed counterexample of any engine has 3 actions (ReferenceEnumerationTest
     * keeps the bound above it); TLC's own search is deeper (depth column of target/tlc-test/column.txt).
     * TLC may stop at its first violation, so it may report fewer properties than the reference.
     */
    @Test
    void referenceAgreesOnEveryCell() {
        List<String> diff = new ArrayList<>();
        for (SchemeId s : SchemeId.matrixSchemes()) {
            for (AttackId a : AttackId.matrixAttacks()) {
                CellResult r = RESULTS.get(s + " x " + a);
                if (r.verdict() == Verdict.NOT_APPLICABLE) {
                    continue;
                }
                Set<PropertyId> ref = ReferenceEnumeration.violated(s, a, ReferenceEnumeration.COUNTEREXAMPLE_BOUND,
                        TlcTestSupport.seed());
                ReferenceEnumeration.disagreement(r.verdict(), Set.copyOf(r.violated()), ref)
                        .ifPresent(d -> diff.add(s + " x " + a + ": " + d));
            }
        }
        assertTrue(diff.isEmpty(), String.join("\n", diff));
    }

    @Test
    void notApplicableExactlyWhereNoPropertyApplies() {
        RESULTS.forEach((k, r) -> {
            String[] sa = k.split(" x ");
            boolean none = AttackId.byName(sa[1]).orElseThrow()
                    .applicableProperties(SchemeId.byName(sa[0]).orElseThrow()).isEmpty();
            assertEquals(none, r.verdict() == Verdict.NOT_APPLICABLE, k);
        });
    }

    @Test
    void everyViolationHasAWellFormedCounterexample() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (var e : RESULTS.entrySet()) {
            CellResult r = e.getValue();
            if (r.verdict() != Verdict.VIOLATED) {
                continue;
            }
            assertNotNull(r.counterexample(), e.getKey());
            JsonNode doc = json.readTree(r.counterexample().toFile());
            String[] sa = e.getKey().split(" x ");
            assertEquals(CounterexampleFile.FORMAT, doc.get("format").asText());
            assertEquals("tlc", doc.get("engine").asText());
            assertEquals(sa[0], doc.get("scheme").asText());
            assertEquals(sa[1], doc.get("attack").asText());
            assertTrue(r.violated().stream().anyMatch(p -> p.modelName().equals(doc.get("property").asText())));
            assertTrue(doc.get("actions").size() >= 1);
            assertEquals(doc.get("actions").size() + 1, doc.get("states").size(), e.getKey());
            assertTrue(Files.isRegularFile(r.counterexample().resolveSibling("tlc.txt")));
        }
    }

    /** Model -> reference: every TLC counterexample reproduces its violation on the Java reference. */
    @Test
    void everyCounterexampleReplaysOnTheReference() throws Exception {
        List<String> failed = new ArrayList<>();
        int replayed = 0;
        for (var e : RESULTS.entrySet()) {
            if (e.getValue().verdict() == Verdict.VIOLATED) {
                replayed++;
                Replayer.Replay r = new Replayer().replay(e.getValue().counterexample());
                if (!r.reproduced()) {
                    failed.add(e.getKey() + ":\n  " + String.join("\n  ", r.report()));
                }
            }
        }
        assertTrue(replayed > 0);
        assertTrue(failed.isEmpty(), failed.size() + " of " + replayed + " TLC counterexamples do not replay:\n"
                + String.join("\n", failed));
    }
}
