package org.mptcpverify.matrix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.models.alloy.AlloyCoreEngine;
import org.mptcpverify.models.alloy.AlloyCoreVerdicts;
import org.mptcpverify.models.verdicts.VerdictCache;
import org.mptcpverify.models.core.CoreEngine;
import org.mptcpverify.traces.TracesEngine;

/** The deciding engines by name, in the matrix's column order. */
public final class EngineRegistry {
    private EngineRegistry() {}

    /**
     * The Alloy core {@code core} behind its committed column (models/alloy/core/verdicts.json, the
     * file alloy-column writes, with its counterexamples beside it): a cell with a current, decided,
     * replaying entry is reused; any other gets {@code miss}.
     *
     * @param recompute decide every cell again (still compared with the committed entry)
     * @throws IOException when the verdicts file cannot be read
     */
    public static FingerprintedEngine committedAlloyCore(Engine core, long seed, boolean recompute, FingerprintedEngine.Miss miss)
            throws IOException {
        Path dir = AlloyCoreVerdicts.coreDir();
        Map<String, VerdictCache.Entry> committed = AlloyCoreVerdicts.CACHE.read(dir.resolve("verdicts.json"));
        return new FingerprintedEngine(core, AlloyCoreVerdicts.CACHE, committed, dir, seed, recompute, miss);
    }

    /**
     * {@code engines} with {@code alloy} behind its committed column ({@link #committedAlloyCore},
     * computing the cells it cannot reuse); the wrapper, or null when {@code alloy} is not selected.
     */
    public static FingerprintedEngine reuseCommittedAlloy(Map<String, Supplier<Engine>> engines, long seed, boolean recompute)
            throws IOException {
        return reuseCommittedAlloy(engines, seed, recompute, FingerprintedEngine.Miss.COMPUTE);
    }

    /** As above; {@code miss} says what a cell without a reusable committed verdict gets. */
    public static FingerprintedEngine reuseCommittedAlloy(Map<String, Supplier<Engine>> engines, long seed, boolean recompute,
                                                         FingerprintedEngine.Miss miss) throws IOException {
        Supplier<Engine> alloy = engines.get("alloy");
        if (alloy == null) return null;
        FingerprintedEngine f = committedAlloyCore(alloy.get(), seed, recompute, miss);
        engines.put("alloy", () -> f);
        return f;
    }

    /** One line on what {@code f} reused and computed, for a command's stderr. */
    public static String summary(String command, FingerprintedEngine f) {
        return command + ": alloy (Alloy core): " + f.reused().size() + " verdict(s) reused from " + AlloyCoreVerdicts.FILE
                + ", " + f.reran().size() + " computed" + (f.reran().isEmpty() ? "" : " (" + String.join("; ", f.reran()) + ")");
    }

    public static Map<String, Supplier<Engine>> all() {
        return all(1);
    }

    /** @param tlcWorkers TLC's own worker threads per run ({@code --workers}) */
    public static Map<String, Supplier<Engine>> all(int tlcWorkers) {
        Map<String, Supplier<Engine>> m = new LinkedHashMap<>();
        m.put("traces", () -> new TracesEngine());
        // The generic core (models/tla/core) is the only TLA+ model: the old hand-written one is gone.
        m.put("tlc", () -> new CoreEngine(tlcWorkers));
        // likewise the Alloy generic core (models/alloy/core) is the only Alloy model
        m.put("alloy", () -> new AlloyCoreEngine());
        return m;
    }
}
