package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.mit.csail.sdg.alloy4.Err;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The cell's generated knowledge.als (session 11): rounds exactly where something reads the
 * knowledge (an attacker profile's forge, ExternalKeySecrecy), as many synthesis rounds as the
 * universe needs, and an attacker-free cell without rounds still type-checks with the core.
 * Cheap: one parse, no solving.
 */
class AlloyCoreKnowledgeTest {

    @Test
    void roundsExactlyWhereAnActionOrAJudgedPropertyReadsTheKnowledge() {
        int withRounds = 0;
        int without = 0;
        for (SchemeId s : AlloyCoreCell.covered()) {
            for (AttackId a : AttackId.matrixAttacks()) {
                for (AlloyCoreCell c : AlloyCoreCell.of(s, a)) {
                    boolean reads = a.hasAttacker() || c.properties().contains(PropertyId.EXTERNAL_KEY_SECRECY);
                    assertEquals(reads, AlloyCoreKnowledge.needed(c), c + ": rounds iff something reads them");
                    if (reads) {
                        withRounds++;
                    } else {
                        without++;
                    }
                }
            }
        }
        assertTrue(withRounds > 0 && without > 0, "both forms occur: " + withRounds + " with, " + without + " without");
        // the modules of both forms (a universe per cell is seconds of CPU: a few cells)
        for (AlloyCoreCell c : java.util.List.of(AlloyCoreCell.of(SchemeId.RFC8684, AttackId.JOIN_DOS).get(0),
                AlloyCoreCell.of(SchemeId.RFC8684, AttackId.EAVESDROP_ALL).get(0),
                AlloyCoreCell.of(SchemeId.RFC8684, AttackId.LEGIT_JOIN).get(0),
                AlloyCoreCell.of(SchemeId.DRAFT_BAERTS, AttackId.TWO_KEYS_ONE_HOST).get(0))) {
            AlloyTermDag.Rendered dag = c.dag();
            String k = AlloyCoreKnowledge.render(c, dag);
            boolean reads = AlloyCoreKnowledge.needed(c);
            assertEquals(reads, k.contains("fact knowledgeRounds"), c + ": rounds iff needed");
            assertEquals(reads, k.contains("pred knowledgeIsClosed"), c + ": the self-check iff rounds");
            assertTrue(k.contains("var sig Base in Term {}"), c + ": core.als updates Base in every cell");
            if (reads) {
                int r = AlloyCoreKnowledge.synthRounds(dag);
                // the three synthesis stacks have r rounds each
                assertEquals(r, count(k, " = synthStep[Base, "), c + ": rounds over the base");
                assertEquals(r, count(k, " = synthStep[Kn1, "), c + ": rounds after the first analysis");
                assertEquals(r, count(k, " = synthStep[Know, "), c + ": rounds after the second analysis");
                assertTrue(k.contains("Synth = synthStep[Know, "), c + ": the last round is Synth");
            } else {
                assertTrue(k.contains("fun know: set Term { Term - Term }") && k.contains("fun synthK: set Term { Term - Term }"), c + ": empty");
            }
        }
    }

    /**
     * The rounds reach every term of the universe, and no fewer would: a term needs at least its
     * structural depth (AlloyTermDag.depth: one constructor per round) and a sum of n operands
     * ceil(log2 n) XOR steps on top of its operands'. Bound-key's ticket (depth 5) needs more
     * rounds than RFC 8684's universe, whose deepest term is an HMAC over a concatenation.
     */
    @Test
    void synthesisRoundsCoverTheDeepestTermAndNoMore() {
        for (SchemeId s : AlloyCoreCell.covered()) {
            AlloyTermDag.Rendered dag = AlloyCoreCell.of(s, AttackId.JOIN_DOS).get(0).dag();
            int r = AlloyCoreKnowledge.synthRounds(dag);
            int deepest = dag.terms().values().stream().mapToInt(AlloyTermDag::depth).max().orElse(0);
            assertTrue(r >= Math.max(1, deepest), s + ": " + r + " rounds for depth " + deepest);
            assertTrue(r <= 6, s + ": at most the six fixed rounds of sessions 7-10, " + r);
        }
        int bound = AlloyCoreKnowledge.synthRounds(AlloyCoreCell.of(SchemeId.BOUND_KEY, AttackId.JOIN_DOS).get(0).dag());
        int rfc = AlloyCoreKnowledge.synthRounds(AlloyCoreCell.of(SchemeId.RFC8684, AttackId.JOIN_DOS).get(0).dag());
        assertTrue(bound >= 5 && rfc < bound, "bound-key " + bound + ", rfc8684 " + rfc);
    }

    /** An attacker-free cell (no rounds, empty know/synthK) type-checks with the core; its module has no self-check. */
    @Test
    void anAttackerFreeCellTypeChecksWithoutRounds() throws Err, Exception {
        AlloyCoreCell c = AlloyCoreCell.of(SchemeId.RFC6824, AttackId.LEGIT_JOIN).get(0);
        assertFalse(AlloyCoreKnowledge.needed(c));
        Path work = AlloyCoreCellsTest.WORK.resolve("knowledge");
        AlloyCoreChecker.parse(c, work);
        Path dir = work.resolve(c.moduleName());
        assertFalse(Files.readString(dir.resolve("knowledge.als")).contains("synthStep"), "no rounds written");
        assertFalse(Files.readString(dir.resolve(c.moduleName() + ".als")).contains("nowledgeIsClosed"), "no self-check");
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
