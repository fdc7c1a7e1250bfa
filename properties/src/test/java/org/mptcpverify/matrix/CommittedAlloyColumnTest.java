package org.mptcpverify.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.engine.Bounds;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.models.alloy.AlloyCoreVerdicts;
import org.mptcpverify.models.verdicts.VerdictCache;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The Alloy core's committed column as matrix, check and results use it (a copy of
 * models/alloy/core with its verdicts.json and counterexamples): a cell with a current entry whose
 * counterexample replays is reused without solving and says where it came from; a stale
 * fingerprint, a counterexample that no longer replays, other bounds or another seed are computed
 * (results: left pending). The engine behind it is a stub that records what it was asked: no
 * cell is solved here.
 */
class CommittedAlloyColumnTest {
    private static final long SEED = 20261127L;
    /** Decided for its current fingerprint in the committed column (VIOLATED, with an alloy.json). */
    private static final SchemeId S = SchemeId.RFC8684;
    private static final AttackId A = AttackId.JOIN_DOS;

    private static final class Stub implements Engine {
        final List<String> asked = new ArrayList<>();

        @Override
        public String name() {
            return "alloy";
        }

        @Override
        public Bounds resolve(SchemeId scheme, AttackId attack, Bounds requested) {
            return requested;
        }

        @Override
        public CellResult check(SchemeId s, AttackId a, EngineOptions o) {
            asked.add(s.wireName() + " " + a.wireName());
            return new CellResult(Verdict.INCONCLUSIVE, List.of(), 1.0, Map.of(), null, "stub", Map.of());
        }
    }

    @TempDir
    Path tmp;
    Path core;

