package org.mptcpverify.models.tlc;

/**
 * A finished (or killed) TLC child process.
 *
 * @param exitCode TLC's exit code; -1 when it was killed on timeout
 * @param timedOut the run exceeded its time and was killed
 * @param output   the whole {@code -tool} output (stdout and stderr)
 * @param seconds  wall time
 */
public record TlcRun(int exitCode, boolean timedOut, String output, double seconds) {
    /** TLC2 2.18 exit codes. */
    public static final int OK = 0;
    public static final int DEADLOCK = 11;
    public static final int SAFETY = 12;
    public static final int LIVENESS = 13;
    public static final int PARSE_ERROR = 150;
    public static final int CONFIG_ERROR = 151;
    public static final int ERROR = 255;
}
