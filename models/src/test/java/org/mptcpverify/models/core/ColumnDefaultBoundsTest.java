package org.mptcpverify.models.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mptcpverify.engine.Bounds;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * A column's default bounds belong to its attacker profile (CoreBounds.standard,
 * docs/threat-model.md "Default bounds per column"): what tlc resolves and reports for a cell is
 * the column's default, and a user's --bounds overrides it.
 */
class ColumnDefaultBoundsTest {
    @Test
    void theResolvedBoundsAreTheColumnsDefaultAndTheUsersOverrideWins() {
        CoreEngine tlc = new CoreEngine(1);
        for (AttackId a : AttackId.matrixAttacks()) {
            int standard = CoreBounds.standard(a).injections();
            assertEquals(standard, tlc.resolve(SchemeId.THESIS_XOR, a, Bounds.NONE).values().get("injections"), a.wireName());
            int other = standard == 1 ? 2 : 1;
            assertEquals(other, tlc.resolve(SchemeId.THESIS_XOR, a, Bounds.parse("injections=" + other)).values()
                    .get("injections"), a.wireName());
        }
        // the two eavesdropper columns differ: the handshake-only one is affordable at three
        assertEquals(CoreBounds.standard(AttackId.EAVESDROP_ALL).injections() + 1,
                tlc.resolve(SchemeId.DRAFT_PAASCH, AttackId.EAVESDROP_HANDSHAKE, Bounds.NONE).values().get("injections"));
        // the man in the middle of the handshake injects what the handshake eavesdropper does (the
        // thesis attack's three segments), on top of its handshake edits
        assertEquals(tlc.resolve(SchemeId.THESIS_XOR, AttackId.EAVESDROP_HANDSHAKE, Bounds.NONE).values().get("injections"),
                tlc.resolve(SchemeId.THESIS_XOR, AttackId.HANDSHAKE_MITM, Bounds.NONE).values().get("injections"));
        assertEquals(CoreBounds.standard(AttackId.HANDSHAKE_DOWNGRADE).rewrites(),
                tlc.resolve(SchemeId.THESIS_XOR, AttackId.HANDSHAKE_MITM, Bounds.NONE).values().get("rewrites"));
    }
}
