package org.mptcpverify.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.mptcpverify.io.AtomicWrite;

/**
 * A run's output folder, claimed before any work starts so that a bad path costs nothing and
 * nothing the run did not write is overwritten. A finished run lists what it wrote in
 * {@value #MANIFEST}; the next run into the same folder removes those files first (no stale
 * counterexample outlives the run that listed it) but keeps {@code work/}, the scratch space.
 * Any other file in the folder refuses the folder (exit 2) unless the user passed {@code --force}.
 */
public final class OutputFolder {
    static final String MANIFEST = ".mptcp-verify-run";
    private static final String SCRATCH = "work/";

    private final Path dir;
    private final Set<String> foreign;

    private OutputFolder(Path dir, Set<String> foreign) {
        this.dir = dir;
        this.foreign = foreign;
    }

    public Path dir() {
        return dir;
    }

    public static OutputFolder claim(Path out, String option, boolean force) {
        if (out.toString().isEmpty()) {
            throw new UserInputException(option + ": empty path (give a folder, e.g. " + option + " target/run)");
        }
        Path dir = out.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserInputException(option + ": " + out + " exists and is not a folder");
        }
        Set<String> foreign = new TreeSet<>();
        if (Files.isDirectory(dir)) {
            Set<String> previous = previousRun(dir);
            for (String f : files(dir)) {
                if (!f.equals(MANIFEST) && !previous.contains(f)) {
                    foreign.add(f);
                }
            }
            if (!foreign.isEmpty() && !force) {
                throw new UserInputException(option + ": " + out + " holds " + foreign.size()
                        + " file(s) no mptcp-verify run wrote (first: " + foreign.iterator().next()
                        + "); give an empty or new folder, or add --force to write beside them");
            }
            removePrevious(dir, previous);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserInputException(option + ": cannot create folder " + out + " (" + IoReason.of(e) + ")");
        }
        if (!Files.isWritable(dir)) {
            throw new UserInputException(option + ": folder " + out + " is not writable");
        }
        return new OutputFolder(dir, foreign);
    }

    /** Lists every file the run left in the folder (all but the foreign ones it found there). */
    public void seal() {
        StringBuilder sb = new StringBuilder();
        for (String f : files(dir)) {
            if (!f.equals(MANIFEST) && !foreign.contains(f)) {
                sb.append(f).append('\n');
            }
        }
        AtomicWrite.text(dir.resolve(MANIFEST), sb.toString());
    }

    private static Set<String> previousRun(Path dir) {
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return Set.of();
        }
        try {
            Set<String> listed = new TreeSet<>();
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                // only plain relative names: a tampered manifest must not reach outside the folder
                if (!line.isEmpty() && !line.startsWith("/") && !line.contains("..")) {
                    listed.add(line);
                }
            }
            return listed;
        } catch (IOException e) {
            return Set.of();
        }
    }

    private static void removePrevious(Path dir, Set<String> previous) {
        try {
            for (String f : previous) {
                if (!f.startsWith(SCRATCH)) {
                    Files.deleteIfExists(dir.resolve(f));
                }
            }
            List<Path> dirs = new ArrayList<>();
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(p -> !p.equals(dir) && Files.isDirectory(p)).forEach(dirs::add);
            }
            dirs.sort(Comparator.reverseOrder()); // children first
            for (Path d : dirs) {
                try (Stream<Path> s = Files.list(d)) {
                    if (s.findAny().isEmpty()) {
                        Files.delete(d);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the previous run's files in " + dir, e);
        }
    }

    /** Relative paths ('/'-separated) of every non-folder entry under {@code dir}, sorted. */
    private static Set<String> files(Path dir) {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> !Files.isDirectory(p)).forEach(p -> out.add(dir.relativize(p).toString().replace('\\', '/')));
        } catch (IOException | UncheckedIOException e) {
            throw new UserInputException("cannot list " + dir + " (" + e.getMessage() + ")");
        }
        return out;
    }
}
