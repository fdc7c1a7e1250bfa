package org.mptcpverify.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mptcpverify.kernel.KernelAttack;
import org.mptcpverify.kernel.KernelAttackReport;
import org.mptcpverify.kernel.KernelAttackRunner;
import org.mptcpverify.kernel.Topology;
import org.mptcpverify.matrix.Versions;
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
    /**
     * Per run (one attack, or its wrong-key control). Every step has its own timeout; this guards
     * against the unforeseen, with room for python start-up on a loaded 2-core machine.
     */
    static final int DEADLINE_SECONDS = 60;
    static final String ALL = "all";

    @Option(names = "--attack", required = true, paramLabel = "ATTACK",
            description = "eavesdrop-handshake, eavesdrop-all, add-addr-mitm, fastclose-forge, join-dos, syn-join-rewrite, "
                    + "remove-addr-forge, mp-prio-forge, add-addr-replay, syn-flood-amplification, or all (each attack "
                    + "and its negative control, then a table)")
    String attack;

    @Option(names = "--pcap", paramLabel = "FILE",
            description = "where to write the attacker's capture (raw IP pcap); default "
                    + "target/kernel-attack/ATTACK.pcap under the repository; with --attack all, a folder")
    Path pcap;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "seed of the attacker's own random choices (port, nonce, ISN); default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--json", paramLabel = "FILE",
            description = "also write the report (verdict, kernel release, evidence) as JSON to FILE "
                    + "(with --attack all: an array of every run)")
    Path json;

    @Option(names = "--wrong-keys",
            description = "negative control: the attacker uses wrong keys instead of the captured ones (for the "
                    + "unauthenticated options remove-addr-forge and mp-prio-forge: wrong sequence numbers); the attack "
                    + "must then fail (exit 1); not with --attack all, which runs every control itself")
    boolean wrongKeys;

    @Option(names = "--force", description = "overwrite the --pcap and --json files if they exist")
    boolean force;

    @Override
    public Integer call() {
        boolean all = ALL.equals(attack);
        KernelAttack a = all ? null : KernelAttack.byName(attack).orElseThrow(() -> new UserInputException(
                "--attack: unknown kernel attack '" + attack + "' (known: "
                        + String.join(", ", KernelAttack.names()) + ", or all)"));
        if (all && wrongKeys) {
            throw new UserInputException("--wrong-keys: --attack all already runs every wrong-key control");
        }
        // Output paths first: a bad one must cost neither the attack nor an existing file. The
        // default location (target/kernel-attack/) is the tool's own and is reused; a path the user
        // names must be new unless --force.
        Path defaultDir = Versions.repoRoot().resolve("target").resolve("kernel-attack");
        Path dir = all ? (pcap != null ? pcap : defaultDir) : null;
        Path out = all ? null : pcap != null ? newFile(pcap, "--pcap") : defaultDir.resolve(a.name() + ".pcap");
        if (all) {
            if (pcap != null && pcap.toString().isEmpty()) {
                throw new UserInputException("--pcap: empty path");
            }
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new UserInputException("--pcap: " + dir + " is not a folder (with --attack all it names one)");
            }
            if (pcap != null && !force) {
                for (KernelAttack k : KernelAttack.ALL) {
                    for (String f : List.of(k.name() + ".pcap", k.name() + "-wrong-keys.pcap")) {
                        if (Files.exists(dir.resolve(f))) {
                            throw new UserInputException("--pcap: " + dir.resolve(f) + " exists; choose a new folder or add --force to overwrite it");
                        }
                    }
                }
            }
        }
        if (json != null) {
            newFile(json, "--json");
        }
        Optional<String> unavailable = Topology.unavailableReason();
        if (unavailable.isPresent()) {
            throw new UserInputException("kernel-attack cannot run here: " + unavailable.get());
        }
        try {
            Files.createDirectories(all ? dir : out.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UserInputException("--pcap: cannot create the folder for " + (all ? dir : out) + ": " + e.getMessage());
        }
        if (!all) {
            Optional<KernelAttackReport> r = runOne(a, out, wrongKeys);
            if (r.isEmpty()) {
                return Main.EXIT_FAILED;
            }
            print(r.get());
            if (json != null) {
                org.mptcpverify.io.AtomicWrite.text(json, r.get().toJson(seed, wrongKeys));
            }
            return r.get().succeeded() ? Main.EXIT_OK : Main.EXIT_FAILED;
        }
        return runAll(dir);
    }

    /** Every attack, then its negative control; a table; exit 0 only if every attack worked and every control failed. */
    private int runAll(Path dir) {
        List<String> rows = new ArrayList<>();
        List<String> jsons = new ArrayList<>();
        boolean allAsExpected = true;
        for (KernelAttack k : KernelAttack.ALL) {
            String name = k.name();
            Optional<KernelAttackReport> live = runOne(k, dir.resolve(name + ".pcap"), false);
            Optional<KernelAttackReport> control = runOne(k, dir.resolve(name + "-wrong-keys.pcap"), true);
            live.ifPresent(r -> { print(r); jsons.add(r.toJson(seed, false)); });
            control.ifPresent(r -> { print(r); jsons.add(r.toJson(seed, true)); });
            boolean ok = live.map(KernelAttackReport::succeeded).orElse(false)
                    && control.map(r -> !r.succeeded()).orElse(false);
            allAsExpected &= ok;
            rows.add(String.format("%-24s %-16s %-24s %s", name, live.map(r -> r.succeeded() ? "SUCCEEDED" : "DID NOT SUCCEED")
                    .orElse("RUN FAILED"), control.map(r -> r.succeeded() ? "SUCCEEDED (bad control)" : "failed, as it must")
                    .orElse("RUN FAILED"), k.profile().property()));
        }
        System.out.println();
        System.out.println(String.format("%-24s %-16s %-24s %s", "attack", "live", "negative control", "property"));
        rows.forEach(System.out::println);
        System.out.println("captures: " + dir);
        if (json != null) {
            org.mptcpverify.io.AtomicWrite.text(json, "[\n" + String.join(",\n", jsons.stream().map(String::strip).toList())
                    + "\n]\n");
        }
        return allAsExpected ? Main.EXIT_OK : Main.EXIT_FAILED;
    }

    private static void print(KernelAttackReport r) {
        System.out.println("kernel-attack " + r.attack() + " against Linux " + r.kernelRelease() + ": "
                + (r.succeeded() ? "SUCCEEDED" : "DID NOT SUCCEED") + " (" + r.millis() + " ms)");
        r.evidence().forEach(line -> System.out.println("  " + line));
    }

    /** One run under the deadline; empty (with one line on stderr) if it failed or timed out. */
    private Optional<KernelAttackReport> runOne(KernelAttack a, Path out, boolean wrong) {
        // On expiry the JVM's exit runs the topology's shutdown hook, which removes the namespaces.
        java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newSingleThreadExecutor(run -> {
            Thread t = new Thread(run, "kernel-attack");
            t.setDaemon(true);
            return t;
        });
        String label = a.name() + (wrong ? " (negative control)" : "");
        try {
            return Optional.of(ex.submit(() -> KernelAttackRunner.run(a, Optional.of(out), seed, wrong))
                    .get(DEADLINE_SECONDS, java.util.concurrent.TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                System.err.println("mptcp-verify: kernel-attack " + label + ": run failed: " + cause.getMessage());
                return Optional.empty();
            }
            throw new IllegalStateException(cause);
        } catch (java.util.concurrent.TimeoutException e) {
            System.err.println("mptcp-verify: kernel-attack " + label + ": no result within " + DEADLINE_SECONDS + " s");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            ex.shutdownNow();
        }
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
