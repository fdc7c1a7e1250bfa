package org.mptcpverify.models.alloy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the Alloy generic core lives in a checkout: the folder of models/alloy/core/core.als. */
final class AlloyModelFiles {
    private static final Path CORE = Paths.get("models", "alloy", "core", "core.als");

    private AlloyModelFiles() {
    }

    /** models/alloy/core: {@code -Dmptcp.repoRoot}, else the first ancestor of the working directory holding it. */
    static Path locateCore() {
        String root = System.getProperty("mptcp.repoRoot");
        if (root != null && !root.isBlank()) {
            Path p = Paths.get(root).resolve(CORE);
            if (Files.isRegularFile(p)) {
                return p.getParent();
            }
        }
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve(CORE);
            if (Files.isRegularFile(p)) {
                return p.getParent();
            }
        }
        throw new IllegalStateException(CORE + " not found (set -Dmptcp.repoRoot)");
    }
}
