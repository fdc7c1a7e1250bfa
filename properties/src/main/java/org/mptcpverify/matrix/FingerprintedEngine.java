package org.mptcpverify.matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * A model-checked column of {@code results --check} (tlc: models/tla/core/verdicts.json; the Alloy
 * core: models/alloy/core/verdicts.json): a committed verdict is reused when its fingerprint is the
 * current one, it is not INCONCLUSIVE, and its committed counterexample (if any) still replays on
 * the reference; every other cell is rerun by the wrapped engine and compared with the committed
 * entry. What was reused, rerun and changed is kept for the report.
 */
public final class FingerprintedEngine extends DelegatingEngine {
    private final VerdictCache cache;
    private final Map<String, VerdictCache.Entry> committed;
    private final Path root;
    private final long seed;
    private final boolean force;
    private final List<String> reran = Collections.synchronizedList(new ArrayList<>());
    private final List<String> changed = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param root  the repository root, whose counterexamples/ holds the committed files
     * @param force rerun every cell (still compared with the committed entries)
     */
    public FingerprintedEngine(Engine core, VerdictCache cache, Map<String, VerdictCache.Entry> committed, Path root, long seed,
                               boolean force) {
        super(core);
        this.cache = cache;
        this.committed = committed;
        this.root = root;
        this.seed = seed;
        this.force = force;
    }

    @Override
    public CellResult check(SchemeId scheme, AttackId attack, EngineOptions options) {
        Optional<VerdictCache.Entry> entry = VerdictCache.lookup(committed, scheme, attack);
        String fingerprint = cache.fingerprint().of(scheme, attack, seed);
        String why = entry.isEmpty() ? "not committed"
                : force ? "--full"
                : !entry.get().fingerprint().equals(fingerprint) ? "fingerprint changed"
                : entry.get().verdict() == Verdict.INCONCLUSIVE ? "committed INCONCLUSIVE"
                : null;
        if (why == null && entry.get().counterexample() != null) {
            why = reuseCounterexample(entry.get(), options.counterexampleRoot());
        }
        if (why == null) {
            VerdictCache.Entry e = entry.get();
            Path cx = e.counterexample() == null ? null : options.counterexampleRoot().resolve(relativeToCx(e.counterexample()));
            return e.result(cx);
        }
        reran.add(scheme.wireName() + " / " + attack.wireName() + " (" + why + ")");
        CellResult fresh = delegate.check(scheme, attack, options);
        if (entry.isPresent() && !entry.get().sameOutcome(cache.entry(scheme, attack, fresh, seed))) {
            changed.add(scheme.wireName() + " / " + attack.wireName() + ": committed " + entry.get().verdict()
                    + entry.get().violated() + ", rerun " + fresh.verdict() + fresh.violated()
                    + (fresh.reason() == null ? "" : " (" + fresh.reason() + ")"));
        }
        return fresh;
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

    /** Cells the wrapped engine was run for, with why. */
    public List<String> reran() {
        return List.copyOf(reran);
    }

    /** Cells whose rerun differs from the committed entry. */
    public List<String> changed() {
        return List.copyOf(changed);
    }
}
