package org.mptcpverify.mutants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.definition.DefinedScheme;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.definition.Mutants;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.matrix.Progress;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.traces.generic.GenericAttacker;
import org.mptcpverify.traces.generic.SegmentExplorer;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The mirror-image properties (issue #12) on the traces engine: the server's acceptance of a
 * client's ADD_ADDR (AddrAuthenticity at the server), a client's acceptance of the server's
 * MP_FASTCLOSE (CloseAuthenticity at the client) and of a join's SYN/ACK (JoinAnswerAuthenticity).
 * Each is guarded by one check of draft-baerts's keyed mode (add-addr-a, fast-close-b,
 * join-syn-ack), which the attacker cannot pass without the external key. Controls that must be
 * caught: the mutant without that check is killed, by a counterexample that replays on the mutant
 * and not on the original and whose violation is the mirror image's; and the attacker given the
 * key breaks JoinAnswerAuthenticity on draft-baerts and bound-key. The same for the client's checks
 * of the server's REMOVE_ADDR and MP_PRIO tags (PathManagerIntegrity at the client; mptls, mptcpsec).
 */
class MirrorImagePropertiesTest {
    private static final Path SCHEMES = Path.of("..", "models", "schemes");
    private static final long SEED = 20261127L;
    /** Runs per cell: the mutants fall within a few (the committed run: at most 3 s a cell). */
    private static final int TRIES = 120;

    private static SchemeDefinition definition(String scheme) throws Exception {
        return DefinitionParser.parse(SCHEMES.resolve(scheme + ".scheme"));
    }

    record Case(String mutation, AttackId attack, PropertyId property, String says) {}

    @Test
    void eachMirrorCheckOfDraftBaertsIsKilledByItsOwnDirection(@TempDir Path tmp) throws Exception {
        List<Case> cases = List.of(
                new Case("unchecked.add-addr-a.ext.hmac", AttackId.ADD_ADDR_MITM, PropertyId.ADDR_AUTHENTICITY,
                        "the server added x.a as a remote address"),
                new Case("unchecked.fast-close-b.ext.key", AttackId.FASTCLOSE_FORGE, PropertyId.CLOSE_AUTHENTICITY,
                        "c1 fast-closed its connection"),
                new Case("unchecked.join-syn-ack.ext.hmac", AttackId.SYN_JOIN_REWRITE, PropertyId.JOIN_ANSWER_AUTHENTICITY,
                        "completed its join"));
        for (Case c : cases) {
            assertKilledByItsMirror("draft-baerts", c, tmp);
        }
    }

    /**
     * The path manager's mirror image (session 17): mptls and mptcpsec tag the server's REMOVE_ADDR
     * and MP_PRIO under the server's key, and the client checks the tag; without that check the
     * attacker's request to the client (as the server) is obeyed.
     */
    @Test
    void theClientsPathManagerChecksAreKilledByTheRequestsToTheClient(@TempDir Path tmp) throws Exception {
        for (String scheme : List.of("mptls", "mptcpsec")) {
            assertKilledByItsMirror(scheme, new Case("unchecked.remove-addr-b.hmac", AttackId.REMOVE_ADDR_FORGE,
                    PropertyId.PATH_MANAGER_INTEGRITY, "not at the server"), tmp.resolve(scheme));
            assertKilledByItsMirror(scheme, new Case("unchecked.mp-prio-b.hmac", AttackId.MP_PRIO_FORGE,
                    PropertyId.PATH_MANAGER_INTEGRITY, "not at the server"), tmp.resolve(scheme));
        }
    }

    /** The mutant of {@code scheme} without {@code c}'s check is killed by {@code c}'s column, through the mirror image. */
    private static void assertKilledByItsMirror(String scheme, Case c, Path tmp) throws Exception {
        SchemeDefinition def = definition(scheme);
        Path dir = tmp.resolve(c.mutation());
        MutationAnalysis analysis = new MutationAnalysis(List.of("traces"), 1, Set.of(c.mutation()));
        List<MutationAnalysis.Subject> subjects = List.of(new MutationAnalysis.Subject(def, "models/schemes/" + scheme + ".scheme"));
        List<MutationAnalysis.SchemeResult> rs = analysis.run(subjects, List.of(c.attack()),
                new EngineOptions(SEED, dir.resolve("counterexamples"), dir.resolve("work"), Duration.ofSeconds(600), TRIES, false),
                new Progress(new PrintStream(new ByteArrayOutputStream()), false, analysis.checks(subjects, List.of(c.attack()))));
        MutationAnalysis.MutantResult m = rs.get(0).mutants().get(0);
        assertTrue(m.killed(), scheme + " " + c + ": " + m.cells() + " " + m.unconfirmed());
        MutationAnalysis.Kill k = m.kills().get(0);
        assertEquals(List.of(c.property()), k.properties(), c.toString());
        SchemeDefinition mutant = Mutants.of(def).stream().filter(x -> x.mutation().equals(c.mutation())).findFirst()
                .orElseThrow().definition();
        Optional<String> onMutant = violation(k.counterexample(), mutant);
        assertTrue(onMutant.isPresent(), c + ": replays on the mutant " + k.counterexample());
        assertTrue(onMutant.get().contains(c.says()), c + ": the mirror image is what is violated: " + onMutant.get());
        assertTrue(violation(k.counterexample(), def).isEmpty(), c + ": does not replay on the original");
    }

    /** Negative control: the attacker given the external key answers the client's join in the server's place. */
    @Test
    void theAttackerGivenTheKeyAnswersTheClientsJoin() {
        GenericAttacker g = new GenericAttacker(SegmentExplorer.Limits.DEFAULT, GenericAttacker.DEFAULT_TRIES);
        // (draft-baerts's join SYN/ACK HMAC is keyed by K alone, so the attacker on the joins' path
        // forges it; bound-key's also covers handshake values, which the add-addr-mitm attacker reads)
        for (Case c : List.of(new Case("", AttackId.SYN_JOIN_REWRITE, PropertyId.JOIN_ANSWER_AUTHENTICITY, "draft-baerts"),
                new Case("", AttackId.ADD_ADDR_MITM, PropertyId.JOIN_ANSWER_AUTHENTICITY, "bound-key"))) {
            SchemeId s = SchemeId.byName(c.says()).orElseThrow();
            GenericAttacker.Outcome o = g.check(s, c.attack(), GenericAttacker.definition(s), SEED, true,
                    List.of(PropertyId.JOIN_ANSWER_AUTHENTICITY));
            assertEquals(Verdict.VIOLATED, o.verdict(), s + ": " + o.reason());
            assertEquals(PropertyId.JOIN_ANSWER_AUTHENTICITY, o.violated().orElseThrow());
        }
    }

    /** The violation a segment counterexample shows when replayed on {@code def}, if it replays there. */
    private static Optional<String> violation(Path cex, SchemeDefinition def) throws Exception {
        AuthScheme impl = new DefinedScheme(def);
        SegmentTrace t = SegmentTraceJson.parse(Files.readString(cex), n -> Optional.of(impl.id()));
        SegmentReplayer.Result r = new SegmentReplayer(x -> impl).replay(t);
        // (a trace that diverges on def does not replay there: the original refuses what the mutant took)
        return r.divergence().isPresent() ? Optional.empty() : r.violation().map(Object::toString);
    }
}
