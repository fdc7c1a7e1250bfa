package org.mptcpverify.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mptcpverify.io.AtomicWrite;
import org.mptcpverify.matrix.HmacRate;
import org.mptcpverify.matrix.Versions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hmac-rate}: how fast this machine computes join HMACs, for the time of offline guessing. */
@Command(name = "hmac-rate", mixinStandardHelpOptions = true,
        description = {"Measure HMAC-SHA1 and HMAC-SHA256 per second (one thread, the join's 16-byte key and 8-byte message).",
                "With --write, store the rounded rates in docs/hmac-rate.json, which `results` turns offline guessing costs into time with.",
                "Exit codes: 0 measured; 2 bad usage."})
public final class HmacRateCommand implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "1", paramLabel = "S",
            description = "Seconds per hash, after a warm-up as long (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--write", description = "Write docs/hmac-rate.json (atomically).")
    boolean write;

    @Override
    public Integer call() {
        if (!(seconds > 0 && seconds <= 60)) {
            throw new UserInputException("--seconds: must be in (0, 60], got " + seconds);
        }
        HmacRate r = HmacRate.measure(seconds);
        System.out.println(r.text());
        if (write) {
            Path f = Versions.repoRoot().resolve(HmacRate.FILE);
            AtomicWrite.text(f, r.json());
            System.out.println("wrote " + f);
        }
        return Main.EXIT_OK;
    }
}
