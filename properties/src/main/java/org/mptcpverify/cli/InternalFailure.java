package org.mptcpverify.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A failure that is not the user's input: one line on the terminal asking for a report, the
 * stack trace in a log file whose path that line gives (exit 4). Never a stack trace on the terminal.
 */
final class InternalFailure {
    /** Overridable so that tests keep their logs under target/. */
    static final String LOG_DIR_PROPERTY = "mptcp.logDir";

    private InternalFailure() {}

    static int report(Throwable t, PrintWriter err) {
        String what = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + oneLine(t.getMessage()));
        String where;
        try {
            where = "; details in " + writeLog(t);
        } catch (IOException | RuntimeException e) {
            where = " (no log file: " + oneLine(String.valueOf(e.getMessage())) + ")";
        }
        err.println("mptcp-verify: internal error, please report it: " + what + where);
        err.flush();
        return Main.EXIT_INTERNAL;
    }

    private static Path writeLog(Throwable t) throws IOException {
        Path dir = Path.of(System.getProperty(LOG_DIR_PROPERTY, System.getProperty("java.io.tmpdir")));
        Files.createDirectories(dir);
        Path log = Files.createTempFile(dir, "mptcp-verify-error-", ".log");
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        Files.writeString(log, "mptcp-verify 0.1.0, java " + System.getProperty("java.version") + "\n"
                + trace, StandardCharsets.UTF_8);
        return log.toAbsolutePath();
    }

    private static String oneLine(String s) {
        String line = s.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
