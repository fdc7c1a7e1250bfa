package org.mptcpverify.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Runs one {@link KernelAttack} end to end: builds the namespaces, starts the Linux MPTCP server
 * and client, lets the client open a connection and send {@link #CLIENT_DATA} while the attacker
 * captures, hands the reconstructed connection to the attack, writes the capture and tears
 * everything down (also when something fails).
 */
public final class KernelAttackRunner {
    static final int SERVER_PORT = 5201;
    static final byte[] CLIENT_DATA = "hello from the client\n".getBytes(StandardCharsets.US_ASCII);
    /** Generous: only a failing run waits this long, and python start-up is slow on a loaded machine. */
    private static final long STEP_TIMEOUT_MS = 5_000;

    private KernelAttackRunner() {}

    /**
     * @param pcap where to write the attacker's capture (raw IP), or empty for none
     * @param seed seeds the attacker's own random choices (ports, nonces, ISNs)
     */
    public static KernelAttackReport run(KernelAttack attack, Optional<Path> pcap, long seed) throws IOException {
        return run(attack, pcap, seed, false);
    }

    /**
     * @param wrongKeys negative control: the attacker uses wrong keys instead of the captured
     *                  ones (everything else it captured stays right); the attack must then fail
     */
    public static KernelAttackReport run(KernelAttack attack, Optional<Path> pcap, long seed, boolean wrongKeys)
            throws IOException {
        long start = System.nanoTime();
        List<String> evidence = new ArrayList<>();
        boolean ok = false;
        Optional<Path> written = Optional.empty();
        String release = kernelRelease();
        try (Topology topo = attack.onPath2() ? Topology.createWithPath2() : Topology.create()) {
            Wiretap tap = Wiretap.open(topo.attacker(), Topology.IFACE, Topology.ATTACKER_MAC);
            Optional<Wiretap> path2 = attack.onPath2()
                    ? Optional.of(Wiretap.open(topo.attacker(), Topology.IFACE_2, Topology.ATTACKER_MAC_2))
                    : Optional.empty();
            try {
                ok = runIn(topo, tap, path2, attack, seed, evidence, wrongKeys);
            } finally {
                tap.close();
                path2.ifPresent(Wiretap::close);
                if (pcap.isPresent()) {
                    List<Wiretap> taps = new ArrayList<>(List.of(tap));
                    path2.ifPresent(taps::add);
                    Wiretap.writePcap(pcap.get(), taps);
                    written = pcap;
                    evidence.add("capture: " + taps.stream().mapToInt(Wiretap::frameCount).sum()
                            + " frames on the attacker's port" + (taps.size() > 1 ? "s (paths 1 and 2, merged by time)" : "")
                            + " written to " + pcap.get());
                }
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new KernelAttackReport(attack.name(), ok, evidence, written, release, millis);
    }

    private static boolean runIn(Topology topo, Wiretap tap, Optional<Wiretap> path2, KernelAttack attack, long seed,
                                 List<String> evidence, boolean wrongKeys) throws IOException {
        KernelCounters clientBefore = KernelCounters.read(topo.client());
        KernelCounters serverBefore = KernelCounters.read(topo.server());
        MptcpApp server = MptcpApp.server(topo, SERVER_PORT);
        require(server.awaitEvent("listening", STEP_TIMEOUT_MS).isPresent(), "server did not start", server);
        MptcpApp client = MptcpApp.client(topo, Topology.SERVER.getHostAddress(), SERVER_PORT);
        require(client.awaitEvent("connected", STEP_TIMEOUT_MS).isPresent(), "client did not connect", client);
        client.send(CLIENT_DATA);
        require(server.await(e -> server.received().length >= CLIENT_DATA.length, STEP_TIMEOUT_MS).isPresent(),
                "server did not receive the client's data", server);
        evidence.add("legitimate connection: client " + Topology.CLIENT.getHostAddress() + " -> server "
                + Topology.SERVER.getHostAddress() + ":" + SERVER_PORT + ", client sent "
                + EavesdropHandshake.printable(CLIENT_DATA));

        CapturedConnection conn = awaitCapture(tap, CLIENT_DATA.length);
        evidence.add(String.format("attacker captured MP_CAPABLE v%d handshake: client %s:%d, server token %08x,"
                        + " client token %08x; %d client bytes seen", conn.version(), conn.client().getHostAddress(),
                conn.clientPort(), conn.serverToken(), conn.clientToken(), conn.fromClient().dataBytes()));
        if (wrongKeys) {
            conn = conn.withWrongKeys(AttackContext.WRONG_KEY_MASK);
            evidence.add("negative control: " + attack.profile().control());
        }
        AttackContext ctx = new AttackContext(topo, tap, client, server, conn, CLIENT_DATA.clone(),
                new SplittableRandom(seed), clientBefore, serverBefore, evidence, wrongKeys, path2);
        return attack.run(ctx);
    }

    /** Waits until the capture holds the handshake and all the client's data, and its ACK. */
    private static CapturedConnection awaitCapture(Wiretap tap, int clientBytes) throws IOException {
        long deadline = System.nanoTime() + STEP_TIMEOUT_MS * 1_000_000;
        while (System.nanoTime() < deadline) {
            Optional<CapturedConnection> c = CapturedConnection.from(tap.segments());
            if (c.isPresent() && c.get().fromClient().dataBytes() >= clientBytes) {
                CapturedConnection cc = c.get();
                boolean acked = tap.segments().stream().map(Wiretap.Seen::segment).anyMatch(t ->
                        t.src().equals(cc.server()) && t.srcPort() == cc.serverPort()
                                && t.ack() == cc.fromClient().nextSeq());
                if (acked) {
                    return cc;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IOException("the attacker did not capture the handshake and the client's data within "
                + STEP_TIMEOUT_MS + " ms (" + tap.frameCount() + " frames, " + tap.size() + " TCP segments decoded, "
                + tap.undecodable() + " not decodable" + tap.firstDecodeError().map(e -> ", first: " + e).orElse("")
                + ")");
    }

    private static void require(boolean cond, String what, MptcpApp app) throws IOException {
        if (!cond) {
            throw new IOException(what + "; its stderr: " + app.stderr().strip());
        }
    }

    static String kernelRelease() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
