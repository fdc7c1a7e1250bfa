package org.mptcpverify.engine;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Knobs shared by the engines.
 *
 * @param seed               drives every random choice (trace generation, TLC -seed, nonces)
 * @param counterexampleRoot where {@code <scheme>/<attack>/<engine>.*} files are written
 * @param workDir            scratch space (metadirs, tmpdirs), under target/
 * @param timeout            per cell; past it the result is INCONCLUSIVE
 * @param tries              traces engine: seeded runs of the generic attacker per cell
 * @param attackerHasKey     negative control: the attacker is given the external keys
 * @param bounds             the bounds the user asked for (plain and engine-qualified keys); each
 *                           engine resolves the keys meant for it and keeps its defaults for the rest
 * @param rerunFailedSeeds   read by no engine since the per-attack generators (which re-ran the
 *                           tries that failed in earlier runs) were deleted; the CLI still accepts
 *                           {@code --rerun-failed-seeds} and ignores it
 */
public record EngineOptions(long seed, Path counterexampleRoot, Path workDir, Duration timeout,
                            int tries, boolean attackerHasKey, Bounds bounds, boolean rerunFailedSeeds) {
    public EngineOptions(long seed, Path counterexampleRoot, Path workDir, Duration timeout,
                         int tries, boolean attackerHasKey) {
        this(seed, counterexampleRoot, workDir, timeout, tries, attackerHasKey, Bounds.NONE, false);
    }

    public EngineOptions(long seed, Path counterexampleRoot, Path workDir, Duration timeout,
                         int tries, boolean attackerHasKey, Bounds bounds) {
        this(seed, counterexampleRoot, workDir, timeout, tries, attackerHasKey, bounds, false);
    }

    public EngineOptions(long seed, Path counterexampleRoot, Path workDir, Duration timeout,
                         int tries, boolean attackerHasKey, boolean rerunFailedSeeds) {
        this(seed, counterexampleRoot, workDir, timeout, tries, attackerHasKey, Bounds.NONE, rerunFailedSeeds);
    }

    public EngineOptions withBounds(Bounds b) {
        return new EngineOptions(seed, counterexampleRoot, workDir, timeout, tries, attackerHasKey, b, rerunFailedSeeds);
    }

    /** The requested bounds meant for {@code engine}. */
    public Bounds boundsFor(String engine) {
        return bounds.forEngine(engine);
    }
}
