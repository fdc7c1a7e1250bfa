package org.mptcpverify.matrix;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/** matrix.json's versions: the commit, and a SHA-256 of every model input and of the reference build. */
class VersionsTest {
    private static final Path ROOT = Versions.repoRoot();

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void theCommitAndTheReferenceBuildAreRecorded() {
        Map<String, String> v = Versions.collect(List.of(SchemeId.RFC8684), List.of(AttackId.EAVESDROP_HANDSHAKE));
        if (Files.exists(ROOT.resolve(".git"))) {
            assertTrue(v.get(Versions.GIT_COMMIT).matches("[0-9a-f]{40}"), v.get(Versions.GIT_COMMIT));
            assertTrue(List.of("true", "false").contains(v.get(Versions.GIT_DIRTY)), v.get(Versions.GIT_DIRTY));
        } else {
            assertTrue(v.get(Versions.GIT_COMMIT).startsWith("unknown"), "outside git the commit is unknown, not invented");
        }
        assertTrue(v.keySet().stream().anyMatch(k -> k.startsWith(Versions.REFERENCE_PREFIX) && v.get(k).matches("[0-9a-f]{64}")), v.toString());
    }

    @Test
    void theSpecAndTheAlloyModelAreHashedAsTheyAreOnDisk() throws Exception {
        Map<String, String> v = Versions.collect(List.of(SchemeId.RFC8684), List.of(AttackId.EAVESDROP_HANDSHAKE));
        for (Path p : List.of(ROOT.resolve("models/tla/core/MptcpCore.tla"), ROOT.resolve("models/tla/core/schemes/Scheme_rfc8684.tla"),
                ROOT.resolve("models/alloy/core/core.als"), ROOT.resolve("models/alloy/core/schemes/rfc8684.als"))) {
            assertEquals(sha256(Files.readAllBytes(p)), v.get("sha256:" + ROOT.relativize(p)), p.toString());
        }
        // the Alloy core's counterexamples are outputs, not inputs of a verdict
        assertTrue(v.keySet().stream().noneMatch(k -> k.startsWith("sha256:models/alloy/core/counterexamples/")), v.keySet().toString());
    }

    @Test
    void onlyTheRunCellsGeneratedInputsAreHashedAndTheyMatchTheCommittedFiles() throws Exception {
        Map<String, String> v = Versions.collect(List.of(SchemeId.RFC8684), List.of(AttackId.EAVESDROP_HANDSHAKE));
        // the Alloy core's per-cell modules are generated per run and covered by its verdicts' fingerprints
        List<String> cellKeys = v.keySet().stream().filter(k -> k.startsWith("sha256:models/tla/core/cells/")).toList();
        assertEquals(1, cellKeys.size(), "one TLC configuration for the one cell: " + cellKeys);
        for (String k : cellKeys) {
            assertTrue(k.contains("rfc8684") && (k.contains("eavesdrop-handshake") || k.contains("eavesdrop_handshake")), k);
            Path committed = ROOT.resolve(k.substring("sha256:".length()));
            assertEquals(sha256(Files.readAllBytes(committed)), v.get(k), "the generated input differs from the committed " + committed);
        }
    }

    @Test
    void aNewModelFileIsFoundWithoutBeingListed(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("models/schemes"));
        Files.createDirectories(root.resolve("models/tla/core/cells"));
        Files.createDirectories(root.resolve("models/src/main"));
        Files.writeString(root.resolve("models/schemes/new.scheme"), "scheme new");
        Files.writeString(root.resolve("models/tla/Core.tla"), "---- MODULE Core ----\n====");
        Files.writeString(root.resolve("models/tla/core/cells/MC_x.cfg"), "generated: hashed from its generated text instead");
        Files.writeString(root.resolve("models/src/main/Foo.tla"), "not a model input");
        assertEquals(List.of(root.resolve("models/schemes/new.scheme"), root.resolve("models/tla/Core.tla")),
                Versions.handWrittenModelFiles(root));
    }

    @Test
    void theCommittedResultsLeaveOutWhatChangesWithEveryCommit() throws Exception {
        String results = Files.readString(ROOT.resolve("docs/results.md"));
        assertFalse(results.contains(Versions.GIT_COMMIT) || results.contains(Versions.REFERENCE_PREFIX),
                "docs/results.md would be stale after every commit");
    }
}
