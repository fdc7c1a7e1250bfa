package org.mptcpverify.models.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.crypto.X25519;
import org.mptcpverify.models.tlc.TlcProcess;
import org.mptcpverify.models.tlc.TlcRun;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTerm;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The Diffie-Hellman rows in the generic TLA+ core (issue 13: ecdh, mptls). Terms.tla's normal
 * form of dh identifies exactly the pairs X25519 gives equal bytes; the attacker builds a secret
 * from one private value and the other public value and never from the two public values; the
 * handshake attacker that answers each end with its own share (Answer) breaks ecdh's joins, and
 * that counterexample replays on the reference with real X25519; an attacker that does not answer
 * (eavesdrop-handshake) does not.
 */
class CoreDiffieHellmanTest {
    private static final List<String> ATOMS = List.of("a", "b", "c");

    /**
     * dh(x, pub(y)) for every ordered pair over three private values: two model terms are equal
     * exactly when the reference's X25519 secrets are equal bytes (the equation and nothing more).
     */
    @Test
    void theNormalFormIdentifiesExactlyTheEqualSecrets(@TempDir Path dir) throws Exception {
        SplittableRandom rnd = new SplittableRandom(CoreCellsTest.seed());
        List<byte[]> priv = new ArrayList<>();
        for (int i = 0; i < ATOMS.size(); i++) {
            byte[] k = new byte[X25519.BYTES];
            for (int j = 0; j < k.length; j++) {
                k[j] = (byte) rnd.nextInt(256);
            }
            priv.add(k);
        }
        List<int[]> pairs = new ArrayList<>();
        for (int x = 0; x < ATOMS.size(); x++) {
            for (int y = 0; y < ATOMS.size(); y++) {
                pairs.add(new int[] {x, y});
            }
        }
        List<byte[]> secrets = new ArrayList<>();
        for (int[] p : pairs) {
            secrets.add(X25519.agree(priv.get(p[0]), X25519.publicValue(priv.get(p[1]))).orElseThrow());
        }
        StringBuilder expected = new StringBuilder("<<");
        int equalPairs = 0;
        for (int i = 0; i < pairs.size(); i++) {
            expected.append(i == 0 ? "" : ", ").append("<<");
            for (int j = 0; j < pairs.size(); j++) {
                boolean eq = MessageDigest.isEqual(secrets.get(i), secrets.get(j));
                equalPairs += eq && i != j ? 1 : 0;
                expected.append(j == 0 ? "" : ", ").append(eq ? "TRUE" : "FALSE");
            }
            expected.append(">>");
        }
        expected.append(">>");
        assertEquals(6, equalPairs, "X25519: dh(x, pub(y)) = dh(y, pub(x)) for the three unordered pairs x # y, both ways");
        StringBuilder pairList = new StringBuilder("<<");
        for (int i = 0; i < pairs.size(); i++) {
            pairList.append(i == 0 ? "" : ", ").append("<<\"").append(ATOMS.get(pairs.get(i)[0])).append("\", \"")
                    .append(ATOMS.get(pairs.get(i)[1])).append("\">>");
        }
        pairList.append(">>");
        String spec = String.join("\n",
                "---- MODULE DhCheck ----",
                "EXTENDS Attacker",
                "Pairs == " + pairList,
                "Expected == " + expected,
                "S(p) == Dh(Atom(p[1]), Pub(Atom(p[2])))",
                "ASSUME \\A i, j \\in 1..Len(Pairs) : (S(Pairs[i]) = S(Pairs[j])) = Expected[i][j]",
                // a template secret evaluates to the same normal form (Eval of Dh over slots)
                "ASSUME Eval(Dh(Slot(\"b\"), Slot(\"pa\")), [sl |-> [b |-> Atom(\"b\"), pa |-> Pub(Atom(\"a\"))]])"
                        + " = Dh(Atom(\"a\"), Pub(Atom(\"b\")))",
                // the attacker: from one private value and the other public value, by either reading
                "ASSUME Synth(Dh(Atom(\"a\"), Pub(Atom(\"b\"))), {Atom(\"a\"), Pub(Atom(\"b\"))})",
                "ASSUME Synth(Dh(Atom(\"b\"), Pub(Atom(\"a\"))), {Atom(\"a\"), Pub(Atom(\"b\"))})",
                // never from the two public values, nor from its own private value and one public value
                "ASSUME ~Synth(Dh(Atom(\"a\"), Pub(Atom(\"b\"))), Closure({Pub(Atom(\"a\")), Pub(Atom(\"b\"))}))",
                "ASSUME ~Synth(Dh(Atom(\"a\"), Pub(Atom(\"b\"))), Closure({Atom(\"z\"), Pub(Atom(\"a\")), Pub(Atom(\"b\"))}))",
                // and pub is not inverted
                "ASSUME ~Synth(Atom(\"a\"), Closure({Pub(Atom(\"a\")), Hash(Dh(Atom(\"a\"), Pub(Atom(\"b\"))))}))",
                "VARIABLE v",
                "Init == v = 0",
                "Next == UNCHANGED v",
                "====", "");
        Path core = Path.of("tla", "core");
        for (String m : List.of("Terms.tla", "Attacker.tla")) {
            Files.copy(core.resolve(m), dir.resolve(m));
        }
        Files.writeString(dir.resolve("DhCheck.tla"), spec);
        Files.writeString(dir.resolve("DhCheck.cfg"), "INIT Init\nNEXT Next\n");
        TlcRun r = new TlcProcess(TlcProcess.locateTlaTools(), 1, "256m").run(dir, "DhCheck", "DhCheck.cfg", 1,
                Duration.ofSeconds(300));
        assertEquals(TlcRun.OK, r.exitCode(), r.output());
        // the check can fail: the same module with one expectation flipped is refused
        Files.writeString(dir.resolve("DhCheck.tla"), spec.replace("Expected == <<<<TRUE", "Expected == <<<<FALSE"));
        TlcRun flipped = new TlcProcess(TlcProcess.locateTlaTools(), 1, "256m").run(dir, "DhCheck", "DhCheck.cfg", 1,
                Duration.ofSeconds(300));
        assertTrue(flipped.exitCode() != TlcRun.OK && flipped.output().contains("Assumption"), flipped.output());
    }

