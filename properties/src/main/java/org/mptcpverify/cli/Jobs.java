package org.mptcpverify.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;

/**
 * How many checks run at once: by default one per core; never more than physical memory holds,
 * since each check may take {@link #PER_CHECK_MB} MB (a TLC run's 512 MB heap plus its overhead,
 * or an Alloy translation in this JVM's heap). A capped request is said in one line on stderr.
 */
final class Jobs {
    static final long PER_CHECK_MB = 640;

    private Jobs() {}

    static int defaultJobs() {
        return Runtime.getRuntime().availableProcessors();
    }

    static int memoryCap() {
        long total = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : Runtime.getRuntime().maxMemory();
        return (int) Math.max(1, total / (PER_CHECK_MB << 20));
    }

    /** {@code requested} (null: one per core), capped at {@link #memoryCap()} with a note on {@code err}. */
    static int resolve(Integer requested, PrintStream err) {
        int want = requested == null ? defaultJobs() : requested;
        if (want < 1) throw new UserInputException("--jobs: must be at least 1, got " + want);
        int cap = memoryCap();
        if (want > cap) {
            err.println("mptcp-verify: --jobs " + want + " capped at " + cap + ": each check may need "
                    + PER_CHECK_MB + " MB and this machine has " + cap * PER_CHECK_MB / 1024 + "+ GB");
            return cap;
        }
        return want;
    }
}
