package org.mptcpverify.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.mptcpverify.engine.Bounds;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.matrix.Versions;
import org.mptcpverify.models.core.CoreEngine;
import org.mptcpverify.sweeps.SweepData;
import org.mptcpverify.sweeps.SweepInputs;
import org.mptcpverify.sweeps.SweepPlan;
import org.mptcpverify.traces.TracesEngine;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The sweeps behind docs/results.md's "Bounds and sweeps": each selected cell swept with each
 * selected engine over the keys of {@link SweepPlan}, merged into docs/sweeps.json (sweeps of
 * other cells and engines are kept).
 */
@Command(name = "sweeps", mixinStandardHelpOptions = true,
        description = {"Sweep cells of the default matrix over each engine's bounds and record the verdicts per level, "
                + "with the SHA-256 of the model inputs, in docs/sweeps.json (merged: other cells' sweeps are kept).",
                "traces: steps 2..8; tlc (generic core): joins 1..3 and, for columns with an attacker, injections 0..3.",
                "A sweep stops after a level that times out, and after a VIOLATED level (larger levels contain it).",
                "`results` renders the file; `results --check` fails when a sweep's inputs changed.",
                "Exit codes: 0 written; 2 bad usage."})
public final class SweepsCommand implements Callable<Integer> {
    static final List<String> ENGINES = List.of("traces", "tlc");

    @Option(names = "--cells", split = ",", paramLabel = "SCHEME:ATTACK",
            description = "Cells to sweep (default: every cell of the default matrix).")
    List<String> cells;

    @Option(names = "--engines", split = ",", defaultValue = "traces,tlc", paramLabel = "E",
            description = "traces and/or tlc (default: ${DEFAULT-VALUE}).")
    List<String> engines;

    @Option(names = "--timeout", defaultValue = "180", paramLabel = "SECONDS", description = "Per level (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--seed", defaultValue = "20261127", paramLabel = "N", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "The sweeps file (default: docs/sweeps.json of the checkout).")
    Path out;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N", description = "tlc: TLC's worker threads (default: ${DEFAULT-VALUE}).")
    int workers;

    /** A cell named on the command line. */
    record Cell(SchemeId scheme, AttackId attack) {}

    /** Parses {@code SCHEME:ATTACK} pairs; every cell of the default matrix when none is given. */
    static List<Cell> cells(List<String> given) {
        List<Cell> out = new ArrayList<>();
        if (given == null || given.isEmpty()) {
            for (SchemeId s : SchemeId.matrixSchemes()) {
                for (AttackId a : AttackId.matrixAttacks()) {
                    out.add(new Cell(s, a));
                }
            }
            return out;
        }
        for (String c : given) {
            int i = c.lastIndexOf(':');
            if (i < 0) throw new UserInputException("--cells: expected SCHEME:ATTACK, got '" + c + "'");
            SchemeId s = Names.one(c.substring(0, i), "--cells", SchemeId::byName, SchemeId.values());
            AttackId a = Names.one(c.substring(i + 1), "--cells", AttackId::byName, AttackId.values());
            if (!SchemeId.matrixSchemes().contains(s) || !AttackId.matrixAttacks().contains(a)) {
                throw new UserInputException("--cells: " + c + " is not a cell of the default matrix (sweeps are what "
                        + "docs/results.md shows; `sweep` runs any one cell)");
            }
            out.add(new Cell(s, a));
        }
        return out;
    }

    @Override
    public Integer call() {
        if (timeoutSeconds < 1) throw new UserInputException("--timeout: must be at least 1, got " + timeoutSeconds);
        if (workers < 1) throw new UserInputException("--workers: must be at least 1, got " + workers);
        for (String e : engines) {
            if (!ENGINES.contains(e)) throw new UserInputException("--engines: unknown engine '" + e + "' (traces, tlc)");
        }
        List<Cell> selected = cells(cells);
        Path root = Versions.repoRoot();
        Path file = out != null ? out : root.resolve(SweepData.FILE);
        try {
            SweepData.read(file); // a file this command cannot merge into is refused before any work
        } catch (IOException | RuntimeException e) {
            throw new UserInputException("cannot read " + file + ": " + e.getMessage());
        }
        Path work = root.resolve("target").resolve("sweeps-run");
        List<SweepData.Sweep> fresh = new ArrayList<>();
        for (Cell c : selected) {
            for (String engine : engines) {
                Engine e = new Memo(engine(engine).get());
                for (SweepPlan.Range range : SweepPlan.of(engine, c.attack())) {
                    SweepCommand.Plan plan = new SweepCommand.Plan(range.key(), range.levels(), Bounds.NONE);
                    Path dir = work.resolve(engine).resolve(c.scheme().wireName().replace('/', '_'))
                            .resolve(c.attack().wireName()).resolve(range.key());
                    List<Map<String, Object>> rows = SweepCommand.levels(e, engine, c.scheme(), c.attack(), plan, seed,
                            timeoutSeconds, dir, true);
                    SweepData.Sweep s = SweepPlan.sweep(engine, c.scheme(), c.attack(), range.key(), seed, timeoutSeconds,
                            SweepInputs.of(root, engine, c.scheme()), rows);
                    fresh.add(s);
                    System.out.println(line(s, rows));
                    // written after every sweep, so an interrupted run keeps what it finished
                    mergeInto(file, work.resolve("sweeps.lock"), s);
                }
            }
        }
        System.out.println("sweeps: " + fresh.size() + " sweeps written to " + (Files.exists(file) ? file : "(nothing)"));
        return Main.EXIT_OK;
    }

    /**
     * Reads the file again and writes it with {@code s} merged in, under a lock: two runs on
     * different cells (say one per engine, on a machine with cores to spare) keep each other's sweeps.
     */
    private static void mergeInto(Path file, Path lock, SweepData.Sweep s) {
        try {
            Files.createDirectories(lock.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lock,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             java.nio.channels.FileLock ignored = ch.lock()) {
            SweepData.read(file).merge(List.of(s)).write(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * One engine's checks of one cell, each set of resolved bounds checked once: the default
     * level lies in every range of the cell, and need not be checked again for the next key.
     */
    private static final class Memo extends org.mptcpverify.matrix.DelegatingEngine {
        private final Map<String, CellResult> done = new java.util.HashMap<>();

        Memo(Engine e) {
            super(e);
        }

        @Override
        public CellResult check(SchemeId scheme, AttackId attack, EngineOptions options) {
            String key = scheme + " " + attack + " " + resolve(scheme, attack, options.boundsFor(name())).values();
            CellResult r = done.get(key);
            if (r == null) {
                r = delegate.check(scheme, attack, options);
                done.put(key, r);
            }
            return r;
        }
    }

    private Supplier<Engine> engine(String name) {
        int w = workers;
        return name.equals("tlc") ? () -> new CoreEngine(w) : () -> new TracesEngine();
    }

    private static String line(SweepData.Sweep s, List<Map<String, Object>> rows) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-6s %-26s %-20s %-10s", s.engine(),
                s.scheme(), s.attack(), s.key()));
        for (Map<String, Object> r : rows) {
            sb.append(' ').append(r.get(s.key())).append('=').append(r.get("verdict"));
            if (r.get("seconds") != null) sb.append(String.format(Locale.ROOT, "(%ss)", r.get("seconds")));
        }
        return sb.toString();
    }
}
