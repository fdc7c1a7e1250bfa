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
 * @param tries              traces engine: generated traces per cell
 * @param attackerHasKey     negative control: the attacker is given the external keys
 * @param rerunFailedSeeds   traces engine: first re-run the tries that failed in earlier runs with
 *                           the same work folder; off unless the user asks, so that the seed alone
 *                           decides the output
 */
public record EngineOptions(long seed, Path counterexampleRoot, Path workDir, Duration timeout,
                            int tries, boolean attackerHasKey, boolean rerunFailedSeeds) {
    public EngineOptions(long seed, Path counterexampleRoot, Path workDir, Duration timeout,
                         int tries, boolean attackerHasKey) {
        this(seed, counterexampleRoot, workDir, timeout, tries, attackerHasKey, false);
    }
}
