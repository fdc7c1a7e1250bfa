package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sweeps`: bad input is one line on stderr, exit 2, nothing written. */
class SweepsCommandTest {

    @Test
    void badArgumentsAreRefusedBeforeAnyWork(@TempDir Path tmp) {
        Path out = tmp.resolve("s.json");
        String o = out.toString();
        for (List<String> args : List.of(List.of("--cells", "bound-key", "--out", o),
                List.of("--cells", "nope:join-dos", "--out", o),
                List.of("--cells", "bound-key:nope", "--out", o),
                List.of("--cells", "ecdh:join-dos", "--out", o),
                List.of("--engines", "alloy", "--out", o),
                List.of("--timeout", "0", "--out", o))) {
            String[] full = new String[args.size() + 1];
            full[0] = "sweeps";
            for (int i = 0; i < args.size(); i++) full[i + 1] = args.get(i);
            CliRun r = CliRun.run(full);
            assertEquals(Main.EXIT_USAGE, r.code(), String.join(" ", full) + ": " + r.out() + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertFalse(Files.exists(out), "nothing written for " + args);
        }
    }
}
