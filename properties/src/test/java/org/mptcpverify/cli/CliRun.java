package org.mptcpverify.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One in-process run of the CLI with its exit code and captured output, for the command tests. */
record CliRun(int code, String out, String err) {
    /** The commands whose checks take a {@code --timeout} (default 120 s, 300 s per sweep level). */
    private static final java.util.Set<String> TIMED = new java.util.TreeSet<>(
            java.util.List.of("check", "matrix", "sweep", "traces", "mutants"));
    /**
     * The tests assert verdicts, not speed: a check of seconds idle takes minutes at a load of 30 on
     * two cores, and past the CLI's default timeout it would be INCONCLUSIVE. Only a hang reaches this.
     */
    static final String UNHURRIED_SECONDS = "1800";

    static CliRun run(String... given) {
        String[] args = unhurried(given);
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** {@code args} with {@code --timeout 1800} added to a timed command that sets none. */
    static String[] unhurried(String... args) {
        if (args.length == 0 || !TIMED.contains(args[0])) {
            return args;
        }
        for (String a : args) {
            if (a.equals("--timeout") || a.startsWith("--timeout=")) {
                return args;
            }
        }
        String[] out = java.util.Arrays.copyOf(args, args.length + 2);
        out[args.length] = "--timeout";
        out[args.length + 1] = UNHURRIED_SECONDS;
        return out;
    }
}
