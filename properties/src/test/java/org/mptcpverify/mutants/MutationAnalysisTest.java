package org.mptcpverify.mutants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.matrix.Progress;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.traces.TracesEngine;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * What counts as a kill. A violation of the mutant is counted only when it is new (the original's
 * cell does not violate that property) and confirmed on the reference (it replays on the mutant
 * and not on the original); the bits of evidence are produced by the real traces engine, and the
 * unconfirmed case by an engine that hides the original's violation, as a search that missed it would.
 */
class MutationAnalysisTest {
    private static final Path SCHEMES = Path.of("..", "models", "schemes");
    private static final long SEED = 20261127L;

    private static MutationAnalysis.Subject subject(String scheme) {
        SchemeDefinition d;
        try {
            d = DefinitionParser.parse(SCHEMES.resolve(scheme + ".scheme"));
        } catch (org.mptcpverify.definition.DefinitionException e) {
            throw new AssertionError("cannot read " + scheme + ".scheme", e);
        }
        return new MutationAnalysis.Subject(d, "models/schemes/" + scheme + ".scheme");
    }

    private static EngineOptions options(Path tmp, int tries) {
        return new EngineOptions(SEED, tmp.resolve("counterexamples"), tmp.resolve("work"), Duration.ofSeconds(600), tries, false);
    }

    private static Progress quiet(int total) {
        return new Progress(new PrintStream(new ByteArrayOutputStream()), false, total);
    }

    private static MutationAnalysis.SchemeResult run(MutationAnalysis analysis, String scheme, List<AttackId> attacks,
                                                     Path tmp, int tries) {
        List<MutationAnalysis.Subject> subjects = List.of(subject(scheme));
        List<MutationAnalysis.SchemeResult> r = analysis.run(subjects, attacks, options(tmp, tries),
                quiet(analysis.checks(subjects, attacks)));
        assertEquals(1, r.size());
        return r.get(0);
    }

    /**
     * An engine that says HOLDS wherever the traces engine finds the original scheme violated: a
     * baseline that missed the violation. The mutant's identical violation then looks new, and
     * must fail confirmation (it replays on the original too), not count.
     */
    private static Map<String, Function<Function<SchemeId, AuthScheme>, Engine>> blindOnTheOriginal(SchemeId original) {
        Map<String, Function<Function<SchemeId, AuthScheme>, Engine>> m = new LinkedHashMap<>();
        m.put("traces", impls -> new Engine() {
            private final TracesEngine traces = new TracesEngine(impls);

            @Override
            public String name() {
                return "traces";
            }

            @Override
            public CellResult check(SchemeId scheme, AttackId attack, EngineOptions options) {
                CellResult r = traces.check(scheme, attack, options);
                if (scheme.equals(original) && r.verdict() == Verdict.VIOLATED) {
                    return new CellResult(Verdict.HOLDS, List.of(), r.seconds(), r.bounds(), null, null);
                }
                return r;
            }
        });
        return m;
    }

    @Test
    void aViolationTheOriginalHasToo_isUnconfirmedAndNotCounted(@TempDir Path tmp) {
        SchemeDefinition d = subject("rfc8684").definition();
        SchemeId original = org.mptcpverify.definition.DefinedScheme.idOf(d);
        // a handshake check no attack of this cell reaches: the mutant behaves as the original
        String mutation = "unchecked.ack.receiver-key";
        MutationAnalysis analysis = new MutationAnalysis(blindOnTheOriginal(original), 1, Set.of(mutation));
        MutationAnalysis.SchemeResult s = run(analysis, "rfc8684", List.of(AttackId.FASTCLOSE_FORGE), tmp, 200);
        assertEquals(Verdict.HOLDS, s.baseline().get(0).engines().get("traces").verdict(), "the blinded baseline");
        MutationAnalysis.MutantResult m = s.mutants().get(0);
        CellResult cell = m.cells().get(0).engines().get("traces");
        assertEquals(Verdict.VIOLATED, cell.verdict(), "the mutant's cell finds what the original has: " + cell);
        assertFalse(m.killed(), "an unconfirmed violation is no kill: " + m.kills());
        assertEquals(1, m.unconfirmed().size(), m.toString());
        assertTrue(m.unconfirmed().get(0).why().contains("replays on the original too"), m.unconfirmed().get(0).why());
        assertEquals(0, s.killed());
        assertEquals(0.0, MutantReport.score(s));
    }

