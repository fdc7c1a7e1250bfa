package org.mptcpverify.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.mptcpverify.io.AtomicWrite;
import org.mptcpverify.matrix.CellOutcome;
import org.mptcpverify.matrix.MatrixRun;
import org.mptcpverify.matrix.Shard;
import org.mptcpverify.matrix.ShardFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Combines the output folders of {@code matrix --shard 1/N ... N/N} into one matrix folder. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge the output folders of 'matrix --shard I/N' (every I from 1 to N, same selection, seed, "
                        + "bounds and versions) into one: matrix.json, matrix.md, matrix.tex and counterexamples/ as one run "
                        + "would have written them (per-check seconds are each shard's own).",
                "Exit codes as for matrix; 2 when the folders are not the N shards of one run."})
public final class MergeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "The shards' --out folders.")
    List<Path> shards;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the merged matrix is written.")
    Path out;

    @Option(names = "--format", defaultValue = "text", paramLabel = "F", description = "Terminal output: text, md, latex or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Mixin
    ForceOption force;

    @Override
    public Integer call() {
        if (!List.of("text", "md", "latex", "json").contains(format)) {
            throw new UserInputException("--format: unknown format '" + format + "' (text, md, latex, json)");
        }
        List<ShardFiles.Selection> selections = new ArrayList<>();
        for (Path dir : shards) {
            try {
                selections.add(ShardFiles.readSelection(dir));
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
        }
        ShardFiles.Selection first = selections.get(0);
        int n = first.shard().count();
        boolean[] seen = new boolean[n + 1];
        for (int i = 0; i < selections.size(); i++) {
            ShardFiles.Selection s = selections.get(i);
            if (s.shard().count() != n || !s.schemes().equals(first.schemes()) || !s.attacks().equals(first.attacks())
                    || !s.engines().equals(first.engines())) {
                throw new UserInputException(shards.get(i) + ": shard " + s.shard() + " of another selection than "
                        + shards.get(0));
            }
            if (seen[s.shard().index()]) {
                throw new UserInputException(shards.get(i) + ": shard " + s.shard() + " given twice");
            }
            seen[s.shard().index()] = true;
        }
        if (selections.size() != n) {
            throw new UserInputException("expected the " + n + " shards of the run, got " + selections.size());
        }
        OutputFolder folder = force.claim(out);
        Path outDir = folder.dir();
        try {
            Map<Shard.Cell, CellOutcome> byCell = new HashMap<>();
            MatrixRun any = null;
            for (Path dir : shards) {
                MatrixRun part;
                try {
                    part = ShardFiles.readRun(dir, first.engines(), outDir);
                } catch (IllegalArgumentException e) {
                    throw new UserInputException(e.getMessage());
                }
                if (any != null && (part.seed() != any.seed() || !part.versions().equals(any.versions()))) {
                    throw new UserInputException(dir + ": another seed or other tool versions than " + shards.get(0));
                }
                any = part;
                part.cells().forEach(c -> byCell.put(new Shard.Cell(c.scheme(), c.attack()), c));
                copyTree(dir.resolve("counterexamples"), outDir.resolve("counterexamples"));
            }
            List<CellOutcome> cells = new ArrayList<>();
            for (Shard.Cell c : Shard.WHOLE.cells(first.schemes(), first.attacks())) {
                CellOutcome o = byCell.get(c);
                if (o == null) throw new UserInputException("no shard holds cell " + c.scheme() + " / " + c.attack());
                cells.add(o);
            }
            MatrixRun merged = new MatrixRun(first.engines(), cells, any.seed(), any.versions(), 0.0);
            return MatrixCommand.writeOutputs(merged, outDir, format);
        } finally {
            folder.seal();
        }
    }

    /** Copies every file under {@code from} to the same place under {@code to}; a file both shards wrote is an error. */
    private static void copyTree(Path from, Path to) {
        if (!Files.isDirectory(from)) return;
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.exists(target)) {
                    throw new UserInputException(f + ": also written by another shard");
                }
                AtomicWrite.bytes(target, Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
