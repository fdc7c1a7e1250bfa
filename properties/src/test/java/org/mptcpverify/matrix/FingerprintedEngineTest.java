package org.mptcpverify.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.engine.Bounds;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.models.alloy.AlloyCoreVerdicts;
import org.mptcpverify.models.core.CoreVerdicts;
import org.mptcpverify.models.verdicts.VerdictCache;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * results --check reuses a committed tlc verdict only when its fingerprint is current, it was
 * decided, and its counterexample (if any) is there and replays; anything else is rerun, and a
 * rerun that differs from the committed entry is reported. The core is a stub here (no TLC): the
 * test is about which cells are rerun.
 */
class FingerprintedEngineTest {
    private static final long SEED = 20261127L;

    /** A tlc engine that records what it was asked and answers a fixed verdict. */
    private static final class Stub implements Engine {
        final List<String> asked = new ArrayList<>();
        final Verdict answer;
        final String name;

        Stub(Verdict answer) {
            this(answer, "tlc");
        }

        Stub(Verdict answer, String name) {
            this.answer = answer;
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public CellResult check(SchemeId s, AttackId a, EngineOptions o) {
            asked.add(s.wireName() + " " + a.wireName());
            return new CellResult(answer, List.of(), 1.0, Map.of("joins", 1), null, null, Map.of());
        }
    }

    private static VerdictCache.Entry entry(SchemeId s, AttackId a, Verdict v, String fingerprint, String cx) {
        return new VerdictCache.Entry(s, a, v, v == Verdict.VIOLATED ? List.of(PropertyId.JOIN_STATE_UNFORGEABLE) : List.of(),
                Map.of("joins", 1L), Map.of(), cx, null, fingerprint);
    }

    @Test
    void onlyStaleUndecidedOrUnreplayableCellsAreRerun(@TempDir Path tmp) {
        SchemeId s = SchemeId.RFC8684;
        String current = CoreVerdicts.fingerprint(s, AttackId.LEGIT_JOIN, SEED);
        Map<String, VerdictCache.Entry> committed = new LinkedHashMap<>();
        committed.put(VerdictCache.key(s, AttackId.LEGIT_JOIN), entry(s, AttackId.LEGIT_JOIN, Verdict.HOLDS, current, null));
        committed.put(VerdictCache.key(s, AttackId.NAT_JOIN), entry(s, AttackId.NAT_JOIN, Verdict.HOLDS, "0".repeat(64), null));
        committed.put(VerdictCache.key(s, AttackId.EAVESDROP_ALL), entry(s, AttackId.EAVESDROP_ALL, Verdict.INCONCLUSIVE,
                CoreVerdicts.fingerprint(s, AttackId.EAVESDROP_ALL, SEED), null));
        committed.put(VerdictCache.key(s, AttackId.JOIN_DOS), entry(s, AttackId.JOIN_DOS, Verdict.VIOLATED,
                CoreVerdicts.fingerprint(s, AttackId.JOIN_DOS, SEED), "counterexamples/rfc8684/join-dos/tlc.json"));
        Stub core = new Stub(Verdict.HOLDS);
        FingerprintedEngine tlc = new FingerprintedEngine(core, CoreVerdicts.CACHE, committed, tmp, SEED, false);
        EngineOptions o = new EngineOptions(SEED, tmp.resolve("cx"), tmp.resolve("work"), Duration.ofSeconds(5), 0, false, Bounds.NONE);

        CellResult reused = tlc.check(s, AttackId.LEGIT_JOIN, o);
        assertEquals(Verdict.HOLDS, reused.verdict());
        assertEquals(List.of(), core.asked, "a current, decided entry is reused without TLC");

        tlc.check(s, AttackId.NAT_JOIN, o);
        tlc.check(s, AttackId.EAVESDROP_ALL, o);
        tlc.check(s, AttackId.JOIN_DOS, o); // its counterexample is not under tmp: rerun
        tlc.check(s, AttackId.ADD_ADDR_MITM, o); // no entry
        assertEquals(List.of("rfc8684 nat-join", "rfc8684 eavesdrop-all", "rfc8684 join-dos", "rfc8684 add-addr-mitm"),
                core.asked);
        assertEquals(4, tlc.reran().size(), tlc.reran().toString());
        assertTrue(tlc.reran().get(2).contains("counterexample missing"), tlc.reran().toString());
        // the rerun HOLDS differs from the committed INCONCLUSIVE and VIOLATED, not from the stale HOLDS
        assertEquals(2, tlc.changed().size(), tlc.changed().toString());
        assertTrue(tlc.changed().get(1).contains("join-dos: committed VIOLATED"), tlc.changed().toString());

        Stub all = new Stub(Verdict.HOLDS);
        new FingerprintedEngine(all, CoreVerdicts.CACHE, committed, tmp, SEED, true).check(s, AttackId.LEGIT_JOIN, o);
        assertEquals(List.of("rfc8684 legit-join"), all.asked, "--full reruns every cell");
    }

