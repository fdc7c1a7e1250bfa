package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The bounds the Alloy core's translation depends on (docs/models.md, "Alloy generic core",
 * second measurements): the typed value sigs of dag.als hold the values slots and fields take,
 * and the command scope's integer width covers the numbers the core compares. Pure: no solving.
 */
class AlloyCoreTypingTest {

    private static List<String> atoms(String dag, String sig) {
        Matcher m = Pattern.compile("(?m)^sig " + sig + " in (.*) \\{\\}$").matcher(dag);
        assertTrue(m.find(), "dag.als declares " + sig);
        return List.of(m.group(1).split(" \\+ "));
    }

    private static String termNamed(String dag, String pretty) {
        Matcher m = Pattern.compile("(?m)^-- (T\\d+) = " + Pattern.quote(pretty) + "$").matcher(dag);
        assertTrue(m.find(), "the universe holds " + pretty);
        return m.group(1);
    }

    @Test
    void valueSigsHoldWhatSlotsAndFieldsCarry() {
        String dag = AlloyCoreCell.of(SchemeId.RFC8684, AttackId.JOIN_DOS).get(0).dag().text();
        List<String> slots = atoms(dag, "SlotVal");
        // the keys both ends keep, and the attacker's atom a server join state stores from a forged JOIN_SYN
        assertTrue(slots.containsAll(List.of("N_c1_MPC_SYN", "N_c1_MPC_SYNACK", "X1")), slots.toString());
        assertFalse(slots.contains(termNamed(dag, "token(N_c1_MPC_SYNACK)")), "no slot holds a token");
        List<String> fields = atoms(dag, "FieldVal");
        // an honest JOIN_SYN's token, and the address an ADD_ADDR carries
        assertTrue(fields.containsAll(List.of(termNamed(dag, "token(N_c1_MPC_SYNACK)"), "SA2", "X1")), fields.toString());
        assertTrue(dag.contains("fact slotvalExact { SlotVal = " + String.join(" + ", slots) + " }"), "SlotVal is exactly its atoms");
    }

    @Test
    void integerWidthCoversTheBounds() {
        AlloyCoreScope standard = AlloyCoreScope.standard(AttackId.JOIN_DOS);
        assertEquals(4, standard.intBits(), "-8..7: the narrowest width for the standard bounds");
        for (int inj : new int[] {7, 8, 20, 100}) {
            int bits = new AlloyCoreScope(1, 1, inj, 0, 10).intBits();
            assertTrue((1 << (bits - 1)) - 1 >= inj, inj + " injections fit " + bits + " bits");
            assertTrue((1 << (bits - 2)) - 1 < Math.max(7, inj + 1), "not wider than needed for " + inj);
        }
        String sc = standard.commandScope(AttackId.JOIN_DOS, Map.of("Term", 83));
        assertTrue(sc.contains("exactly 10 steps, 4 Int"), sc);
    }
}
