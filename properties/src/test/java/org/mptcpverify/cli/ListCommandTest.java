package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/** {@code list}: every vocabulary name once, one line each, in the vocabulary's order; bad input exit 2. */
class ListCommandTest {
    private static List<String> firstWords(String out) {
        return out.lines().map(l -> l.split("\t")[0]).toList();
    }

    @Test
    void listsEveryNameOnceWithOneLineEach() {
        CliRun s = CliRun.run("list", "schemes");
        assertEquals(0, s.code(), s.err());
        assertEquals(Arrays.stream(SchemeId.values()).map(SchemeId::wireName).toList(), firstWords(s.out()));
        for (String line : s.out().lines().toList()) {
            Path def = Path.of("..").resolve(line.split("\t")[2]);
            assertTrue(Files.isRegularFile(def), "the listed definition exists: " + def);
        }
        CliRun a = CliRun.run("list", "attacks");
        assertEquals(Arrays.stream(AttackId.values()).map(AttackId::wireName).toList(), firstWords(a.out()));
        CliRun p = CliRun.run("list", "properties");
        assertEquals(Arrays.stream(PropertyId.values()).map(PropertyId::modelName).toList(), firstWords(p.out()));
        assertTrue(p.out().lines().anyMatch(l -> l.startsWith("ExternalKeySecrecy\tchecked by eavesdrop-all")), p.out());
    }

    @Test
    void anUnknownListIsExitTwoWithOneLine() {
        CliRun r = CliRun.run("list", "engines");
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("engines") && r.err().contains("schemes, attacks, properties"), r.err());
        assertEquals("", r.out());
    }
}
