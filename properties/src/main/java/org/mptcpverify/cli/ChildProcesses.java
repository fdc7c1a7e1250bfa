package org.mptcpverify.cli;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ends every process this JVM started when it shuts down (SIGINT, SIGTERM, System.exit): a TLC
 * child JVM, tshark, ip. Without it a child is re-parented to init and keeps running and writing.
 */
final class ChildProcesses {
    private static boolean installed;

    private ChildProcesses() {}

    static synchronized void endAllOnShutdown() {
        if (installed) return;
        installed = true;
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::endAll, "end-child-processes"));
    }

    /** Asks each descendant to stop, then kills what is left after a short grace period. */
    static void endAll() {
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        children.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : children) {
            try {
                p.onExit().get(2, TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                p.destroyForcibly();
            }
        }
    }
}
