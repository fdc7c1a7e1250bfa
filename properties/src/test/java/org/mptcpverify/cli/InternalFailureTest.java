package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Issue #16.4: anything but bad input ended in a stack trace and exit 1 ("violated"). */
class InternalFailureTest {
    @Test
    void oneLineAskingForAReportExitFourAndTheTraceInTheLog() throws Exception {
        for (Throwable t : new Throwable[] {
                new java.io.UncheckedIOException("cannot write x", new java.io.IOException("disk full")),
                new OutOfMemoryError("Required array size too large"),
                new IllegalStateException("two\nlines")}) {
            StringWriter err = new StringWriter();
            assertEquals(4, InternalFailure.report(t, new PrintWriter(err)));
            String line = err.toString();
            assertEquals(1, line.lines().count(), line);
            assertTrue(line.startsWith("mptcp-verify: internal error, please report it: " + t.getClass().getSimpleName()), line);
            assertFalse(line.contains("\tat "), "no stack trace on the terminal: " + line);
            Path log = Path.of(line.substring(line.indexOf("details in ") + "details in ".length()).strip());
            String logged = Files.readString(log);
            assertTrue(logged.contains("\tat " + InternalFailureTest.class.getName()), logged);
        }
    }
}
