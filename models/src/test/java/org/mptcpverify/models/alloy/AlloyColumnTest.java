package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.trace.ReferenceEnumeration;
import org.mptcpverify.trace.Replayer;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The whole Alloy column: every (scheme, attack) cell decided, agreeing with the Java reference's
 * own bounded search on the same cell, every counterexample well-formed and replaying, and the
 * `broken` control violated everywhere. No expected verdicts are written down here. Writes the
 * column with its bounds to target/alloy-column.txt.
 */
class AlloyColumnTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<SchemeId, Map<AttackId, CellResult>> COLUMN = new java.util.HashMap<>();
    private static double columnSeconds;

    @BeforeAll
    static void runColumn() throws IOException {
        EngineOptions opt = AlloyTestSupport.options("column");
        AlloyEngine engine = new AlloyEngine();
        StringBuilder table = new StringBuilder();
        long t0 = System.nanoTime();
        for (SchemeId scheme : SchemeId.modelledSchemes()) {
            Map<AttackId, CellResult> row = new EnumMap<>(AttackId.class);
            for (AttackId attack : AttackId.matrixAttacks()) {
                CellResult r = engine.check(scheme, attack, opt);
                row.put(attack, r);
                table.append(String.format("%-26s %-20s %-14s %s %s%n", scheme.wireName(), attack.wireName(),
                        r.verdict(), r.violated(), r.verdict() == Verdict.NOT_APPLICABLE ? "" : r.bounds()));
            }
            COLUMN.put(scheme, row);
        }
        columnSeconds = (System.nanoTime() - t0) / 1e9;
        table.append(String.format("total %.1f s%n", columnSeconds));
        Files.writeString(AlloyTestSupport.target().resolve("alloy-column.txt"), table.toString(), StandardCharsets.UTF_8);
    }

    static CellResult cell(SchemeId scheme, AttackId attack) {
        return COLUMN.get(scheme).get(attack);
    }

    /** Every applicable cell decided; violations with a well-formed counterexample, HOLDS from a solved translation. */
    @Test
    void everyCellIsDecidedAndWellFormed() throws IOException {
        List<String> problems = new ArrayList<>();
        for (SchemeId scheme : SchemeId.modelledSchemes()) {
            for (AttackId attack : AttackId.matrixAttacks()) {
                CellResult r = cell(scheme, attack);
                if (r.verdict() == Verdict.INCONCLUSIVE) {
                    problems.add(scheme + " / " + attack + ": INCONCLUSIVE " + r.reason());
                }
                if (r.verdict() == Verdict.VIOLATED) {
                    checkCounterexample(scheme, attack, r, problems);
                } else if (r.verdict() == Verdict.HOLDS) {
                    if (!r.violated().isEmpty() || r.counterexample() != null) {
                        problems.add(scheme + " / " + attack + ": HOLDS with violations or a counterexample");
                    }
                    if (!(r.bounds().get("clauses") instanceof Integer c) || c <= 0) {
                        problems.add(scheme + " / " + attack + ": HOLDS without a solved translation");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** Not-applicable cells are exactly those without an applicable property (AttackId's rule, not ours). */
    @Test
    void notApplicableExactlyWhereNoPropertyApplies() {
        for (SchemeId scheme : SchemeId.modelledSchemes()) {
            for (AttackId attack : AttackId.matrixAttacks()) {
                assertEquals(attack.applicableProperties(scheme).isEmpty(),
                        cell(scheme, attack).verdict() == Verdict.NOT_APPLICABLE, scheme + " / " + attack);
            }
        }
    }

    /** Negative control 1: `broken` violates every property, in every cell. */
    @Test
    void brokenViolatesEveryProperty() {
        Set<PropertyId> violated = EnumSet.noneOf(PropertyId.class);
        for (AttackId attack : AttackId.matrixAttacks()) {
            CellResult r = cell(SchemeId.BROKEN, attack);
            assertEquals(Verdict.VIOLATED, r.verdict(), attack + ": " + r);
            // (the properties the models judge: JoinAnswerAuthenticity is the traces engine's only)
            assertEquals(attack.modelledProperties(SchemeId.BROKEN), r.violated(), attack.toString());
            violated.addAll(r.violated());
        }
        Set<PropertyId> modelled = EnumSet.noneOf(PropertyId.class);
        AttackId.matrixAttacks().forEach(a -> modelled.addAll(a.modelledProperties(SchemeId.BROKEN)));
        assertEquals(modelled, violated);
    }

    /**
     * Model -> reference: every alloy.json counterexample re-run on the Java reference (real
     * bytes, real crypto) violates its property again. A model step the reference cannot take,
     * or a violation only the model sees, fails the build.
     */
    @Test
    void everyCounterexampleReplaysOnTheReference() throws Exception {
        Replayer replayer = new Replayer();
        List<String> failures = new ArrayList<>();
        int replayed = 0;
        for (SchemeId scheme : SchemeId.modelledSchemes()) {
            for (AttackId attack : AttackId.matrixAttacks()) {
                CellResult r = cell(scheme, attack);
                if (r.verdict() != Verdict.VIOLATED) {
                    continue;
                }
                Replayer.Replay replay = replayer.replay(r.counterexample());
                replayed++;
                if (!replay.reproduced()) {
                    failures.add(String.join("\n    ", replay.report()));
                }
            }
        }
        assertTrue(replayed > 0);
        assertEquals(List.of(), failures, "counterexamples that do not replay");
    }

    /**
     * Reference -> model, bounded: every action list of the attack's vocabulary up to
     * {@link ReferenceEnumeration#COUNTEREXAMPLE_BOUND} (3) actions run on the reference violates
     * exactly the properties the model finds violated in that cell. The model's scope is larger,
     * and the longest committed counterexample of any engine has 3 actions (ReferenceEnumerationTest
     * keeps the bound above it). A HOLDS the reference refutes, or a violation it cannot reach, fails.
     */
    @Test
    void referenceAgreesOnEveryCell() {
        List<String> differ = new ArrayList<>();
        for (SchemeId scheme : SchemeId.modelledSchemes()) {
            for (AttackId attack : AttackId.matrixAttacks()) {
                CellResult r = cell(scheme, attack);
                if (r.verdict() == Verdict.NOT_APPLICABLE) {
                    continue;
                }
                Set<PropertyId> ref = ReferenceEnumeration.violated(scheme, attack,
                        ReferenceEnumeration.COUNTEREXAMPLE_BOUND, AlloyTestSupport.SEED);
                Set<PropertyId> model = EnumSet.noneOf(PropertyId.class);
                model.addAll(r.violated());
                // Alloy reports every violated property of the cell, so the sets must be equal.
                ReferenceEnumeration.disagreement(r.verdict(), model, ref)
                        .or(() -> ref.equals(model) ? Optional.empty()
                                : Optional.of("reference " + ref + ", alloy " + model))
                        .ifPresent(d -> differ.add(scheme + " / " + attack + ": " + d));
            }
        }
        assertEquals(List.of(), differ);
    }

    /** Same cell, same bytes, in another work folder: the files carry no run- or machine-specific data. */
    @Test
    void counterexampleFilesAreReproducible() throws IOException {
        CellResult first = cell(SchemeId.THESIS_XOR, AttackId.EAVESDROP_ALL);
        CellResult again = new AlloyEngine().check(SchemeId.THESIS_XOR, AttackId.EAVESDROP_ALL,
                AlloyTestSupport.options("determinism"));
        assertEquals(first.verdict(), again.verdict());
        for (String f : new String[] {"alloy.json", "alloy.xml"}) {
            assertArrayEquals(Files.readAllBytes(first.counterexample().resolveSibling(f)),
                    Files.readAllBytes(again.counterexample().resolveSibling(f)), f);
        }
    }

    private static void checkCounterexample(SchemeId scheme, AttackId attack, CellResult r, List<String> problems)
            throws IOException {
        String cell = scheme + " / " + attack + ": ";
        Path json = r.counterexample();
        if (json == null || !Files.isRegularFile(json)) {
            problems.add(cell + "no alloy.json");
            return;
        }
        if (!Files.isRegularFile(json.resolveSibling("alloy.xml"))
                || !Files.readString(json.resolveSibling("alloy.xml")).contains("<instance")) {
            problems.add(cell + "no alloy.xml instance");
        }
        JsonNode doc = JSON.readTree(json.toFile());
        assertEquals("mptcp-verify-counterexample/1", doc.path("format").asText(), cell);
        assertEquals("alloy", doc.path("engine").asText(), cell);
        assertEquals(scheme.wireName(), doc.path("scheme").asText(), cell);
        assertEquals(attack.wireName(), doc.path("attack").asText(), cell);
        PropertyId p = PropertyId.byName(doc.path("property").asText()).orElse(null);
        if (p == null || !r.violated().contains(p)) {
            problems.add(cell + "property " + doc.path("property") + " not among the violated " + r.violated());
        }
        JsonNode actions = doc.path("actions");
        assertTrue(actions.isArray() && actions.size() > 0, cell + "empty action list");
        assertEquals(actions.size(), doc.path("steps").asInt(), cell + "steps");
        assertEquals(attack == AttackId.ONE_SIDED_KEY, doc.path("keyedSide").isTextual(), cell + "keyedSide");
        boolean attackerActs = false;
        for (JsonNode a : actions) {
            String name = a.path("action").asText();
            attackerActs |= List.of("ForgeJoin", "SpoofJoinSyn", "RewriteJoin", "ForgeAddAddr", "ForgeFastClose")
                    .contains(name);
            if (!a.path("client").asText().matches("c[12]")) {
                problems.add(cell + "bad client in " + a);
            }
        }
        boolean activeAttack = switch (attack) {
            case LEGIT_JOIN, NAT_JOIN, ONE_SIDED_KEY, TWO_KEYS_ONE_HOST -> false;
            default -> true;
        };
        // ExternalKeySecrecy can fall to observation alone; every other attack property needs an attacker action.
        if (activeAttack && !attackerActs && !doc.path("property").asText().equals("ExternalKeySecrecy")) {
            problems.add(cell + "counterexample without an attacker action: " + actions);
        }
        if (!activeAttack && attackerActs) {
            problems.add(cell + "attacker action in a scenario without attacker: " + actions);
        }
    }
}
