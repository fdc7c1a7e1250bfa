package org.mptcpverify.traces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.cli.Main;

/**
 * Same seed, same bytes, in separate JVMs. Regression: the two-client population of
 * {@code two-keys-one-host} was held in a {@code Map.copyOf}, whose iteration order is salted per
 * JVM start, so the generic attacker's walk, and the committed counterexample, came out one of two
 * ways (CI failed on it twice). Within one JVM the order is stable, so only child JVMs can show
 * it; four of them make a salt that happens to agree unlikely (1/8 for a two-way order).
 */
class SameSeedAcrossJvmsTest {
    private static final int JVMS = 4;

    @Test
    void aTwoClientCounterexampleIsTheSameInEveryJvm(@TempDir Path tmp) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> runs = new ArrayList<>();
        for (int i = 0; i < JVMS; i++) {
            runs.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "check", "--engine", "traces", "--scheme", "thesis-xor-global", "--attack", "two-keys-one-host",
                    "--out", tmp.resolve("run" + i).toString())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("run" + i + ".log").toFile()).start());
        }
        byte[] first = null;
        for (int i = 0; i < JVMS; i++) {
            Process p = runs.get(i);
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("run " + i + " did not end within 300 s");
            }
            assertEquals(1, p.exitValue(), "run " + i + " should find the violation: " + Files.readString(tmp.resolve("run" + i + ".log")));
            byte[] trace = Files.readAllBytes(tmp.resolve("run" + i).resolve("counterexamples/thesis-xor-global/two-keys-one-host/traces.json"));
            if (first == null) {
                first = trace;
            } else {
                assertArrayEquals(first, trace, "run " + i + " wrote a different traces.json than run 0 with the same seed");
            }
        }
    }
}
