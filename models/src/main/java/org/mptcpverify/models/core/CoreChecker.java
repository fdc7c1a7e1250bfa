package org.mptcpverify.models.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.mptcpverify.models.tlc.TlcOutput;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.models.tlc.TlcLauncher;
import org.mptcpverify.models.tlc.TlcProcess;
import org.mptcpverify.models.tlc.TlcReport;
import org.mptcpverify.models.tlc.TlcRun;
import org.mptcpverify.models.tlc.TraceState;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.Verdict;

/**
 * Checks cells of the generic TLA+ core (models/tla/core) with TLC, through the shared TLC
 * runner. Like the old core's engine, a violation is followed by a run without the violated
 * property, so every violated property is listed; anything but a completed state space or a
 * violation of a checked property is INCONCLUSIVE. The first violation's trace is exported as a
 * segment-level counterexample ({@link CoreTraceExport}) that the reference replays.
 */
public final class CoreChecker {
    /** The generic modules every cell needs (resources under /tla/core). */
    public static final List<String> CORE_MODULES = List.of("Terms", "Attacker", "SchemeLang", "MptcpCore");

    private final TlcLauncher tlc;

    /**
     * TLC started as {@link TlcLauncher#PROPERTY} says: by default a child JVM per run;
     * {@code worker} reuses warm worker JVMs ({@link org.mptcpverify.models.tlc.TlcWorker}), not
     * yet the default because a violation in the initial state ends such a run with a TLC error
     * (docs/models.md, "TLC without a JVM start per run on the core").
     */
    public CoreChecker(int workers) {
        this.tlc = TlcLauncher.configured(TlcProcess.locateTlaTools(), workers, "768m", "process");
    }

    public CoreResult check(CoreCell cell, List<PropertyId> properties, Path workDir, long seed, Duration timeout) {
        return check(cell, properties, workDir, seed, timeout, UnaryOperator.identity());
    }

    /**
     * As {@link #check(CoreCell, List, Path, long, Duration)}, with the scheme's data module
     * text passed through {@code schemeEdit} first (tests check mutants of a definition).
     */
    public CoreResult check(CoreCell cell, List<PropertyId> properties, Path workDir, long seed, Duration timeout,
                            UnaryOperator<String> schemeEdit) {
        return check(cell, properties, workDir, seed, timeout, Map.of(cell.schemeModule(), schemeEdit));
    }

    /**
     * As {@link #check(CoreCell, List, Path, long, Duration)}, with the text of each module named
     * in {@code edits} (e.g. "Attacker", "Mode_rfc8684", the scheme's module) passed through its
     * edit first: tests check mutants of the attacker and of a definition. An edit that names a
     * module the cell does not load is an error, so a mutant cannot silently test nothing.
     */
    public CoreResult check(CoreCell cell, List<PropertyId> properties, Path workDir, long seed, Duration timeout,
                            Map<String, UnaryOperator<String>> edits) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<PropertyId> remaining = new ArrayList<>(properties);
        List<PropertyId> violated = new ArrayList<>();
        List<String> trace = List.of();
        SegmentTrace counterexample = null;
        String exportProblem = null;
        long distinct = 0;
        int depth = 0;
        int runs = 0;
        String inconclusive = null;
        try {
            while (!remaining.isEmpty() && inconclusive == null) {
                Duration left = Duration.ofNanos(deadline - System.nanoTime());
                if (left.isNegative() || left.isZero()) {
                    inconclusive = "timeout after " + timeout.toSeconds() + " s";
                    break;
                }
                Path dir = prepare(workDir.resolve(cell.cfgFileName().replace(".cfg", "")).resolve("run" + (++runs)), cell,
                        edits);
                Files.writeString(dir.resolve("MC.cfg"), cell.cfg(remaining));
                TlcRun run = tlc.run(dir, cell.mcModule(), "MC.cfg", seed, left);
                TlcReport report = TlcOutput.parse(run.output());
                distinct += report.distinctStates().orElse(0L);
                depth = Math.max(depth, report.depth().orElse(0));
                if (run.timedOut()) {
                    inconclusive = "timeout after " + Math.round(run.seconds()) + " s";
                } else if (run.exitCode() == TlcRun.OK && report.completed() && report.errors().isEmpty()) {
                    remaining.clear();
                } else if (run.exitCode() == TlcRun.SAFETY) {
                    Optional<PropertyId> p = report.violatedInvariant().flatMap(PropertyId::byName);
                    if (p.isEmpty() || !remaining.contains(p.get()) || report.trace().isEmpty()) {
                        inconclusive = "invariant " + report.violatedInvariant().orElse("?") + " violated (not a checked property)";
                    } else {
                        remaining.remove(p.get());
                        violated.add(p.get());
                        if (trace.isEmpty()) {
                            trace = report.trace().stream().map(CoreChecker::step).toList();
                            try {
                                counterexample = CoreTraceExport.of(cell, p.get(), seed, report.trace());
                            } catch (IllegalArgumentException | ClassCastException e) {
                                exportProblem = e.getMessage();
                            }
                        }
                    }
                } else {
                    inconclusive = "TLC exit code " + run.exitCode()
                            + (report.errors().isEmpty() ? "" : ": " + report.errors().get(0).replaceAll("\\s+", " "));
                }
            }
        } catch (IOException e) {
            inconclusive = "I/O error running TLC: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inconclusive = "interrupted";
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Verdict verdict = !violated.isEmpty() ? Verdict.VIOLATED
                : inconclusive != null ? Verdict.INCONCLUSIVE : Verdict.HOLDS;
        return new CoreResult(verdict, List.copyOf(violated), distinct, depth, runs, seconds, trace, inconclusive,
                counterexample, exportProblem);
    }

