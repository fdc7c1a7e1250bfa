package org.mptcpverify.matrix;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

class MatrixRunnerTest {
    private static final EngineOptions OPTS = new EngineOptions(7, Path.of("target/test-matrix/counterexamples"),
            Path.of("target/test-matrix/work"), Duration.ofSeconds(5), 10, false);

    private static Supplier<Engine> fake(String name, BiFunction<SchemeId, AttackId, Verdict> decide) {
        return () -> new Engine() {
            public String name() { return name; }
            public CellResult check(SchemeId s, AttackId a, EngineOptions o) {
                Verdict v = decide.apply(s, a);
                List<PropertyId> viol = v == Verdict.VIOLATED ? a.properties() : List.of();
                return new CellResult(v, viol, 0.01, Map.of("k", 1), null, v == Verdict.INCONCLUSIVE ? "timeout" : null);
            }
        };
    }

    private static MatrixRun run(Map<String, Supplier<Engine>> engines, int jobs) {
        Progress quiet = new Progress(new PrintStream(new ByteArrayOutputStream()), false, 1);
        return new MatrixRunner(engines, jobs).run(List.of(SchemeId.RFC8684, SchemeId.BOUND_KEY),
                List.of(AttackId.EAVESDROP_HANDSHAKE, AttackId.JOIN_DOS), OPTS, quiet, Map.of());
    }

    private static Verdict byScheme(SchemeId s, AttackId a) {
        return s == SchemeId.RFC8684 ? Verdict.VIOLATED : Verdict.HOLDS;
    }

    @Test
    void agreeingEnginesGiveTheirVerdictAndExitZero() {
        Map<String, Supplier<Engine>> e = new LinkedHashMap<>();
        e.put("a", fake("a", MatrixRunnerTest::byScheme));
        e.put("b", fake("b", MatrixRunnerTest::byScheme));
        MatrixRun r = run(e, 1);
        assertEquals(0, r.exitCode());
        assertEquals(Verdict.VIOLATED, r.cells().get(0).verdict());
        assertEquals(Verdict.HOLDS, r.cells().get(3).verdict());
        assertTrue(r.cells().stream().allMatch(CellOutcome::agree));
    }

    @Test
    void aDisagreementIsExitOneAndMarkedInEveryFormat() {
        Map<String, Supplier<Engine>> e = new LinkedHashMap<>();
        e.put("a", fake("a", MatrixRunnerTest::byScheme));
        e.put("b", fake("b", (s, a) -> s == SchemeId.BOUND_KEY && a == AttackId.JOIN_DOS ? Verdict.VIOLATED : byScheme(s, a)));
        MatrixRun r = run(e, 2);
        assertEquals(1, r.exitCode());
        CellOutcome bad = r.cells().get(3);
        assertFalse(bad.agree());
        assertEquals(Verdict.INCONCLUSIVE, bad.verdict(), "a disagreeing cell never claims a verdict");
        Path base = Path.of("target/test-matrix");
        assertTrue(MatrixFormats.text(r, base).contains(MatrixFormats.DISAGREE_MARK));
        assertTrue(MatrixFormats.markdown(r, base, false).contains("**" + MatrixFormats.DISAGREE_MARK + "**"));
        assertTrue(MatrixFormats.latex(r).contains("\\textbf{!}"));
        assertTrue(MatrixFormats.json(r, base).contains("\"agree\" : false"));
    }

    @Test
    void inconclusiveWithoutDisagreementIsExitThree() {
        Map<String, Supplier<Engine>> e = new LinkedHashMap<>();
        e.put("a", fake("a", MatrixRunnerTest::byScheme));
        e.put("b", fake("b", (s, a) -> s == SchemeId.BOUND_KEY ? Verdict.INCONCLUSIVE : byScheme(s, a)));
        MatrixRun r = run(e, 1);
        assertEquals(3, r.exitCode());
        assertEquals(Verdict.INCONCLUSIVE, r.cells().get(2).verdict());
    }

    @Test
    void anEngineThatThrowsIsInconclusiveNeverHolds() {
        Map<String, Supplier<Engine>> e = new LinkedHashMap<>();
        e.put("a", fake("a", (s, a) -> { throw new IllegalStateException("boom"); }));
        MatrixRun r = run(e, 1);
        assertTrue(r.cells().stream().allMatch(c -> c.verdict() == Verdict.INCONCLUSIVE));
        assertTrue(r.cells().get(0).engines().get("a").reason().contains("boom"));
    }

    @Test
    void parallelJobsDoNotChangeTheOutput() {
        Map<String, Supplier<Engine>> e = new LinkedHashMap<>();
        e.put("a", fake("a", MatrixRunnerTest::byScheme));
        e.put("b", fake("b", MatrixRunnerTest::byScheme));
        Path base = Path.of("target/test-matrix");
        assertEquals(MatrixFormats.markdown(run(e, 1), base, false), MatrixFormats.markdown(run(e, 4), base, false));
        assertEquals(MatrixFormats.latex(run(e, 1)), MatrixFormats.latex(run(e, 3)));
    }
}
