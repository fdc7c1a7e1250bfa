package org.mptcpverify.matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mptcpverify.engine.Bounds;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.models.verdicts.VerdictCache;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * A model-checked column whose verdicts are committed with their fingerprints (tlc:
 * models/tla/core/verdicts.json in {@code results --check}; the Alloy core:
 * models/alloy/core/verdicts.json in {@code matrix}, {@code check} and {@code results}): a committed
 * verdict is reused when its fingerprint is the current one (which covers the seed), it is not
 * INCONCLUSIVE, the run asks for the engine's default bounds without the key control, and its
 * committed counterexample (if any) still replays on the reference; a reused result says so
 * ({@link CellResult#source}). Every other cell is computed by the wrapped engine and compared with
 * the committed entry, or, where computing is not this command's job ({@link Miss#PENDING}),
 * reported INCONCLUSIVE as pending. What was reused, rerun and changed is kept for the report.
 */
public final class FingerprintedEngine extends DelegatingEngine {
    /** What a cell without a reusable committed verdict gets. */
    public enum Miss {
        /** The wrapped engine decides it within the run's timeout. */
        COMPUTE,
        /** INCONCLUSIVE, naming the command that decides it (a column too slow to run inside this command). */
        PENDING,
        /**
         * PENDING for a run that asks what the committed column decides (its bounds, no key control),
         * COMPUTE for any other question: the matrix stays fast while the column is incomplete, and a
         * user who raises a bound or hands the attacker the key still gets a live answer.
         */
        PENDING_AT_DEFAULTS
    }

    private final VerdictCache cache;
    private final Map<String, VerdictCache.Entry> committed;
    private final Path root;
    private final long seed;
    private final boolean force;
    private final Miss miss;
    private final List<String> reused = Collections.synchronizedList(new ArrayList<>());
    private final List<String> reran = Collections.synchronizedList(new ArrayList<>());
    private final List<String> pending = Collections.synchronizedList(new ArrayList<>());
    private final List<String> changed = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param root  the folder the committed entries' counterexample paths are relative to (tlc: the
     *              repository root; the Alloy core: models/alloy/core, where alloy-column writes them)
     * @param force rerun every cell (still compared with the committed entries)
     */
    public FingerprintedEngine(Engine core, VerdictCache cache, Map<String, VerdictCache.Entry> committed, Path root, long seed,
                               boolean force) {
        this(core, cache, committed, root, seed, force, Miss.COMPUTE);
    }

    /** As above; {@code miss} says what a cell without a reusable entry gets. */
    public FingerprintedEngine(Engine core, VerdictCache cache, Map<String, VerdictCache.Entry> committed, Path root, long seed,
                               boolean force, Miss miss) {
        super(core);
        this.cache = cache;
        this.committed = committed;
        this.root = root;
        this.seed = seed;
        this.force = force;
        this.miss = miss;
    }

    @Override
    public CellResult check(SchemeId scheme, AttackId attack, EngineOptions options) {
        Optional<VerdictCache.Entry> entry = VerdictCache.lookup(committed, scheme, attack);
        // the fingerprint covers the seed (options.seed(): a run with another seed finds no current entry)
        String fingerprint = cache.fingerprint().of(scheme, attack, options.seed());
        String why = entry.isEmpty() ? "not committed"
                : force ? "recomputation forced"
                : !cache.current(entry.get(), options.seed()) ? "fingerprint changed"
                : entry.get().verdict() == Verdict.INCONCLUSIVE ? "committed INCONCLUSIVE"
                : options.attackerHasKey() ? "key control (committed verdicts are without the key)"
                : !defaultBounds(scheme, attack, options) ? "bounds other than the committed defaults"
                : null;
        if (why == null && entry.get().counterexample() != null) {
            why = reuseCounterexample(entry.get(), options.counterexampleRoot());
        }
        String cell = scheme.wireName() + " / " + attack.wireName();
        if (why == null) {
            VerdictCache.Entry e = entry.get();
            Path cx = e.counterexample() == null ? null : options.counterexampleRoot().resolve(relativeToCx(e.counterexample()));
            reused.add(cell);
            return e.result(cx).reusedFrom(new CellResult.Committed(cache.file(), e.fingerprint()));
        }
        boolean pendingHere = miss == Miss.PENDING
                || (miss == Miss.PENDING_AT_DEFAULTS && !options.attackerHasKey() && defaultBounds(scheme, attack, options));
        if (pendingHere) {
            pending.add(cell + " (" + why + ")");
            Map<String, Object> bounds = new java.util.TreeMap<>(delegate.resolve(scheme, attack, options.bounds()).values());
            return new CellResult(Verdict.INCONCLUSIVE, List.of(), 0.0, bounds, null,
                    "pending: no reusable verdict in " + cache.file() + " (" + why + "); decide it with ./mptcp-verify "
                            + "alloy-column --cell " + scheme.wireName() + " " + attack.wireName(), Map.of());
        }
        reran.add(cell + " (" + why + ")");
        CellResult fresh = delegate.check(scheme, attack, options);
        if (entry.isPresent() && !entry.get().sameOutcome(cache.entry(scheme, attack, fresh, seed))) {
            changed.add(scheme.wireName() + " / " + attack.wireName() + ": committed " + entry.get().verdict()
                    + entry.get().violated() + ", rerun " + fresh.verdict() + fresh.violated()
                    + (fresh.reason() == null ? "" : " (" + fresh.reason() + ")"));
        }
        return fresh;
    }

    /** Whether the run's requested bounds resolve, for this engine, to the ones the committed verdicts were decided at. */
    private boolean defaultBounds(SchemeId scheme, AttackId attack, EngineOptions options) {
        try {
            return delegate.resolve(scheme, attack, options.bounds()).equals(delegate.resolve(scheme, attack, Bounds.NONE));
        } catch (RuntimeException e) { // a refused bound: the wrapped engine reports it
            return false;
        }
    }

    /** Copies the committed counterexample into the run if it replays; else why it cannot be reused. */
    private String reuseCounterexample(VerdictCache.Entry e, Path cxRoot) {
        Path file = root.resolve(e.counterexample());
        try {
            if (!Files.isRegularFile(file)) return "committed counterexample missing";
            SegmentReplayer.Result r = new SegmentReplayer().replay(SegmentTraceJson.read(file));
            if (!r.reproduced()) return "committed counterexample does not replay";
            Path target = cxRoot.resolve(relativeToCx(e.counterexample()));
            Files.createDirectories(target.getParent());
            Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return null;
        } catch (IOException | RuntimeException | org.mptcpverify.trace.TraceJson.BadTraceFileException ex) {
            return "committed counterexample unreadable: " + ex.getMessage();
        }
    }

    private static String relativeToCx(String counterexample) {
        return counterexample.substring("counterexamples/".length());
    }

    /** Cells whose committed verdict was reused. */
    public List<String> reused() {
        return List.copyOf(reused);
    }

    /** Cells left INCONCLUSIVE as pending ({@link Miss#PENDING}), with why. */
    public List<String> pending() {
        return List.copyOf(pending);
    }

    /** Cells the wrapped engine was run for, with why. */
    public List<String> reran() {
        return List.copyOf(reran);
    }

    /** Cells whose rerun differs from the committed entry. */
    public List<String> changed() {
        return List.copyOf(changed);
    }
}