    /**
     * ecdh / handshake-mitm: TLC's counterexample answers the handshake with the attacker's own
     * share and joins with the secret it shares with the server; on the reference, with real bytes
     * and X25519, the join is established.
     */
    @Test
    void ecdhFallsToTheAnsweringAttackerAndReplays() throws Exception {
        SegmentTrace t = CoreReplayTest.violated(SchemeId.ECDH, AttackId.HANDSHAKE_MITM, PropertyId.JOIN_AUTHENTICITY);
        assertTrue(t.events().stream().anyMatch(e -> e instanceof SegmentEvent.Inject i && i.msg().startsWith("MPC_")
                && i.fields().values().stream().anyMatch(v -> v instanceof SegmentTerm.Apply a && a.op().equals("pub"))),
                "an MP_CAPABLE answer with the attacker's own public value: " + t.events());
        assertTrue(t.events().stream().anyMatch(e -> e instanceof SegmentEvent.Inject i && i.msg().equals("JOIN_ACK")),
                "a join completed with the attacker's HMAC: " + t.events());
        SegmentReplayer.Result r = CoreReplayTest.replay(t);
        assertTrue(r.reproduced(), String.join("\n", r.report()));
    }

    /** The control: an attacker that reads the handshake but does not answer it cannot join (ecdh HOLDS). */
    @Test
    void withoutAnsweringTheHandshakeEcdhHolds() throws Exception {
        CoreCell cell = CoreCell.of(SchemeId.ECDH, AttackId.EAVESDROP_HANDSHAKE, CoreBounds.standard(AttackId.EAVESDROP_HANDSHAKE)).get(0);
        CoreResult r = new CoreChecker(1).check(cell, List.of(PropertyId.JOIN_AUTHENTICITY),
                CoreReplayTest.OUT.resolve("dh-control"), CoreCellsTest.seed(), Duration.ofSeconds(600));
        assertEquals(Verdict.HOLDS, r.verdict(), r.toString());
        assertFalse(r.violated().contains(PropertyId.JOIN_AUTHENTICITY));
    }
}
