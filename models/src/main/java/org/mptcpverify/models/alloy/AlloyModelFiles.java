package org.mptcpverify.models.alloy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.mptcpverify.io.AtomicWrite;

/**
 * Where the model lives and where the generated cell modules go. The common module
 * {@code models/alloy/mptcp.als} is copied next to the cell modules so that {@code open mptcp}
 * resolves; both are rewritten only when their content changed.
 */
final class AlloyModelFiles {
    static final String MODEL = "mptcp.als";

    private AlloyModelFiles() {
    }

    /** The committed model: {@code -Dmptcp.repoRoot}, else the first ancestor of the working directory holding it. */
    static Path locateModel() {
        String root = System.getProperty("mptcp.repoRoot");
        if (root != null && !root.isBlank()) {
            Path p = Paths.get(root, "models", "alloy", MODEL);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("models").resolve("alloy").resolve(MODEL);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("models/alloy/" + MODEL + " not found (set -Dmptcp.repoRoot)");
    }

    /** Writes the cell module and the common module into {@code dir}; returns the cell module. */
    static Path writeCell(Path dir, AlloyCell cell) {
        try {
            Files.createDirectories(dir);
            writeIfChanged(dir.resolve(MODEL), Files.readString(locateModel(), StandardCharsets.UTF_8));
            Path cellFile = dir.resolve(cell.moduleName() + ".als");
            writeIfChanged(cellFile, AlloyCellSource.render(cell));
            return cellFile;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeIfChanged(Path target, String content) throws IOException {
        if (Files.isRegularFile(target) && Files.readString(target, StandardCharsets.UTF_8).equals(content)) {
            return;
        }
        AtomicWrite.text(target, content);
    }
}
