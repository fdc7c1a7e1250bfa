package org.mptcpverify.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.sweeps.SweepData;
import org.mptcpverify.sweeps.SweepInputs;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * docs/sweeps.json and its section of docs/results.md: the committed sweeps are current (their
 * recorded inputs are the checkout's), a changed input makes a sweep stale with the command that
 * regenerates it, the section shows every holding cell with its sweep or says it was not swept,
 * and a verdict that changes with the bound is marked.
 */
class SweepsSectionTest {

    private static SweepData.Level level(int v, String verdict) {
        return new SweepData.Level(v, verdict, v + " states", "joins=" + v, verdict.equals("INCONCLUSIVE") ? "timeout" : null);
    }

    private static SweepData.Sweep sweep(SchemeId s, AttackId a, String key, Map<String, String> inputs, SweepData.Level... ls) {
        return new SweepData.Sweep("tlc", "core", s, a, key, 20261127L, 60, inputs, List.of(ls));
    }

    private static MatrixRun run(Verdict v, SchemeId s, AttackId a) {
        Map<String, CellResult> engines = new LinkedHashMap<>();
        engines.put("tlc", new CellResult(v, List.of(), 1.0, Map.of("distinctStates", 75, "depth", 8, "joins", 1,
                "injections", 2), null, null));
        return new MatrixRun(List.of("tlc"), List.of(new CellOutcome(s, a, engines)), 20261127L, Map.of(), 1.0);
    }

    @Test
    void theCommittedSweepsAreCurrent() {
        Path root = Versions.repoRoot();
        SweepData data = SweepsSection.committed(root);
        assertFalse(data.sweeps().isEmpty(), "docs/sweeps.json holds no sweep");
        assertEquals(List.of(), SweepsSection.stale(root, data));
    }

    @Test
    void aChangedDefinitionMakesItsSweepStaleAndNamesTheCommand(@TempDir Path root) throws Exception {
        Path def = root.resolve("models/schemes/bound-key.scheme");
        Files.createDirectories(def.getParent());
        Files.writeString(def, "scheme bound-key\n");
        SweepData.Sweep s = new SweepData.Sweep("traces", "reference", SchemeId.BOUND_KEY, AttackId.JOIN_DOS, "steps",
                1L, 60, SweepInputs.of(root, "traces", SchemeId.BOUND_KEY), List.of(level(2, "HOLDS")));
        SweepData data = new SweepData(List.of(s));
        assertEquals(List.of(), SweepsSection.stale(root, data));
        Files.writeString(def, "scheme bound-key\n# a check removed\n");
        List<String> stale = SweepsSection.stale(root, data);
        assertEquals(1, stale.size(), stale.toString());
        assertTrue(stale.get(0).contains("models/schemes/bound-key.scheme changed"), stale.get(0));
        assertTrue(stale.get(0).contains("./mptcp-verify sweeps --engines traces --cells bound-key:join-dos"), stale.get(0));
    }

    @Test
    void theFileRoundTripsAndMergesBySlot(@TempDir Path tmp) throws Exception {
        SweepData a = new SweepData(List.of(
                sweep(SchemeId.BOUND_KEY, AttackId.JOIN_DOS, "joins", Map.of("f", "1"), level(1, "HOLDS"), level(2, "HOLDS")),
                sweep(SchemeId.DRAFT_BAERTS, AttackId.ADD_ADDR_MITM, "injections", Map.of(), level(0, "VACUOUS"))));
        Path f = tmp.resolve("sweeps.json");
        a.write(f);
        assertEquals(a, SweepData.read(f));
        String first = Files.readString(f);
        a.write(f);
        assertEquals(first, Files.readString(f), "same content, same bytes");
        SweepData b = a.merge(List.of(sweep(SchemeId.BOUND_KEY, AttackId.JOIN_DOS, "joins", Map.of(), level(1, "VIOLATED"))));
        assertEquals(2, b.sweeps().size());
        assertEquals("VIOLATED", b.of("tlc", SchemeId.BOUND_KEY, AttackId.JOIN_DOS).get(0).levels().get(0).verdict());
    }

    @Test
    void theSectionShowsEachHoldingCellsSweepAndMarksAChangingVerdict() {
        SweepData data = new SweepData(List.of(
                sweep(SchemeId.BOUND_KEY, AttackId.JOIN_DOS, "joins", Map.of(), level(1, "HOLDS"), level(2, "HOLDS"),
                        level(3, "INCONCLUSIVE")),
                sweep(SchemeId.BOUND_KEY, AttackId.JOIN_DOS, "injections", Map.of(), level(0, "VACUOUS"), level(1, "HOLDS"),
                        level(2, "VIOLATED"))));
        String md = SweepsSection.render(run(Verdict.HOLDS, SchemeId.BOUND_KEY, AttackId.JOIN_DOS), data);
        assertTrue(md.contains("## Bounds and sweeps"), md);
        assertTrue(md.contains("joins 1 H, 2 H, 3 T"), md);
        assertTrue(md.contains("joins=2 (2 states)"), "the largest level without a violation: " + md);
        assertTrue(md.contains("**changes**: VIOLATED at injections=2"), md);
        assertTrue(md.contains("75 distinct states"), "the matrix's own bounds: " + md);

        String none = SweepsSection.render(run(Verdict.HOLDS, SchemeId.DRAFT_BAERTS, AttackId.FASTCLOSE_FORGE), data);
        assertTrue(none.contains("not swept (`./mptcp-verify sweeps --engines tlc --cells draft-baerts:fastclose-forge`)"), none);

        String violated = SweepsSection.render(run(Verdict.VIOLATED, SchemeId.BOUND_KEY, AttackId.JOIN_DOS), data);
        assertFalse(violated.contains("`bound-key` | `join-dos`"), "only holding or vacuous cells: " + violated);
    }

    @Test
    void theResultsDocumentCarriesTheSection() {
        String md = ResultsDoc.render(run(Verdict.HOLDS, SchemeId.BOUND_KEY, AttackId.JOIN_DOS), Path.of("."));
        assertTrue(md.contains("## Bounds and sweeps"), md);
    }
}