    @BeforeEach
    void copyTheColumn() throws Exception {
        core = tmp.resolve("core");
        Path repoCore = AlloyCoreVerdicts.coreDir();
        try (var files = Files.walk(repoCore)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = core.resolve(repoCore.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        // The entries under test (rfc8684 / join-dos, bound-key / fastclose-forge) stand for current ones: a change of the model makes every committed
        // fingerprint stale until the column is rerun, which is not what this test is about. Its
        // counterexample replays on the reference whatever the model (checked below).
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode file =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(core.resolve("verdicts.json").toFile());
        for (com.fasterxml.jackson.databind.JsonNode cell : file.get("cells")) {
            for (Map.Entry<SchemeId, AttackId> c : List.of(Map.entry(S, A), Map.entry(SchemeId.BOUND_KEY, AttackId.FASTCLOSE_FORGE))) {
                if (cell.get("scheme").asText().equals(c.getKey().wireName()) && cell.get("attack").asText().equals(c.getValue().wireName())) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) cell).put("fingerprint",
                            AlloyCoreVerdicts.cache(core).fingerprint().of(c.getKey(), c.getValue(), SEED));
                }
            }
        }
        json.writerWithDefaultPrettyPrinter().writeValue(core.resolve("verdicts.json").toFile(), file);
    }

    private FingerprintedEngine column(Stub stub, FingerprintedEngine.Miss miss) throws Exception {
        VerdictCache cache = AlloyCoreVerdicts.cache(core);
        return new FingerprintedEngine(stub, cache, cache.read(core.resolve("verdicts.json")), core, SEED, false, miss);
    }

    private EngineOptions options(long seed, Bounds bounds) {
        return new EngineOptions(seed, tmp.resolve("run/counterexamples"), tmp.resolve("run/work"), Duration.ofSeconds(5), 1,
                false, bounds);
    }

    @Test
    void aCurrentEntryIsReusedAndSaysSo() throws Exception {
        Stub stub = new Stub();
        FingerprintedEngine f = column(stub, FingerprintedEngine.Miss.COMPUTE);
        CellResult r = f.check(S, A, options(SEED, Bounds.NONE));
        assertEquals(List.of(), stub.asked, "reused without solving");
        assertEquals(Verdict.VIOLATED, r.verdict());
        assertEquals(AlloyCoreVerdicts.FILE, r.source().file());
        assertEquals(AlloyCoreVerdicts.cache(core).fingerprint().of(S, A, SEED), r.source().fingerprint());
        assertTrue(Files.isRegularFile(r.counterexample()), "the committed counterexample is copied into the run");
        assertEquals(List.of("rfc8684 / join-dos"), f.reused());

        // the reports name the source; matrix.json keeps it through merge's read-back
        MatrixRun run = new MatrixRun(List.of("alloy"), List.of(new CellOutcome(S, A, Map.of("alloy", r))), SEED, Map.of(), 0.0);
        Path out = tmp.resolve("run");
        String json = MatrixFormats.json(run, out);
        assertTrue(json.contains("\"source\" : \"committed\"") && json.contains(r.source().fingerprint()), json);
        assertTrue(MatrixFormats.text(run, out).contains("source: committed verdict reused from " + AlloyCoreVerdicts.FILE));
        Files.writeString(out.resolve("matrix.json"), json);
        assertEquals(r.source(), ShardFiles.readRun(out, List.of("alloy"), out).cells().get(0).engines().get("alloy").source());
        CellResult computed = new CellResult(Verdict.HOLDS, List.of(), 1.0, Map.of(), null, null, Map.of());
        String computedJson = MatrixFormats.json(new MatrixRun(List.of("alloy"),
                List.of(new CellOutcome(S, A, Map.of("alloy", computed))), SEED, Map.of(), 0.0), out);
        assertTrue(computedJson.contains("\"source\" : \"computed\""), computedJson);
    }

    @Test
    void otherBoundsOrAnotherSeedAreComputed() throws Exception {
        Stub stub = new Stub();
        FingerprintedEngine f = column(stub, FingerprintedEngine.Miss.COMPUTE);
        assertNull(f.check(S, A, options(SEED, Bounds.parse("steps=7"))).source());
        assertNull(f.check(S, A, options(SEED + 1, Bounds.NONE)).source());
        assertEquals(List.of("rfc8684 join-dos", "rfc8684 join-dos"), stub.asked);
        assertTrue(f.reran().get(0).contains("bounds") && f.reran().get(1).contains("fingerprint changed"), f.reran().toString());
    }

    @Test
    void aCounterexampleThatNoLongerReplaysIsNotReused() throws Exception {
        Path cx = core.resolve("counterexamples/rfc8684/join-dos/alloy.json");
        SegmentTrace t = SegmentTraceJson.read(cx);
        // the attacker's reads gone, its forged segment is built from values it never saw
        SegmentTraceJson.writeFile(cx, t.withEvents(t.events().stream().filter(e -> !(e instanceof SegmentEvent.Observe)).toList()));
        Stub stub = new Stub();
        FingerprintedEngine f = column(stub, FingerprintedEngine.Miss.COMPUTE);
        CellResult r = f.check(S, A, options(SEED, Bounds.NONE));
        assertEquals(List.of("rfc8684 join-dos"), stub.asked);
        assertNull(r.source());
        assertTrue(f.reran().get(0).contains("counterexample"), f.reran().toString());
    }

    @Test
    void aChangedSchemeModuleMakesTheEntryStaleAndResultsLeavesItPending() throws Exception {
        Path module = core.resolve("schemes/rfc8684.als");
        String text = Files.readString(module);
        String changed = text.replaceFirst("\n", "\npred oneChangedLine { }\n");
        assertNotEquals(text, changed);
        Files.writeString(module, changed);
        Stub stub = new Stub();
        FingerprintedEngine f = column(stub, FingerprintedEngine.Miss.PENDING);
        CellResult r = f.check(S, A, options(SEED, Bounds.NONE));
        assertEquals(List.of(), stub.asked, "results does not decide the core's cells");
        assertEquals(Verdict.INCONCLUSIVE, r.verdict());
        assertTrue(r.reason().contains("pending") && r.reason().contains("fingerprint changed")
                && r.reason().contains("alloy-column --cell rfc8684 join-dos"), r.reason());
        assertEquals(1, f.pending().size(), f.pending().toString());
        // another scheme's committed cell is untouched by rfc8684's module
        Map<String, VerdictCache.Entry> committed = new LinkedHashMap<>(AlloyCoreVerdicts.cache(core).read(core.resolve("verdicts.json")));
        assertTrue(VerdictCache.lookup(committed, SchemeId.BOUND_KEY, AttackId.FASTCLOSE_FORGE).isPresent());
        assertNotNull(f.check(SchemeId.BOUND_KEY, AttackId.FASTCLOSE_FORGE, options(SEED, Bounds.NONE)).source());
    }

    @Test
    void theMatrixLeavesAStaleCellPendingAtTheDefaultsAndDecidesAnyOtherQuestion() throws Exception {
        Path module = core.resolve("schemes/rfc8684.als");
        Files.writeString(module, Files.readString(module).replaceFirst("\n", "\npred oneChangedLine { }\n"));
        Stub stub = new Stub();
        FingerprintedEngine f = column(stub, FingerprintedEngine.Miss.PENDING_AT_DEFAULTS);
        CellResult atDefaults = f.check(S, A, options(SEED, Bounds.NONE));
        assertEquals(Verdict.INCONCLUSIVE, atDefaults.verdict());
        assertTrue(atDefaults.reason().startsWith("pending"), atDefaults.reason());
        assertEquals(List.of(), stub.asked, "not solved at the committed defaults");
        f.check(S, A, options(SEED, Bounds.parse("steps=7")));
        EngineOptions keyed = new EngineOptions(SEED, tmp.resolve("run/counterexamples"), tmp.resolve("run/work"),
                Duration.ofSeconds(5), 1, true, Bounds.NONE);
        f.check(S, A, keyed);
        assertEquals(List.of("rfc8684 join-dos", "rfc8684 join-dos"), stub.asked, "a raised bound and the key control are solved");
    }

    private static void assertNotNull(Object o) {
        org.junit.jupiter.api.Assertions.assertNotNull(o);
    }
}
