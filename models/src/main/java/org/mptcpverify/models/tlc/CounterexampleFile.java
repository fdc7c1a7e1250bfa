package org.mptcpverify.models.tlc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * Where a cell's counterexample files go, {@code <root>/<scheme>/<attack>/} (docs/threat-model.md
 * "Counterexample files"; the generic cores write theirs there), and the removal of a stale
 * {@code tlc.json} / {@code tlc.txt}.
 */
public final class CounterexampleFile {
    private CounterexampleFile() {
    }

    public static Path cellDir(Path root, SchemeId scheme, AttackId attack) {
        Path dir = root;
        for (String part : scheme.wireName().split("/")) {
            dir = dir.resolve(part);
        }
        return dir.resolve(attack.wireName());
    }

    /** Removes this engine's files of a cell (tlc.json, tlc.txt), if any. */
    public static void delete(Path root, SchemeId scheme, AttackId attack) throws IOException {
        Path dir = cellDir(root, scheme, attack);
        Files.deleteIfExists(dir.resolve("tlc.json"));
        Files.deleteIfExists(dir.resolve("tlc.txt"));
    }
}
