package org.mptcpverify.models.alloy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mptcpverify.models.verdicts.VerdictCache;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The Alloy core column's committed verdicts (models/alloy/core/verdicts.json), in the shared
 * {@link VerdictCache} form: a cell's fingerprint covers everything the analyzer reads for it --
 * the generic modules, the scheme's generated data module, the cell's generated term universe
 * (dag.als, which depends on the scheme's definition and the population), its knowledge module
 * (knowledge.als: rounds or none) and cell module (its
 * scope, checks and witness) for every side of the cell, and the seed of its counterexample's keys.
 * Each text is covered as the analyzer parses it ({@link #semantic}: without comments, whitespace
 * collapsed), so a comment reworded in a core module leaves the column's verdicts current (format
 * {@code /2}; {@code /1} covered the raw text).
 */
public final class AlloyCoreVerdicts {
    /** Relative to the repository root. */
    public static final String FILE = "models/alloy/core/verdicts.json";
    public static final String FORMAT = "mptcp-verify-alloy-core-verdicts/2";
    /** The column's committed verdicts, fingerprinted over models/alloy/core of this checkout. */
    public static final VerdictCache CACHE = new VerdictCache(FILE, FORMAT, new CellFingerprint(AlloyCoreChecker::locateCore));

    private AlloyCoreVerdicts() {}

    /** The same cache with the modules read from {@code coreDir} (a copy of models/alloy/core). */
    public static VerdictCache cache(Path coreDir) {
        return new VerdictCache(FILE, FORMAT, new CellFingerprint(() -> coreDir));
    }

    /**
     * A cell's fingerprint over its modules as they are read from the core directory; a cell whose
     * universe is the per-client one also accepts the fingerprint over its full universe: the
     * per-client universe holds every term a reachable state of the cell can hold (docs/models.md,
     * "The per-client universe"), so a verdict checked over the full one decides the same question.
     */
    private record CellFingerprint(java.util.function.Supplier<Path> coreDir) implements VerdictCache.Fingerprint {
        @Override
        public String of(SchemeId scheme, AttackId attack, long seed) {
            return fingerprint(coreDir.get(), scheme, attack, seed);
        }

        @Override
        public java.util.List<String> accepted(SchemeId scheme, AttackId attack, long seed) {
            java.util.List<AlloyCoreCell> cells = AlloyCoreCell.of(scheme, attack);
            String current = fingerprint(coreDir.get(), cells, seed, false);
            return cells.stream().anyMatch(c -> c.perClientDag().isPresent())
                    ? java.util.List.of(current, fingerprint(coreDir.get(), cells, seed, true))
                    : java.util.List.of(current);
        }
    }

    /** models/alloy/core of this checkout ({@code -Dmptcp.repoRoot}, else found above the working directory). */
    public static Path coreDir() {
        return AlloyCoreChecker.locateCore();
    }

    public static String fingerprint(SchemeId scheme, AttackId attack, long seed) {
        return fingerprint(AlloyCoreChecker.locateCore(), scheme, attack, seed);
    }

    public static String fingerprint(Path coreDir, SchemeId scheme, AttackId attack, long seed) {
        return fingerprint(coreDir, AlloyCoreCell.of(scheme, attack), seed);
    }

    /**
     * The fingerprint of {@code cells} (the sides of one cell), each with the data its source gives:
     * for a built-in, exactly {@link #fingerprint(Path, SchemeId, AttackId, long)}; for a given
     * definition, its generated scheme module, term universe and cell module are covered, so a
     * different design under a built-in's name never matches the built-in's entry.
     */
    public static String fingerprint(Path coreDir, java.util.List<AlloyCoreCell> cells, long seed) {
        return fingerprint(coreDir, cells, seed, false);
    }

    /** As above; {@code full}: over each cell's full term universe ({@link AlloyCoreCell#fullDag}). */
    static String fingerprint(Path coreDir, java.util.List<AlloyCoreCell> cells, long seed, boolean full) {
        StringBuilder b = new StringBuilder("seed ").append(seed).append('\n');
        for (String m : AlloyCoreChecker.CORE_MODULES) {
            b.append("module ").append(m).append('\n').append(semantic(read(coreDir.resolve(m)))).append('\n');
        }
        for (AlloyCoreCell cell : cells) {
            b.append("scheme ").append(cell.schemeFile()).append('\n')
                    .append(semantic(read(coreDir.resolve("schemes").resolve(cell.schemeFile())))).append('\n');
            try {
                // what the cell's run reads as scheme.als (the module restricted to the cell's modes)
                b.append("cell scheme\n").append(semantic(cell.schemeModule())).append('\n');
                AlloyTermDag.Rendered dag = full ? cell.fullDag() : cell.dag();
                b.append("dag\n").append(semantic(dag.text())).append("\nknowledge\n").append(semantic(AlloyCoreKnowledge.render(cell, dag)))
                        .append("\ncell\n").append(semantic(cell.render(dag))).append('\n');
            } catch (RuntimeException e) { // a scheme the core cannot express: nothing to reuse beyond the refusal
                b.append("no universe: ").append(e.getMessage()).append('\n');
            }
        }
        return VerdictCache.sha256(b.toString());
    }

    /**
     * Alloy text as the analyzer's parser sees it: comments ({@code --} and {@code //} to the end of
     * the line, {@code /* ... *}{@code /}) removed, each line trimmed with its runs of blanks made
     * one space, blank lines dropped. Alloy has no string literals and no token that a single space
     * could split or join, so two texts with the same result are the same model.
     */
    public static String semantic(String alloy) {
        StringBuilder out = new StringBuilder(alloy.length());
        int i = 0;
        int n = alloy.length();
        while (i < n) {
            char c = alloy.charAt(i);
            char d = i + 1 < n ? alloy.charAt(i + 1) : '\0';
            if ((c == '-' && d == '-') || (c == '/' && d == '/')) {
                while (i < n && alloy.charAt(i) != '\n') i++;
            } else if (c == '/' && d == '*') {
                int end = alloy.indexOf("*/", i + 2);
                if (end < 0) throw new IllegalArgumentException("unterminated comment in Alloy text");
                // a comment between two tokens separates them
                out.append(alloy.substring(i, end + 2).indexOf('\n') >= 0 ? '\n' : ' ');
                i = end + 2;
            } else {
                out.append(c);
                i++;
            }
        }
        StringBuilder b = new StringBuilder(out.length());
        for (String line : out.toString().split("\n")) {
            String t = line.strip().replaceAll("[ \t\r\f]+", " ");
            if (!t.isEmpty()) b.append(t).append('\n');
        }
        return b.toString();
    }

    private static String read(Path file) {
        try {
            // a scheme without a generated module has nothing to reuse: its fingerprint says so
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(missing)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
