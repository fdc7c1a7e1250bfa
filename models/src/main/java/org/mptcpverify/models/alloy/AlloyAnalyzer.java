package org.mptcpverify.models.alloy;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Alloy Analyzer as a resource of the JVM: its solver setting, the permit that lets one check
 * run at a time (the parser and translator keep static caches), and the stopping of a check's
 * worker that overran its time (SAT4J and Kodkod do not poll interruption).
 */
final class AlloyAnalyzer {
    /**
     * System property choosing the SAT solver ({@code sat4j}, the bundled {@code minisat}, {@code glucose},
     * or the external {@code cadical}: {@link DimacsSolverFactory}).
     */
    static final String SOLVER_PROPERTY = "mptcp.alloy.solver";
    static final String DEFAULT_SOLVER = "sat4j";

    /**
     * One check at a time per JVM. A permit, not a lock, because the caller waits for it (time that
     * is not the check's) and the worker that ran the check releases it.
     */
    static final Semaphore PERMIT = new Semaphore(1, true);
    /** A stopped worker that had not ended yet, with the permit it may still hold. */
    private static volatile Stopped stuck;

    private record Stopped(Thread worker, Lease lease) {
    }

    /**
     * The permit of one check, given back exactly once: by its worker's {@code finally} when the
     * check ends, or by the caller once a stopped worker has ended. The second is needed because a
     * worker stopped before its task began (a 1 ms timeout on a loaded machine, where the new thread
     * had not yet run) dies without reaching that {@code finally}, and the permit would otherwise be
     * lost for the rest of the JVM.
     */
    static final class Lease {
        private final AtomicBoolean held = new AtomicBoolean(true);

        void release() {
            if (held.getAndSet(false)) {
                PERMIT.release();
            }
        }
    }

    static {
        quietKodkod(); // every check takes the permit first, so this runs before Kodkod logs anything
    }

    private AlloyAnalyzer() {
    }

    /** The solver named by {@link #SOLVER_PROPERTY}, else {@link #DEFAULT_SOLVER}. */
    static String solver() {
        return System.getProperty(SOLVER_PROPERTY, DEFAULT_SOLVER);
    }

    /**
     * Kodkod logs every translation phase at INFO through the bundled slf4j SimpleLogger, which
     * reads its level once, when the first logger is made: call this before any Kodkod class is
     * touched.
     */
    static void quietKodkod() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        }
    }

    /**
     * Takes the permit for one check, waiting for the cell that holds it; false when a stopped
     * worker never ends, which would keep the analyzer from every later cell. A stopped worker ends
     * within seconds even on a loaded machine; once it has, its permit is given back here if its
     * task never could.
     */
    static boolean acquire() throws InterruptedException {
        while (!PERMIT.tryAcquire(1, TimeUnit.SECONDS)) {
            Stopped s = stuck;
            if (s != null) {
                s.worker().join(30_000);
                if (s.worker().isAlive()) {
                    return false;
                }
                s.lease().release();
                stuck = null;
            }
        }
        return true;
    }

    /**
     * Ends a worker that overran its time: after a grace period the thread is stopped (its finally
     * block releases the permit; AlloyWarmUp keeps class initialisation off the worker); on a JVM
     * where Thread.stop is unsupported it stays a daemon that cannot block exit, and later cells
     * wait for its permit first.
     */
    @SuppressWarnings({"deprecation", "removal"})
    static void stop(Thread worker, Lease lease) {
        worker.interrupt();
        try {
            worker.join(500);
            if (worker.isAlive()) {
                worker.stop();
                worker.join(2000);
            }
            if (worker.isAlive()) {
                stuck = new Stopped(worker, lease);
            } else {
                lease.release(); // no-op unless the worker died before its task could give the permit back
            }
        } catch (UnsupportedOperationException | InterruptedException ignored) {
            stuck = new Stopped(worker, lease);
        }
    }
}
