package org.mptcpverify.matrix;

import java.io.PrintStream;
import java.util.Locale;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * Progress of a matrix run on standard error: on a terminal one line rewritten in place, in
 * logs (CI) one line per finished check.
 */
public final class Progress {
    private final PrintStream err;
    private final boolean terminal;
    private final int total;
    private final long startNanos = System.nanoTime();
    private int done;

    public Progress(PrintStream err, boolean terminal, int total) {
        this.err = err;
        this.terminal = terminal;
        this.total = total;
    }

    public synchronized void started(SchemeId scheme, AttackId attack, String engine) {
        if (terminal) {
            err.printf(Locale.ROOT, "\r\033[K[%d/%d %5.1fs] %s %s / %s ...", done, total, elapsed(), engine, scheme, attack);
            err.flush();
        }
    }

    public synchronized void finished(SchemeId scheme, AttackId attack, String engine, CellResult r) {
        done++;
        String line = String.format(Locale.ROOT, "[%d/%d %5.1fs] %-6s %-24s %-20s %-14s %.2fs%s",
                done, total, elapsed(), engine, scheme, attack, r.verdict(), r.seconds(),
                r.reason() == null ? "" : "  (" + r.reason() + ")");
        if (terminal) {
            err.print("\r\033[K");
            if (done == total) err.println(line);
            else err.print(line);
        } else {
            err.println(line);
        }
        err.flush();
    }

    private double elapsed() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
