package org.mptcpverify.models.tlc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/** Same inputs and seed, same bytes out: cfg files and counterexample files. */
class TlcDeterminismTest {
    @Test
    void counterexampleFilesAreByteIdentical() throws Exception {
        TlcEngine engine = new TlcEngine();
        CellResult a = engine.check(SchemeId.THESIS_XOR, AttackId.JOIN_DOS,
                TlcTestSupport.options("determinism-a", Duration.ofSeconds(60), false));
        CellResult b = engine.check(SchemeId.THESIS_XOR, AttackId.JOIN_DOS,
                TlcTestSupport.options("determinism-b", Duration.ofSeconds(60), false));
        assertEquals(Verdict.VIOLATED, a.verdict());
        assertEquals(untimed(a.bounds()), untimed(b.bounds()));
        Path ja = a.counterexample();
        Path jb = b.counterexample();
        assertTrue(ja.endsWith(Path.of("thesis-xor", "join-dos", "tlc.json")), ja.toString());
        assertArrayEquals(Files.readAllBytes(ja), Files.readAllBytes(jb));
        assertArrayEquals(Files.readAllBytes(ja.resolveSibling("tlc.txt")), Files.readAllBytes(jb.resolveSibling("tlc.txt")));
        try (var s = Files.list(ja.getParent())) {
            assertEquals(List.of("tlc.json", "tlc.txt"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary files left behind");
        }
    }

    /** The bounds without the timings (keys ending in "Seconds", e.g. tlcSeconds), which no run repeats. */
    private static java.util.Map<String, Object> untimed(java.util.Map<String, Object> bounds) {
        java.util.Map<String, Object> m = new java.util.TreeMap<>(bounds);
        m.keySet().removeIf(k -> k.endsWith("Seconds"));
        return m;
    }

    @Test
    void columnCfgFilesAreWrittenOncePerCheckedCell() throws Exception {
        Path a = TlcTestSupport.TARGET.resolve("cfg-a");
        Path b = TlcTestSupport.TARGET.resolve("cfg-b");
        List<Path> fa = ColumnFiles.write(a, TlcBounds.standard());
        List<Path> fb = ColumnFiles.write(b, TlcBounds.standard());
        // 10 schemes x 10 attacks, minus 4 NOT_APPLICABLE cells, plus a second side for one-sided-key (8 schemes)
        assertEquals(100 - 4 + 8, fa.size());
        for (int i = 0; i < fa.size(); i++) {
            assertEquals(fa.get(i).getFileName(), fb.get(i).getFileName());
            assertArrayEquals(Files.readAllBytes(fa.get(i)), Files.readAllBytes(fb.get(i)));
        }
        assertTrue(Files.isRegularFile(a.resolve("MC_draft-baerts_low-order_one-sided-key_server.cfg")));
        assertTrue(Files.isRegularFile(a.resolve("MptcpJoin.tla")));
    }

    @Test
    void cfgStatesItsBoundsAndIsStable() {
        TlcCheck check = new TlcCheck(SchemeId.DRAFT_BAERTS_LOW_ORDER, AttackId.ONE_SIDED_KEY, "server", false,
                List.of(PropertyId.CLEAN_FALLBACK), TlcBounds.standard());
        String cfg = CfgWriter.render(check);
        assertEquals(cfg, CfgWriter.render(check));
        assertTrue(cfg.contains("Scheme = \"draft-baerts/low-order\"\n"), cfg);
        assertTrue(cfg.contains("Attack = \"one-sided-key\"\n"), cfg);
        assertTrue(cfg.contains("KeyedSide = \"server\"\n"), cfg);
        assertTrue(cfg.contains("MaxJoins = 2\n") && cfg.contains("MaxAttacks = 2\n") && cfg.contains("MaxNonces = 6\n"), cfg);
        assertTrue(cfg.contains("INVARIANT TypeOK\nINVARIANT CleanFallback\n"), cfg);
    }
}
