package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** alloy-column --solver: a solver that cannot run here is refused in one line before any work. */
class AlloyColumnSolverTest {
    @Test
    void anUnknownOrMissingSolverIsExit2AndWritesNothing(@TempDir Path tmp) {
        Path out = tmp.resolve("col");
        CliRun r = CliRun.run("alloy-column", "--cell", "rfc8684", "join-dos", "--solver", "no-such-solver", "--out", out.toString());
        assertEquals(Main.EXIT_USAGE, r.code(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("--solver") && r.err().contains("no-such-solver"), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