    /** The action property of MptcpCore.tla whose violation is the attacker-activity witness. */
    public static final String WITNESS_PROPERTY = "AttackerNeverReachesCheck";

    /**
     * Searches the cell for a step that delivers an attacker-originated segment of one of
     * {@code kinds} (the segments the cell's properties depend on, {@link
     * org.mptcpverify.engine.WitnessChecks#kinds}) to an honest end's checks ({@link CoreWitness});
     * {@code edits} as for {@link #check(CoreCell, List, Path, long, Duration, Map)}.
     */
    public CoreWitness witness(CoreCell cell, List<String> kinds, Path workDir, long seed, Duration timeout,
                               Map<String, UnaryOperator<String>> edits) {
        try {
            Path dir = prepare(workDir.resolve(cell.cfgFileName().replace(".cfg", "")).resolve("witness"), cell, edits);
            Files.writeString(dir.resolve("MC.cfg"), witnessCfg(cell, kinds));
            TlcRun run = tlc.run(dir, cell.mcModule(), "MC.cfg", seed, timeout);
            TlcReport report = TlcOutput.parse(run.output());
            long distinct = report.distinctStates().orElse(0L);
            if (run.timedOut()) {
                return new CoreWitness(false, List.of(), distinct, "timeout after " + Math.round(run.seconds()) + " s");
            }
            if (run.exitCode() == TlcRun.OK && report.completed() && report.errors().isEmpty()) {
                return new CoreWitness(false, List.of(), distinct, null);
            }
            if ((run.exitCode() == TlcRun.SAFETY || run.exitCode() == TlcRun.LIVENESS)
                    && run.output().contains(WITNESS_PROPERTY) && !report.trace().isEmpty()) {
                return new CoreWitness(true, report.trace().stream().map(CoreChecker::step).toList(), distinct, null);
            }
            return new CoreWitness(false, List.of(), distinct, "TLC exit code " + run.exitCode()
                    + (report.errors().isEmpty() ? "" : ": " + report.errors().get(0).replaceAll("\\s+", " ")));
        } catch (IOException e) {
            return new CoreWitness(false, List.of(), 0, "I/O error running TLC: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CoreWitness(false, List.of(), 0, "interrupted");
        }
    }

    /**
     * The witness run's cfg: the cell's, the relevant kinds in place of MptcpCore's default, the
     * rejected forgeries (WitnessProbes) the verdict runs leave out, and the action property.
     */
    static String witnessCfg(CoreCell cell, List<String> kinds) {
        String set = kinds.stream().map(k -> "\"" + k + "\"").collect(java.util.stream.Collectors.joining(", ", "{", "}"));
        return cell.cfg(List.of()) + "CONSTANTS\n  WitnessMsgs = " + set + "\n  WitnessProbes = TRUE\nPROPERTY "
                + WITNESS_PROPERTY + "\n";
    }

    private static String step(TraceState s) {
        return s.variables().getOrDefault("lastAction", "?").replaceAll("\\s+", " ");
    }

    /** A fresh run directory holding the generic modules, the scheme's data and its MC module. */
    static Path prepare(Path dir, CoreCell cell, Map<String, UnaryOperator<String>> edits) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        List<String> resources = new ArrayList<>();
        for (String m : CORE_MODULES) {
            resources.add(m);
        }
        resources.add(cell.mcModule());
        resources.add("schemes/" + cell.schemeModule());
        List<String> loaded = resources.stream().map(r -> Path.of(r).getFileName().toString()).toList();
        if (!loaded.containsAll(edits.keySet())) {
            throw new IllegalArgumentException("edits name modules the cell does not load: " + edits.keySet()
                    + " (loaded: " + loaded + ")");
        }
        for (String r : resources) {
            String module = Path.of(r).getFileName().toString();
            try (InputStream in = CoreChecker.class.getResourceAsStream("/tla/core/" + r + ".tla")) {
                if (in == null && !edits.containsKey(module)) {
                    throw new IOException("/tla/core/" + r + ".tla is not on the classpath");
                }
                // a scheme file of a name of its own has no committed module: its edit supplies the text
                String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                text = edits.getOrDefault(module, UnaryOperator.identity()).apply(text);
                Files.writeString(dir.resolve(Path.of(r).getFileName().toString() + ".tla"), text, StandardCharsets.UTF_8);
            }
        }
        return dir;
    }
}