    /**
     * The same mechanism on the Alloy core's column: a copy of models/alloy/core fingerprints as
     * the checkout does; once the copy's rfc8684 data module changes, only rfc8684's cell is rerun.
     */
    @Test
    void theAlloyCoreColumnRerunsOnlyTheCellWhoseModuleChanged(@TempDir Path tmp) throws Exception {
        Path core = tmp.resolve("core");
        Path repoCore = AlloyCoreVerdicts.coreDir();
        try (var files = java.nio.file.Files.walk(repoCore)) {
            for (Path f : files.filter(java.nio.file.Files::isRegularFile).filter(f -> f.toString().endsWith(".als")).toList()) {
                Path to = core.resolve(repoCore.relativize(f).toString());
                java.nio.file.Files.createDirectories(to.getParent());
                java.nio.file.Files.copy(f, to);
            }
        }
        SchemeId changedScheme = SchemeId.RFC8684;
        SchemeId same = SchemeId.DRAFT_BAERTS;
        AttackId a = AttackId.FASTCLOSE_FORGE;
        VerdictCache cache = AlloyCoreVerdicts.cache(core);
        assertEquals(AlloyCoreVerdicts.fingerprint(changedScheme, a, SEED), cache.fingerprint().of(changedScheme, a, SEED),
                "the copy fingerprints as the checkout");
        Map<String, VerdictCache.Entry> committed = new LinkedHashMap<>();
        for (SchemeId s : List.of(changedScheme, same)) {
            committed.put(VerdictCache.key(s, a), entry(s, a, Verdict.HOLDS, cache.fingerprint().of(s, a, SEED), null));
        }
        Path module = core.resolve("schemes/rfc8684.als");
        String text = java.nio.file.Files.readString(module);
        String mutated = text.replaceFirst("\\n", "\npred aChangedDefinition { }\n");
        assertNotEquals(text, mutated);
        java.nio.file.Files.writeString(module, mutated);

        Stub alloy = new Stub(Verdict.VIOLATED, "alloy");
        FingerprintedEngine column = new FingerprintedEngine(alloy, cache, committed, tmp, SEED, false);
        EngineOptions o = new EngineOptions(SEED, tmp.resolve("cx"), tmp.resolve("work"), Duration.ofSeconds(5), 0, false, Bounds.NONE);
        assertEquals(Verdict.HOLDS, column.check(same, a, o).verdict(), "an unchanged cell keeps its committed verdict");
        assertEquals(Verdict.VIOLATED, column.check(changedScheme, a, o).verdict(), "the changed cell is decided again");
        assertEquals(List.of("rfc8684 fastclose-forge"), alloy.asked);
        assertTrue(column.reran().get(0).contains("fingerprint changed"), column.reran().toString());
        assertEquals(1, column.changed().size(), "its new verdict differs from the committed one: " + column.changed());
    }

    @Test
    void theFingerprintNamesTheCellAndTheSeedAndTheFileRoundTrips() throws Exception {
        String a = CoreVerdicts.fingerprint(SchemeId.RFC8684, AttackId.JOIN_DOS, SEED);
        assertEquals(a, CoreVerdicts.fingerprint(SchemeId.RFC8684, AttackId.JOIN_DOS, SEED));
        assertNotEquals(a, CoreVerdicts.fingerprint(SchemeId.BOUND_KEY, AttackId.JOIN_DOS, SEED), "another scheme's data");
        assertNotEquals(a, CoreVerdicts.fingerprint(SchemeId.RFC8684, AttackId.EAVESDROP_ALL, SEED), "another cfg");
        assertNotEquals(a, CoreVerdicts.fingerprint(SchemeId.RFC8684, AttackId.JOIN_DOS, SEED + 1), "another seed");

        CellResult r = new CellResult(Verdict.VIOLATED, List.of(PropertyId.JOIN_STATE_UNFORGEABLE), 3.5,
                Map.of("joins", 1, "distinctStates", 62L, "tlcSeconds", 2.25), Path.of("x/rfc8684/join-dos/tlc.json"), null,
                Map.of());
        VerdictCache.Entry e = CoreVerdicts.CACHE.entry(SchemeId.RFC8684, AttackId.JOIN_DOS, r, SEED);
        assertEquals("counterexamples/rfc8684/join-dos/tlc.json", e.counterexample());
        assertTrue(!e.bounds().containsKey("tlcSeconds"), "timings stay out of the committed file");
        String text = CoreVerdicts.CACHE.render(SEED, List.of(e));
        assertEquals(text, CoreVerdicts.CACHE.render(SEED, List.of(e)), "deterministic");
        Path f = java.nio.file.Files.writeString(java.nio.file.Files.createTempFile("verdicts", ".json"), text);
        VerdictCache.Entry back = CoreVerdicts.CACHE.read(f).get(VerdictCache.key(SchemeId.RFC8684, AttackId.JOIN_DOS));
        assertTrue(back.sameOutcome(e), back + " vs " + e);
        assertEquals(e.fingerprint(), back.fingerprint());
        assertEquals(e.counterexample(), back.counterexample());
    }
}
