package org.mptcpverify.matrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Compares a committed folder with a regenerated one. Timings are the only tolerated
 * difference: JSON fields named {@code seconds} / {@code wallSeconds} are masked.
 */
public final class TreeCompare {
    private static final Pattern TIMING = Pattern.compile("\"(seconds|wallSeconds)\"\\s*:\\s*[-0-9.eE]+");

    private TreeCompare() {}

    /** One line per difference; empty when the trees match. */
    public static List<String> differences(Path committed, Path regenerated) {
        TreeSet<String> names = new TreeSet<>();
        names.addAll(files(committed));
        names.addAll(files(regenerated));
        List<String> out = new ArrayList<>();
        for (String n : names) {
            Path a = committed.resolve(n);
            Path b = regenerated.resolve(n);
            if (!Files.exists(a)) out.add("missing from the committed tree: " + n);
            else if (!Files.exists(b)) out.add("no longer produced (stale): " + n);
            else if (!sameContent(a, b)) out.add("differs: " + n);
        }
        return out;
    }

    public static boolean sameContent(Path a, Path b) {
        try {
            byte[] x = Files.readAllBytes(a);
            byte[] y = Files.readAllBytes(b);
            if (Arrays.equals(x, y)) return true;
            if (!a.toString().endsWith(".json")) return false;
            return mask(new String(x, StandardCharsets.UTF_8)).equals(mask(new String(y, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mask(String s) {
        return TIMING.matcher(s).replaceAll("\"$1\": 0");
    }

    private static List<String> files(Path root) {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces {@code target} by a copy of {@code source}. */
    public static void replace(Path source, Path target) {
        try {
            if (Files.exists(target)) {
                try (Stream<Path> s = Files.walk(target)) {
                    for (Path p : s.sorted((x, y) -> y.getNameCount() - x.getNameCount()).toList()) Files.delete(p);
                }
            }
            Files.createDirectories(target);
            for (String n : files(source)) {
                Path dst = target.resolve(n);
                Files.createDirectories(dst.getParent());
                Files.copy(source.resolve(n), dst);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + target, e);
        }
    }
}
