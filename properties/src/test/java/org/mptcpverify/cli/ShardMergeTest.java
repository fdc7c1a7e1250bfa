package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.matrix.TreeCompare;

/**
 * {@code matrix --shard I/N} on N folders plus {@code merge} gives what one run gives: the same
 * matrix.json (up to each check's own seconds), matrix.tex and counterexamples, byte for byte.
 */
class ShardMergeTest {
    private static final String[] SELECTION = {"--engines", "traces,tlc", "--schemes", "rfc8684,bound-key",
            "--attacks", "eavesdrop-handshake,join-dos,legit-join", "--jobs", "2", "--seed", "5"};

    @Test
    void mergedShardsEqualOneRun(@TempDir Path tmp) throws Exception {
        CliRun whole = matrix(tmp.resolve("whole"), null);
        List<String> mergeArgs = new ArrayList<>(List.of("merge", "--out", tmp.resolve("merged").toString()));
        for (int i = 1; i <= 3; i++) {
            Path dir = tmp.resolve("shard" + i);
            CliRun part = matrix(dir, i + "/3");
            assertEquals(2, Files.readString(dir.resolve("matrix.json")).split("\"scheme\"").length - 1,
                    "shard " + i + " of 3 holds 2 of the 6 cells");
            assertEquals(List.of(), List.of(part.err().lines().filter(l -> l.startsWith("mptcp-verify:")).toArray()));
            mergeArgs.add(dir.toString());
        }
        CliRun merged = CliRun.run(mergeArgs.toArray(String[]::new));
        assertEquals(whole.code(), merged.code(), merged.err());
        Path a = tmp.resolve("whole");
        Path b = tmp.resolve("merged");
        assertEquals(withoutSeconds(Files.readString(a.resolve("matrix.json"))),
                withoutSeconds(Files.readString(b.resolve("matrix.json"))));
        assertEquals(Files.readString(a.resolve("matrix.tex")), Files.readString(b.resolve("matrix.tex")));
        assertEquals(List.of(), TreeCompare.differences(a.resolve("counterexamples"), b.resolve("counterexamples")));
        assertTrue(Files.isDirectory(b.resolve("counterexamples/rfc8684/eavesdrop-handshake")), "a violated cell's files");
    }

    @Test
    void anIncompleteOrMixedSetOfShardsIsRefused(@TempDir Path tmp) throws Exception {
        matrix(tmp.resolve("s1"), "1/2");
        CliRun missing = CliRun.run("merge", "--out", tmp.resolve("m").toString(), tmp.resolve("s1").toString());
        assertEquals(Main.EXIT_USAGE, missing.code());
        assertTrue(missing.err().contains("expected the 2 shards"), missing.err());
        CliRun twice = CliRun.run("merge", "--out", tmp.resolve("m2").toString(), tmp.resolve("s1").toString(),
                tmp.resolve("s1").toString());
        assertEquals(Main.EXIT_USAGE, twice.code());
        assertEquals(Main.EXIT_USAGE, CliRun.run("matrix", "--shard", "3/2", "--out", tmp.resolve("x").toString()).code());
    }

    private static CliRun matrix(Path out, String shard) {
        List<String> args = new ArrayList<>(List.of("matrix", "--out", out.toString()));
        args.addAll(List.of(SELECTION));
        if (shard != null) args.addAll(List.of("--shard", shard));
        return CliRun.run(args.toArray(String[]::new));
    }

    private static String withoutSeconds(String json) {
        return json.replaceAll("\"(seconds|tlcSeconds)\" : [0-9.E-]+", "\"$1\" : 0");
    }
}
