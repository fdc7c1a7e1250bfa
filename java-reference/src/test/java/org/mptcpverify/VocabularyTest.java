package org.mptcpverify;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

class VocabularyTest {
    @Test
    void namesAreUniqueAndRoundTrip() {
        for (SchemeId s : SchemeId.values()) assertEquals(s, SchemeId.byName(s.wireName()).orElseThrow());
        for (AttackId a : AttackId.values()) assertEquals(a, AttackId.byName(a.wireName()).orElseThrow());
        for (PropertyId p : PropertyId.values()) assertEquals(p, PropertyId.byName(p.modelName()).orElseThrow());
        assertEquals(SchemeId.values().length,
                new HashSet<>(Arrays.stream(SchemeId.values()).map(SchemeId::wireName).toList()).size());
    }

    @Test
    void externalKeyPropertiesDoNotApplyToTheRfcs() {
        assertTrue(AttackId.ONE_SIDED_KEY.applicableProperties(SchemeId.RFC8684).isEmpty());
        assertEquals(1, AttackId.EAVESDROP_ALL.applicableProperties(SchemeId.RFC6824).size());
        assertEquals(2, AttackId.EAVESDROP_ALL.applicableProperties(SchemeId.THESIS_XOR).size());
        assertFalse(SchemeId.matrixSchemes().contains(SchemeId.BROKEN));
    }
}
