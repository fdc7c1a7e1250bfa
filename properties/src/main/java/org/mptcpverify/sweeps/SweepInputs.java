package org.mptcpverify.sweeps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.mptcpverify.models.core.CoreSchemeFiles;
import org.mptcpverify.sweeps.SweepData.Sweep;
import org.mptcpverify.vocab.SchemeId;

/**
 * The model inputs a sweep's verdicts rest on, as SHA-256 per file: the scheme's definition
 * (models/schemes), and for the {@code tlc} engine on the generic core its hand-written modules
 * (models/tla/core/*.tla) and the scheme's generated module. A sweep whose recorded inputs differ
 * from the checkout's is stale. Java code is not fingerprinted: a change of an engine that moves a
 * verdict at the default bounds shows as a sweep disagreeing with the matrix (docs/results.md).
 */
public final class SweepInputs {
    private SweepInputs() {}

    /** The inputs of a sweep of {@code scheme} with {@code engine}, relative to {@code root}. */
    public static Map<String, String> of(Path root, String engine, SchemeId scheme) {
        List<Path> files = new ArrayList<>();
        files.add(Path.of("models", "schemes", scheme.wireName() + ".scheme"));
        if (engine.equals("tlc")) {
            Path core = Path.of("models", "tla", "core");
            try (Stream<Path> s = Files.list(root.resolve(core))) {
                s.filter(p -> p.getFileName().toString().endsWith(".tla") && !p.getFileName().toString().startsWith("MC_"))
                        .map(p -> core.resolve(p.getFileName().toString())).forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            files.add(core.resolve("schemes").resolve("Scheme_" + CoreSchemeFiles.suffix(scheme.wireName()) + ".tla"));
        }
        Map<String, String> out = new TreeMap<>();
        for (Path f : files) {
            Path p = root.resolve(f);
            out.put(f.toString().replace('\\', '/'), Files.isRegularFile(p) ? sha256(p) : "missing");
        }
        return out;
    }

    /** Why a committed sweep is stale ("models/schemes/x.scheme changed"), or an empty list. */
    public static List<String> changes(Path root, Sweep s) {
        Map<String, String> now = of(root, s.engine(), s.scheme());
        List<String> out = new ArrayList<>();
        now.forEach((f, h) -> {
            String was = s.inputs().get(f);
            if (was == null) {
                out.add(f + " is new");
            } else if (!was.equals(h)) {
                out.add(f + " changed");
            }
        });
        s.inputs().keySet().stream().filter(f -> !now.containsKey(f)).forEach(f -> out.add(f + " is gone"));
        return out;
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
