package org.mptcpverify.traces;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.mptcpverify.trace.RunOutcome;

/**
 * A check's time budget, enforced on every run too: a run that does not finish before the budget
 * is spent is abandoned (interrupted) and the check ends INCONCLUSIVE instead of hanging. Runs go
 * through one daemon thread per check; without a timeout they run on the caller's thread.
 */
final class RunWatchdog implements AutoCloseable {
    /** The budget is spent (before or during a run). */
    static final class Expired extends RuntimeException {
        Expired(String message) {
            super(message, null, false, false);
        }
    }

    private final long startNanos;
    private final Duration timeout;
    private final ExecutorService exec;

    RunWatchdog(long startNanos, Duration timeout) {
        this.startNanos = startNanos;
        this.timeout = timeout;
        this.exec = timeout == null ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "traces-run");
            t.setDaemon(true);
            return t;
        });
    }

    boolean passed() {
        return timeout != null && System.nanoTime() - startNanos > timeout.toNanos();
    }

    RunOutcome run(Supplier<RunOutcome> run) {
        if (exec == null) {
            return run.get();
        }
        long left = timeout.toNanos() - (System.nanoTime() - startNanos);
        if (left <= 0) {
            throw new Expired("the time budget of " + timeout + " is spent");
        }
        Future<RunOutcome> f = exec.submit(run::get);
        try {
            return f.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new Expired("a run did not finish within the time budget of " + timeout);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new Expired("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        if (exec != null) {
            exec.shutdownNow();
        }
    }
}