    /**
     * draft-paasch's keyed third-ACK HMAC is the check that stops a handshake eavesdropper from
     * completing a join (the MPTCP keys are in clear, the external key is not): without it the
     * eavesdropper joins. The kill must be a property the original's cell does not violate, and
     * this test replays the counterexample itself, on the mutant (violated) and on the original
     * (not violated). The score in the report and as results reads it back agree.
     */
    @Test
    void removingTheKeyedJoinHmacIsKilledAndTheKillReplays(@TempDir Path tmp) throws Exception {
        String mutation = "unchecked.join-ack.app.hmac";
        MutationAnalysis analysis = new MutationAnalysis(List.of("traces"), 1, Set.of(mutation));
        MutationAnalysis.SchemeResult s = run(analysis, "draft-paasch", List.of(AttackId.EAVESDROP_HANDSHAKE), tmp, TRIES);
        CellResult original = s.baseline().get(0).engines().get("traces");
        MutationAnalysis.MutantResult m = s.mutants().get(0);
        assertTrue(m.killed(), "the eavesdropper joins once the keyed HMAC goes unchecked: " + m.cells() + " " + m.unconfirmed());
        MutationAnalysis.Kill k = m.kills().get(0);
        for (PropertyId p : k.properties()) {
            assertFalse(original.verdict() == Verdict.VIOLATED && original.violated().contains(p), "new: " + p + " " + original);
        }
        SchemeDefinition def = subject("draft-paasch").definition();
        SchemeDefinition mutant = org.mptcpverify.definition.Mutants.of(def).stream()
                .filter(x -> x.mutation().equals(mutation)).findFirst().orElseThrow().definition();
        assertTrue(replays(k.counterexample(), mutant), "replays on the mutant: " + k.counterexample());
        assertFalse(replays(k.counterexample(), def), "does not replay on the original: " + k.counterexample());
        assertEquals(1, s.killed());
        String json = MutantReport.json(List.of(s), new MutantReport.Settings(List.of("traces"), SEED, "traces.tries=" + TRIES, "test"), tmp);
        List<org.mptcpverify.matrix.MutationScores.Score> read = org.mptcpverify.matrix.MutationScores.parse(json);
        assertEquals(List.of(new org.mptcpverify.matrix.MutationScores.Score("draft-paasch", 1, 1, MutantReport.score(s))), read);
        assertEquals(1.0, read.get(0).score());
    }

    /**
     * The original's cell is decided per property (a run stops at its first violation, naming only
     * what that counterexample violates), so a mutant's cell is asked only for properties the
     * original does not violate, and not run at all when there are none: no violation of the
     * mutant is then reported as new when it is the original's own.
     */
    @Test
    void theOriginalIsDecidedPerPropertyAndAMutantOnlyForWhatWouldBeNew(@TempDir Path tmp) {
        // broken's insider cell: two properties, both broken by a same-application insider
        MutationAnalysis analysis = new MutationAnalysis(List.of("traces"), 1, Set.of("unchecked.fast-close-b.key"));
        MutationAnalysis.SchemeResult s = run(analysis, "broken", List.of(AttackId.INSIDER), tmp, 300);
        CellResult original = s.baseline().get(0).engines().get("traces");
        List<PropertyId> applicable = AttackId.INSIDER.applicableProperties(s.scheme());
        assertEquals(2, applicable.size());
        assertEquals(Verdict.VIOLATED, original.verdict(), original.toString());
        MutationAnalysis.MutantResult m = s.mutants().get(0);
        CellResult cell = m.cells().get(0).engines().get("traces");
        List<PropertyId> fresh = MutationAnalysis.freshProperties(m.id(), AttackId.INSIDER, original);
        assertEquals(applicable.stream().filter(p -> !original.violated().contains(p)).toList(), fresh);
        // the insider breaks both on broken, the second found only when checked on its own
        assertEquals(Set.copyOf(applicable), Set.copyOf(original.violated()), original.toString());
        assertTrue(fresh.isEmpty());
        assertEquals(Verdict.NOT_APPLICABLE, cell.verdict(), "not run: " + cell);
        assertTrue(cell.reason().startsWith("not run"), cell.reason());
        assertTrue(m.unconfirmed().isEmpty(), "no violation of the original reported as the mutant's: " + m.unconfirmed());
        assertFalse(m.killed());
    }

    /** Runs of the generic attacker per cell: the eavesdropper's join on the mutant is found within tens. */
    private static final int TRIES = 120;

    /** Replays a segment counterexample on {@code def} whatever scheme it names: no divergence, its property violated. */
    private static boolean replays(Path cex, SchemeDefinition def) throws java.io.IOException {
        AuthScheme impl = new org.mptcpverify.definition.DefinedScheme(def);
        try {
            org.mptcpverify.segment.SegmentTrace t = org.mptcpverify.segment.SegmentTraceJson.parse(java.nio.file.Files.readString(cex),
                    n -> java.util.Optional.of(impl.id()));
            org.mptcpverify.segment.SegmentReplayer.Result r = new org.mptcpverify.segment.SegmentReplayer(x -> impl).replay(t);
            boolean atEnd = org.mptcpverify.monitor.Monitors.of(t.property()).atEndOnly();
            return r.divergence().isEmpty() && !(atEnd && r.inFlightAtEnd() > 0) && r.violation().isPresent();
        } catch (org.mptcpverify.trace.TraceJson.BadTraceFileException | RuntimeException e) {
            return false;
        }
    }
}
