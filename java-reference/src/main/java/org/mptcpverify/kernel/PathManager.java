package org.mptcpverify.kernel;

import java.io.IOException;
import java.net.InetAddress;

/** The in-kernel path manager of one namespace, driven with `ip mptcp endpoint` and `ip addr`. */
final class PathManager {
    private PathManager() {}

    /** Adds {@code address}/24 to eth1 and makes it an MPTCP endpoint with {@code id} and {@code flag} (subflow, signal). */
    static void addEndpoint(String netns, InetAddress address, int id, String flag) throws IOException {
        Commands.run("ip", "-n", netns, "addr", "add", address.getHostAddress() + "/24", "dev", Topology.IFACE);
        Commands.run("ip", "-n", netns, "mptcp", "endpoint", "add", address.getHostAddress(), "dev", Topology.IFACE,
                "id", Integer.toString(id), flag);
    }

    /** Deletes the endpoint (the path manager withdraws it: REMOVE_ADDR for a signal endpoint). */
    static void deleteEndpoint(String netns, int id) throws IOException {
        Commands.run("ip", "-n", netns, "mptcp", "endpoint", "delete", "id", Integer.toString(id));
    }

    /** Polls MPTCP_INFO `subflows` of {@code app} until it equals {@code want} or {@code timeoutMs} pass; returns the last value. */
    static int awaitSubflows(MptcpApp app, int want, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        int n = subflows(app);
        while (n != want && System.nanoTime() < deadline) {
            sleep(100);
            n = subflows(app);
        }
        return n;
    }

    /** MPTCP_INFO `subflows` (additional subflows) of the application's connection, -1 if it does not answer. */
    static int subflows(MptcpApp app) {
        return app.info("info", 2_000).map(i -> i.path("subflows").asInt(-1)).orElse(-1);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
