package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.definition.DefinedScheme;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.definition.Mutants;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.trace.TraceJson;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The {@code mutants} command. Expectations come from agreement and replay, not from a table: a kill
 * must be a violation the baseline row lacks, whose counterexample this test replays itself on the
 * mutant's definition (violated again) and on the original (not violated); the reusable-ticket mutant
 * of bound-key must be killed by exactly the cells where the same design, written as a file by hand
 * (issue #11's example), violates more than bound-key; a deliberately duplicated check survives.
 */
class MutantsCommandTest {
    private static final Path SCHEMES = Path.of("..", "models", "schemes");
    /** Runs of the generic attacker per cell: enough for the kills below, which it finds within tens of runs. */
    private static final String TRIES = "300";

    @Test
    void badInputIsExitTwoAndWritesNothing(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        Path bad = Files.writeString(tmp.resolve("bad.scheme"), "scheme x\nversion 7\n");
        String[][] cases = {
                {"--scheme", "no-such-scheme"},
                {"--scheme", "bound-key", "--engines", "tlc"},
                {"--scheme", "bound-key", "--engines", "nope"},
                {"--scheme", "bound-key", "--format", "yaml"},
                {"--scheme", "bound-key", "--mutations", "unchecked.nothing"},
                {"--scheme", "bound-key", "--attacks", "no-attack"},
                {"--scheme", "bound-key", "--tries", "0"},
                {"--scheme-file", bad.toString()},
                {"--scheme-file", tmp.resolve("missing.scheme").toString()},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 3];
            args[0] = "mutants";
            System.arraycopy(c, 0, args, 1, c.length);
            args[c.length + 1] = "--out";
            args[c.length + 2] = out.toString();
            CliRun r = CliRun.run(args);
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(Files.exists(out), "nothing written: " + String.join(" ", c));
        }
    }

    /**
     * The fast-close check of bound-key's keyed mode removed, as a mutant and as a file edited by
     * hand: the cells that kill the mutant are exactly those where the hand-written variant violates
     * more than bound-key (with a reusable-ticket mutant before the generic attacker; its kills went
     * with the generators, since bound-key's join-dos is violated by the race on the original).
     */
    @Test
    void aRemovedCheckIsKilledWhereTheHandWrittenVariantViolates(@TempDir Path tmp) throws Exception {
        String attacks = "fastclose-forge,add-addr-mitm";
        Path out = tmp.resolve("m");
        CliRun r = CliRun.run("mutants", "--scheme", "bound-key", "--mutations", "unchecked.fast-close-a.bound.key", "--attacks",
                attacks, "--tries", TRIES, "--jobs", "1", "--format", "json", "--out", out.toString());
        JsonNode scheme = schemeNode(out, "bound-key", r);
        JsonNode mutant = scheme.get("mutantResults").get(0);
        assertEquals("bound-key~unchecked.fast-close-a.bound.key", mutant.get("name").asText());
        Set<String> killers = new HashSet<>();
        mutant.get("killedBy").forEach(k -> killers.add(k.get("attack").asText()));

        // the same design written by hand, under a name of its own, against the built-in bound-key
        String checked = "  field key = truncL(64, hmac(Kc, cat(\"bk-close\", \"A\")))\n  check key else ignore\n";
        String text = Files.readString(SCHEMES.resolve("bound-key.scheme"));
        assertTrue(text.contains(checked), "bound-key.scheme changed: update this test's edit");
        Path file = Files.writeString(tmp.resolve("bk-unchecked.scheme"), text
                .replace(checked, "  field key = truncL(64, hmac(Kc, cat(\"bk-close\", \"A\")))\n")
                .replace("scheme bound-key\n", "scheme bound-key-unchecked\n"));
        // both sides on the engine `mutants` runs (MutationAnalysis.DEFINITION_ENGINES), not the matrix's, so
        // that a difference between the two is the design's and not the engines'
        SchemeDefinition edited = DefinitionParser.parse(file);
        SchemeId editedId = DefinedScheme.idOf(edited);
        AuthScheme editedImpl = new DefinedScheme(edited);
        Map<String, Set<String>> variant = engineViolations(tmp.resolve("v"), attacks, editedId,
                id -> id.equals(editedId) ? editedImpl : org.mptcpverify.scheme.Schemes.of(id));
        Map<String, Set<String>> builtIn = engineViolations(tmp.resolve("b"), attacks, SchemeId.BOUND_KEY,
                org.mptcpverify.scheme.Schemes::of);
        Set<String> expected = new HashSet<>();
        variant.forEach((a, ps) -> {
            if (!builtIn.get(a).containsAll(ps)) expected.add(a);
        });
        assertFalse(expected.isEmpty(), "the hand-written variant is violated somewhere bound-key is not");
        assertEquals(expected, killers, "mutants and a matrix of the hand-edited file agree on the killing cells");
        assertEquals(0, r.code(), "the one mutant run is killed: no survivor " + r.err());
    }

    @Test
    void killsOfBrokenAndBoundKeyReplayOnTheMutantAndNotOnTheOriginal(@TempDir Path tmp) throws Exception {
        for (String s : List.of("broken", "bound-key")) {
            Path out = tmp.resolve(s);
            // the mutants of the checks these attacks exercise, and one of a check they cannot reach
            String mutations = s.equals("bound-key")
                    ? "unchecked.fast-close-a.bound.key,unchecked.add-addr-b.bound.hmac,unchecked.join-syn-ack.bound.hmac"
                    : "unchecked.add-addr-b.hmac,unchecked.fast-close-b.key";
            CliRun r = CliRun.run("mutants", "--scheme", s, "--attacks", "add-addr-mitm,fastclose-forge",
                    "--mutations", mutations, "--tries", TRIES, "--jobs", "1", "--format", "json", "--out", out.toString());
            JsonNode scheme = schemeNode(out, s, r);
            SchemeDefinition original = DefinitionParser.parse(SCHEMES.resolve(s + ".scheme"));
            Map<String, SchemeDefinition> byName = new HashMap<>();
            Mutants.of(original).forEach(m -> byName.put(m.name(), m.definition()));
            int kills = 0;
            for (JsonNode m : scheme.get("mutantResults")) {
                for (JsonNode k : m.get("killedBy")) {
                    String attack = k.get("attack").asText();
                    JsonNode base = scheme.get("baseline").get(attack).get("traces").get("violated");
                    for (JsonNode p : k.get("properties")) {
                        base.forEach(b -> assertFalse(b.asText().equals(p.asText()), "a kill is a new violation: " + m.get("name")));
                    }
                    Path cex = out.resolve(k.get("counterexample").asText());
                    assertTrue(replays(cex, byName.get(m.get("name").asText())), "replays on the mutant: " + cex);
                    assertFalse(replays(cex, original), "does not replay on " + s + ": " + cex);
                    kills++;
                }
                assertEquals(m.get("killed").asBoolean(), m.get("killedBy").size() > 0);
            }
            assertEquals(scheme.get("killed").asInt(), countKilled(scheme));
            if (s.equals("bound-key")) {
                assertTrue(kills > 0, "an external-key scheme whose checks matter: some mutant is killed");
            }
        }
    }

    @Test
    void aDuplicatedCheckSurvivesAndTheOutputIsDeterministic(@TempDir Path tmp) throws Exception {
        String text = Files.readString(SCHEMES.resolve("bound-key.scheme")).replace("scheme bound-key\n", "scheme bound-key-twice\n");
        String once = "  field hmac = truncL(160, hmac(Kc, cat(\"bk-join-A\", Ra, Rb)))\n  check hmac else rst\n";
        assertTrue(text.contains(once));
        Path file = Files.writeString(tmp.resolve("twice.scheme"), text.replace(once, once + "  check hmac else rst\n"));
        java.util.function.BiFunction<String, String, String[]> args = (jobs, dir) -> new String[] {"mutants", "--scheme-file",
                file.toString(), "--mutations", "unchecked.join-ack.bound.hmac,unchecked.join-ack.bound.hmac.2",
                "--attacks", "eavesdrop-all", "--tries", "150", "--jobs", jobs, "--format", "json",
                "--out", tmp.resolve(dir).toString()};
        CliRun r = CliRun.run(args.apply("2", "a"));
        JsonNode scheme = schemeNode(tmp.resolve("a"), "bound-key-twice", r);
        assertEquals(2, scheme.get("mutants").asInt());
        for (JsonNode m : scheme.get("mutantResults")) {
            assertFalse(m.get("killed").asBoolean(), "either copy of the check is redundant given the other: " + m);
        }
        assertEquals(0.0, scheme.get("score").asDouble());
        assertEquals(1, r.code(), "survivors: exit 1");
        CliRun again = CliRun.run(args.apply("1", "b"));
        assertEquals(Files.readString(tmp.resolve("a/mutants.json")), Files.readString(tmp.resolve("b/mutants.json")),
                "same seed, same bytes, whatever --jobs");
        assertEquals(r.out(), again.out());
    }

    private static int countKilled(JsonNode scheme) {
        int n = 0;
        for (JsonNode m : scheme.get("mutantResults")) n += m.get("killed").asBoolean() ? 1 : 0;
        return n;
    }

    private static JsonNode schemeNode(Path out, String name, CliRun r) throws IOException {
        assertTrue(Files.isRegularFile(out.resolve("mutants.json")), r.err());
        JsonNode doc = new ObjectMapper().readTree(Files.readString(out.resolve("mutants.json")));
        assertEquals("mptcp-verify-mutants/1", doc.get("format").asText());
        for (JsonNode s : doc.get("schemes")) {
            if (s.get("scheme").asText().equals(name)) return s;
        }
        throw new AssertionError("no scheme " + name + " in " + doc);
    }

    /** attack -> properties the traces engine finds violated, from a matrix run. */
    /** Per attack, the properties the mutants' traces engine finds violated for {@code scheme} with these implementations. */
    private static Map<String, Set<String>> engineViolations(Path out, String attacks, SchemeId scheme,
                                                             java.util.function.Function<SchemeId, AuthScheme> impls) {
        org.mptcpverify.engine.Engine engine = org.mptcpverify.mutants.MutationAnalysis.DEFINITION_ENGINES.get("traces").apply(impls);
        Map<String, Set<String>> v = new HashMap<>();
        for (String name : attacks.split(",")) {
            AttackId a = AttackId.byName(name).orElseThrow();
            org.mptcpverify.engine.CellResult r = engine.check(scheme, a, new org.mptcpverify.engine.EngineOptions(20261127L,
                    out.resolve(name), out.resolve("work"), java.time.Duration.ofSeconds(600), Integer.parseInt(TRIES), false));
            Set<String> ps = new HashSet<>();
            r.violated().forEach(p -> ps.add(p.modelName()));
            v.put(name, ps);
        }
        return v;
    }

    /**
     * Replays a counterexample (segment format) on {@code def}, whatever scheme the file names: no
     * divergence and its property violated (an outcome property at a quiescent end); a trace the
     * definition refuses as ill-formed does not replay.
     */
    private static boolean replays(Path cex, SchemeDefinition def) throws IOException {
        AuthScheme impl = new DefinedScheme(def);
        try {
            SegmentTrace t = SegmentTraceJson.parse(Files.readString(cex), n -> Optional.of(impl.id()));
            SegmentReplayer.Result r = new SegmentReplayer(x -> impl).replay(t);
            boolean atEnd = org.mptcpverify.monitor.Monitors.of(t.property()).atEndOnly();
            return r.divergence().isEmpty() && !(atEnd && r.inFlightAtEnd() > 0) && r.violation().isPresent();
        } catch (TraceJson.BadTraceFileException | RuntimeException e) {
            return false;
        }
    }
}
