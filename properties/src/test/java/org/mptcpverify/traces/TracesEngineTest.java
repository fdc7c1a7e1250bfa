package org.mptcpverify.traces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.trace.RunOutcome;
import org.mptcpverify.trace.ScenarioRunner;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/** The engine on the toy runner: verdicts, files, determinism, seeds re-run first, failures. */
class TracesEngineTest {
    @TempDir
    Path tmp;

    private EngineOptions options(Path dir, long seed, int tries) {
        return new EngineOptions(seed, dir.resolve("cx"), dir.resolve("work"), Duration.ofSeconds(30), tries, false);
    }

    /**
     * mptls authenticates REMOVE_ADDR and MP_PRIO (its draft, 4.3) with an HMAC the reference does
     * not implement: the engine says so instead of reporting the reference's gap as the design's,
     * while ecdh (Kim and Choi leave both unauthenticated) is judged.
     */
    @Test
    void pathManagerCellsOfADesignWithUnmodelledOptionHmacsAreInconclusive() {
        ToyRunner toy = new ToyRunner();
        for (AttackId a : List.of(AttackId.REMOVE_ADDR_FORGE, AttackId.MP_PRIO_FORGE)) {
            CellResult r = new TracesEngine(toy).check(SchemeId.MPTLS, a, options(tmp, 1, 50));
            assertEquals(Verdict.INCONCLUSIVE, r.verdict(), a.toString());
            assertTrue(r.reason().startsWith("not modelled: ") && r.reason().contains("4.3"), r.reason());
        }
        assertEquals(0, toy.runs.get());
        new TracesEngine(toy).check(SchemeId.ECDH, AttackId.REMOVE_ADDR_FORGE, options(tmp, 1, 50));
        assertTrue(toy.runs.get() > 0, "ecdh is judged");
    }

    @Test
    void notApplicableWhenNoPropertyAppliesToTheScheme() {
        ToyRunner toy = new ToyRunner();
        CellResult r = new TracesEngine(toy).check(SchemeId.RFC8684, AttackId.ONE_SIDED_KEY, options(tmp, 1, 50));
        assertEquals(Verdict.NOT_APPLICABLE, r.verdict());
        assertEquals(0, toy.runs.get());
        assertTrue(r.reason().contains("external key"), r.reason());
        CellResult wrong = new TracesEngine(toy).check(SchemeId.RFC8684, AttackId.JOIN_DOS,
                List.of(PropertyId.KEY_ISOLATION), options(tmp, 1, 50));
        assertEquals(Verdict.INCONCLUSIVE, wrong.verdict());
        assertTrue(wrong.reason().contains("KeyIsolation"), wrong.reason());
    }

    @Test
    void violatedCellIsShrunkAndWritten() throws Exception {
        ToyRunner toy = new ToyRunner();
        TracesEngine engine = new TracesEngine(toy);
        assertEquals("traces", engine.name());
        CellResult r = engine.check(SchemeId.RFC8684, AttackId.EAVESDROP_HANDSHAKE, options(tmp, 5, 200));
        assertEquals(Verdict.VIOLATED, r.verdict(), String.valueOf(r.reason()));
        assertEquals(List.of(PropertyId.JOIN_AUTHENTICITY), r.violated());
        Path json = tmp.resolve("cx/rfc8684/eavesdrop-handshake/traces.json");
        assertEquals(json, r.counterexample());
        JsonNode n = new ObjectMapper().readTree(json.toFile());
        assertEquals("mptcp-verify-counterexample/1", n.get("format").asText());
        assertEquals("traces", n.get("engine").asText());
        assertEquals("rfc8684", n.get("scheme").asText());
        assertEquals("eavesdrop-handshake", n.get("attack").asText());
        assertEquals("JoinAuthenticity", n.get("property").asText());
        assertTrue(n.get("keyedSide").isNull());
        assertFalse(n.get("attackerHasKey").asBoolean());
        List<String> actions = new ArrayList<>();
        n.get("actions").forEach(a -> actions.add(a.get("action").asText() + "(" + a.get("client").asText() + ")"));
        assertEquals(List.of("Connect(c1)", "Advertise(c1)", "ForgeJoin(c1)"), actions);
        assertEquals(3, n.get("segments").size());
        assertTrue(n.get("segments").get(0).get("hex").asText().startsWith("45"));
        assertTrue(n.get("tries").asInt() >= 1);
        assertTrue(n.get("shrinkSteps").asInt() >= 0);
        assertEquals(5, n.get("engineSeed").asLong());
        // The seed in the file draws the scenario; re-running the written actions still fails.
        assertTrue(n.get("originalActions").size() >= 3);
        // The pcap beside it holds the same segments, in order, at fixed times.
        List<org.mptcpverify.pcap.CapturedPacket> packets =
                org.mptcpverify.pcap.PcapReader.read(json.resolveSibling("traces.pcap"));
        assertEquals(n.get("segments").size(), packets.size());
        for (int i = 0; i < packets.size(); i++) {
            assertEquals(n.get("segments").get(i).get("hex").asText(),
                    java.util.HexFormat.of().formatHex(packets.get(i).ip()));
            long expectedMicros = 1_795_737_600_000_000L + n.get("segments").get(i).get("step").asLong() * 1_000_000L;
            assertEquals(expectedMicros * 1000L, packets.get(i).timestampNanos());
        }
        List<String> fieldOrder = new ArrayList<>();
        n.fieldNames().forEachRemaining(fieldOrder::add);
        assertEquals(List.of("format", "engine", "scheme", "attack", "property", "seed", "keyedSide",
                "attackerHasKey", "actions"), fieldOrder.subList(0, 9));
    }

