package org.mptcpverify.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short system commands (ip, sysctl) and fails loudly with their output. */
final class Commands {
    private static final long TIMEOUT_MS = 5_000;

    private Commands() {}

    /** Runs the command; returns its standard output, or throws with stderr when it fails. */
    static String run(String... argv) throws IOException {
        Result r = tryRun(argv);
        if (r.exit != 0) {
            throw new IOException(String.join(" ", argv) + " failed (exit " + r.exit + "): " + r.err.strip());
        }
        return r.out;
    }

    /** Runs the command inside network namespace {@code ns} (ip netns exec). */
    static String runIn(String ns, String... argv) throws IOException {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        all.addAll(List.of(argv));
        return run(all.toArray(String[]::new));
    }

    record Result(int exit, String out, String err) {}

    static Result tryRun(String... argv) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        // Commands here print little; read both streams fully after exit is fine for small
        // outputs, but read stdout concurrently to be safe with larger ones.
        var out = new java.io.ByteArrayOutputStream();
        Thread pump = new Thread(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (IOException ignored) {
                // the process died; what was read is kept
            }
        });
        pump.start();
        byte[] err;
        try {
            err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", argv) + " timed out");
            }
            pump.join(TIMEOUT_MS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", argv), e);
        }
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }
}
