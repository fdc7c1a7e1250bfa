package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.mit.csail.sdg.alloy4.Err;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The Alloy generic core's cell modules (models/alloy/core): one {@code check} per applicable
 * property under its shared name, a witness {@code run}, the same scope on every command; and
 * generated scheme modules type-check with the core (a broken one does not). Cheap:
 * parsing only; solving is {@link AlloyCoreAgreementTest}'s (opt-in).
 */
class AlloyCoreCellsTest {
    static final Path WORK = Path.of("target", "alloy-core-test").toAbsolutePath();

    @Test
    void everyCellChecksEachApplicablePropertyOnceWithOneScope() {
        for (SchemeId s : AlloyCoreCell.covered()) {
            for (AttackId a : AttackId.matrixAttacks()) {
                if (a.applicableProperties(s).isEmpty()) {
                    continue;
                }
                for (AlloyCoreCell c : AlloyCoreCell.of(s, a)) {
                    String text = c.render(c.dag());
                    for (PropertyId p : c.properties()) {
                        // the knowledge self-check rides on the first property's check where the cell has rounds
                        boolean folded = AlloyCoreKnowledge.needed(c) && p == c.properties().get(0);
                        String body = folded ? "(" + p.modelName() + " and knowledgeIsClosed)" : p.modelName();
                        assertEquals(1, count(text, "check " + p.modelName() + " { always " + body + " } "), c + ": " + p);
                        assertEquals(1, count(text, "check " + p.modelName() + " "), c + ": one check of " + p);
                    }
                    assertEquals(AlloyCoreKnowledge.needed(c), text.contains("knowledgeIsClosed"), c + ": closure checked iff rounds");
                    int selfCheck = 0; // no rounds: nothing to close; rounds: closed by the first check
                    assertEquals(c.properties().size() + selfCheck, count(text, "\ncheck "), c + ": one check per property + the self-check");
                    assertEquals(selfCheck, count(text, "\ncheck " + AlloyCoreCell.KNOWLEDGE_IS_CLOSED + " "), c + ": the self-check");
                    assertEquals(1, count(text, "\nrun " + AlloyCoreCell.WITNESS + " "), c + ": the witness");
                    if (a.hasAttacker()) { // it reaches a check of a kind the cell's properties depend on, no other
                        assertEquals(1, count(text, "run " + AlloyCoreCell.WITNESS + " { eventually some r: Reached | r.m in "
                                + String.join(" + ", org.mptcpverify.engine.WitnessChecks.kinds(c.properties())) + " } "), c + ": " + text);
                    }
                    Matcher m = Pattern.compile(" (for 12 but [^\\n]*)\\n").matcher(text);
                    String first = null;
                    while (m.find()) {
                        first = first == null ? m.group(1) : first;
                        assertEquals(first, m.group(1), c + ": every command at the cell's scope");
                    }
                    assertTrue(first != null && first.contains("exactly 1 " + AlloyNames.of(a)), c + ": the profile is selected");
                }
            }
        }
    }

    /**
     * The generated modules of four schemes that between them use every construct the generator
     * emits (XOR, the host-wide key and the RECENT lookup: thesis-xor-global; key agreement:
     * draft-baerts; ticket window and once: bound-key; the
     * plain v1 tables: rfc8684); each parse costs about a minute on the loaded 2-core machine, so
     * not all eight covered schemes are parsed in CI (their generation is, GeneratedAlloySchemeTest).
     */
    @Test
    void schemesUsingEveryGeneratedConstructTypeCheckWithTheCore() throws Err {
        for (SchemeId s : java.util.List.of(SchemeId.RFC8684, SchemeId.BOUND_KEY, SchemeId.THESIS_XOR_GLOBAL, SchemeId.DRAFT_BAERTS)) {
            assertTrue(AlloyCoreCell.covered().contains(s), s + " is covered");
            AlloyCoreChecker.parse(AlloyCoreCell.of(s, AttackId.JOIN_DOS).get(0), WORK);
        }
    }

    /**
     * A cell's scheme module keeps, of the per-message functions and the lookup, exactly the full
     * module's entries of the modes its ends can run (the negotiated pair for who holds the key),
     * and loses the others: bound-key and draft-paasch with the key at both ends run only their
     * keyed mode, draft-paasch's client-only one-sided-key cell only its keyless one.
     */
    @Test
    void aCellsSchemeModuleKeepsExactlyTheEntriesOfItsLiveModes() {
        for (SchemeId s : AlloyCoreCell.covered()) {
            String full = AlloyCoreSchemes.render(s);
            for (AttackId a : List.of(AttackId.JOIN_DOS, AttackId.ONE_SIDED_KEY)) {
                for (AlloyCoreCell c : AlloyCoreCell.of(s, a)) {
                    Set<String> cell = new TreeSet<>();
                    for (String line : c.schemeModule().split("\n")) {
                        cell.add(line.strip().replaceFirst("^else ", ""));
                    }
                    Set<String> live = new TreeSet<>();
                    c.liveModes().forEach(m -> live.add(AlloySchemeModule.mode(m)));
                    for (String line : full.split("\n")) {
                        String entry = line.strip().replaceFirst("^else ", "");
                        Matcher m = Pattern.compile("^m = (M_\\w+) => ").matcher(entry);
                        if (m.find()) {
                            assertEquals(live.contains(m.group(1)), cell.contains(entry), c + ": " + line);
                        }
                    }
                }
            }
        }
        AlloyCoreCell both = AlloyCoreCell.of(SchemeId.BOUND_KEY, AttackId.JOIN_DOS).get(0);
        assertEquals(Set.of("bound"), both.liveModes());
        assertTrue(!both.schemeModule().contains("m = M_keyless =>") && both.schemeModule().contains("m = M_bound =>"));
        AlloyCoreCell clientOnly = AlloyCoreCell.of(SchemeId.DRAFT_PAASCH, AttackId.ONE_SIDED_KEY).get(0);
        assertEquals("CLIENT", clientOnly.keyedSide());
        assertEquals(Set.of("keyless"), clientOnly.liveModes());
        assertEquals(Set.of("app"), AlloyCoreCell.of(SchemeId.DRAFT_PAASCH, AttackId.JOIN_DOS).get(0).liveModes());
    }

    @Test
    void aSchemeModuleThatNamesAnUnknownSlotIsRejected() throws Exception {
        AlloyCoreCell cell = AlloyCoreCell.of(SchemeId.RFC8684, AttackId.JOIN_DOS).get(0);
        Path file = AlloyCoreChecker.writeCell(cell, WORK.resolve("mutant"));
        Path scheme = file.getParent().resolve("scheme.als");
        String text = Files.readString(scheme);
        assertTrue(text.contains("fun jslots: set SlotName { S_Ra + S_Rb }"), "the generated jslots");
        Files.writeString(scheme, text.replace("fun jslots: set SlotName { S_Ra + S_Rb }", "fun jslots: set SlotName { S_Ra + S_Rc }"));
        assertThrows(Err.class, () -> AlloyRunner.parse(file, AlloyAnalyzer.DEFAULT_SOLVER, file.getParent()));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

}
