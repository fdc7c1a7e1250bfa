package org.mptcpverify.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mptcpverify.kernel.KernelAttack;
import org.mptcpverify.kernel.KernelAttackReport;
import org.mptcpverify.kernel.KernelAttackRunner;
import org.mptcpverify.kernel.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A live attack on this machine's Linux MPTCP (RFC 8684) in throw-away network namespaces. */
@Command(name = "kernel-attack", mixinStandardHelpOptions = true,
        description = {
                "Run a live attack against this machine's Linux kernel MPTCP (RFC 8684) in throw-away network "
                        + "namespaces: a python client and server use the kernel's MPTCP, the Java attacker sees "
                        + "path 1 through a bridge and acts only on the bytes it captured.",
                "Needs root, `ip netns` and net.mptcp.enabled=1. Exit 0: the attack succeeded and the kernel "
                        + "showed it; 1: it did not (or the run failed); 2: bad usage or no namespaces here."})
public final class KernelAttackCommand implements Callable<Integer> {
    static final int DEADLINE_SECONDS = 18;

    @Option(names = "--attack", required = true, paramLabel = "ATTACK",
            description = "eavesdrop-handshake, add-addr-mitm or fastclose-forge")
    String attack;

    @Option(names = "--pcap", paramLabel = "FILE",
            description = "where to write the attacker's capture (raw IP pcap); default kernel-attack-ATTACK.pcap")
    Path pcap;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "seed of the attacker's own random choices (port, nonce, ISN); default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--json", paramLabel = "FILE",
            description = "also write the report (verdict, kernel release, evidence) as JSON to FILE")
    Path json;

    @Option(names = "--wrong-keys",
            description = "negative control: the attacker uses wrong keys instead of the captured ones; "
                    + "the attack must then fail (exit 1)")
    boolean wrongKeys;

    @Option(names = "--force", description = "overwrite the --pcap and --json files if they exist")
    boolean force;

    @Override
    public Integer call() {
        KernelAttack a = KernelAttack.byName(attack).orElseThrow(() -> new UserInputException(
                "--attack: unknown kernel attack '" + attack + "' (known: "
                        + String.join(", ", KernelAttack.names()) + ")"));
        // Output paths first: a bad one must cost neither the attack nor an existing file.
        Path out = newFile(pcap != null ? pcap : Path.of("kernel-attack-" + a.id().wireName() + ".pcap"), "--pcap");
        if (json != null) {
            newFile(json, "--json");
        }
        Optional<String> unavailable = Topology.unavailableReason();
        if (unavailable.isPresent()) {
            throw new UserInputException("kernel-attack cannot run here: " + unavailable.get());
        }
        KernelAttackReport r;
        // A hard deadline: every step has its own timeout, this guards against the unforeseen.
        // On expiry the JVM's exit runs the topology's shutdown hook, which removes the namespaces.
        java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newSingleThreadExecutor(run -> {
            Thread t = new Thread(run, "kernel-attack");
            t.setDaemon(true);
            return t;
        });
        try {
            r = ex.submit(() -> KernelAttackRunner.run(a, Optional.of(out), seed, wrongKeys))
                    .get(DEADLINE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                System.err.println("mptcp-verify: kernel-attack " + a.id().wireName() + ": run failed: " + cause.getMessage());
                return Main.EXIT_FAILED;
            }
            throw new IllegalStateException(cause);
        } catch (java.util.concurrent.TimeoutException e) {
            System.err.println("mptcp-verify: kernel-attack " + a.id().wireName() + ": no result within "
                    + DEADLINE_SECONDS + " s");
            return Main.EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.EXIT_FAILED;
        } finally {
            ex.shutdownNow();
        }
        System.out.println("kernel-attack " + r.attack() + " against Linux " + r.kernelRelease() + ": "
                + (r.succeeded() ? "SUCCEEDED" : "DID NOT SUCCEED") + " (" + r.millis() + " ms)");
        r.evidence().forEach(line -> System.out.println("  " + line));
        if (json != null) {
            org.mptcpverify.io.AtomicWrite.text(json, r.toJson(seed, wrongKeys));
        }
        return r.succeeded() ? Main.EXIT_OK : Main.EXIT_FAILED;
    }

    /** A file the run may write: its folder exists and is writable, and it is new unless --force. */
    private Path newFile(Path file, String option) {
        if (file.toString().isEmpty()) {
            throw new UserInputException(option + ": empty path");
        }
        if (java.nio.file.Files.isDirectory(file)) {
            throw new UserInputException(option + ": " + file + " is a folder, not a file");
        }
        if (java.nio.file.Files.exists(file) && !force) {
            throw new UserInputException(option + ": " + file + " exists; choose a new name or add --force to overwrite it");
        }
        Path dir = file.toAbsolutePath().getParent();
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new UserInputException(option + ": " + dir + " is not an existing folder");
        }
        if (!java.nio.file.Files.isWritable(dir)) {
            throw new UserInputException(option + ": folder " + dir + " is not writable");
        }
        return file;
    }
}