    @Test
    void writtenCounterexamplesReplayAndAreMinimal() throws IOException {
        for (AttackId attack : AttackId.values()) {
            if (!org.mptcpverify.trace.ActionAlphabet.covers(attack)) continue; // generic attacker only: AddAddrReplayTest, SynFloodAmplificationTest
            CellResult r = new TracesEngine(new ToyRunner()).check(SchemeId.BROKEN, attack, options(tmp, 11, 400));
            assertEquals(Verdict.VIOLATED, r.verdict(), attack + ": " + r.reason());
            CounterexampleReplay cx = CounterexampleReplay.read(r.counterexample());
            cx.assertReplaysAndIsMinimal(new ToyRunner(), 6);
            // The toy's minima (ToyRunner): 3 actions, 4 for join-dos (Connect and three SYNs).
            assertEquals(attack == AttackId.JOIN_DOS ? 4 : 3, cx.actions().size(), attack + ": " + cx.describe());
        }
    }

    @Test
    void sameSeedGivesByteIdenticalFiles() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        for (AttackId attack : List.of(AttackId.EAVESDROP_HANDSHAKE, AttackId.JOIN_DOS, AttackId.TWO_KEYS_ONE_HOST)) {
            CellResult ra = new TracesEngine(new ToyRunner()).check(SchemeId.THESIS_XOR, attack, options(a, 77, 300));
            CellResult rb = new TracesEngine(new ToyRunner()).check(SchemeId.THESIS_XOR, attack, options(b, 77, 300));
            assertEquals(Verdict.VIOLATED, ra.verdict(), attack + ": " + ra.reason());
            assertEquals(ra.verdict(), rb.verdict());
            assertEquals(ra.bounds(), rb.bounds());
            assertArrayEquals(Files.readAllBytes(ra.counterexample()), Files.readAllBytes(rb.counterexample()));
            assertArrayEquals(Files.readAllBytes(ra.counterexample().resolveSibling("traces.pcap")),
                    Files.readAllBytes(rb.counterexample().resolveSibling("traces.pcap")));
            // Checked again in the same place: same bytes.
            byte[] before = Files.readAllBytes(ra.counterexample());
            CellResult again = new TracesEngine(new ToyRunner()).check(SchemeId.THESIS_XOR, attack, options(a, 77, 300));
            assertArrayEquals(before, Files.readAllBytes(again.counterexample()));
        }
    }

    /** Issue #16.1: a later run in the same work folder with another seed wrote the earlier seed's counterexample. */
    @Test
    void theSeedAloneDecidesTheBytesInAReusedFolder() throws IOException {
        CellResult seven = new TracesEngine(new ToyRunner()).check(SchemeId.RFC6824, AttackId.JOIN_DOS, options(tmp, 7, 500));
        assertEquals(Verdict.VIOLATED, seven.verdict());
        CellResult reused = new TracesEngine(new ToyRunner()).check(SchemeId.RFC6824, AttackId.JOIN_DOS, options(tmp, 8, 500));
        CellResult fresh = new TracesEngine(new ToyRunner()).check(SchemeId.RFC6824, AttackId.JOIN_DOS,
                options(tmp.resolve("fresh"), 8, 500));
        assertEquals(8, new ObjectMapper().readTree(reused.counterexample().toFile()).get("engineSeed").asLong());
        assertArrayEquals(Files.readAllBytes(fresh.counterexample()), Files.readAllBytes(reused.counterexample()));
        assertEquals(fresh.bounds(), reused.bounds());
        assertFalse(reused.bounds().containsKey("failedSeedsRerun"), "no re-run unless asked");
    }

    @Test
    void failedSeedIsReRunFirstWhenAsked() {
        ToyRunner first = new ToyRunner();
        EngineOptions o = options(tmp, 3, 500);
        CellResult r1 = new TracesEngine(first).check(SchemeId.RFC6824, AttackId.JOIN_DOS, o);
        assertEquals(Verdict.VIOLATED, r1.verdict());
        int tries = triesOf(r1);
        assertTrue(Files.isRegularFile(new FailedSeeds(o.workDir(), SchemeId.RFC6824, AttackId.JOIN_DOS, false).file()));
        // With another engine seed, the recorded failing try runs first and fails at once.
        ToyRunner second = new ToyRunner();
        EngineOptions o4 = options(tmp, 4, 500);
        EngineOptions asked = new EngineOptions(o4.seed(), o4.counterexampleRoot(), o4.workDir(), o4.timeout(),
                o4.tries(), false, true);
        CellResult r2 = new TracesEngine(second).check(SchemeId.RFC6824, AttackId.JOIN_DOS, asked);
        assertEquals(Verdict.VIOLATED, r2.verdict());
        assertEquals(1, r2.bounds().get("failedSeedsRerun"), "the re-run is recorded with the result");
        int shrinkRuns = shrinkRunsOf(r2);
        assertEquals(1 + shrinkRuns + 1, second.runs.get(), "found by the first try, then shrunk, then re-run once");
        assertTrue(tries >= 1);
    }

    @Test
    void checksOfSomePropertiesKeepTheirOwnFailedSeeds() {
        EngineOptions o = options(tmp, 3, 300);
        CellResult one = new TracesEngine(new ToyRunner()).check(SchemeId.RFC8684, AttackId.EAVESDROP_ALL,
                List.of(PropertyId.JOIN_AUTHENTICITY), o);
        assertEquals(Verdict.VIOLATED, one.verdict());
        Path subset = new FailedSeeds(o.workDir(), SchemeId.RFC8684, AttackId.EAVESDROP_ALL,
                List.of(PropertyId.JOIN_AUTHENTICITY), false).file();
        Path whole = new FailedSeeds(o.workDir(), SchemeId.RFC8684, AttackId.EAVESDROP_ALL, false).file();
        assertTrue(Files.isRegularFile(subset), subset.toString());
        assertFalse(Files.exists(whole), whole.toString());
        assertTrue(subset.getFileName().toString().contains("JoinAuthenticity"), subset.toString());
    }

    private static int triesOf(CellResult r) {
        try {
            return new ObjectMapper().readTree(r.counterexample().toFile()).get("tries").asInt();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static int shrinkRunsOf(CellResult r) {
        try {
            return new ObjectMapper().readTree(r.counterexample().toFile()).get("shrinkRuns").asInt();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Issue #16.8: {@code --tries 1} ran only Connect and reported HOLDS. */
    @Test
    void triesWithoutAnyAttackerActionAreInconclusiveNotHolds() {
        ToyRunner toy = new ToyRunner();
        CellResult r = new TracesEngine(toy).check(SchemeId.BOUND_KEY, AttackId.EAVESDROP_ALL, options(tmp, 9, 1));
        assertEquals(Verdict.INCONCLUSIVE, r.verdict(), String.valueOf(r.reason()));
        assertTrue(r.reason().contains("attacker action"), r.reason());
        // legit-join has no attacker: one try is a (tiny) HOLDS
        assertEquals(Verdict.HOLDS, new TracesEngine(new ToyRunner()).check(SchemeId.BOUND_KEY, AttackId.LEGIT_JOIN,
                options(tmp, 9, 1)).verdict());
    }

    /** The same secure toy with the attacker disabled: nothing violated, but nothing tried either. */
    @Test
    void aDisabledAttackerMakesAHoldingCellVacuous() {
        ToyRunner toy = new ToyRunner();
        ScenarioRunner disarmed = (scenario, actions) -> {
            RunOutcome o = toy.run(scenario, actions);
            List<Boolean> enabled = new ArrayList<>();
            for (int i = 0; i < actions.size(); i++) {
                enabled.add(!actions.get(i).byAttacker() && o.enabled().get(i));
            }
            return new RunOutcome(o.steps(), enabled, o.violations(), o.segments(), o.observations());
        };
        CellResult r = new TracesEngine(disarmed).check(SchemeId.BOUND_KEY, AttackId.EAVESDROP_ALL, options(tmp, 9, 120));
        assertEquals(Verdict.VACUOUS, r.verdict(), r.reason());
        assertEquals(0, r.witness().get("runsWithAttackerAction"));
        assertEquals(0L, r.witness().get("attackerActions"));
        assertTrue(r.reason().contains("never act"), r.reason());
    }

    /** Functional cells have no attacker by design: HOLDS, with no witness asked for, never VACUOUS. */
    @Test
    void aCellWithoutAttackerByDesignHoldsWithoutWitness() {
        assertFalse(AttackId.LEGIT_JOIN.hasAttacker());
        assertTrue(TraceGenerator.forAttack(AttackId.LEGIT_JOIN).capabilities().isEmpty());
        CellResult r = new TracesEngine(new ToyRunner()).check(SchemeId.BOUND_KEY, AttackId.LEGIT_JOIN, options(tmp, 9, 50));
        assertEquals(Verdict.HOLDS, r.verdict(), r.reason());
        assertTrue(r.witness().isEmpty());
    }

    @Test
    void holdsAfterAllTriesAndRemovesAStaleCounterexample() throws IOException {
        EngineOptions o = options(tmp, 9, 120);
        Path stale = TracesEngine.counterexampleFile(o.counterexampleRoot(), SchemeId.BOUND_KEY, AttackId.EAVESDROP_ALL);
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "{}");
        ToyRunner toy = new ToyRunner();
        CellResult r = new TracesEngine(toy).check(SchemeId.BOUND_KEY, AttackId.EAVESDROP_ALL, o);
        assertEquals(Verdict.HOLDS, r.verdict());
        assertEquals(120, toy.runs.get());
        assertEquals(120, r.bounds().get("tries"));
        assertEquals(9L, r.bounds().get("seed"));
        assertEquals(6, r.bounds().get("steps"));
        assertTrue((int) r.witness().get("runsWithAttackerAction") > 0);
        assertTrue((long) r.witness().get("attackerActions") >= (int) r.witness().get("runsWithAttackerAction"));
        int distinct = (int) r.bounds().get("distinctTraces");
        assertTrue(distinct > 10 && distinct <= 120, "distinctTraces " + distinct);
        assertNull(r.counterexample());
        assertFalse(Files.exists(stale));
    }

    @Test
    void exhaustiveWhenTheWholeSpaceFitsInTheTries() {
        ToyRunner toy = new ToyRunner();
        CellResult r = new TracesEngine(toy).check(SchemeId.BOUND_KEY, AttackId.ONE_SIDED_KEY, options(tmp, 2, 500));
        assertEquals(Verdict.HOLDS, r.verdict());
        // Brute force, independent of the engine: every rule-abiding trace up to 6 actions, once per keyedSide.
        int expected = 2 * TraceSpaceTest.bruteForce(AttackId.ONE_SIDED_KEY, 6).size();
        assertTrue(expected < 500, "space " + expected);
        assertEquals(expected, toy.runs.get());
        assertEquals(6, r.bounds().get("exhaustiveUpTo"));
        assertEquals(expected, r.bounds().get("enumerated"));
        assertEquals(0, r.bounds().get("random"));
    }

    @Test
    void nestedSchemeNamesBecomeFolders() {
        CellResult r = new TracesEngine(new ToyRunner()).check(SchemeId.DRAFT_BAERTS_LOW_ORDER,
                AttackId.FASTCLOSE_FORGE, options(tmp, 1, 300));
        assertEquals(Verdict.VIOLATED, r.verdict());
        assertEquals(tmp.resolve("cx/draft-baerts/low-order/fastclose-forge/traces.json"), r.counterexample());
    }

    @Test
    void exceptionIsInconclusiveWithTheReason() {
        ScenarioRunner boom = (s, a) -> {
            throw new IllegalStateException("reference exploded");
        };
        CellResult r = new TracesEngine(boom).check(SchemeId.RFC8684, AttackId.JOIN_DOS, options(tmp, 1, 10));
        assertEquals(Verdict.INCONCLUSIVE, r.verdict());
        assertTrue(r.reason().contains("reference exploded"), r.reason());
        assertNull(r.counterexample());
    }

    @Test
    void malformedOutcomeIsInconclusive() {
        ScenarioRunner shortOutcome = (s, a) -> new RunOutcome(List.of(), List.of(), List.of(), List.of(), List.of());
        CellResult r = new TracesEngine(shortOutcome).check(SchemeId.RFC8684, AttackId.JOIN_DOS, options(tmp, 1, 10));
        assertEquals(Verdict.INCONCLUSIVE, r.verdict());
        assertTrue(r.reason().contains("enabled flags"), r.reason());
    }

    @Test
    void timeoutIsInconclusiveNeverHolds() {
        EngineOptions o = new EngineOptions(1, tmp.resolve("cx"), tmp.resolve("work"), Duration.ZERO, 100, false);
        ScenarioRunner slow = (s, a) -> {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new ToyRunner().run(s, a);
        };
        CellResult r = new TracesEngine(slow).check(SchemeId.BOUND_KEY, AttackId.JOIN_DOS, o);
        assertEquals(Verdict.INCONCLUSIVE, r.verdict());
        assertTrue(r.reason().startsWith("timeout"), r.reason());
    }

    @Test
    void aRunThatHangsIsAbandonedAtTheTimeout() {
        ScenarioRunner hangs = (sc, a) -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("should have been abandoned");
        };
        EngineOptions o = new EngineOptions(1, tmp.resolve("cx"), tmp.resolve("work"), Duration.ofMillis(300), 10, false);
        long t0 = System.nanoTime();
        CellResult r = new TracesEngine(hangs).check(SchemeId.RFC8684, AttackId.JOIN_DOS, o);
        assertEquals(Verdict.INCONCLUSIVE, r.verdict());
        assertTrue(r.reason().startsWith("timeout after 0 of"), r.reason());
        assertTrue((System.nanoTime() - t0) / 1e9 < 10, "returned only after " + (System.nanoTime() - t0) / 1e9 + " s");
    }

    @Test
    void aHangWhileShrinkingStillGivesTheViolation() throws IOException {
        int[] calls = {0};
        // The first run fails; every later run hangs: no shrinking possible, but the violation is real.
        ScenarioRunner failsThenHangs = (sc, a) -> {
            if (calls[0]++ == 0) {
                return new ToyRunner().run(sc, a);
            }
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("should have been abandoned");
        };
        // Find a seed whose first try fails on the toy, so that the hang starts during shrinking.
        EngineOptions o = null;
        for (long seed = 0; seed < 200 && o == null; seed++) {
            EngineOptions candidate = new EngineOptions(seed, tmp.resolve("cx" + seed), tmp.resolve("w" + seed),
                    Duration.ofMillis(500), 1, false);
            if (new TracesEngine(new ToyRunner()).check(SchemeId.RFC8684, AttackId.EAVESDROP_HANDSHAKE, candidate).verdict()
                    == Verdict.VIOLATED) {
                o = new EngineOptions(seed, tmp.resolve("hang-cx"), tmp.resolve("hang-w"), Duration.ofMillis(500), 1, false);
            }
        }
        assertTrue(o != null, "no seed with a failing first try");
        CellResult r = new TracesEngine(failsThenHangs).check(SchemeId.RFC8684, AttackId.EAVESDROP_HANDSHAKE, o);
        assertEquals(Verdict.VIOLATED, r.verdict(), String.valueOf(r.reason()));
        JsonNode n = new ObjectMapper().readTree(r.counterexample().toFile());
        assertFalse(n.get("shrinkComplete").asBoolean());
        assertEquals(n.get("originalActions"), n.get("actions"));
    }

    @Test
    void nondeterministicRunnerIsCaught() {
        int[] calls = {0};
        // Reports a violation on its first call only: the shrunk trace can never be confirmed.
        ScenarioRunner flaky = (s, a) -> {
            RunOutcome o = new ToyRunner().run(s, a);
            List<RunOutcome.Violation> v = calls[0]++ == 0
                    ? List.of(new RunOutcome.Violation(PropertyId.JOIN_AUTHENTICITY, 0, "once")) : List.of();
            return new RunOutcome(o.steps(), o.enabled(), v, o.segments(), o.observations());
        };
        CellResult r = new TracesEngine(flaky).check(SchemeId.RFC8684, AttackId.EAVESDROP_HANDSHAKE, options(tmp, 1, 10));
        assertEquals(Verdict.INCONCLUSIVE, r.verdict(), String.valueOf(r.reason()));
        assertTrue(r.reason().contains("not deterministic"), r.reason());
        assertFalse(Files.exists(tmp.resolve("cx/rfc8684/eavesdrop-handshake/traces.json")));
    }
}
