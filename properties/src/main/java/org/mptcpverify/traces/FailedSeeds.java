package org.mptcpverify.traces;

import org.mptcpverify.io.AtomicWrite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The tries that failed before, per cell, re-run first on the next check (a regression shows up
 * at once). One small text file per cell under the work directory, one line per failing try:
 * {@code <engineSeed> <tryIndex> <trySeed>}. A cache under target/: a line that does not parse is
 * skipped, and deleting the directory only costs the head start.
 */
public final class FailedSeeds {
    /** Enough to catch a regression; older entries drop off. */
    static final int MAX_ENTRIES = 16;

    private final Path file;

    public FailedSeeds(Path workDir, SchemeId scheme, AttackId attack, boolean attackerHasKey) {
        this(workDir, scheme, attack, attack.properties(), attackerHasKey);
    }

    /**
     * The file of one check: a check of only some of the attack's properties keeps its own file,
     * so that checks of the same cell running side by side do not feed each other's failures.
     */
    public FailedSeeds(Path workDir, SchemeId scheme, AttackId attack, List<PropertyId> properties,
                       boolean attackerHasKey) {
        StringBuilder name = new StringBuilder(attack.wireName());
        if (!properties.equals(attack.properties())) {
            for (PropertyId p : properties) {
                name.append('-').append(p.modelName());
            }
        }
        name.append(attackerHasKey ? "-attacker-has-key" : "").append(".txt");
        this.file = workDir.resolve("traces-failed-seeds").resolve(scheme.wireName()).resolve(name.toString());
    }

    public record Entry(long engineSeed, int tryIndex, long trySeed) {
        String line() {
            return engineSeed + " " + tryIndex + " " + trySeed;
        }
    }

    public Path file() {
        return file;
    }

    public List<Entry> load() throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 3) {
                continue;
            }
            try {
                Entry e = new Entry(Long.parseLong(f[0]), Integer.parseInt(f[1]), Long.parseLong(f[2]));
                if (e.tryIndex() >= 0 && !out.contains(e)) {
                    out.add(e);
                }
            } catch (NumberFormatException ignored) {
                // a damaged cache line: skip it
            }
        }
        return out;
    }

    /** Adds {@code e} (most recent last) unless present. */
    public void record(Entry e) throws IOException {
        List<Entry> entries = load();
        if (entries.contains(e)) {
            return;
        }
        entries.add(e);
        while (entries.size() > MAX_ENTRIES) {
            entries.remove(0);
        }
        StringBuilder sb = new StringBuilder();
        for (Entry x : entries) {
            sb.append(x.line()).append('\n');
        }
        AtomicWrite.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
