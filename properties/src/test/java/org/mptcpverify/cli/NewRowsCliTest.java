package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The rows of issue 13 that the models do not have yet (ecdh, mptls, mptcpsec: not in Alloy, the generic TLA+ core
 * has pub and dh): selectable with the traces engine and tlc, refused with
 * one line and exit 2 by a model that lacks them (also as a default engine), absent from the default matrix, and
 * their counterexamples replay.
 */
class NewRowsCliTest {
    @Test
    void modelEnginesRefuseARowTheyDoNotHave(@TempDir Path tmp) {
        String[][] refused = {{"ecdh", "alloy"}, {"mptls", "alloy"}, {"mptcpsec", "alloy"}};
        for (String[] row : refused) {
            String scheme = row[0];
            String engine = row[1];
            Path out = tmp.resolve(scheme + "-" + engine);
            CliRun r = CliRun.run("check", "--engine", engine, "--scheme", scheme, "--attack", "join-dos",
                    "--out", out.toString());
            assertEquals(2, r.code(), r.out() + r.err());
            assertEquals("mptcp-verify: scheme " + scheme + " is not modelled yet in " + engine
                    + " (use --engines traces)", r.err().strip());
            assertFalse(Files.exists(out), "bad input writes nothing");
        }
        CliRun m = CliRun.run("matrix", "--schemes", "ecdh", "--attacks", "legit-join", "--out", tmp.resolve("m").toString());
        assertEquals(2, m.code(), "the default engines include alloy");
        assertEquals("mptcp-verify: scheme ecdh is not modelled yet in alloy (use --engines traces)", m.err().strip());
    }

    @Test
    void modelEnginesRefuseAColumnTheyDoNotHave(@TempDir Path tmp) {
        // Alloy lacks the issue-13 columns; the TLA+ core lacks the columns AttackId says it lacks
        // (the insider ones, until the core has them: then the vocabulary leaves none for tlc)
        java.util.List<String[]> missing = new java.util.ArrayList<>();
        missing.add(new String[] {"alloy", "remove-addr-forge"});
        java.util.Arrays.stream(AttackId.values()).filter(a -> !a.modelled() && !a.inTlaCore()).findFirst()
                .ifPresent(a -> missing.add(new String[] {"tlc", a.wireName()}));
        for (String[] m : missing) {
            String engine = m[0];
            Path out = tmp.resolve(engine);
            CliRun r = CliRun.run("check", "--engine", engine, "--scheme", "rfc8684", "--attack", m[1],
                    "--out", out.toString());
            assertEquals(2, r.code(), r.out() + r.err());
            assertEquals("mptcp-verify: attack " + m[1] + " is not modelled yet in " + engine
                    + " (use --engines traces)", r.err().strip());
            assertFalse(Files.exists(out), "bad input writes nothing");
        }
    }

    @Test
    void theTracesEngineRunsItButTheDefaultMatrixDoesNot(@TempDir Path tmp) throws Exception {
        assertFalse(SchemeId.matrixSchemes().contains(SchemeId.ECDH));
        assertFalse(SchemeId.matrixSchemes().contains(SchemeId.MPTLS));
        assertFalse(SchemeId.matrixSchemes().contains(SchemeId.MPTCPSEC));
        assertTrue(SchemeId.matrixSchemes().stream().allMatch(SchemeId::modelled));
        Path out = tmp.resolve("m");
        CliRun m = CliRun.run("matrix", "--engines", "traces", "--schemes", "ecdh", "--attacks", "legit-join",
                "--tries", "50", "--out", out.toString());
        assertEquals(0, m.code(), m.out() + m.err());
        assertTrue(Files.readString(out.resolve("matrix.json")).contains("\"ecdh\""));
        CliRun l = CliRun.run("list", "schemes");
        assertTrue(l.out().contains("ecdh\tagreed key (Diffie-Hellman)\tmodels/schemes/ecdh.scheme"
                + "\ttraces engine and generic TLA+ core only"), l.out());
    }

    @Test
    void aViolationAndTheKeyControlReplay(@TempDir Path tmp) {
        Path out = tmp.resolve("dos");
        CliRun c = CliRun.run("check", "--engine", "traces", "--scheme", "ecdh", "--attack", "join-dos",
                "--tries", "300", "--out", out.toString());
        assertEquals(1, c.code(), c.out() + c.err()); // Token-B follows from B's public value, sent in clear
        CliRun replay = CliRun.run("replay", out.resolve("counterexamples/ecdh/join-dos/traces.json").toString());
        assertEquals(0, replay.code(), "replay reproduces the violation: " + replay.out() + replay.err());
        Path key = tmp.resolve("key");
        CliRun k = CliRun.run("check", "--engine", "traces", "--scheme", "ecdh", "--attack", "eavesdrop-handshake",
                "--attacker-has-key", "--tries", "300", "--out", key.toString());
        assertEquals(1, k.code(), k.out() + k.err());
        CliRun kr = CliRun.run("replay", key.resolve("counterexamples/ecdh/eavesdrop-handshake/traces.json").toString());
        assertEquals(0, kr.code(), "the key control's violation reproduces: " + kr.out() + kr.err());
    }
}
